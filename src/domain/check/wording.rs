//! How a plan's Japanese reads: vague goal words, deficit-only phrasing, jargon, long
//! sentences. Word lists, not grammar: each list is short and the tests show what it
//! catches and what it leaves alone, so a false alarm is easy to trace and fix.

use super::super::plan::SERVICE_KINDS;
use super::super::text::{to_half_width, Haystack};

/// Phrases that name no concrete picture of a life (checks.md: 「安定した生活」「安心して暮らしたい」
/// 「楽しく過ごす」 and the like).
const VAGUE: &[&str] = &[
    "安定した生活",
    "安定した暮らし",
    "安定して暮らす",
    "安定して過ごす",
    "安心して暮らす",
    "安心して暮らせる",
    "安心した生活",
    "安心して生活",
    "安心して過ごす",
    "楽しく過ごす",
    "楽しく暮らす",
    "充実した生活",
    "充実した日々",
    "穏やかに過ごす",
    "穏やかに暮らす",
    "穏やかな生活",
    "自分らしく暮らす",
    "自分らしい生活",
    "その人らしい生活",
    "健康に過ごす",
    "健康的な生活",
    "豊かな生活",
    "生活の質の向上",
    "自立した生活を送る",
    // 「生活リズムを整える」: the commonest goal of all, and says nothing of the day it means.
    "生活リズムを整える",
];

/// The vague phrase in `text`, if the text has nothing concrete beside it (a number, a
/// frequency, a time).
pub fn vague_phrase(text: &str) -> Option<&'static str> {
    let hay = Haystack::new(text);
    let found = VAGUE.iter().find(|p| hay.has(p))?;
    (!is_concrete(text)).then_some(*found)
}

/// A number, a count or a frequency: something one could check a year on.
fn is_concrete(text: &str) -> bool {
    let half = to_half_width(text);
    half.chars().any(|c| c.is_ascii_digit())
        || ["一人で", "ひとりで", "毎日", "毎朝", "毎週", "毎月", "週"].iter().any(|w| text.contains(w))
        || counts_times(text)
}

/// 「二回」「数回」「毎回」: 回 as a count. Not the 回 of 回復 or 見回り, which a vague goal
/// often carries (「体調の回復を図り、安定した生活を送る」). Digits are seen by the caller.
fn counts_times(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| w[1] == '回' && "一二三四五六七八九十百数毎何".contains(w[0]))
}

/// Words that describe what the person cannot do or what goes wrong.
const DEFICIT: &[&str] = &[
    "できない", "出来ない", "できず", "困難", "苦手", "難しい", "問題", "が多い", "が少ない",
    "不足", "不安定", "拒否", "トラブル", "乏しい", "低下", "欠如",
    // Can't-forms of other verbs: 「うまくとれない」「眠れない」「行けない」「話せない」「読めない」
    "れない", "けない", "せない", "めない", "てない", "わからない", "分からない",
];

/// Words that turn a sentence into a wish or a direction (〜したい, 〜ように, 希望).
/// (Not 「になる」 alone: 「夜になると…できない」 is a deficit; 「〜できるようになる」 has 「よう」.)
const WISH: &[&str] = &["たい", "ように", "よう", "希望", "願い", "ほしい", "欲しい", "続け", "目指", "増やす", "いきたい"];

/// Whether `text` says only what is wrong: a deficit word with no wish beside it.
pub fn is_deficit_only(text: &str) -> bool {
    let text = text.trim();
    let hay = Haystack::new(text);
    !text.is_empty() && DEFICIT.iter().any(|w| hay.has(w)) && !WISH.iter().any(|w| hay.has(w))
}

/// Terms of the trade a person is not expected to know (checks.md: ADL, 支給量, 区分 …).
const JARGON: &[&str] = &[
    "ADL", "IADL", "QOL", "支給量", "障害支援区分", "支援区分", "アセスメント", "モニタリング",
    "インフォーマル", "フォーマル", "エンパワメント", "ストレングス", "ケアマネジメント",
    "社会資源", "日中活動", "サービス等利用計画", "服薬コンプライアンス", "受容", "傾聴",
];

/// Shortened names of services and trade abbreviations, as offices say them among
/// themselves (「重訪」 for 重度訪問介護): a person reading the plan cannot know them.
/// Short Latin ones are matched as whole words only (see [`jargon`]).
pub const ABBREVIATIONS: &[&str] = &[
    "重訪", "行援", "移支", "同援", "居介", "生介", "就B", "就A", "就労B", "就労A", "就移", "就定",
    "放デイ", "児発", "計相", "訪看", "居宅", "GH", "SS", "PT", "OT", "ST", "CW", "MSW", "PSW", "Ns",
    "ADL", "IADL", "QOL",
];

/// The jargon terms used in `text` (ASCII compared after folding full-width letters).
pub fn jargon(text: &str) -> Vec<&'static str> {
    terms_in(text, JARGON)
}

/// Full names that hold an abbreviation's letters, taken out before abbreviations are looked for.
const FULL_NAMES: &[&str] = &["計画相談支援", "障害児相談支援", "保育所等訪問支援", "居宅訪問型児童発達支援", "就労選択支援", "居宅介護支援", "就労継続支援A型", "就労継続支援B型"];

/// The abbreviations of [`ABBREVIATIONS`] used in `text`: for the goal table's rows, where a
/// service's own name (「モニタリング」 of 計画相談支援) is fine but 「重訪」 is not.
pub fn abbreviations(text: &str) -> Vec<&'static str> {
    // 「同行援護」 holds 「行援」: read what is left once the full names are taken out.
    let mut rest = text.to_owned();
    // Names are replaced by 「・」, which no list word holds: `hay` still tells what cannot be
    // in `rest` (`Haystack::may_have`).
    let hay = Haystack::new(text);
    for name in FULL_NAMES.iter().chain(SERVICE_KINDS) {
        if hay.may_have(name) && rest.contains(name) {
            rest = rest.replace(name, "・");
        }
    }
    terms_in(&rest, ABBREVIATIONS)
}

fn terms_in(text: &str, list: &'static [&'static str]) -> Vec<&'static str> {
    let half = to_half_width(text).to_uppercase();
    let hay = Haystack::new(&half);
    let mut found: Vec<&'static str> = list
        .iter()
        .copied()
        .filter(|t| {
            // Most terms are Japanese or already upper case: no new string for those (this
            // runs for every term on every check, the checker's hottest loop).
            let t_upper: std::borrow::Cow<str> =
                if t.chars().any(char::is_lowercase) { t.to_uppercase().into() } else { (*t).into() };
            if t.chars().all(|c| c.is_ascii_alphanumeric()) {
                latin_word_in(&hay, &t_upper)
            } else {
                hay.has(&t_upper)
            }
        })
        .collect();
    // 「障害支援区分」 contains 「支援区分」, 「IADL」 contains 「ADL」: report the longer only.
    let all = found.clone();
    found.retain(|t| !all.iter().any(|o| o != t && o.contains(t)));
    found
}

/// Whether `word` (Latin letters) stands in `text` as a word of its own: 「PT」 in 「PTと歩く」
/// but not in 「APT」 or 「PTA」.
fn latin_word_in(hay: &Haystack, word: &str) -> bool {
    let text = hay.text();
    hay.may_have(word) && text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Sentences longer than this many characters are hard to read aloud to the person.
pub const LONG_SENTENCE: usize = 90;

/// The first sentence of `text` longer than [`LONG_SENTENCE`] characters.
pub fn long_sentence(text: &str) -> Option<&str> {
    text.split(['。', '！', '？', '\n']).map(str::trim).find(|s| s.chars().count() > LONG_SENTENCE)
}

/// Words that give a reason (「〜のため」「〜ので」「理由」): a plan typed elsewhere writes the
/// municipality's 「なぜ」 inside the content cell or in その他留意事項 rather than in a field of
/// its own.
const REASON: &[&str] = &["ため", "ので", "理由", "から、", "からです", "よう、", "ように", "必要がある", "必要な", "に備え", "を防ぐ", "負担"];

/// Whether `text` gives a reason for something.
pub fn gives_reason(text: &str) -> bool {
    let hay = Haystack::new(text);
    REASON.iter().any(|w| hay.has(w))
}

/// An amount written in words: a frequency (週3回, 月2回, 毎日, 平日, 週5日) or a length (2時間, 30分).
pub fn names_amount(text: &str) -> bool {
    let half = to_half_width(text);
    let chars: Vec<char> = half.chars().collect();
    let counted = chars.windows(2).any(|w| (w[0].is_ascii_digit() || "一二三四五六七八九十数".contains(w[0])) && "回日時分".contains(w[1]));
    counted || ["毎日", "毎朝", "毎晩", "毎夕", "毎週", "毎月", "平日", "週末", "隔週", "土日", "朝夕", "月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜", "時間", "泊"].iter().any(|w| half.contains(w))
}

/// Words that leave the amount open: 「適宜」「必要に応じて」 is no amount a municipality can decide.
const OPEN_AMOUNT: &[&str] = &["適宜", "必要に応じ", "随時", "必要時", "必要な時", "必要なとき", "状況に応じ", "その都度"];

/// Whether `text` leaves the amount open (「適宜」) without naming one beside it.
pub fn amount_left_open(text: &str) -> Option<&'static str> {
    let hay = Haystack::new(text);
    let found = OPEN_AMOUNT.iter().find(|w| hay.has(w))?;
    (!names_amount(text)).then_some(*found)
}

/// A need that no existing resource meets, told in words: a fixed phrase (「待機」「空きがない」),
/// a place with nothing in it (「市内にはない」「町に…いない」), or a resource that is missing
/// (「通訳者がいない」「事業所が見つからない」), each within one clause.
const UNMET_PHRASES: &[&str] = &["待機", "空きがない", "空きが無い", "空き待ち", "順番待ち", "制度の対象外", "対象外のため", "社会資源の不足", "資源がない"];
const PLACES: &[&str] = &["地域", "市内", "町内", "村内", "区内", "近く", "近隣", "周辺", "圏内", "管内", "市に", "町に", "村に"];
const RESOURCES: &[&str] = &[
    "事業所", "受け入れ先", "受け入れ", "資源", "制度", "サービス", "通訳", "場所", "施設", "病院", "医療機関", "人材", "ヘルパー", "担い手",
    "グループ", "教室", "居場所", "支援者", "相談先", "専門医",
];
const MISSING: &[&str] = &["がない", "が無い", "はない", "は無い", "がいない", "はいない", "がおらず", "がなく", "足りない", "不足", "見つからない", "見当たらない", "されない", "ありません", "いません"];

/// Whether `clause` tells of something missing, not of a gap in time (「ヘルパーがいない時間」
/// is a gap in a schedule that exists).
fn tells_missing(hay: &Haystack) -> bool {
    let clause = hay.text();
    MISSING.iter().any(|m| {
        hay.may_have(m) && clause.match_indices(m).any(|(i, _)| {
            let after = &clause[i + m.len()..];
            !["時", "日", "夜", "間", "とき", "朝", "夕", "週", "月"].iter().any(|t| after.starts_with(t))
        })
    })
}

/// The words in `text` that tell of an unmet need, if any.
pub fn tells_unmet(text: &str) -> Option<String> {
    let hay = Haystack::new(text);
    if let Some(p) = UNMET_PHRASES.iter().find(|w| hay.has(w)) {
        return Some((*p).to_owned());
    }
    let text = outside_quotes(text);
    text.split(['。', '、', '\n', '，', '．']).map(str::trim).find_map(|clause| {
        // 「ヘルパーがいない夜をなくしたい」 is a wish, not a report of what is missing.
        let hay = Haystack::new(clause);
        let missing = tells_missing(&hay) && !WISH.iter().any(|w| hay.has(w)) && !hay.has("なくす");
        let about = PLACES.iter().any(|p| hay.has(p)) || RESOURCES.iter().any(|r| hay.has(r));
        (missing && about).then(|| clause.to_owned())
    })
}

/// A monitoring reason that only names the standard period (「標準期間のため」): no reason
/// drawn from the person's situation.
pub fn only_standard_period(reason: &str) -> bool {
    let reason = reason.trim();
    let standard = ["標準", "規定", "原則", "通常", "一般的", "決まり", "通例"].iter().any(|w| reason.contains(w));
    // A reason that also speaks of the person (「安定して通えているため、標準の6か月」) is one.
    let situation = ["本人", "安定", "体調", "状態", "状況", "様子", "変化", "家族", "通え", "慣れ", "落ち着", "退院", "生活", "単身", "一人", "ひとり"]
        .iter()
        .any(|w| reason.contains(w));
    standard && !situation
}

/// Words that tell the family's wish is the same as the person's, instead of the family's
/// own: 「本人と同じ」.
pub fn family_line_defers(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace() && !"。、．，".contains(*c)).collect();
    ["本人と同じ", "本人に同じ", "本人と同様", "同上", "上記と同じ", "本人の意向と同じ"].iter().any(|w| t.contains(w))
}

/// A sentence of the person's wishes (outside 「」) that the family's wishes say almost word
/// for word: 「学校に毎日行けるようになりたい」 beside 「学校に毎日行けるようになってほしい」.
pub fn echoed_sentence(person: &str, family: &str) -> Option<String> {
    outside_quotes(person)
        .split(['。', '\n', '！'])
        .map(str::trim)
        .filter(|s| s.chars().count() >= 8)
        .find(|s| overlap(s, family) >= 0.7)
        .map(str::to_owned)
}

/// How much of `a` (in two-character pieces) is also in `b`: 1.0 when `a` is contained in `b`.
pub fn overlap(a: &str, b: &str) -> f64 {
    let squeeze = |s: &str| -> Vec<char> { s.chars().filter(|c| !c.is_whitespace() && !"「」。、".contains(*c)).collect() };
    let (a, b) = (squeeze(a), squeeze(b));
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let pieces_b: std::collections::HashSet<(char, char)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    let pieces_a: Vec<(char, char)> = a.windows(2).map(|w| (w[0], w[1])).collect();
    pieces_a.iter().filter(|p| pieces_b.contains(p)).count() as f64 / pieces_a.len() as f64
}

/// The names a strength or resource entry carries (people, places, things, skills): runs of
/// kanji or katakana of two characters or more, and family members, less words every plan
/// uses (本人, 支援, 生活 …). A need row that names one of them draws on that strength.
pub fn names_in(text: &str) -> Vec<String> {
    let half = to_half_width(text);
    let mut names: Vec<String> = Vec::new();
    let mut run = String::new();
    let kind = |c: char| -> u8 {
        match c {
            '\u{4E00}'..='\u{9FFF}' | '々' => 1,
            '\u{30A0}'..='\u{30FF}' => 2,
            c if c.is_ascii_alphanumeric() => 3,
            _ => 0,
        }
    };
    let mut last = 0u8;
    let push = |run: &mut String, names: &mut Vec<String>| {
        if run.chars().count() >= 2 && !COMMON.contains(&run.as_str()) {
            names.push(std::mem::take(run));
        } else {
            run.clear();
        }
    };
    for c in half.chars() {
        let k = kind(c);
        if k != last {
            push(&mut run, &mut names);
        }
        if k != 0 {
            run.push(c);
        }
        last = k;
    }
    push(&mut run, &mut names);
    for f in KIN {
        if text.contains(f) && !names.iter().any(|n| n.contains(f)) {
            names.push((*f).to_owned());
        }
    }
    names
}

/// Family members a strength may name with one character (母, 兄) or more.
const KIN: &[&str] = &["母", "父", "兄", "姉", "弟", "妹", "妻", "夫", "祖母", "祖父", "息子", "娘", "叔母", "伯母", "叔父", "伯父", "両親", "家族"];

/// Words too common in plans to show that a row draws on a strength.
const COMMON: &[&str] = &[
    "本人", "支援", "生活", "利用", "必要", "自分", "場合", "状況", "今後", "現在", "継続", "確認", "相談", "サービス", "事業所",
    "希望", "目標", "計画", "予定", "以上", "程度", "一緒", "時間", "毎日", "毎週", "一人", "時々", "最近", "様子", "気持",
    "自宅", "家庭", "日常", "活動", "参加", "関係", "意向", "意欲", "得意", "好き", "大好", "上手", "自信", "週末", "平日",
];

/// Family members as specialists write them in a plan.
const FAMILY: &[&str] = &["母", "父", "家族", "妻", "夫", "姉", "兄", "弟", "妹", "祖母", "祖父", "保護者", "両親", "ママ", "パパ"];

/// Verbs of reporting: 「母は…と言っている」 reports someone else's view.
const REPORTED: &[&str] = &["と言っている", "と言う", "と話している", "と話す", "とのこと", "と希望している", "と望んでいる", "と心配している", "と思っている"];

/// Whether `text` (the person's wishes) reports what a family member said or wants. What
/// stands inside 「」 is the person's own words, and stays theirs even when it tells what the
/// family says (「母は『帰ってきていい』と言うけど、ぼくはここがいい」): only the writer's own
/// sentences are looked at.
pub fn reports_family_view(text: &str) -> Option<&'static str> {
    let text = &outside_quotes(text);
    let hay = Haystack::new(text);
    let reported = REPORTED.iter().any(|r| hay.has(r));
    if !reported {
        return None;
    }
    FAMILY.iter().copied().find(|f| {
        ["は", "が", "から", "も"].iter().any(|p| text.contains(&format!("{f}{p}")))
    })
}

/// Words only a family member says of the person (「親として」「働かせたい」「この子」): 本人の意向
/// written from the family's side. What stands inside 「」 is the person's own and is left out.
pub fn speaks_as_family(text: &str) -> Option<&'static str> {
    const FAMILY_VOICE: &[&str] = &[
        "親として", "親亡き後", "親なき後", "親がいなくな", "親が元気なうち", "この子", "うちの子", "息子には", "娘には", "させたい", "かせたい", "わせたい", "らせたい", "ませたい",
        "たせたい", "ばせたい", "がせたい", "させてあげたい", "させてほしい",
    ];
    let text = outside_quotes(text);
    let hay = Haystack::new(&text);
    FAMILY_VOICE.iter().copied().find(|w| hay.has(w))
}

/// `text` without what stands inside 「」 (nested brackets included; an unclosed 「 runs to the end).
fn outside_quotes(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '「' => depth += 1,
            '」' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_word_looked_for_after_names_are_replaced_holds_the_replacement() {
        // `abbreviations` replaces names by 「・」 and still filters with the first text's
        // `Haystack`: right only for words without 「・」.
        for w in FULL_NAMES.iter().chain(SERVICE_KINDS).chain(ABBREVIATIONS) {
            assert!(!w.contains('・'), "{w}");
        }
    }

    #[test]
    fn vague_goals_need_something_concrete_beside_them() {
        assert_eq!(vague_phrase("安定した生活を送る。"), Some("安定した生活"));
        assert_eq!(vague_phrase("地域で安心して暮らせるようにする"), Some("安心して暮らせる"));
        assert_eq!(vague_phrase("週3回通い、安定した生活を送る"), None);
        assert_eq!(vague_phrase("半年後、おこづかい帳を自分でつけ、週1,500円の中でやりくりできる。"), None);
        assert_eq!(vague_phrase("好きな電車を通して友だちと楽しく関わる"), None);
        // 回 of 回復 is no count; 二回 is.
        assert_eq!(vague_phrase("体調の回復を図り、地域で安定した生活を送る。"), Some("安定した生活"));
        assert_eq!(vague_phrase("月に二回は外出し、安定した生活を送る"), None);
        assert_eq!(vague_phrase("日中活動の場を確保し、生活リズムを整える。"), Some("生活リズムを整える"));
        assert_eq!(vague_phrase("毎朝7時に起きて、生活リズムを整える"), None);
    }

    #[test]
    fn deficits_alone_are_caught_but_wishes_are_not() {
        assert!(is_deficit_only("かんしゃくが多い。"));
        assert!(is_deficit_only("金銭管理ができない"));
        assert!(!is_deficit_only("月末に食べ物が買えなくなるのを何とかしたい。"));
        assert!(!is_deficit_only("人と話すのは苦手。でも、たまには誰かと話したい"));
        assert!(!is_deficit_only("スーパーで働きたい"));
        assert!(!is_deficit_only(""));
        // 「夜になると」 is no wish.
        assert!(is_deficit_only("昼夜逆転しており、夜になるとゲームをやめられない。日中の外出ができない。"));
        assert!(!is_deficit_only("一人で買い物ができるようになる"));
    }

    #[test]
    fn jargon_reports_the_longest_term() {
        assert_eq!(jargon("ＡＤＬの向上と障害支援区分の見直し"), vec!["ADL", "障害支援区分"]);
        assert_eq!(jargon("IADLを高める"), vec!["IADL"]);
        assert!(jargon("毎朝7時に自分で起きる").is_empty());
    }

    #[test]
    fn abbreviations_are_found_but_not_inside_full_service_names() {
        assert_eq!(abbreviations("重訪で週7回、GHの見学"), vec!["重訪", "GH"]);
        assert!(abbreviations("同行援護で美術館へ。行動援護は使わない").is_empty(), "行援 stands inside 同行援護");
        assert!(abbreviations("PTAの集まり").is_empty(), "PT only as a word");
        assert_eq!(jargon("ＡＤＬの向上"), vec!["ADL"]);
    }

    #[test]
    fn amounts_and_reasons_in_words() {
        assert!(names_amount("週２回、1回1時間"));
        assert!(names_amount("毎日の夕方"));
        assert!(!names_amount("入浴の介助"));
        assert_eq!(amount_left_open("必要に応じて訪問"), Some("必要に応じ"));
        assert_eq!(amount_left_open("適宜（月2回まで）"), None);
        assert!(gives_reason("一人では浴槽をまたげないため"));
        assert!(!gives_reason("入浴の介助"));
    }

    #[test]
    fn what_a_reason_for_the_interval_says() {
        assert!(only_standard_period("標準期間のため"));
        assert!(only_standard_period("原則どおり6か月とする。"));
        assert!(!only_standard_period("通所が2年安定しているため、標準の6か月とする"));
        assert!(!only_standard_period("退院直後のため毎月"));
    }

    #[test]
    fn the_names_a_strength_carries() {
        let names = names_in("母と一緒なら、カレーと目玉焼きを作れる");
        assert!(names.contains(&"カレー".to_owned()) && names.contains(&"目玉焼".to_owned()) && names.contains(&"母".to_owned()), "{names:?}");
        assert!(!names_in("本人は支援を希望").iter().any(|n| n == "本人" || n == "支援" || n == "希望"));
    }

    #[test]
    fn the_family_speaking_in_the_persons_place() {
        assert!(family_line_defers("本人と同じ。"));
        assert_eq!(speaks_as_family("親としては、早く働かせたい"), Some("親として"));
        assert_eq!(speaks_as_family("「働きたい」"), None);
        assert!(overlap("グループホームで暮らしたい", "グループホームで暮らしてほしい") > 0.7);
        assert!(overlap("働きたい", "体が心配") < 0.3);
    }

    #[test]
    fn long_sentences_are_found() {
        let long = "あ".repeat(LONG_SENTENCE + 1);
        assert_eq!(long_sentence(&format!("短い文。{long}。")), Some(long.as_str()));
        assert_eq!(long_sentence("短い文。もう一つの短い文。"), None);
    }

    #[test]
    fn a_family_view_inside_the_persons_wishes_is_noticed() {
        let s3 = "「母に頼りきりの生活を変えたい」。母は「夜はヘルパーさんに入ってほしい」と言っている。";
        assert_eq!(reports_family_view(s3), Some("母"));
        assert_eq!(reports_family_view("「自分のお給料で、お母さんを温泉に連れて行きたい」"), None);
        assert_eq!(reports_family_view("「ママとこうえんにいきたい」"), None);
        // The person's own words that tell what the family says are still the person's.
        assert_eq!(reports_family_view("「ホームが好き。母は『いつでも帰ってきていい』と言うけど、ぼくはここがいい」"), None);
        assert_eq!(reports_family_view("「ここにいたい」。母は「施設も考えて」と言っている。"), Some("母"));
    }
}

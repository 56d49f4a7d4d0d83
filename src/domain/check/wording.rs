//! How a plan's Japanese reads: vague goal words, deficit-only phrasing, jargon, long
//! sentences. Word lists, not grammar: each list is short and the tests show what it
//! catches and what it leaves alone, so a false alarm is easy to trace and fix.

use super::super::text::to_half_width;

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
    let found = VAGUE.iter().find(|p| text.contains(*p))?;
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
];

/// Words that turn a sentence into a wish or a direction (〜したい, 〜ように, 希望).
/// (Not 「になる」 alone: 「夜になると…できない」 is a deficit; 「〜できるようになる」 has 「よう」.)
const WISH: &[&str] = &["たい", "ように", "よう", "希望", "願い", "ほしい", "欲しい", "続け", "目指", "増やす", "いきたい"];

/// Whether `text` says only what is wrong: a deficit word with no wish beside it.
pub fn is_deficit_only(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && DEFICIT.iter().any(|w| text.contains(w)) && !WISH.iter().any(|w| text.contains(w))
}

/// Terms of the trade a person is not expected to know (checks.md: ADL, 支給量, 区分 …).
const JARGON: &[&str] = &[
    "ADL", "IADL", "QOL", "支給量", "障害支援区分", "支援区分", "アセスメント", "モニタリング",
    "インフォーマル", "フォーマル", "エンパワメント", "ストレングス", "ケアマネジメント",
    "社会資源", "日中活動", "サービス等利用計画", "服薬コンプライアンス", "受容", "傾聴",
];

/// The jargon terms used in `text` (ASCII compared after folding full-width letters).
pub fn jargon(text: &str) -> Vec<&'static str> {
    let half = to_half_width(text).to_uppercase();
    let mut found: Vec<&'static str> = JARGON.iter().copied().filter(|t| half.contains(t)).collect();
    // 「障害支援区分」 contains 「支援区分」, 「IADL」 contains 「ADL」: report the longer only.
    let all = found.clone();
    found.retain(|t| !all.iter().any(|o| o != t && o.contains(t)));
    found
}

/// Sentences longer than this many characters are hard to read aloud to the person.
pub const LONG_SENTENCE: usize = 90;

/// The first sentence of `text` longer than [`LONG_SENTENCE`] characters.
pub fn long_sentence(text: &str) -> Option<&str> {
    text.split(['。', '！', '？', '\n']).map(str::trim).find(|s| s.chars().count() > LONG_SENTENCE)
}

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
    let reported = REPORTED.iter().any(|r| text.contains(r));
    if !reported {
        return None;
    }
    FAMILY.iter().copied().find(|f| {
        ["は", "が", "から", "も"].iter().any(|p| text.contains(&format!("{f}{p}")))
    })
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

//! The rules, one small function each, and the table that gives each its id, level,
//! severity, matrix cells, suggestion and source. Adding a rule: write the function, add a
//! row to [`ALL`], add a test that fires on a bad example and stays silent on a good one.

use super::super::assessment::{Column, EntryId, LifeDomain};
use super::super::plan::{Formality, Need, SupportItem, SERVICE_KINDS};
use super::super::role_matrix::{Area, Level};
use super::super::schedule::{disagreements, Disagreement};
use super::super::sources as src;
use super::super::meeting::{AttendeeRole, TeamMeeting};
use super::super::text::{to_half_width, Haystack};
use super::super::wareki::format_wareki;
use super::super::{Case, Stage};
use super::wording;
use super::{CheckOptions, DecisionField, Hit, Location, MeetingField, NeedField, PlanField, Rule, Severity, SupportField};

const CONSULT_NOVICE: &[(Area, Level)] = &[(Area::ConsultationResponse, Level::Novice)];
const CONSULT_PRACTITIONER: &[(Area, Level)] = &[(Area::ConsultationResponse, Level::Practitioner)];
const NETWORK_NOVICE: &[(Area, Level)] = &[(Area::SupportNetwork, Level::Novice)];
const NETWORK_PRACTITIONER: &[(Area, Level)] = &[(Area::SupportNetwork, Level::Practitioner)];
const CONSULT_LEAD: &[(Area, Level)] = &[(Area::ConsultationResponse, Level::Lead)];
const COUNCIL_PRACTITIONER: &[(Area, Level)] = &[(Area::Council, Level::Practitioner)];

pub(super) static ALL: &[Rule] = &[
    Rule {
        id: "plan.person_wishes_missing",
        title: "本人の意向",
        from: Level::Novice,
        severity: Severity::Required,
        cells: CONSULT_NOVICE,
        suggestion: "本人が話したことを、できるだけ本人の言葉のまま「」に入れて書きましょう。",
        source: src::OWN_WORDS_FIRST,
        run: person_wishes_missing,
    },
    Rule {
        id: "plan.support_policy_missing",
        title: "総合的な援助の方針",
        from: Level::Novice,
        severity: Severity::Required,
        cells: CONSULT_NOVICE,
        suggestion: "本人とめざす方向と、そのために誰が何をするかを、2〜3文で書きましょう。",
        source: src::GOAL_AND_PATH,
        run: support_policy_missing,
    },
    Rule {
        id: "plan.no_needs",
        title: "解決すべき課題",
        from: Level::Novice,
        severity: Severity::Required,
        cells: CONSULT_NOVICE,
        suggestion: "アセスメントで聞いた本人の願いから、解決すべき課題（ニーズ）を目標表に書きましょう。",
        source: src::NEEDS_FOUND_TOGETHER,
        run: no_needs,
    },
    Rule {
        id: "need.goal_missing",
        title: "支援目標",
        from: Level::Novice,
        severity: Severity::Required,
        cells: CONSULT_NOVICE,
        suggestion: "このニーズについて、いつまでに何ができるようになるかを書きましょう。",
        source: src::GOAL_AND_PATH,
        run: need_goal_missing,
    },
    Rule {
        id: "need.target_date_missing",
        title: "達成時期",
        from: Level::Novice,
        severity: Severity::Required,
        cells: CONSULT_NOVICE,
        suggestion: "達成時期を「令和9年3月」や「6か月後」のように書きましょう。",
        source: src::GOAL_AND_PATH,
        run: need_target_date_missing,
    },
    Rule {
        id: "need.review_date_missing",
        title: "評価時期",
        from: Level::Novice,
        severity: Severity::Required,
        cells: CONSULT_NOVICE,
        suggestion: "いつ目標の達成を本人と確かめるか、評価時期を書きましょう。",
        source: src::REVIEW_AND_REVISE,
        run: need_review_date_missing,
    },
    Rule {
        id: "need.persons_role_missing",
        title: "本人の役割",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "本人が自分ですること（小さなことでよい）を、本人と相談して書きましょう。",
        source: src::OWN_INITIATIVE,
        run: need_persons_role_missing,
    },
    Rule {
        id: "need.no_strength",
        title: "ニーズと強み",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "アセスメントの「強み・資源」から、このニーズに生かせるものを選んで結びつけましょう。なければアセスメントで本人や周りの強みを聞き足しましょう。",
        source: src::PLUS_SIDE_IN_NEEDS,
        run: need_no_strength,
    },
    Rule {
        id: "wording.deficit_only",
        title: "できないことだけの書き方",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "「〜できない」「〜が多い」だけで終わらせず、本人がどうなりたいか（「〜したい」）の形で書きましょう。",
        source: src::STRENGTHS_NOT_DEFICITS,
        run: deficit_only,
    },
    Rule {
        id: "goal.vague_wording",
        title: "あいまいな目標",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "1〜2年後の本人の暮らしが目に浮かぶように、誰と・どこで・何を・どのくらいを入れて書きましょう（例：「週3回、地域活動支援センターで料理のプログラムに参加する」）。",
        source: src::CLEAR_HOPED_FOR_LIFE,
        run: vague_goal,
    },
    Rule {
        id: "wording.jargon",
        title: "専門用語",
        from: Level::Novice,
        severity: Severity::Advice,
        cells: CONSULT_NOVICE,
        suggestion: "本人が読んで分かる言葉に言い換えましょう（例：ADL →「着替えや食事などの毎日の動作」）。",
        source: src::UNDERSTANDABLE_PLAN,
        run: jargon,
    },
    Rule {
        id: "wording.long_sentence",
        title: "長い文",
        from: Level::Novice,
        severity: Severity::Advice,
        cells: CONSULT_NOVICE,
        suggestion: "一つの文に一つのことを書き、「。」で区切りましょう。",
        source: src::UNDERSTANDABLE_PLAN,
        run: long_sentence,
    },
    Rule {
        id: "wishes.own_words_missing",
        title: "本人の言葉",
        from: Level::Novice,
        severity: Severity::Advice,
        cells: CONSULT_NOVICE,
        suggestion: "本人が実際に話した言葉を「」に入れて残しましょう。アセスメントで「本人の言葉のまま」にした記録から書けます。",
        source: src::OWN_WORDS_FIRST,
        run: own_words_missing,
    },
    Rule {
        id: "monitoring.decided_interval_long",
        title: "決定されたモニタリング期間",
        from: Level::Practitioner,
        severity: Severity::Advice,
        cells: CONSULT_NOVICE,
        suggestion: "目安として、この方の状況では標準より短い期間（毎月など）が合う場合があります。決めるのは市町村です。次の計画の変更や更新のとき、理由を添えて期間を提案することを考えましょう。",
        source: src::MONITORING_SET_RIGHT,
        run: decided_interval_long,
    },
    Rule {
        id: "wishes.family_in_person",
        title: "本人と家族の意向",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "家族の思いは「家族の意向」の欄に移し、本人の意向の欄には本人の言葉だけを残しましょう。",
        source: src::FAMILY_MIXES_IN,
        run: family_in_person,
    },
    Rule {
        id: "monitoring.interval_missing",
        title: "モニタリング期間",
        from: Level::Novice,
        severity: Severity::Required,
        cells: CONSULT_NOVICE,
        suggestion: "モニタリング期間を提案しましょう（市町村が決めますが、案に書く必要があります）。",
        source: src::MONITORING_SET_RIGHT,
        run: monitoring_interval_missing,
    },
    Rule {
        id: "decision.participation_missing",
        title: "意思決定への参加",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "アセスメントの「意思決定支援の記録」に、本人が面談や計画づくりにどう参加したかを書きましょう。",
        source: src::DECIDE_TOGETHER,
        run: participation_missing,
    },
    Rule {
        id: "decision.estimate_unexplained",
        title: "推定した意思の根拠",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "本人の意思を推定したときは、誰が推定したか、何を根拠にしたかを書きましょう。",
        source: src::WILL_AS_A_TEAM,
        run: estimate_unexplained,
    },
    Rule {
        id: "resources.no_informal",
        title: "インフォーマルな支え",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: NETWORK_NOVICE,
        suggestion: "家族・近所・地域の集まりなど、制度以外の支えを目標表に入れましょう。ないときは、その理由を書いて「該当しない」にしてください。",
        source: src::INFORMAL_FILLS_GAPS,
        run: no_informal,
    },
    Rule {
        id: "support.amount_missing",
        title: "サービスの量",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "回数と時間（例：「週2回・1回1時間」「月4日」）を書きましょう。「適宜」「必要に応じて」では、市町村が量を決められません。",
        source: src::KIND_AND_AMOUNT,
        run: amount_missing,
    },
    Rule {
        id: "support.reason_missing",
        title: "なぜこのサービス・この量か",
        from: Level::Practitioner,
        severity: Severity::Warning,
        cells: CONSULT_PRACTITIONER,
        suggestion: "「理由」の欄に、なぜこのサービスで、なぜこの回数・時間なのかを、本人の状況から書きましょう。",
        source: src::WHY_THIS_SERVICE,
        run: support_reason_missing,
    },
    Rule {
        id: "monitoring.reason_missing",
        title: "モニタリング期間の理由",
        from: Level::Practitioner,
        severity: Severity::Warning,
        cells: CONSULT_PRACTITIONER,
        suggestion: "標準の期間をそのまま使わず、本人の状況からその期間にした理由を書きましょう。",
        source: src::MONITORING_NOT_UNIFORM,
        run: monitoring_reason_missing,
    },
    Rule {
        id: "schedule.amount_mismatch",
        title: "週間計画表と目標表の量",
        from: Level::Practitioner,
        severity: Severity::Warning,
        cells: CONSULT_PRACTITIONER,
        suggestion: "週間計画表と目標表の回数・時間をそろえましょう。",
        source: src::KIND_AND_AMOUNT,
        run: schedule_mismatch,
    },
    Rule {
        id: "resources.other_sector_missing",
        title: "他分野の関係機関",
        from: Level::Practitioner,
        severity: Severity::Warning,
        cells: NETWORK_PRACTITIONER,
        suggestion: "アセスメントで分かった医療・学校・仕事などの事柄について、その分野の関係機関を支援に入れましょう。",
        source: src::BEYOND_WELFARE,
        run: other_sector_missing,
    },
    Rule {
        id: "community.unmet_not_recorded",
        title: "地域課題の記録",
        from: Level::Practitioner,
        severity: Severity::Warning,
        cells: COUNCIL_PRACTITIONER,
        suggestion: "今ある資源では満たせないニーズは、個人が分からない形で「地域課題」に記録し、協議会で共有できるようにしましょう。",
        source: src::SHARE_COMMUNITY_ISSUES,
        run: unmet_not_recorded,
    },
    Rule {
        id: "difficulty.emergency_missing",
        title: "緊急時の対応",
        from: Level::Lead,
        severity: Severity::Warning,
        cells: CONSULT_LEAD,
        suggestion: "体調の急変や家族の急病などのとき、誰が何をするか、どこに連絡するかを書きましょう。",
        source: src::EMERGENCY_COORDINATION,
        run: emergency_missing,
    },
    Rule {
        id: "difficulty.team_missing",
        title: "支援チーム",
        from: Level::Lead,
        severity: Severity::Warning,
        cells: CONSULT_LEAD,
        suggestion: "支援チームに誰がいて、それぞれ何を受け持つかを書きましょう。",
        source: src::TEAM_AGREEMENT,
        run: team_missing,
    },
    Rule {
        id: "difficulty.meetings_missing",
        title: "チームで集まった日",
        from: Level::Lead,
        severity: Severity::Warning,
        cells: CONSULT_LEAD,
        suggestion: "サービス担当者会議などでチームが集まった日（これから集まる日）を書きましょう。",
        source: src::TEAM_MEETINGS,
        run: meetings_missing,
    },
    Rule {
        id: "neutrality.single_corporation",
        title: "中立・公正（法人の偏り）",
        from: Level::Lead,
        severity: Severity::Warning,
        cells: CONSULT_LEAD,
        suggestion: "地域のほかの法人のサービスも比べ、この法人を選んだ理由を本人の立場から書きましょう。",
        source: src::NOT_ONLY_OWN_RESOURCES,
        run: single_corporation,
    },
    Rule {
        id: "meeting.none_for_plan",
        title: "サービス担当者会議",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: NETWORK_NOVICE,
        suggestion: "計画案を本人・家族・事業所など関係者と話し合った担当者会議を「担当者会議」の画面に記録しましょう。会議を開けなかったときは、その理由を書いて「該当しない」にしてください。",
        source: src::TEAM_AGREEMENT,
        run: meeting_none_for_plan,
    },
    Rule {
        id: "meeting.person_absent_unexplained",
        title: "会議への本人の参加",
        from: Level::Novice,
        severity: Severity::Warning,
        cells: CONSULT_NOVICE,
        suggestion: "本人が出席しなかった会議は、その理由（体調、本人の希望など）と、本人の意向を事前にどう聞いたかを記録しましょう。会議録は訂正の記録として新しく記録します。",
        source: src::DECIDE_TOGETHER,
        run: meeting_person_absent_unexplained,
    },
    Rule {
        id: "meeting.remaining_not_carried",
        title: "残された課題の引き継ぎ",
        from: Level::Practitioner,
        severity: Severity::Warning,
        cells: COUNCIL_PRACTITIONER,
        suggestion: "会議で残された課題を、次の計画の目標表（ニーズや留意事項）に書くか、今ある資源では満たせないものは地域課題に記録しましょう。",
        source: src::REMAINING_ISSUES,
        run: meeting_remaining_not_carried,
    },
];

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn hit(out: &mut Vec<Hit>, location: Location, message: String) {
    out.push(Hit { location, message });
}

/// 「優先順位2」: how the form and the screen name a need.
fn priority(case: &Case, need: &Need) -> String {
    format!("優先順位{}", case.plan.priority(need.id).unwrap_or(0))
}

fn person_wishes_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    if blank(&case.plan.person_wishes) {
        hit(out, Location::Plan(PlanField::PersonWishes), "本人の意向（希望する生活）が書かれていません。".into());
    }
}

fn support_policy_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    if blank(&case.plan.support_policy) {
        hit(out, Location::Plan(PlanField::SupportPolicy), "総合的な援助の方針が書かれていません。".into());
    }
}

fn no_needs(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    if case.plan.needs().iter().all(|n| blank(&n.need)) {
        hit(out, Location::Plan(PlanField::Needs), "解決すべき課題（本人のニーズ）が一つも書かれていません。".into());
    }
}

/// One finding per need whose `field` is empty.
fn need_field_missing(case: &Case, out: &mut Vec<Hit>, field: NeedField, name: &str, value: fn(&Need) -> &str) {
    for need in case.plan.needs() {
        if blank(value(need)) {
            hit(out, Location::Need { need: need.id, field }, format!("{}の{name}が書かれていません。", priority(case, need)));
        }
    }
}

fn need_goal_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    need_field_missing(case, out, NeedField::Goal, "支援目標", |n| &n.goal);
}

fn need_target_date_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    need_field_missing(case, out, NeedField::TargetDate, "達成時期", |n| &n.target_date);
}

fn need_review_date_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    need_field_missing(case, out, NeedField::ReviewDate, "評価時期", |n| &n.review_date);
}

fn need_persons_role_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    need_field_missing(case, out, NeedField::PersonsRole, "本人の役割", |n| &n.persons_role);
}

/// Which column of the assessment an entry stands in.
fn column_of(case: &Case, id: EntryId) -> Option<Column> {
    case.assessment.domains().iter().find_map(|d| {
        Column::ALL.into_iter().find(|c| d.column(*c).iter().any(|e| e.id == id))
    })
}

/// The text of a goal-table row: what a reader sees of the need, its goal, role and supports.
fn row_text(need: &Need) -> String {
    let mut text = format!("{} {} {} {}", need.need, need.goal, need.persons_role, need.notes);
    for s in &need.supports {
        text.push_str(&format!(" {} {} {} {}", s.kind, s.content, s.provider, s.reason));
    }
    text
}

/// A need draws on a strength when it is linked to one, or when the row names something a
/// strength entry names (a plan typed elsewhere has no links: its text is read instead).
fn need_no_strength(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let strengths: Vec<Vec<String>> = case
        .assessment
        .domains()
        .iter()
        .flat_map(|d| d.column(Column::Strengths))
        .filter(|e| !blank(&e.text))
        .map(|e| wording::names_in(&e.text))
        .collect();
    let needs: Vec<&Need> = case.plan.needs().iter().filter(|n| !blank(&n.need)).collect();
    if needs.is_empty() {
        return;
    }
    if strengths.is_empty() {
        // One condition of the whole plan, said once.
        return hit(
            out,
            Location::Plan(PlanField::Needs),
            "アセスメントに強み・資源が一つも記録されていないため、どのニーズも本人や周りの強みにもとづいていません。".into(),
        );
    }
    for need in needs {
        if need.rests_on.iter().any(|id| column_of(case, *id) == Some(Column::Strengths)) {
            continue;
        }
        let row = row_text(need);
        if strengths.iter().flatten().any(|name| row.contains(name.as_str())) {
            continue;
        }
        let message = format!("{}は、アセスメントで聞いた本人や周りの強み・資源を生かしていません。", priority(case, need));
        hit(out, Location::Need { need: need.id, field: NeedField::RestsOn }, message);
    }
}

fn deficit_only(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    if wording::is_deficit_only(&case.plan.person_wishes) {
        hit(out, Location::Plan(PlanField::PersonWishes), "本人の意向が、できないことや困りごとだけで書かれています。".into());
    }
    for need in case.plan.needs() {
        if wording::is_deficit_only(&need.need) {
            hit(
                out,
                Location::Need { need: need.id, field: NeedField::Need },
                format!("{}のニーズ「{}」は、できないことや困りごとだけで書かれています。", priority(case, need), need.need.trim()),
            );
        }
    }
}

fn vague_goal(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let plan = &case.plan;
    for (field, name, text) in [
        (PlanField::LongTermGoal, "長期目標", &plan.long_term_goal),
        (PlanField::ShortTermGoal, "短期目標", &plan.short_term_goal),
    ] {
        if let Some(phrase) = wording::vague_phrase(text) {
            hit(out, Location::Plan(field), format!("{name}の「{phrase}」は、どんな暮らしかが具体的に見えません。"));
        }
    }
    for need in plan.needs() {
        if let Some(phrase) = wording::vague_phrase(&need.goal) {
            hit(
                out,
                Location::Need { need: need.id, field: NeedField::Goal },
                format!("{}の支援目標「{}」は、{phrase}がどんな暮らしかが具体的に見えません。", priority(case, need), need.goal.trim()),
            );
        }
    }
}

/// The parts of the plan written for the person to read (not their own words).
fn written_for_person(case: &Case) -> Vec<(Location, String, &str)> {
    let plan = &case.plan;
    let mut parts = vec![
        (Location::Plan(PlanField::SupportPolicy), "総合的な援助の方針".to_owned(), plan.support_policy.as_str()),
        (Location::Plan(PlanField::LongTermGoal), "長期目標".to_owned(), plan.long_term_goal.as_str()),
        (Location::Plan(PlanField::ShortTermGoal), "短期目標".to_owned(), plan.short_term_goal.as_str()),
    ];
    for need in plan.needs() {
        let p = priority(case, need);
        parts.push((Location::Need { need: need.id, field: NeedField::Goal }, format!("{p}の支援目標"), need.goal.as_str()));
        parts.push((Location::Need { need: need.id, field: NeedField::PersonsRole }, format!("{p}の本人の役割"), need.persons_role.as_str()));
    }
    parts
}

fn jargon(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let list = |terms: Vec<&str>| terms.iter().map(|t| format!("「{t}」")).collect::<Vec<_>>().join("");
    for (location, name, text) in written_for_person(case) {
        let mut terms = wording::jargon(text);
        let more: Vec<&str> = wording::abbreviations(text).into_iter().filter(|a| !terms.iter().any(|t| t.contains(a))).collect();
        terms.extend(more);
        if !terms.is_empty() {
            hit(out, location, format!("{name}に、本人には分かりにくい言葉{}があります。", list(terms)));
        }
    }
    // The goal table's rows: a service's own name is fine there, an office's shorthand is not.
    for need in case.plan.needs() {
        let p = priority(case, need);
        let terms = wording::abbreviations(&need.need);
        if !terms.is_empty() {
            hit(out, Location::Need { need: need.id, field: NeedField::Need }, format!("{p}のニーズに、本人には分かりにくい略語{}があります。", list(terms)));
        }
        for s in &need.supports {
            let terms = wording::abbreviations(&format!("{} {}", s.kind, s.content));
            if !terms.is_empty() {
                hit(
                    out,
                    Location::Support { need: need.id, support: s.id, field: SupportField::Content },
                    format!("{p}の支援（{}）に、本人には分かりにくい略語{}があります。", s.kind.trim(), list(terms)),
                );
            }
        }
    }
}

fn long_sentence(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let needs = case.plan.needs().iter().map(|n| (Location::Need { need: n.id, field: NeedField::Need }, format!("{}のニーズ", priority(case, n)), n.need.as_str()));
    for (location, name, text) in written_for_person(case).into_iter().chain(needs) {
        if let Some(sentence) = wording::long_sentence(text) {
            let head: String = sentence.chars().take(20).collect();
            hit(out, location, format!("{name}に、{}字の長い文（「{head}…」）があります。", sentence.chars().count()));
        }
    }
}

fn own_words_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let wishes = &case.plan.person_wishes;
    // The person cannot give words and the record holds the will as estimated: no 「」 to expect.
    if blank(wishes) || ['「', '『', '“', '"'].iter().any(|q| wishes.contains(*q)) || case.assessment.decision_support.estimated {
        return;
    }
    hit(out, Location::Plan(PlanField::PersonWishes), "本人の意向に、本人が話した言葉がそのまま（「」に入れて）残っていません。".into());
}

fn family_in_person(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let (person, family) = (&case.plan.person_wishes, &case.plan.family_wishes);
    let here = Location::Plan(PlanField::PersonWishes);
    if let Some(who) = wording::reports_family_view(person) {
        let also = if blank(family) { "（家族の意向の欄は空です）" } else { "" };
        return hit(out, here, format!("本人の意向の欄に、{who}の思いが書かれています{also}。"));
    }
    if let Some(words) = wording::speaks_as_family(person) {
        return hit(out, here, format!("本人の意向が、家族の立場の言葉（「{words}」）で書かれています。"));
    }
    if blank(person) || blank(family) {
        return;
    }
    if let Some(sentence) = wording::echoed_sentence(person, family) {
        return hit(out, here, format!("本人の意向の「{sentence}」は、家族の意向とほとんど同じ文です。本人の言葉で書かれているか確かめてください。"));
    }
    if wording::family_line_defers(family) {
        hit(
            out,
            Location::Plan(PlanField::FamilyWishes),
            "家族の意向が「本人と同じ」とされ、本人と家族の思いが分けて聞き取られていません。".into(),
        );
    }
}

fn monitoring_interval_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    if case.plan.monitoring.interval_months.is_none() {
        hit(out, Location::Plan(PlanField::MonitoringInterval), "モニタリング期間が提案されていません。".into());
    }
}

fn participation_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    if blank(&case.assessment.decision_support.participation) {
        hit(
            out,
            Location::DecisionSupport(DecisionField::Participation),
            "本人がどのように決定に参加したかが記録されていません。".into(),
        );
    }
}

fn estimate_unexplained(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let d = &case.assessment.decision_support;
    if !d.estimated {
        return;
    }
    // Who and on what basis is one question: one finding, where the first gap is.
    match (blank(&d.estimated_by), blank(&d.estimation_reason)) {
        (true, true) => hit(
            out,
            Location::DecisionSupport(DecisionField::EstimatedBy),
            "本人の意思を推定したのが誰か、何を根拠にしたかが書かれていません。".into(),
        ),
        (true, false) => hit(out, Location::DecisionSupport(DecisionField::EstimatedBy), "本人の意思を推定したのが誰か、書かれていません。".into()),
        (false, true) => hit(out, Location::DecisionSupport(DecisionField::EstimationReason), "本人の意思を推定した根拠が書かれていません。".into()),
        (false, false) => {}
    }
}

fn filled_supports(case: &Case) -> impl Iterator<Item = (&Need, &SupportItem)> {
    case.plan.needs().iter().flat_map(|n| n.supports.iter().map(move |s| (n, s))).filter(|(_, s)| !blank(&s.kind))
}

fn no_informal(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let mut supports = filled_supports(case).peekable();
    if supports.peek().is_none() {
        return; // Nothing planned yet: other rules speak first.
    }
    if !supports.any(|(_, s)| s.formality == Formality::Informal) {
        hit(
            out,
            Location::Plan(PlanField::Needs),
            "目標表の支援がすべて制度のサービスで、家族や地域などインフォーマルな支えが一つもありません。".into(),
        );
    }
}

/// Service names as offices shorten them (「重訪」「B型」「GH」), and welfare services the
/// screen's list leaves out: each means a service the municipality decides on.
const SERVICE_ALIASES: &[&str] = &[
    "重訪", "行援", "移支", "同援", "生介", "就B", "就A", "就労B", "就労A", "B型", "A型", "GH", "グループホーム", "ショートステイ",
    "ホームヘルプ", "ヘルパー", "放デイ", "児発", "保育所等訪問支援", "居宅訪問型児童発達支援", "療養介護", "日中一時支援", "就労選択支援",
];

/// Care under health insurance (or the medical side of a welfare office): the municipality's
/// 支給決定 does not decide it, so 「なぜこのサービス、なぜこの頻度」 is not asked of it here.
const MEDICAL: &[&str] = &["訪問看護", "通院", "診療", "病院", "クリニック", "医院", "外来", "訪問リハ", "薬局", "歯科", "デイケア", "主治医", "受診"];

/// Names that hold a welfare service's name but are 介護保険 (居宅介護支援 is a care manager's
/// office, 通所介護 an elderly day service) or another system.
const NOT_WELFARE: &[&str] = &["居宅介護支援", "介護保険", "ケアマネ", "通所介護", "地域包括", "介護支援専門員"];

fn is_welfare_service(s: &SupportItem) -> bool {
    let kind = crate::domain::text::to_half_width(&s.kind);
    let hay = Haystack::new(&kind);
    (SERVICE_KINDS.iter().any(|k| hay.has(k)) || SERVICE_ALIASES.iter().any(|k| hay.has(k)))
        && !NOT_WELFARE.iter().any(|k| hay.has(k))
        && !is_medical(s)
}

fn is_medical(s: &SupportItem) -> bool {
    let hay = Haystack::new(&s.kind);
    MEDICAL.iter().any(|w| hay.has(w))
}

/// A support the municipality decides on: a 障害福祉サービス (not medical care).
fn needs_reason(s: &SupportItem) -> bool {
    s.formality == Formality::Formal && is_welfare_service(s)
}

/// The reason for a support, wherever the author put it: its own field, the content cell
/// (「入浴介助（一人では浴槽をまたげないため）」) or the row's その他留意事項.
fn has_reason(need: &Need, s: &SupportItem) -> bool {
    let kind = s.kind.split(['（', '(']).next().unwrap_or("").trim();
    // 「居宅介護：母に腰痛あり…」: その他留意事項 that names the service and says more of it.
    let notes_on_it = kind.chars().count() >= 2 && need.notes.contains(kind) && need.notes.chars().count() > kind.chars().count() + 8;
    !blank(&s.reason) || wording::gives_reason(&s.content) || wording::gives_reason(&need.notes) || notes_on_it
}

fn support_reason_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let services: Vec<(&Need, &SupportItem)> = filled_supports(case).filter(|(_, s)| needs_reason(s)).collect();
    let missing: Vec<&(&Need, &SupportItem)> = services.iter().filter(|(n, s)| !has_reason(n, s)).collect();
    if missing.len() >= 2 && missing.len() == services.len() {
        // No service of the plan says why: one finding for the plan, not one per row.
        return hit(
            out,
            Location::Plan(PlanField::Needs),
            format!("目標表のサービス{}件のどれにも、なぜこのサービス・この量にしたのかが書かれていません。", services.len()),
        );
    }
    for (need, s) in missing {
        let amount = s.amount.describe();
        let amount = if amount.is_empty() { String::new() } else { format!("（{amount}）") };
        hit(
            out,
            Location::Support { need: need.id, support: s.id, field: SupportField::Reason },
            format!("{}の「{}」{amount}に、このサービス・この量にした理由が書かれていません。", priority(case, need), s.kind.trim()),
        );
    }
}

/// Where the person lives (グループホーム, 施設入所): the amount is every day of the month, so
/// a plan need not write one.
const RESIDENTIAL: &[&str] = &["共同生活援助", "グループホーム", "GH", "施設入所支援", "療養介護"];

fn amount_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let counted = |s: &SupportItem| {
        s.formality == Formality::Formal && (is_welfare_service(s) || is_medical(s)) && !RESIDENTIAL.iter().any(|r| s.kind.contains(r))
    };
    for (need, s) in filled_supports(case).filter(|(_, s)| counted(s)) {
        if s.amount.times.is_some() || s.amount.hours.is_some() {
            continue;
        }
        let words = format!("{} {} {}", s.kind, s.content, s.reason);
        let location = Location::Support { need: need.id, support: s.id, field: SupportField::Amount };
        if let Some(open) = wording::amount_left_open(&words) {
            hit(out, location, format!("{}の「{}」の量が「{open}」で、回数や時間が決まっていません。", priority(case, need), s.kind.trim()));
        } else if !wording::names_amount(&words) {
            hit(out, location, format!("{}の「{}」に、量（回数・時間）が書かれていません。", priority(case, need), s.kind.trim()));
        }
    }
}

/// Circumstances for which a shorter interval than standard is desirable (forms.md,
/// MHLW Q&A 令和3年 問38), as far as the case's words show them: the intake, the
/// assessment's 今の状況 and the plan's supports.
fn risk_factors(case: &Case) -> Vec<&'static str> {
    let mut found = Vec::new();
    let any = |text: &str, list: &[&str]| {
        let hay = Haystack::new(text);
        list.iter().any(|w| hay.has(w))
    };
    let i = &case.intake;
    let current: Vec<&str> = case.assessment.domains().iter().flat_map(|d| d.column(Column::Current)).map(|e| e.text.as_str()).collect();
    let told = |list: &[&str]| {
        [i.housing.as_str(), i.family.as_str(), i.referral.as_str(), i.life_history.as_str(), i.medical.as_str()]
            .into_iter()
            .chain(current.iter().copied())
            .any(|t| any(t, list))
    };
    if told(&["一人暮らし", "ひとり暮らし", "単身", "独居"]) {
        found.push("単身");
    }
    if told(&["退院"]) {
        found.push("退院後間もない");
    }
    let formal: Vec<&SupportItem> = filled_supports(case).filter(|(_, s)| s.formality == Formality::Formal).map(|(_, s)| s).collect();
    if any(&i.medical, &["通院", "訪問看護", "入院", "主治医", "訪問診療"]) || formal.iter().any(|s| is_medical(s)) {
        found.push("医療機関等との連携");
    }
    let kinds: std::collections::BTreeSet<&str> = formal.iter().filter(|s| is_welfare_service(s)).map(|s| s.kind.trim()).collect();
    if kinds.len() >= 2 {
        found.push("複数のサービスの利用");
    }
    if told(&["不仲", "対立", "関係が不安定", "関係が悪", "虐待", "暴力", "口論", "衝突", "疎遠", "ぎくしゃく", "関係がこじれ", "折り合いが悪"]) {
        found.push("家族との関係が不安定");
    }
    if told(&["滞納", "8050", "困窮", "借金", "多重債務", "ひきこもり"]) || case.plan.difficulty.marked {
        found.push("複合的な課題");
    }
    if case.for_child {
        found.push("学齢期・就学前の児童");
    }
    found
}

fn monitoring_reason_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let m = &case.plan.monitoring;
    let Some(months) = m.interval_months else { return };
    let interval = super::super::plan::interval_label(months);
    let factors = if months >= 3 { risk_factors(case) } else { Vec::new() };
    let risk = if factors.is_empty() {
        String::new()
    } else {
        format!("この方には{}があり、標準より短い期間が望ましい場合にあたります。", factors.join("・"))
    };
    let message = if blank(&m.reason) {
        format!("モニタリング期間（{interval}）の理由が書かれていません。{risk}")
    } else if !factors.is_empty() && wording::only_standard_period(&m.reason) {
        format!("モニタリング期間（{interval}）の理由が「{}」と標準の期間だけです。{risk}", m.reason.trim())
    } else {
        return;
    };
    hit(out, Location::Plan(PlanField::MonitoringReason), message);
}

/// The interval the municipality decided (支給決定), compared with the risk factors of
/// forms.md (Q&A 令和3年 問38) as the plan's own proposal is: a 目安, so only 助言.
fn decided_interval_long(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let Some(months) = case.benefit_decision.monitoring_interval_months else { return };
    if months < 3 {
        return;
    }
    let factors = risk_factors(case);
    if factors.is_empty() {
        return;
    }
    let interval = super::super::plan::interval_label(months);
    hit(
        out,
        Location::DecidedInterval,
        format!("市町村が決定したモニタリング期間は{interval}です。この方には{}があり、標準より短い期間が望ましい場合にあたります（目安）。", factors.join("・")),
    );
}

/// One finding per support the grid disagrees with, on the 週間計画表 (where a reader sees
/// it). Informal supports with a weekly amount need not be drawn on the grid; slots typed
/// without a link to the goal table are linked by the support's name in their text.
fn schedule_mismatch(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    // Copy the plan only when a slot is to be linked (activity slots like 「起床」 name no
    // service and leave the plan as it is): the check runs after every pause in typing.
    let links = links_by_text(&case.plan);
    let linked;
    let plan = if links.is_empty() {
        &case.plan
    } else {
        let mut plan = case.plan.clone();
        for (slot, support) in links {
            plan.schedule.update_slot(slot, |s| s.support = Some(support));
        }
        linked = plan;
        &linked
    };
    let mut by_support: Vec<(super::super::plan::SupportId, Vec<String>)> = Vec::new();
    for d in disagreements(plan) {
        let support = match &d {
            Disagreement::Times { support, placed: 0, .. } if plan.support(*support).is_some_and(|(_, s)| s.formality == Formality::Informal) => continue,
            Disagreement::Times { support, .. } | Disagreement::Hours { support, .. } => *support,
            Disagreement::Orphan { .. } => {
                hit(out, Location::Plan(PlanField::Schedule), d.message());
                continue;
            }
        };
        match by_support.iter_mut().find(|(s, _)| *s == support) {
            Some((_, messages)) => messages.push(d.message()),
            None => by_support.push((support, vec![d.message()])),
        }
    }
    for (support, mut messages) in by_support {
        messages.dedup();
        hit(out, Location::Schedule(support), messages.join(" "));
    }
}

/// Each unlinked slot of the grid whose text names exactly one formal support's kind
/// (「居宅介護」 in a slot typed 「居宅介護（入浴）」), with that support.
fn links_by_text(plan: &super::super::ServicePlan) -> Vec<(super::super::schedule::SlotId, super::super::plan::SupportId)> {
    let supports: Vec<(super::super::plan::SupportId, &str)> = plan
        .needs()
        .iter()
        .flat_map(|n| &n.supports)
        .filter(|s| s.formality == Formality::Formal && !blank(&s.kind))
        .map(|s| (s.id, s.kind.split(['（', '(']).next().unwrap_or("").trim()))
        .filter(|(_, k)| k.chars().count() >= 2)
        .collect();
    plan.schedule
        .slots()
        .iter()
        .filter(|s| s.support.is_none() && !blank(&s.text))
        .filter_map(|slot| match supports.iter().filter(|(_, k)| slot.text.contains(k)).collect::<Vec<_>>().as_slice() {
            [(id, _)] => Some((slot.id, *id)),
            _ => None,
        })
        .collect()
}

/// Sectors outside welfare the sources name (001 Ⅰ-3-(3)): what shows a matter of the sector
/// in the case (an assessment domain the need rests on, or words anywhere in the intake, the
/// assessment or the plan's wishes and rows), and words that show a support from it.
struct Sector {
    name: &'static str,
    domain: Option<LifeDomain>,
    matter: &'static [&'static str],
    /// Whether the matter counts when only the intake or the assessment shows it (not for
    /// 医療: nearly every case has a health line that another support already covers).
    anywhere: bool,
    support_words: &'static [&'static str],
    /// Names that hold a support word but belong to another sector (a 大学病院 is medical care,
    /// not a school): taken out of a support's text before its words are looked for.
    not_support: &'static [&'static str],
}

const SECTORS: &[Sector] = &[
    Sector {
        name: "医療",
        domain: Some(LifeDomain::Health),
        matter: &["通院", "主治医", "受診", "発作", "訪問看護", "人工呼吸器", "透析", "痰の吸引"],
        anywhere: false,
        support_words: &["病院", "クリニック", "医院", "診療", "看護", "通院", "医師", "主治医", "薬局", "保健", "リハビリ", "歯科", "受診"],
        not_support: &[],
    },
    Sector {
        name: "学校・仕事",
        // Not by the domain alone: 仕事・学び also holds the day activities of a person who
        // neither works nor studies (生活介護).
        domain: None,
        matter: &["働きたい", "就職", "復職", "休職", "仕事に戻", "会社に戻", "職場に戻", "職場復帰", "仕事をして", "仕事がしたい", "仕事をしたい", "仕事を続け", "一般就労", "登校", "不登校", "就学", "進学", "担任"],
        anywhere: true,
        support_words: &[
            "学校", "学級", "大学", "保育", "幼稚園", "教育", "ハローワーク", "就業", "職業", "就労", "企業", "職場", "会社", "担任", "スクール", "ジョブコーチ",
        ],
        not_support: &["大学病院", "大学附属病院", "大学医学部附属病院", "大学医学部"],
    },
    Sector {
        name: "高齢・介護保険",
        domain: None,
        matter: &["介護保険", "要介護", "要支援", "65歳にな", "65歳を迎", "65歳に達", "認知症", "老老介護", "8050", "父の介護", "母の介護", "親の介護"],
        anywhere: true,
        support_words: &["地域包括", "介護保険", "ケアマネ", "居宅介護支援", "介護支援専門員", "通所介護", "高齢", "老人"],
        not_support: &[],
    },
    Sector {
        name: "住まい",
        domain: None,
        matter: &["家賃の滞納", "家賃を滞納", "家賃が払えな", "立ち退き", "退去を求め", "住まいを探", "部屋を探", "転居先", "引っ越し先を", "住む場所がな", "住宅の確保"],
        anywhere: true,
        support_words: &["不動産", "住宅", "居住支援", "大家", "管理会社", "住まい"],
        not_support: &[],
    },
    Sector {
        name: "法律・権利擁護",
        domain: None,
        matter: &["借金", "債務", "滞納", "成年後見", "詐欺", "消費者被害", "契約トラブル", "財産の管理"],
        anywhere: true,
        support_words: &["弁護士", "司法書士", "法テラス", "後見", "権利擁護", "日常生活自立支援", "社会福祉協議会", "社協", "消費生活"],
        not_support: &[],
    },
];

/// What the case says of the person's present and wishes outside the goal table: the
/// referral, family and housing lines of the intake, the assessment's 今の状況 and wishes, and
/// the plan's wishes. Not the life history (past schooling is no matter of today).
fn case_text(case: &Case) -> String {
    let i = &case.intake;
    let mut text = [&i.referral, &i.family, &i.housing].iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
    for d in case.assessment.domains() {
        for e in d.column(Column::Current).iter().chain(d.column(Column::PersonWishes)).chain(d.column(Column::FamilyWishes)) {
            text.push(' ');
            text.push_str(&e.text);
        }
    }
    text.push_str(&format!(" {} {}", case.plan.person_wishes, case.plan.family_wishes));
    text
}

/// One finding per place: the first need whose row (or linked assessment) shows the matter,
/// or the goal table as a whole when only the intake or assessment shows it.
fn other_sector_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let supports: Vec<String> = filled_supports(case).map(|(_, s)| format!("{} {} {}", s.kind, s.provider, s.content)).collect();
    // Medical care often stands in その他留意事項 rather than as a support (「主治医と母に連絡する」).
    let notes: Vec<&str> = case.plan.needs().iter().map(|n| n.notes.as_str()).collect();
    let elsewhere = case_text(case);
    // Each row with the assessment entries it rests on: built once, read for every sector.
    let rows: Vec<(&Need, String)> = case
        .plan
        .needs()
        .iter()
        .map(|n| {
            let mut text = row_text(n);
            for e in case.assessment.domains().iter().flat_map(|d| d.entries()).filter(|e| n.rests_on.contains(&e.id)) {
                text.push_str(&e.text);
            }
            (n, text)
        })
        .collect();
    // Every text prepared once for the sectors' word lists (`Haystack`).
    let supports: Vec<Haystack> = supports.iter().map(|s| Haystack::new(s)).collect();
    let notes: Vec<Haystack> = notes.into_iter().map(Haystack::new).collect();
    let rows: Vec<(&Need, Haystack)> = rows.iter().map(|(n, text)| (*n, Haystack::new(text))).collect();
    let elsewhere = Haystack::new(&elsewhere);
    let mut places: Vec<(Location, Vec<&'static str>, String)> = Vec::new();
    for sector in SECTORS {
        // Another sector's names are replaced by 「・」, which no support word holds: the
        // original's `Haystack` still tells which words cannot be in what is left.
        let named = |hay: &Haystack| {
            if !sector.support_words.iter().any(|w| hay.may_have(w)) {
                return false;
            }
            let text = sector.not_support.iter().fold(hay.text().to_owned(), |t, other| if hay.may_have(other) && t.contains(other) { t.replace(other, "・") } else { t });
            sector.support_words.iter().any(|w| hay.may_have(w) && text.contains(w))
        };
        if supports.iter().any(|s| named(s)) || (!sector.anywhere && notes.iter().any(|n| named(n))) {
            continue;
        }
        let rests_in_domain = |n: &Need| {
            sector.domain.as_ref().is_some_and(|domain| {
                n.rests_on.iter().any(|id| case.assessment.domains().iter().any(|d| &d.domain == domain && d.entries().any(|e| e.id == *id)))
            })
        };
        let names = |hay: &Haystack| sector.matter.iter().copied().find(|w| hay.has(w));
        let row = rows.iter().find_map(|(n, text)| {
            let n = *n;
            if let Some(word) = names(text) {
                Some((n, format!("（「{word}」）")))
            } else {
                rests_in_domain(n).then(|| (n, format!("（{}の記録）", sector.domain.as_ref().map_or("", |d| d.label()))))
            }
        });
        let (location, why) = match row {
            Some((need, what)) => (Location::Need { need: need.id, field: NeedField::Supports }, format!("{}{what}", priority(case, need))),
            None => match names(&elsewhere).filter(|_| sector.anywhere) {
                Some(word) => (Location::Plan(PlanField::Needs), format!("アセスメント（「{word}」）")),
                None => continue,
            },
        };
        match places.iter_mut().find(|(l, ..)| *l == location) {
            Some((_, sectors, _)) => sectors.push(sector.name),
            None => places.push((location, vec![sector.name], why)),
        }
    }
    for (location, sectors, why) in places {
        hit(out, location, format!("{why}に{}の事柄がありますが、その分野の関係機関が目標表の支援にありません。", sectors.join("・")));
    }
}

/// The formal supports 中立・公正 is about: every 障害福祉サービス, and any other formal support
/// whose corporation is written, medical care aside (訪問看護 or 訪問診療 under health
/// insurance, a ケースワーカー are not services the planner steers).
fn weighs_for_neutrality(s: &SupportItem) -> bool {
    s.formality == Formality::Formal && !is_medical(s) && (is_welfare_service(s) || !blank(&s.corporation))
}

/// A corporation's name without its legal form and spaces: 「社会福祉法人 さくら会」 and
/// 「さくら会」 are one corporation.
fn corporation_name(name: &str) -> String {
    let mut n: String = crate::domain::text::to_half_width(name).chars().filter(|c| !c.is_whitespace()).collect();
    for form in ["社会福祉法人", "特定非営利活動法人", "NPO法人", "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人", "医療法人社団", "医療法人財団", "医療法人", "株式会社", "合同会社", "有限会社", "(株)", "(有)", "(福)", "(医)", "(社福)"] {
        n = n.replace(form, "");
    }
    n
}

fn same_corporation(a: &str, b: &str) -> bool {
    let (a, b) = (corporation_name(a), corporation_name(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

/// Words that tell why these providers were chosen (見学して本人が選んだ, 他に受け入れ先がない).
const CHOSEN: &[&str] = &[
    "選んだ", "選択した", "見学して", "比較して", "比べて", "体験して", "他に受け入れ", "ほかに受け入れ", "他にない", "ほかにない", "唯一", "しかない", "本人が決めた",
    "歩いて通", "通いやすい", "近いため", "なじみの",
];

/// 001 Ⅱ-3-(3)①: the concern is a planner steering the person to its *own* corporation's
/// services. All services from one other corporation is not that.
fn single_corporation(case: &Case, options: &CheckOptions, out: &mut Vec<Hit>) {
    let own = options.own_corporation.trim();
    if own.is_empty() {
        return;
    }
    let formal: Vec<(&Need, &SupportItem)> = filled_supports(case).filter(|(_, s)| weighs_for_neutrality(s)).collect();
    let Some((first_need, first)) = formal.first() else { return };
    if !formal.iter().all(|(_, s)| same_corporation(&s.corporation, own)) {
        return;
    }
    // Why this provider, in the person's terms: words of choosing (見学して本人が選んだ) or of
    // the place itself (歩いて通える, なじみの). A reason for the service alone (夜間の介護が
    // 必要なため) does not say why the author's own corporation provides it.
    let said_why = formal.iter().any(|(n, s)| CHOSEN.iter().any(|w| s.reason.contains(w) || s.content.contains(w) || n.notes.contains(w)));
    if said_why {
        return;
    }
    hit(
        out,
        Location::Support { need: first_need.id, support: first.id, field: SupportField::Corporation },
        format!("制度のサービス{}件がすべて自法人（{}）のもので、選んだ理由が書かれていません。", formal.len(), first.corporation.trim()),
    );
}

/// What the row says beside the need itself: その他留意事項 and the supports (where a plan typed
/// elsewhere tells that no provider is to be had).
fn need_notes_text(need: &Need) -> String {
    let mut text = need.notes.clone();
    for s in &need.supports {
        text.push_str(&format!("。{}。{}。{}", s.content, s.provider, s.reason));
    }
    text
}

fn unmet_not_recorded(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let linked = |need: &Need| case.community_issues.iter().any(|i| i.need == Some(need.id));
    let unlinked = case.community_issues.iter().any(|i| i.need.is_none());
    for need in case.plan.needs() {
        let message = if need.unmet {
            if linked(need) {
                continue;
            }
            format!("{}は「今ある資源では満たせない」としていますが、地域課題に記録されていません。", priority(case, need))
        } else if let Some(words) = wording::tells_unmet(&need_notes_text(need)) {
            if linked(need) || unlinked {
                continue;
            }
            format!("{}に「{words}」とあり、今ある資源では満たせないニーズのようですが、地域課題に記録されていません。", priority(case, need))
        } else {
            continue;
        };
        hit(out, Location::Need { need: need.id, field: NeedField::Unmet }, message);
    }
}

/// One finding when the case is marked 支援困難 and `field` is empty.
fn difficulty_missing(case: &Case, out: &mut Vec<Hit>, field: PlanField, what: &str, value: fn(&super::super::plan::Difficulty) -> &str) {
    let d = &case.plan.difficulty;
    if d.marked && blank(value(d)) {
        hit(out, Location::Plan(field), format!("支援困難ケースとしていますが、{what}が書かれていません。"));
    }
}

fn emergency_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    difficulty_missing(case, out, PlanField::DifficultyEmergency, "緊急時の対応", |d| &d.emergency);
}

fn team_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    difficulty_missing(case, out, PlanField::DifficultyTeam, "支援チームの顔ぶれと役割", |d| &d.team);
}

fn meetings_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    difficulty_missing(case, out, PlanField::DifficultyMeetings, "チームで集まった日", |d| &d.meetings);
}

/// 「令和8年6月7日の会議」: how a finding names a meeting.
fn meeting_name(m: &TeamMeeting) -> String {
    format!("{}の会議", format_wareki(m.held_on))
}

/// The working plan's version has no meeting recorded: once it is final, or while the case
/// stands at 担当者会議. A draft at 計画案 (or a change being drafted) is not yet expected to
/// have had its meeting, so it is left alone.
fn meeting_none_for_plan(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let (version, on_draft) = case.meeting_plan_version();
    if case.current_meetings().iter().any(|m| m.plan_version == version) {
        return;
    }
    let message = if !on_draft {
        format!("計画 第{version}版は確定していますが、この計画について話し合ったサービス担当者会議の記録がありません。")
    } else if case.stage == Stage::TeamMeeting {
        "今の段階は「担当者会議」ですが、この計画案について話し合った会議の記録がまだありません。".to_owned()
    } else {
        return;
    };
    hit(out, Location::Meetings, message);
}

/// A meeting on the working plan's version where 本人 was not present and no reason is
/// written on 本人's row (or 本人 is not in the list at all).
fn meeting_person_absent_unexplained(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let (version, _) = case.meeting_plan_version();
    for m in case.current_meetings().into_iter().rev().filter(|m| m.plan_version == version) {
        if m.person_present() {
            continue;
        }
        let rows: Vec<_> = m.attendees.iter().filter(|a| a.role == AttendeeRole::Person).collect();
        let message = if rows.is_empty() {
            format!("{}の出席者に本人が入っていません。本人が出席しなかったときは、その理由を書きましょう。", meeting_name(m))
        } else if rows.iter().all(|a| blank(&a.absence_note)) {
            format!("{}に本人が出席していませんが、その理由が書かれていません。", meeting_name(m))
        } else {
            continue;
        };
        hit(out, Location::Meeting { meeting: m.id, field: MeetingField::Attendees }, message);
    }
}

/// The items of a 残された課題 text: one a line or sentence, bullets dropped.
fn remaining_items(text: &str) -> Vec<String> {
    text.split(['\n', '。'])
        .map(|s| s.trim().trim_start_matches(['・', '-', '－', '●', '○', '■', '□', '※']).trim())
        .filter(|s| s.chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

/// Text as remaining issues are looked for in it: half-width ASCII, no spaces or line breaks.
fn fold(s: &str) -> String {
    to_half_width(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether an item is carried into `target` (already [`fold`]ed): the item itself,
/// or four characters of it in a row that are not all hiragana (so particles and endings like
/// 「について」 do not count), appear there.
fn carried(item: &str, target: &str) -> bool {
    let key: Vec<char> = fold(item).chars().filter(|c| !c.is_ascii_punctuation() && !"、。・「」（）『』".contains(*c)).collect();
    if key.len() < 4 {
        return target.contains(&key.iter().collect::<String>());
    }
    key.windows(4).filter(|w| !w.iter().all(|c| ('ぁ'..='ゖ').contains(c))).any(|w| target.contains(&w.iter().collect::<String>()))
}

/// The words of a plan a remaining issue may be carried into.
fn plan_words(plan: &super::super::ServicePlan) -> String {
    let mut text = [&plan.person_wishes, &plan.family_wishes, &plan.support_policy, &plan.long_term_goal, &plan.short_term_goal].map(|s| s.as_str()).join("\n");
    for need in plan.needs() {
        text.push_str(&format!("\n{}\n{}\n{}\n{}", need.need, need.goal, need.persons_role, need_notes_text(need)));
    }
    text
}

/// A meeting on an earlier version than the working plan whose 残された課題 show in no plan
/// from its version on and in no 地域課題 of the case. Matching is by words (see [`carried`]):
/// a hint to look, so 要確認, never 要対応.
fn meeting_remaining_not_carried(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let (version, _) = case.meeting_plan_version();
    let issues: String = case.community_issues.iter().map(|i| i.description.as_str()).collect::<Vec<_>>().join("\n");
    for m in case.current_meetings().into_iter().rev().filter(|m| m.plan_version < version && !blank(&m.remaining_issues)) {
        let mut target = issues.clone();
        for plan in case.final_plans.iter().skip(m.plan_version.saturating_sub(1) as usize) {
            target.push_str(&plan_words(plan));
        }
        if case.plan.status == super::super::PlanStatus::Draft {
            target.push_str(&plan_words(&case.plan));
        }
        let target = fold(&target);
        let left: Vec<String> = remaining_items(&m.remaining_issues).into_iter().filter(|i| !carried(i, &target)).collect();
        if left.is_empty() {
            continue;
        }
        let quoted = left.iter().map(|i| format!("「{i}」")).collect::<String>();
        hit(
            out,
            Location::Meeting { meeting: m.id, field: MeetingField::RemainingIssues },
            format!("{}で残された課題{quoted}が、その後の計画にも地域課題にも見当たりません。", meeting_name(m)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SECTORS;

    #[test]
    fn no_support_word_holds_the_replacement_of_another_sectors_names() {
        // `other_sector_missing` replaces other sectors' names by 「・」 and still filters with
        // the first text's `Haystack`: right only for words without 「・」.
        for sector in SECTORS {
            for w in sector.support_words.iter().chain(sector.not_support) {
                assert!(!w.contains('・'), "{}: {w}", sector.name);
            }
        }
    }
}

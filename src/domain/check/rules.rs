//! The rules, one small function each, and the table that gives each its id, level,
//! severity, matrix cells, suggestion and source. Adding a rule: write the function, add a
//! row to [`ALL`], add a test that fires on a bad example and stays silent on a good one.

use super::super::assessment::{Column, EntryId, LifeDomain};
use super::super::plan::{Formality, Need, SupportItem, SERVICE_KINDS};
use super::super::role_matrix::{Area, Level};
use super::super::schedule::{disagreements, Disagreement};
use super::super::sources as src;
use super::super::Case;
use super::wording;
use super::{CheckOptions, DecisionField, Hit, Location, NeedField, PlanField, Rule, Severity, SupportField};

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

fn need_no_strength(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    for need in case.plan.needs().iter().filter(|n| !blank(&n.need)) {
        if !need.rests_on.iter().any(|id| column_of(case, *id) == Some(Column::Strengths)) {
            let message = if need.rests_on.is_empty() {
                format!("{}はアセスメントのどの記録とも結びついていません。", priority(case, need))
            } else {
                format!("{}は、アセスメントの強み・資源と結びついていません。", priority(case, need))
            };
            hit(out, Location::Need { need: need.id, field: NeedField::RestsOn }, message);
        }
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
    for (location, name, text) in written_for_person(case) {
        let terms = wording::jargon(text);
        if !terms.is_empty() {
            let list = terms.iter().map(|t| format!("「{t}」")).collect::<Vec<_>>().join("");
            hit(out, location, format!("{name}に、本人には分かりにくい言葉{list}があります。"));
        }
    }
}

fn long_sentence(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    for (location, name, text) in written_for_person(case) {
        if let Some(sentence) = wording::long_sentence(text) {
            let head: String = sentence.chars().take(20).collect();
            hit(out, location, format!("{name}に、{}字の長い文（「{head}…」）があります。", sentence.chars().count()));
        }
    }
}

fn own_words_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let wishes = &case.plan.person_wishes;
    if blank(wishes) || wishes.contains('「') {
        return;
    }
    let quoted_in_assessment = case
        .assessment
        .domains()
        .iter()
        .flat_map(|d| d.column(Column::PersonWishes))
        .any(|e| e.own_words && !blank(&e.text));
    if !quoted_in_assessment {
        hit(out, Location::Plan(PlanField::PersonWishes), "本人の意向に、本人が話した言葉がそのまま残っていません。".into());
    }
}

fn family_in_person(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    if let Some(who) = wording::reports_family_view(&case.plan.person_wishes) {
        let also = if blank(&case.plan.family_wishes) { "（家族の意向の欄は空です）" } else { "" };
        hit(
            out,
            Location::Plan(PlanField::PersonWishes),
            format!("本人の意向の欄に、{who}の思いが書かれています{also}。"),
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
    if blank(&d.estimated_by) {
        hit(out, Location::DecisionSupport(DecisionField::EstimatedBy), "本人の意思を推定したのが誰か、書かれていません。".into());
    }
    if blank(&d.estimation_reason) {
        hit(out, Location::DecisionSupport(DecisionField::EstimationReason), "本人の意思を推定した根拠が書かれていません。".into());
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

/// A support the municipality decides on: a named 障害福祉サービス, or any formal support
/// with a planned amount.
fn needs_reason(s: &SupportItem) -> bool {
    s.formality == Formality::Formal
        && (SERVICE_KINDS.iter().any(|k| s.kind.contains(k)) || s.amount.times.is_some())
}

fn support_reason_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    for (need, s) in filled_supports(case).filter(|(_, s)| needs_reason(s) && blank(&s.reason)) {
        let amount = s.amount.describe();
        let amount = if amount.is_empty() { String::new() } else { format!("（{amount}）") };
        hit(
            out,
            Location::Support { need: need.id, support: s.id, field: SupportField::Reason },
            format!("{}の「{}」{amount}に、このサービス・この量にした理由が書かれていません。", priority(case, need), s.kind.trim()),
        );
    }
}

/// Circumstances for which a shorter interval than standard is desirable (forms.md,
/// MHLW Q&A 令和3年 問38), as far as the case's words show them.
fn risk_factors(case: &Case) -> Vec<&'static str> {
    let mut found = Vec::new();
    let words = |text: &str, list: &[&str]| list.iter().any(|w| text.contains(w));
    let lives_alone = ["一人暮らし", "ひとり暮らし", "単身"];
    let current_texts = case.assessment.domains().iter().flat_map(|d| d.column(Column::Current)).map(|e| e.text.as_str());
    if words(&case.intake.housing, &lives_alone) || words(&case.intake.family, &lives_alone) || current_texts.clone().any(|t| words(t, &lives_alone)) {
        found.push("単身");
    }
    let medical = ["通院", "訪問看護", "入院", "主治医", "訪問診療"];
    if words(&case.intake.medical, &medical) {
        found.push("医療機関等との連携");
    }
    let formal_kinds: std::collections::BTreeSet<&str> =
        filled_supports(case).filter(|(_, s)| s.formality == Formality::Formal).map(|(_, s)| s.kind.trim()).collect();
    if formal_kinds.len() >= 3 {
        found.push("複数のサービスの利用");
    }
    if case.for_child {
        found.push("学齢期・就学前の児童");
    }
    found
}

fn monitoring_reason_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    let m = &case.plan.monitoring;
    let Some(months) = m.interval_months else { return };
    if !blank(&m.reason) {
        return;
    }
    let interval = super::super::plan::interval_label(months);
    let factors = risk_factors(case);
    let message = if months >= 3 && !factors.is_empty() {
        format!(
            "モニタリング期間（{interval}）の理由が書かれていません。この方には{}があり、標準より短い期間が望ましい場合にあたります。",
            factors.join("・")
        )
    } else {
        format!("モニタリング期間（{interval}）の理由が書かれていません。")
    };
    hit(out, Location::Plan(PlanField::MonitoringReason), message);
}

fn schedule_mismatch(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    for d in disagreements(&case.plan) {
        let location = match &d {
            Disagreement::Times { support, .. } | Disagreement::Hours { support, .. } => {
                match case.plan.support(*support) {
                    Some((need, _)) => Location::Support { need: need.id, support: *support, field: SupportField::Amount },
                    None => Location::Plan(PlanField::Schedule),
                }
            }
            Disagreement::Orphan { .. } => Location::Plan(PlanField::Schedule),
        };
        hit(out, location, d.message());
    }
}

/// Sectors outside welfare the sources name (001 Ⅰ-3-(3)): the assessment domain that
/// shows a matter of the sector, and words that show a support from it.
struct Sector {
    name: &'static str,
    domain: LifeDomain,
    support_words: &'static [&'static str],
}

const SECTORS: &[Sector] = &[
    Sector {
        name: "医療",
        domain: LifeDomain::Health,
        support_words: &["病院", "クリニック", "医院", "診療", "看護", "通院", "医師", "主治医", "薬局", "保健"],
    },
    Sector {
        name: "学校・仕事",
        domain: LifeDomain::WorkLearning,
        support_words: &["学校", "学級", "大学", "保育", "幼稚園", "教育", "ハローワーク", "就業", "職業", "就労", "企業", "職場"],
    },
];

fn other_sector_missing(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    for sector in SECTORS {
        let domain_entries: Vec<EntryId> = case
            .assessment
            .domains()
            .iter()
            .filter(|d| d.domain == sector.domain)
            .flat_map(|d| d.entries().map(|e| e.id))
            .collect();
        let mentioned = filled_supports(case)
            .any(|(_, s)| sector.support_words.iter().any(|w| s.kind.contains(w) || s.provider.contains(w) || s.content.contains(w)));
        if mentioned {
            continue;
        }
        if let Some(need) = case.plan.needs().iter().find(|n| n.rests_on.iter().any(|id| domain_entries.contains(id))) {
            hit(
                out,
                Location::Need { need: need.id, field: NeedField::Supports },
                format!(
                    "{}は「{}」の記録にもとづいていますが、{}の関係機関が目標表の支援にありません。",
                    priority(case, need),
                    sector.domain.label(),
                    sector.name
                ),
            );
        }
    }
}

/// The formal supports 中立・公正 is about: every 障害福祉サービス, and any other formal support
/// whose corporation is written. A support outside the welfare services with no corporation
/// (訪問看護 or 訪問診療 under health insurance, a ケースワーカー) is left out rather than read
/// as "another corporation".
fn weighs_for_neutrality(s: &SupportItem) -> bool {
    s.formality == Formality::Formal && (SERVICE_KINDS.iter().any(|k| s.kind.contains(k)) || !blank(&s.corporation))
}

fn single_corporation(case: &Case, options: &CheckOptions, out: &mut Vec<Hit>) {
    let formal: Vec<(&Need, &SupportItem)> = filled_supports(case).filter(|(_, s)| weighs_for_neutrality(s)).collect();
    let Some((first_need, first)) = formal.first() else { return };
    let corporation = first.corporation.trim();
    if corporation.is_empty() || formal.iter().any(|(_, s)| s.corporation.trim() != corporation) {
        return;
    }
    let own = options.own_corporation.trim();
    let message = if !own.is_empty() && own == corporation {
        format!("制度のサービス{}件がすべて自法人（{corporation}）のものです。", formal.len())
    } else if formal.len() >= 2 {
        format!("制度のサービス{}件がすべて同じ法人（{corporation}）のものです。", formal.len())
    } else {
        return;
    };
    hit(out, Location::Support { need: first_need.id, support: first.id, field: SupportField::Corporation }, message);
}

fn unmet_not_recorded(case: &Case, _: &CheckOptions, out: &mut Vec<Hit>) {
    for need in case.plan.needs().iter().filter(|n| n.unmet) {
        if !case.community_issues.iter().any(|i| i.need == Some(need.id)) {
            hit(
                out,
                Location::Need { need: need.id, field: NeedField::Unmet },
                format!("{}は「今ある資源では満たせない」としていますが、地域課題に記録されていません。", priority(case, need)),
            );
        }
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

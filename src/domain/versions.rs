//! 評価: the plan's versions compared. `diff_plans` says what changed between two versions
//! (計画の変更履歴) — each change with its place, its kind (追加・削除・変更) and the text
//! before and after — and `need_trails` follows every need of every version: its goal, the
//! 達成度 each recorded monitoring gave it, and what the next version did with it
//! (継続・変更・終了).
//!
//! Needs are matched by id (a revision copies the plan, so ids carry over), and a need not
//! matched by id by its text (a need deleted and typed again, or a plan typed elsewhere);
//! supports within a matched need likewise by id, else by 種類. The plan's header
//! (作成日, 担当者 …), consent and check marks are left out: they differ between every two
//! versions and are not what the plan says about the person.

use super::case::Case;
use super::monitoring::{MonitoringId, ReportStatus};
use super::plan::{Formality, Need, NeedId, PlanStatus, ServicePlan, SupportItem};
use super::schedule::Slot;
use chrono::NaiveDate;

/// 追加・削除・変更: written as a word on screen and in print, never shown by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "追加",
            ChangeKind::Removed => "削除",
            ChangeKind::Changed => "変更",
        }
    }
}

/// What a change is about. Need-level and support-level fields carry the need (and
/// support) they belong to in [`Change::need`] / [`Change::support`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    PersonWishes,
    FamilyWishes,
    SupportPolicy,
    LongTermGoal,
    ShortTermGoal,
    /// A need added or removed as a whole.
    Need,
    /// 解決すべき課題（本人のニーズ）'s text.
    NeedText,
    Priority,
    Goal,
    TargetDate,
    PersonsRole,
    ReviewDate,
    NeedNotes,
    /// A support added or removed as a whole.
    Support,
    SupportFormality,
    SupportKind,
    SupportContent,
    SupportAmount,
    SupportProvider,
    SupportReason,
    MonitoringInterval,
    MonitoringReason,
    /// A slot of the 週間計画表 added, removed or changed.
    ScheduleSlot,
    ScheduleStartMonth,
    ScheduleNonWeekly,
    ScheduleWholeLife,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::PersonWishes => "本人の意向（希望する生活）",
            Field::FamilyWishes => "家族の意向",
            Field::SupportPolicy => "総合的な援助の方針",
            Field::LongTermGoal => "長期目標",
            Field::ShortTermGoal => "短期目標",
            Field::Need => "解決すべき課題（本人のニーズ）",
            Field::NeedText => "ニーズの文",
            Field::Priority => "優先順位",
            Field::Goal => "支援目標",
            Field::TargetDate => "達成時期",
            Field::PersonsRole => "課題解決のための本人の役割",
            Field::ReviewDate => "評価時期",
            Field::NeedNotes => "その他留意事項",
            Field::Support => "福祉サービス等",
            Field::SupportFormality => "フォーマル／インフォーマル",
            Field::SupportKind => "種類",
            Field::SupportContent => "内容",
            Field::SupportAmount => "量（頻度・時間）",
            Field::SupportProvider => "提供事業者",
            Field::SupportReason => "サービス・量の理由",
            Field::MonitoringInterval => "モニタリング期間",
            Field::MonitoringReason => "モニタリング期間の理由",
            Field::ScheduleSlot => "週間計画表の枠",
            Field::ScheduleStartMonth => "週間計画表の計画開始年月",
            Field::ScheduleNonWeekly => "週単位以外のサービス",
            Field::ScheduleWholeLife => "サービス提供によって実現する生活の全体像",
        }
    }
}

/// One difference between two plan versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub field: Field,
    pub kind: ChangeKind,
    /// The need it belongs to, as 「優先順位N「ニーズの文」」 (of the later version, or of
    /// the earlier one for a removed need).
    pub need: Option<String>,
    /// The support it belongs to, by its 種類.
    pub support: Option<String>,
    /// Empty for an addition.
    pub before: String,
    /// Empty for a removal.
    pub after: String,
}

impl Change {
    /// The 項目 column: where in the plan, in Japanese.
    pub fn place(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(n) = &self.need {
            parts.push(n.clone());
        }
        if let Some(s) = &self.support {
            parts.push(format!("福祉サービス等「{s}」"));
        }
        let own = !matches!((self.field, parts.len()), (Field::Need, 1) | (Field::Support, 2));
        if own {
            parts.push(self.field.label().to_owned());
        }
        parts.join(" ／ ")
    }
}

fn need_name(priority: usize, need: &Need) -> String {
    let text = need.need.trim();
    if text.is_empty() { format!("優先順位{priority}（ニーズ未記入）") } else { format!("優先順位{priority}「{text}」") }
}

fn support_name(s: &SupportItem) -> String {
    let kind = s.kind.trim();
    if kind.is_empty() { "（種類未記入）".to_owned() } else { kind.to_owned() }
}

/// A support as one line: 「生活介護：作業と昼食（週5回・1回6時間） 〇〇作業所」.
fn support_text(s: &SupportItem) -> String {
    let mut out = support_name(s);
    if !s.content.trim().is_empty() {
        out.push('：');
        out.push_str(s.content.trim());
    }
    let amount = s.amount.describe();
    if !amount.is_empty() {
        out.push_str(&format!("（{amount}）"));
    }
    if !s.provider.trim().is_empty() {
        out.push(' ');
        out.push_str(s.provider.trim());
    }
    out
}

/// What a need added or removed as a whole held (its name is already in the 項目 column):
/// 「支援目標：… ／ 福祉サービス等：生活介護、移動支援」.
fn need_text(n: &Need) -> String {
    let mut parts = Vec::new();
    if !n.goal.trim().is_empty() {
        parts.push(format!("支援目標：{}", n.goal.trim()));
    }
    let kinds: Vec<String> = n.supports.iter().filter(|s| !s.kind.trim().is_empty()).map(support_name).collect();
    if !kinds.is_empty() {
        parts.push(format!("福祉サービス等：{}", kinds.join("、")));
    }
    if parts.is_empty() { "（支援目標・福祉サービス等は未記入）".to_owned() } else { parts.join(" ／ ") }
}

/// 「月・水・金 9:00〜15:00 生活介護」
fn slot_text(s: &Slot) -> String {
    let columns: Vec<&str> = s.columns.iter().map(|c| c.label()).collect();
    format!("{} {} {}", columns.join("・"), s.time_label(), s.text.trim()).trim_end().to_owned()
}

fn formality_label(f: Formality) -> &'static str {
    match f {
        Formality::Formal => "フォーマル",
        Formality::Informal => "インフォーマル",
    }
}

/// Pairs the needs of two versions: by id, then the rest by their text (trimmed, not empty).
/// Returns (index in a, index in b) in b's order.
fn pair_needs(a: &[Need], b: &[Need]) -> Vec<(usize, usize)> {
    let mut used_a = vec![false; a.len()];
    let mut pairs: Vec<Option<usize>> = b
        .iter()
        .map(|nb| {
            let i = a.iter().position(|na| na.id == nb.id)?;
            used_a[i] = true;
            Some(i)
        })
        .collect();
    for (j, nb) in b.iter().enumerate() {
        if pairs[j].is_some() || nb.need.trim().is_empty() {
            continue;
        }
        if let Some(i) = (0..a.len()).find(|&i| !used_a[i] && a[i].need.trim() == nb.need.trim()) {
            used_a[i] = true;
            pairs[j] = Some(i);
        }
    }
    pairs.into_iter().enumerate().filter_map(|(j, i)| i.map(|i| (i, j))).collect()
}

/// Pairs supports of two matched needs: by id, then by 種類.
fn pair_supports(a: &[SupportItem], b: &[SupportItem]) -> Vec<(usize, usize)> {
    let mut used_a = vec![false; a.len()];
    let mut pairs: Vec<Option<usize>> = b
        .iter()
        .map(|sb| {
            let i = a.iter().position(|sa| sa.id == sb.id)?;
            used_a[i] = true;
            Some(i)
        })
        .collect();
    for (j, sb) in b.iter().enumerate() {
        if pairs[j].is_some() {
            continue;
        }
        if let Some(i) = (0..a.len()).find(|&i| !used_a[i] && a[i].kind.trim() == sb.kind.trim()) {
            used_a[i] = true;
            pairs[j] = Some(i);
        }
    }
    pairs.into_iter().enumerate().filter_map(|(j, i)| i.map(|i| (i, j))).collect()
}

/// The indexes (into `seq`) of a longest increasing subsequence: the matched needs that kept
/// their order. Only the others count as moved, so moving one need up by three places is
/// one change, not four.
fn kept_order(seq: &[usize]) -> Vec<bool> {
    let n = seq.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for j in 0..n {
        for i in 0..j {
            if seq[i] < seq[j] && len[i] + 1 > len[j] {
                len[j] = len[i] + 1;
                prev[j] = i;
            }
        }
    }
    let mut kept = vec![false; n];
    if let Some(mut k) = (0..n).max_by_key(|&k| (len[k], std::cmp::Reverse(k))) {
        loop {
            kept[k] = true;
            if prev[k] == usize::MAX {
                break;
            }
            k = prev[k];
        }
    }
    kept
}

struct Differ {
    out: Vec<Change>,
}

impl Differ {
    fn text(&mut self, field: Field, need: Option<&str>, support: Option<&str>, before: &str, after: &str) {
        let (before, after) = (before.trim(), after.trim());
        if before == after {
            return;
        }
        let kind = match (before.is_empty(), after.is_empty()) {
            (true, _) => ChangeKind::Added,
            (_, true) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        self.out.push(Change {
            field,
            kind,
            need: need.map(str::to_owned),
            support: support.map(str::to_owned),
            before: before.to_owned(),
            after: after.to_owned(),
        });
    }

    fn whole(&mut self, field: Field, kind: ChangeKind, need: Option<String>, support: Option<String>, text: String) {
        let (before, after) = if kind == ChangeKind::Added { (String::new(), text) } else { (text, String::new()) };
        self.out.push(Change { field, kind, need, support, before, after });
    }

    fn need(&mut self, na: &Need, pb: usize, nb: &Need) {
        let name = need_name(pb, nb);
        let n = Some(name.as_str());
        self.text(Field::NeedText, n, None, &na.need, &nb.need);
        self.text(Field::Goal, n, None, &na.goal, &nb.goal);
        self.text(Field::TargetDate, n, None, &na.target_date, &nb.target_date);
        let pairs = pair_supports(&na.supports, &nb.supports);
        for (i, sa) in na.supports.iter().enumerate() {
            if !pairs.iter().any(|(x, _)| *x == i) {
                self.whole(Field::Support, ChangeKind::Removed, Some(name.clone()), Some(support_name(sa)), support_text(sa));
            }
        }
        for (j, sb) in nb.supports.iter().enumerate() {
            match pairs.iter().find(|(_, y)| *y == j) {
                Some(&(i, _)) => self.support(&name, &na.supports[i], sb),
                None => self.whole(Field::Support, ChangeKind::Added, Some(name.clone()), Some(support_name(sb)), support_text(sb)),
            }
        }
        self.text(Field::PersonsRole, n, None, &na.persons_role, &nb.persons_role);
        self.text(Field::ReviewDate, n, None, &na.review_date, &nb.review_date);
        self.text(Field::NeedNotes, n, None, &na.notes, &nb.notes);
    }

    fn support(&mut self, need: &str, a: &SupportItem, b: &SupportItem) {
        let s = support_name(b);
        let (n, s) = (Some(need), Some(s.as_str()));
        if a.formality != b.formality {
            self.text(Field::SupportFormality, n, s, formality_label(a.formality), formality_label(b.formality));
        }
        self.text(Field::SupportKind, n, s, &a.kind, &b.kind);
        self.text(Field::SupportContent, n, s, &a.content, &b.content);
        if a.amount != b.amount {
            self.text(Field::SupportAmount, n, s, &a.amount.describe(), &b.amount.describe());
        }
        self.text(Field::SupportProvider, n, s, &a.provider, &b.provider);
        self.text(Field::SupportReason, n, s, &a.reason, &b.reason);
    }
}

/// What changed from plan `a` to plan `b`, in the order of the form: the narrative, then
/// each need of `b` in priority order (removed needs first, then changes and additions),
/// the monitoring interval, the 週間計画表.
pub fn diff_plans(a: &ServicePlan, b: &ServicePlan) -> Vec<Change> {
    let mut d = Differ { out: Vec::new() };
    d.text(Field::PersonWishes, None, None, &a.person_wishes, &b.person_wishes);
    d.text(Field::FamilyWishes, None, None, &a.family_wishes, &b.family_wishes);
    d.text(Field::SupportPolicy, None, None, &a.support_policy, &b.support_policy);
    d.text(Field::LongTermGoal, None, None, &a.long_term_goal, &b.long_term_goal);
    d.text(Field::ShortTermGoal, None, None, &a.short_term_goal, &b.short_term_goal);

    let (na, nb) = (a.needs(), b.needs());
    let pairs = pair_needs(na, nb);
    for (i, need) in na.iter().enumerate() {
        if !pairs.iter().any(|(x, _)| *x == i) {
            d.whole(Field::Need, ChangeKind::Removed, Some(need_name(i + 1, need)), None, need_text(need));
        }
    }
    let order: Vec<usize> = pairs.iter().map(|(i, _)| *i).collect();
    let kept = kept_order(&order);
    for (j, need) in nb.iter().enumerate() {
        match pairs.iter().position(|(_, y)| *y == j) {
            Some(k) => {
                let i = pairs[k].0;
                if !kept[k] {
                    let name = need_name(j + 1, need);
                    d.text(Field::Priority, Some(&name), None, &format!("優先順位{}", i + 1), &format!("優先順位{}", j + 1));
                }
                d.need(&na[i], j + 1, need);
            }
            None => d.whole(Field::Need, ChangeKind::Added, Some(need_name(j + 1, need)), None, need_text(need)),
        }
    }

    d.text(Field::MonitoringInterval, None, None, &a.monitoring.interval_text(), &b.monitoring.interval_text());
    d.text(Field::MonitoringReason, None, None, &a.monitoring.reason, &b.monitoring.reason);

    let (sa, sb) = (&a.schedule, &b.schedule);
    d.text(Field::ScheduleStartMonth, None, None, &sa.start_month, &sb.start_month);
    for slot in sa.slots() {
        match sb.slot(slot.id) {
            Some(other) => d.text(Field::ScheduleSlot, None, None, &slot_text(slot), &slot_text(other)),
            None => d.whole(Field::ScheduleSlot, ChangeKind::Removed, None, None, slot_text(slot)),
        }
    }
    for slot in sb.slots() {
        if sa.slot(slot.id).is_none() {
            d.whole(Field::ScheduleSlot, ChangeKind::Added, None, None, slot_text(slot));
        }
    }
    d.text(Field::ScheduleNonWeekly, None, None, &sa.non_weekly, &sb.non_weekly);
    d.text(Field::ScheduleWholeLife, None, None, &sa.whole_life, &sb.whole_life);
    d.out
}

/// One version of the plan: a final one (第N版, frozen) or the change being drafted.
#[derive(Clone, Copy, Debug)]
pub struct PlanVersion<'a> {
    /// 1 for the first final plan; the draft after N finals is N + 1.
    pub number: u32,
    pub plan: &'a ServicePlan,
    pub draft: bool,
}

impl PlanVersion<'_> {
    /// 計画作成日 of a final version.
    pub fn made_on(&self) -> Option<NaiveDate> {
        self.plan.consent.as_ref().map(|c| c.made_on)
    }
}

/// Every version, oldest first: the final plans, then the working draft when a change
/// after a final plan is being written (a first draft, never final, is not a version to
/// compare or evaluate yet).
pub fn plan_versions(case: &Case) -> Vec<PlanVersion<'_>> {
    let mut out: Vec<PlanVersion> =
        case.final_plans.iter().enumerate().map(|(i, plan)| PlanVersion { number: i as u32 + 1, plan, draft: false }).collect();
    if case.plan.status == PlanStatus::Draft && !case.final_plans.is_empty() {
        out.push(PlanVersion { number: case.final_plans.len() as u32 + 1, plan: &case.plan, draft: true });
    }
    out
}

/// What the next version did with a need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// 継続: the same need, goal and supports.
    Kept,
    /// 変更: the need is still there, with these changed (labels, each once, in form order).
    Changed(Vec<&'static str>),
    /// 終了: not in the next version.
    Closed,
    /// There is no next version yet.
    Open,
}

impl Fate {
    pub fn label(&self) -> &'static str {
        match self {
            Fate::Kept => "継続",
            Fate::Changed(_) => "変更",
            Fate::Closed => "終了",
            Fate::Open => "次の版はまだありません",
        }
    }
}

/// One recorded monitoring's word on a need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Achievement {
    pub report: MonitoringId,
    pub held_on: Option<NaiveDate>,
    /// 支援目標の達成度（ニーズの充足度）, as written (may be empty).
    pub achievement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedTrail {
    pub need: NeedId,
    pub priority: usize,
    pub need_text: String,
    pub goal: String,
    pub target_date: String,
    /// Not in the version before (a need this version added).
    pub new: bool,
    /// The recorded monitorings of this version that have a row for this need, by 実施日.
    pub monitorings: Vec<Achievement>,
    pub fate: Fate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionTrail {
    pub number: u32,
    pub draft: bool,
    pub made_on: Option<NaiveDate>,
    /// Recorded monitorings of this version (also those without a row for some need).
    pub monitoring_count: usize,
    pub needs: Vec<NeedTrail>,
}

/// Every version's needs with their monitorings and fate, oldest version first.
pub fn need_trails(case: &Case) -> Vec<VersionTrail> {
    let versions = plan_versions(case);
    versions
        .iter()
        .enumerate()
        .map(|(v, version)| {
            let mut reports: Vec<_> = case
                .monitoring_reports
                .iter()
                .filter(|r| r.status == ReportStatus::Recorded && r.plan_version == version.number && !version.draft)
                .collect();
            reports.sort_by_key(|r| (r.held_on, r.id));
            let next = versions.get(v + 1).map(|n| n.plan);
            let next_pairs = next.map(|n| pair_needs(version.plan.needs(), n.needs()));
            let prev_pairs = v.checked_sub(1).map(|p| pair_needs(versions[p].plan.needs(), version.plan.needs()));
            let needs = version
                .plan
                .needs()
                .iter()
                .enumerate()
                .map(|(i, need)| {
                    let fate = match (next, &next_pairs) {
                        (Some(next), Some(pairs)) => match pairs.iter().find(|(x, _)| *x == i) {
                            None => Fate::Closed,
                            Some(&(_, j)) => fate_of(need, &next.needs()[j]),
                        },
                        _ => Fate::Open,
                    };
                    NeedTrail {
                        need: need.id,
                        priority: i + 1,
                        need_text: need.need.trim().to_owned(),
                        goal: need.goal.trim().to_owned(),
                        target_date: need.target_date.trim().to_owned(),
                        new: prev_pairs.as_ref().is_some_and(|p| !p.iter().any(|(_, y)| *y == i)),
                        monitorings: reports
                            .iter()
                            .filter_map(|r| {
                                let row = r.rows.iter().find(|row| row.need == need.id)?;
                                Some(Achievement { report: r.id, held_on: r.held_on, achievement: row.achievement.trim().to_owned() })
                            })
                            .collect(),
                        fate,
                    }
                })
                .collect();
            VersionTrail { number: version.number, draft: version.draft, made_on: version.made_on(), monitoring_count: reports.len(), needs }
        })
        .collect()
}

/// 継続 or 変更 (with what changed) for a need and its match in the next version. The
/// priority alone moving is not a change of the need.
fn fate_of(a: &Need, b: &Need) -> Fate {
    let mut d = Differ { out: Vec::new() };
    d.need(a, 0, b);
    let mut labels: Vec<&'static str> = Vec::new();
    for c in &d.out {
        let label = match c.field {
            Field::NeedText => "ニーズ",
            Field::Goal => "支援目標",
            Field::TargetDate => "達成時期",
            Field::Support if c.kind == ChangeKind::Added => "サービスの追加",
            Field::Support => "サービスの削除",
            Field::SupportKind | Field::SupportFormality => "サービスの種類",
            Field::SupportContent => "サービスの内容",
            Field::SupportAmount => "量",
            Field::SupportProvider => "提供事業者",
            Field::SupportReason => "サービス・量の理由",
            Field::PersonsRole => "本人の役割",
            Field::ReviewDate => "評価時期",
            _ => "その他留意事項",
        };
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    if labels.is_empty() { Fate::Kept } else { Fate::Changed(labels) }
}

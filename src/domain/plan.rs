//! サービス等利用計画（案）: the national form's header, narrative and goal table
//! (forms.md "サービス等利用計画（案）・障害児支援利用計画（案）").
//!
//! The goal table is a list of needs in priority order (優先順位 = position + 1); each need
//! points at the assessment entries it rests on and lists its supports, formal and
//! informal, with kind, content, amount and provider.

use super::assessment::EntryId;
use super::monitoring::MonitoringId;
use super::schedule::WeeklySchedule;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NeedId(pub u32);

/// Identifies a support within its plan (a slot of the weekly schedule points at it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SupportId(pub u32);

/// 計画案 (draft) or 計画 (final). Only the draft is edited; a final plan is frozen
/// (see `Case::make_final`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    #[default]
    Draft,
    Final,
}

/// The form's header fields that are not already on the case (name, 区分, 受給者証番号).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanHeader {
    /// 相談支援事業者名
    pub office_name: String,
    /// 計画作成担当者
    pub planner: String,
    /// 利用者負担上限額
    pub burden_cap: String,
    /// 地域相談支援受給者証番号
    pub regional_certificate_no: String,
    /// 通所受給者証番号
    pub day_service_certificate_no: String,
    /// 計画案作成日 (as typed; 西暦 or 和暦)
    pub drafted_on: String,
    /// モニタリング期間（開始年月）
    pub monitoring_start: String,
}

/// フォーマル / インフォーマル
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Formality {
    #[default]
    Formal,
    Informal,
}

impl Formality {
    pub fn label(self) -> &'static str {
        match self {
            Formality::Formal => "フォーマル（制度のサービス）",
            Formality::Informal => "インフォーマル（家族・近所・地域など）",
        }
    }
}

/// How often an amount is counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    #[default]
    Week,
    Month,
}

impl Per {
    pub fn label(self) -> &'static str {
        match self {
            Per::Week => "週",
            Per::Month => "月",
        }
    }
}

/// 量（頻度・時間）as numbers, so the weekly schedule and the checker can compare them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Amount {
    /// Times per `per`.
    pub times: Option<u32>,
    pub per: Per,
    /// Hours each time.
    pub hours: Option<f32>,
}

impl Amount {
    /// 「週3回・1回4時間」
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.times {
            parts.push(format!("{}{}回", self.per.label(), t));
        }
        if let Some(h) = self.hours {
            parts.push(format!("1回{}時間", trim_number(h)));
        }
        parts.join("・")
    }
}

fn trim_number(x: f32) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Parses a count typed in a form (full-width digits accepted). `Ok(None)` for empty.
pub fn parse_times(raw: &str) -> Result<Option<u32>, &'static str> {
    let s = to_ascii_digits(raw);
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u32>() {
        Ok(n) if n <= 31 * 3 => Ok(Some(n)),
        _ => Err("回数は0以上の整数で入力してください（例：3）。"),
    }
}

/// Parses hours typed in a form (e.g. 「1.5」). `Ok(None)` for empty.
pub fn parse_hours(raw: &str) -> Result<Option<f32>, &'static str> {
    let s = to_ascii_digits(raw);
    if s.is_empty() {
        return Ok(None);
    }
    match parse_decimal(&s) {
        Some(h) if (0.0..=24.0).contains(&h) => Ok(Some(h)),
        _ => Err("時間は0から24までの数で入力してください（例：1.5）。"),
    }
}

/// 「1.5」「.5」「2」「2.」 as a number: digits with at most one point. Hand-written rather
/// than `str::parse::<f32>`, whose tables cost the wasm 14 KB gzip; exact for the up to
/// six digits each side a form ever holds (more is refused).
fn parse_decimal(s: &str) -> Option<f32> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |d: &str| d.len() <= 6 && d.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let whole: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let part: u64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    let scale = 10u64.pow(frac.len() as u32);
    Some(((whole * scale + part) as f64 / scale as f64) as f32)
}

fn to_ascii_digits(raw: &str) -> String {
    super::text::to_half_width(raw.trim())
}

/// Service names offered in the kind field (free text is always allowed). From the
/// service names in forms.md's monitoring-interval notes and ../reference/002.
pub const SERVICE_KINDS: &[&str] = &[
    "居宅介護",
    "重度訪問介護",
    "同行援護",
    "行動援護",
    "短期入所",
    "生活介護",
    "自立訓練",
    "就労移行支援",
    "就労継続支援",
    "就労定着支援",
    "自立生活援助",
    "共同生活援助",
    "施設入所支援",
    "地域移行支援",
    "地域定着支援",
    "児童発達支援",
    "放課後等デイサービス",
    "移動支援",
    "地域活動支援センター",
];

/// 福祉サービス等: one support for a need.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportItem {
    /// Unique in the plan; 0 only in records from before schema 5 (fresh ids on read).
    pub id: SupportId,
    pub formality: Formality,
    /// 種類: a service name from [`SERVICE_KINDS`] or free text (家族, 近所の喫茶店 …).
    pub kind: String,
    /// 内容
    pub content: String,
    pub amount: Amount,
    /// 提供事業者名（担当者名・電話）: may stay empty in the draft (forms.md).
    pub provider: String,
    /// The corporation (法人) behind the provider, for 中立・公正 later.
    pub corporation: String,
    /// Why this service and this amount (the municipality's 「なぜ」; printed after the amount).
    pub reason: String,
}

/// 解決すべき課題（本人のニーズ） and its row of the goal table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub id: NeedId,
    /// 解決すべき課題（本人のニーズ）
    #[serde(default)]
    pub need: String,
    /// 支援目標
    #[serde(default)]
    pub goal: String,
    /// 達成時期
    #[serde(default)]
    pub target_date: String,
    #[serde(default)]
    pub supports: Vec<SupportItem>,
    /// 課題解決のための本人の役割
    #[serde(default)]
    pub persons_role: String,
    /// 評価時期
    #[serde(default)]
    pub review_date: String,
    /// その他留意事項
    #[serde(default)]
    pub notes: String,
    /// The assessment entries this need rests on.
    #[serde(default)]
    pub rests_on: Vec<EntryId>,
    /// No existing resource meets this need (a 地域課題 candidate).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unmet: bool,
}

/// 支援困難ケース: what the plan says of emergencies and the team (checked at 主任).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Difficulty {
    /// The case is handled as 支援困難.
    pub marked: bool,
    /// 緊急時の対応: who does what, whom to call.
    pub emergency: String,
    /// The support team: who is on it and their roles.
    pub team: String,
    /// When the team met (サービス担当者会議, case conferences), as written.
    pub meetings: String,
}

impl Difficulty {
    fn is_empty(&self) -> bool {
        *self == Difficulty::default()
    }
}

/// モニタリング期間の提案: months, with the reason (the municipality decides).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MonitoringProposal {
    pub interval_months: Option<u8>,
    pub reason: String,
}

/// 「毎月」「3か月ごと」: how an interval of months reads on the form.
pub fn interval_label(months: u8) -> String {
    if months == 1 { "毎月".to_owned() } else { format!("{months}か月ごと") }
}

impl MonitoringProposal {
    /// The proposed interval as the form writes it; empty when none is chosen.
    pub fn interval_text(&self) -> String {
        self.interval_months.map(interval_label).unwrap_or_default()
    }
}

/// The intervals offered in the form, in months.
pub const MONITORING_INTERVALS: [u8; 4] = [1, 2, 3, 6];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ServicePlanData")]
pub struct ServicePlan {
    pub status: PlanStatus,
    pub header: PlanHeader,
    /// 利用者の生活に対する意向（希望する生活）
    pub person_wishes: String,
    /// 家族の生活に対する意向 (kept apart from the person's)
    pub family_wishes: String,
    /// 総合的な援助の方針
    pub support_policy: String,
    pub long_term_goal: String,
    pub short_term_goal: String,
    needs: Vec<Need>,
    pub monitoring: MonitoringProposal,
    /// 週間計画表
    pub schedule: WeeklySchedule,
    /// Set when the plan is made final (status `Final`).
    pub consent: Option<Consent>,
    /// Findings of the plan check the author marked 対応済み or 該当しない for this version.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub check_marks: Vec<CheckMark>,
    /// 支援困難ケースの備え (omitted while empty).
    #[serde(skip_serializing_if = "Difficulty::is_empty")]
    pub difficulty: Difficulty,
    /// The recorded モニタリング報告書 whose 計画変更の必要性 started this version (set by
    /// `Case::change_plan_after`; kept on the final copy, cleared by a plain change).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<MonitoringId>,
    /// Invariant: greater than every need id (restored on read).
    next_need_id: u32,
    /// Invariant: greater than every support id, and support ids are unique (restored on read).
    next_support_id: u32,
}

/// The author's answer to one finding of the plan check, kept with the plan version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckMark {
    /// The finding's key (`Finding::key`: rule id @ field).
    pub finding: String,
    pub status: MarkStatus,
    /// Why the finding does not apply (required for `NotApplicable`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkStatus {
    /// 対応済み
    Done,
    /// 該当しない（理由）
    NotApplicable,
}

impl ServicePlan {
    /// The mark the author gave a finding, if any.
    pub fn mark(&self, finding: &str) -> Option<&CheckMark> {
        self.check_marks.iter().find(|m| m.finding == finding)
    }

    /// Sets (or with `None` clears) the mark of a finding. 該当しない needs a reason.
    pub fn set_mark(&mut self, finding: &str, status: Option<MarkStatus>, reason: &str) -> Result<(), &'static str> {
        let reason = reason.trim();
        if status == Some(MarkStatus::NotApplicable) && reason.is_empty() {
            return Err("該当しない理由を書いてください。");
        }
        self.check_marks.retain(|m| m.finding != finding);
        if let Some(status) = status {
            let reason = if status == MarkStatus::NotApplicable { reason.to_owned() } else { String::new() };
            self.check_marks.push(CheckMark { finding: finding.to_owned(), status, reason });
        }
        Ok(())
    }
}

/// 計画作成日 and the 利用者同意署名欄, recorded when a plan is made final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// 計画作成日
    pub made_on: NaiveDate,
    /// The day the person (or their representative) agreed and signed.
    pub consented_on: NaiveDate,
    /// Who signed: the person, or a representative with their relation (「母 〇〇」).
    pub signer: String,
    /// What the plan check still had open when the author made it final anyway (and said so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<OpenItems>,
}

/// The open 要対応 and 要確認 findings (not marked 対応済み / 該当しない) and the 未記入 items of a
/// plan when it was made final: kept with the final version, so a reviewer sees what was
/// acknowledged rather than mended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenItems {
    pub required: u32,
    pub warning: u32,
    pub unfilled: u32,
}

impl OpenItems {
    pub fn any(&self) -> bool {
        self.required + self.warning + self.unfilled > 0
    }

    /// 「要対応 2件・要確認 3件・未記入 1項目」
    pub fn describe(&self) -> String {
        format!("要対応 {}件・要確認 {}件・未記入 {}項目", self.required, self.warning, self.unfilled)
    }
}

#[derive(Deserialize)]
#[serde(default)]
struct ServicePlanData {
    status: PlanStatus,
    header: PlanHeader,
    person_wishes: String,
    family_wishes: String,
    support_policy: String,
    long_term_goal: String,
    short_term_goal: String,
    needs: Vec<Need>,
    monitoring: MonitoringProposal,
    schedule: WeeklySchedule,
    consent: Option<Consent>,
    check_marks: Vec<CheckMark>,
    difficulty: Difficulty,
    requested_by: Option<MonitoringId>,
    next_need_id: u32,
    next_support_id: u32,
}

impl Default for ServicePlanData {
    fn default() -> Self {
        let p = ServicePlan::default();
        ServicePlanData {
            status: p.status,
            header: p.header,
            person_wishes: p.person_wishes,
            family_wishes: p.family_wishes,
            support_policy: p.support_policy,
            long_term_goal: p.long_term_goal,
            short_term_goal: p.short_term_goal,
            needs: p.needs,
            monitoring: p.monitoring,
            schedule: p.schedule,
            consent: p.consent,
            check_marks: p.check_marks,
            difficulty: p.difficulty,
            requested_by: p.requested_by,
            next_need_id: p.next_need_id,
            next_support_id: p.next_support_id,
        }
    }
}

impl TryFrom<ServicePlanData> for ServicePlan {
    type Error = String;
    fn try_from(mut d: ServicePlanData) -> Result<Self, String> {
        super::check_ids("ニーズ", d.needs.iter().map(|n| n.id.0).chain([d.next_need_id]))?;
        let support_ids = d.needs.iter().flat_map(|n| &n.supports).map(|s| s.id.0);
        super::check_ids("支援", support_ids.chain([d.next_support_id]))?;
        let max_id = d.needs.iter().map(|n| n.id.0).max().unwrap_or(0);
        // Supports from before schema 5 have id 0; give them (and any repeat) fresh ids.
        let mut seen = std::collections::BTreeSet::new();
        let mut next = d.needs.iter().flat_map(|n| &n.supports).map(|s| s.id.0).max().unwrap_or(0).max(d.next_support_id.saturating_sub(1)) + 1;
        for s in d.needs.iter_mut().flat_map(|n| n.supports.iter_mut()) {
            if s.id.0 == 0 || !seen.insert(s.id) {
                s.id = SupportId(super::take_id(&mut next).ok_or_else(|| format!("支援の番号が上限（{}）に達していて、番号を付け直せません。", super::MAX_ID))?);
                seen.insert(s.id);
            }
        }
        Ok(ServicePlan {
            status: d.status,
            header: d.header,
            person_wishes: d.person_wishes,
            family_wishes: d.family_wishes,
            support_policy: d.support_policy,
            long_term_goal: d.long_term_goal,
            short_term_goal: d.short_term_goal,
            needs: d.needs,
            monitoring: d.monitoring,
            schedule: d.schedule,
            consent: d.consent,
            check_marks: d.check_marks,
            difficulty: d.difficulty,
            requested_by: d.requested_by,
            // At the limit the counter stays there: adding is refused ("full").
            next_need_id: d.next_need_id.max(max_id + 1).min(super::MAX_ID),
            next_support_id: next.min(super::MAX_ID),
        })
    }
}

impl Default for ServicePlan {
    fn default() -> Self {
        ServicePlan {
            status: PlanStatus::Draft,
            header: PlanHeader::default(),
            person_wishes: String::new(),
            family_wishes: String::new(),
            support_policy: String::new(),
            long_term_goal: String::new(),
            short_term_goal: String::new(),
            needs: Vec::new(),
            monitoring: MonitoringProposal::default(),
            schedule: WeeklySchedule::default(),
            consent: None,
            check_marks: Vec::new(),
            difficulty: Difficulty::default(),
            requested_by: None,
            next_need_id: 1,
            next_support_id: 1,
        }
    }
}

impl ServicePlan {
    /// In priority order: the first is 優先順位 1.
    pub fn needs(&self) -> &[Need] {
        &self.needs
    }

    pub fn need(&self, id: NeedId) -> Option<&Need> {
        self.needs.iter().find(|n| n.id == id)
    }

    pub fn need_mut(&mut self, id: NeedId) -> Option<&mut Need> {
        self.needs.iter_mut().find(|n| n.id == id)
    }

    /// 優先順位 of a need (1-based).
    pub fn priority(&self, id: NeedId) -> Option<usize> {
        self.needs.iter().position(|n| n.id == id).map(|i| i + 1)
    }

    /// Adds a need at the lowest priority, with one empty formal support row; `None` (and
    /// nothing changed) when the need or support ids are at their limit.
    pub fn add_need(&mut self) -> Option<NeedId> {
        if self.next_need_id >= super::MAX_ID || self.next_support_id >= super::MAX_ID {
            return None;
        }
        let id = NeedId(super::take_id(&mut self.next_need_id)?);
        let support = self.new_support()?;
        self.needs.push(Need {
            id,
            need: String::new(),
            goal: String::new(),
            target_date: String::new(),
            supports: vec![support],
            persons_role: String::new(),
            review_date: String::new(),
            notes: String::new(),
            rests_on: Vec::new(),
            unmet: false,
        });
        Some(id)
    }

    pub fn remove_need(&mut self, id: NeedId) -> bool {
        let before = self.needs.len();
        self.needs.retain(|n| n.id != id);
        self.needs.len() != before
    }

    /// Moves a need up (towards priority 1) or down by one place; false at either end.
    pub fn move_need(&mut self, id: NeedId, up: bool) -> bool {
        let Some(i) = self.needs.iter().position(|n| n.id == id) else { return false };
        let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < self.needs.len()) };
        match j {
            Some(j) => {
                self.needs.swap(i, j);
                true
            }
            None => false,
        }
    }

    fn new_support(&mut self) -> Option<SupportItem> {
        let id = SupportId(super::take_id(&mut self.next_support_id)?);
        Some(SupportItem { id, ..SupportItem::default() })
    }

    /// Adds an empty support to a need; returns its id (None if there is no such need, or
    /// the support ids are at their limit).
    pub fn add_support(&mut self, need: NeedId) -> Option<SupportId> {
        self.need(need)?;
        let item = self.new_support()?;
        let id = item.id;
        self.need_mut(need)?.supports.push(item);
        Some(id)
    }

    /// Removes a support (slots that placed it are left for the user to see and mend).
    pub fn remove_support(&mut self, id: SupportId) -> bool {
        self.needs.iter_mut().any(|n| {
            let before = n.supports.len();
            n.supports.retain(|s| s.id != id);
            before != n.supports.len()
        })
    }

    pub fn support(&self, id: SupportId) -> Option<(&Need, &SupportItem)> {
        self.needs.iter().find_map(|n| n.supports.iter().find(|s| s.id == id).map(|s| (n, s)))
    }

    /// Edits a support in place; the id is kept whatever `f` does.
    pub fn update_support(&mut self, id: SupportId, f: impl FnOnce(&mut SupportItem)) {
        if let Some(s) = self.needs.iter_mut().flat_map(|n| n.supports.iter_mut()).find(|s| s.id == id) {
            f(s);
            s.id = id;
        }
    }

    /// 「優先順位1 生活介護」: how the schedule names a support of the goal table.
    pub fn support_label(&self, need: NeedId, id: SupportId) -> String {
        let priority = self.priority(need).unwrap_or(0);
        let kind = self.support(id).map(|(_, s)| s.kind.trim()).filter(|k| !k.is_empty()).unwrap_or("（種類未記入）");
        format!("優先順位{priority} {kind}")
    }

    /// Links or unlinks an assessment entry to a need.
    pub fn set_rests_on(&mut self, need: NeedId, entry: EntryId, linked: bool) {
        if let Some(n) = self.need_mut(need) {
            n.rests_on.retain(|e| *e != entry);
            if linked {
                n.rests_on.push(entry);
                n.rests_on.sort();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_keep_priority_order_and_move_by_one() {
        let mut p = ServicePlan::default();
        let a = p.add_need().unwrap();
        let b = p.add_need().unwrap();
        let c = p.add_need().unwrap();
        assert_eq!(p.priority(c), Some(3));
        assert!(p.move_need(c, true));
        assert_eq!(p.needs().iter().map(|n| n.id).collect::<Vec<_>>(), [a, c, b]);
        assert!(!p.move_need(a, true), "the first cannot move up");
        assert!(p.move_need(b, true));
        assert!(!p.move_need(c, false), "the last cannot move down");
        assert_eq!(p.priority(b), Some(2));
    }

    #[test]
    fn need_ids_are_never_reused() {
        let mut p = ServicePlan::default();
        let a = p.add_need().unwrap();
        assert!(p.remove_need(a));
        assert!(!p.remove_need(a));
        assert_ne!(p.add_need().unwrap(), a);
        let json = r#"{"needs":[{"id":7}],"next_need_id":1}"#;
        let mut q: ServicePlan = serde_json::from_str(json).unwrap();
        assert_eq!(q.add_need().unwrap(), NeedId(8));
    }

    #[test]
    fn a_new_need_starts_with_one_support_row() {
        let mut p = ServicePlan::default();
        let a = p.add_need().unwrap();
        let supports = &p.need(a).unwrap().supports;
        assert_eq!(supports.len(), 1);
        assert_eq!(supports[0], SupportItem { id: supports[0].id, ..SupportItem::default() });
    }

    #[test]
    fn support_ids_are_unique_even_in_old_records() {
        let json = r#"{"needs":[{"id":1,"supports":[{"kind":"a"},{"kind":"b"}]},{"id":2,"supports":[{"id":1,"kind":"c"}]}]}"#;
        let mut p: ServicePlan = serde_json::from_str(json).unwrap();
        let ids: Vec<SupportId> = p.needs().iter().flat_map(|n| n.supports.iter().map(|s| s.id)).collect();
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), 3, "{ids:?}");
        assert!(!ids.contains(&SupportId(0)));
        let new = p.add_support(NeedId(2)).unwrap();
        assert!(!ids.contains(&new));
        assert!(p.remove_support(new));
        assert!(p.support(new).is_none());
    }

    #[test]
    fn links_to_the_assessment_are_kept_unique_and_sorted() {
        let mut p = ServicePlan::default();
        let a = p.add_need().unwrap();
        p.set_rests_on(a, EntryId(5), true);
        p.set_rests_on(a, EntryId(2), true);
        p.set_rests_on(a, EntryId(5), true);
        assert_eq!(p.need(a).unwrap().rests_on, [EntryId(2), EntryId(5)]);
        p.set_rests_on(a, EntryId(2), false);
        assert_eq!(p.need(a).unwrap().rests_on, [EntryId(5)]);
    }

    #[test]
    fn amounts_parse_full_width_and_describe_themselves() {
        assert_eq!(parse_times("３"), Ok(Some(3)));
        assert_eq!(parse_times(""), Ok(None));
        assert!(parse_times("週3").is_err());
        assert_eq!(parse_hours("1.5"), Ok(Some(1.5)));
        assert_eq!(parse_hours("１．５"), Ok(Some(1.5)));
        assert!(parse_hours("25").is_err());
        // As the form has always read them, and what it refuses.
        for (typed, hours) in [("0", 0.0), ("24", 24.0), (".5", 0.5), ("2.", 2.0), ("0.25", 0.25), ("１２．７５", 12.75), ("007.5", 7.5)] {
            assert_eq!(parse_hours(typed), Ok(Some(hours)), "{typed}");
        }
        for typed in [".", "1.2.3", "-1", "+1", "1e1", "inf", "nan", "1,5", "24.0000001", "1 .5"] {
            assert!(parse_hours(typed).is_err(), "{typed}");
        }
        let a = Amount { times: Some(3), per: Per::Week, hours: Some(4.0) };
        assert_eq!(a.describe(), "週3回・1回4時間");
        let b = Amount { times: Some(2), per: Per::Month, hours: Some(1.5) };
        assert_eq!(b.describe(), "月2回・1回1.5時間");
        assert_eq!(Amount::default().describe(), "");
    }
}

//! A case: one person's record in the workbench, with its place in the support cycle.
//!
//! The case carries its intake, assessment and plan draft.

use super::calendar::BenefitDecision;
use super::community::CommunityIssue;
use super::meeting::{MeetingForm, TeamMeeting};
use super::ecomap::{EcoMap, FinalEcoMap};
use super::monitoring::MonitoringReport;
use super::review::{Review, ReviewDraft};
use super::assessment::Assessment;
use super::intake::Intake;
use super::plan::{Consent, OpenItems, PlanStatus, ServicePlan};
use super::wareki::parse_date;
use super::text::to_half_width;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Opaque, random identifier of a case; also the last part of its storage key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseId(String);

impl TryFrom<String> for CaseId {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CaseId::parse(&s).ok_or("ケースの id は英数字・「-」・「_」の64文字以内です。")
    }
}

impl From<CaseId> for String {
    fn from(id: CaseId) -> String {
        id.0
    }
}

impl CaseId {
    /// Accepts only characters that are safe in a storage key and a URL hash.
    pub fn parse(s: &str) -> Option<CaseId> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        ok.then(|| CaseId(s.to_owned()))
    }

    /// Builds an id from random bits supplied by the caller (the domain has no RNG).
    pub fn from_random(bits: u128) -> CaseId {
        CaseId(format!("{bits:032x}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A pseudonym or initials: never empty, no surrounding whitespace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseName(String);

/// The longest name accepted; initials or a pseudonym are enough.
pub const NAME_MAX_CHARS: usize = 40;

impl CaseName {
    pub fn parse(raw: &str) -> Result<CaseName, &'static str> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            Err("氏名（仮名・イニシャル）を入力してください。")
        } else if trimmed.chars().count() > NAME_MAX_CHARS {
            Err("氏名（仮名・イニシャル）は40文字以内で入力してください。")
        } else {
            Ok(CaseName(trimmed.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CaseName {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CaseName::parse(&s)
    }
}

impl From<CaseName> for String {
    fn from(n: CaseName) -> String {
        n.0
    }
}

/// 障害支援区分: 区分1–6, or 非該当. "Not yet known" is `None` on the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportCategory {
    #[serde(rename = "1")]
    Category1,
    #[serde(rename = "2")]
    Category2,
    #[serde(rename = "3")]
    Category3,
    #[serde(rename = "4")]
    Category4,
    #[serde(rename = "5")]
    Category5,
    #[serde(rename = "6")]
    Category6,
    NotApplicable,
}

impl SupportCategory {
    pub const ALL: [SupportCategory; 7] = [
        SupportCategory::Category1,
        SupportCategory::Category2,
        SupportCategory::Category3,
        SupportCategory::Category4,
        SupportCategory::Category5,
        SupportCategory::Category6,
        SupportCategory::NotApplicable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SupportCategory::Category1 => "区分1",
            SupportCategory::Category2 => "区分2",
            SupportCategory::Category3 => "区分3",
            SupportCategory::Category4 => "区分4",
            SupportCategory::Category5 => "区分5",
            SupportCategory::Category6 => "区分6",
            SupportCategory::NotApplicable => "非該当",
        }
    }

    /// The value used in form controls and in the data format.
    pub fn code(self) -> &'static str {
        match self {
            SupportCategory::Category1 => "1",
            SupportCategory::Category2 => "2",
            SupportCategory::Category3 => "3",
            SupportCategory::Category4 => "4",
            SupportCategory::Category5 => "5",
            SupportCategory::Category6 => "6",
            SupportCategory::NotApplicable => "not_applicable",
        }
    }

    pub fn from_code(code: &str) -> Option<SupportCategory> {
        SupportCategory::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The steps of the support cycle, in order (インテーク → … → 評価).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Intake,
    Assessment,
    Planning,
    TeamMeeting,
    Plan,
    Monitoring,
    Evaluation,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Intake,
        Stage::Assessment,
        Stage::Planning,
        Stage::TeamMeeting,
        Stage::Plan,
        Stage::Monitoring,
        Stage::Evaluation,
    ];

    /// The label the navigation and the case list show.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Intake => "インテーク",
            Stage::Assessment => "アセスメント",
            Stage::Planning => "計画案",
            Stage::TeamMeeting => "担当者会議",
            Stage::Plan => "計画",
            Stage::Monitoring => "モニタリング",
            Stage::Evaluation => "評価",
        }
    }

    /// The URL segment of the step's screen and the value in form controls.
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Intake => "intake",
            Stage::Assessment => "assessment",
            Stage::Planning => "planning",
            Stage::TeamMeeting => "team-meeting",
            Stage::Plan => "plan",
            Stage::Monitoring => "monitoring",
            Stage::Evaluation => "evaluation",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// What the create form collects; validated into a [`Case`] by [`Case::create`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewCase {
    pub name: String,
    pub certificate_no: String,
    pub support_category: Option<SupportCategory>,
    pub for_child: bool,
}

/// A field of the create/edit form that failed validation, with the message to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub name: CaseName,
    /// 受給者証番号 as typed (kept even when it does not look right, so nothing is lost;
    /// [`certificate_no_problem`] says what to fix).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub certificate_no: String,
    #[serde(default)]
    pub support_category: Option<SupportCategory>,
    /// A 障害児支援利用計画 case (adds the 保護者's wishes later).
    #[serde(default)]
    pub for_child: bool,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub archived: bool,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    #[serde(default)]
    pub intake: Intake,
    #[serde(default)]
    pub assessment: Assessment,
    /// The working plan: a draft being edited, or the latest final plan (frozen).
    #[serde(default)]
    pub plan: ServicePlan,
    /// Every plan made final, oldest first; never edited (a change starts a new draft).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub final_plans: Vec<ServicePlan>,
    /// 地域課題 recorded from this case (no personal details; see `community`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub community_issues: Vec<CommunityIssue>,
    /// 評価・助言 by leads, each tied to the plan version it was about (see `review`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// A lead's review being written on this copy of the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_draft: Option<ReviewDraft>,
    /// 支給決定: the 有効期間 and the decided monitoring interval (omitted while unknown).
    #[serde(default, skip_serializing_if = "BenefitDecision::is_empty")]
    pub benefit_decision: BenefitDecision,
    /// モニタリング報告書, oldest first; a recorded one is never edited (see `monitoring`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monitoring_reports: Vec<MonitoringReport>,
    /// サービス担当者会議の記録, in the order recorded; a recorded one is never edited (see
    /// `meeting`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team_meetings: Vec<TeamMeeting>,
    /// The 担当者会議 form being typed, kept as typed (unread dates included) from its first
    /// keystroke until it is recorded; not a meeting (no check rule reads it) and not history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_draft: Option<MeetingForm>,
    /// エコマップ: made by the user from the records (`ecomap::propose`), then edited; none
    /// until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eco_map: Option<EcoMap>,
    /// The eco-map as it was when each plan version was made final (kept beside
    /// `final_plans`, not inside the plan: the map is the case's, edited apart from the plan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub final_eco_maps: Vec<FinalEcoMap>,
}

/// What the 確認 page collects to make a plan final (as typed; 西暦 or 和暦).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinalForm {
    pub made_on: String,
    pub consented_on: String,
    pub signer: String,
    /// What the plan check and the 確認 list still show open (`check::open_items`).
    pub open: OpenItems,
    /// The author ticked 「確かめました」 for those open items.
    pub acknowledged: bool,
}

impl Case {
    pub fn create(
        id: CaseId,
        form: &NewCase,
        now: DateTime<FixedOffset>,
    ) -> Result<Case, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = CaseName::parse(&form.name).map_err(|message| {
            errors.push(FieldError { field: "name", message });
        });
        if let Some(message) = certificate_no_problem(&form.certificate_no) {
            errors.push(FieldError { field: "certificate_no", message });
        }
        match name {
            Ok(name) if errors.is_empty() => Ok(Case {
                id,
                name,
                certificate_no: fold_certificate_no(&form.certificate_no),
                support_category: form.support_category,
                for_child: form.for_child,
                stage: Stage::Intake,
                archived: false,
                created_at: now,
                updated_at: now,
                intake: Intake::default(),
                assessment: Assessment::default(),
                plan: ServicePlan::default(),
                final_plans: Vec::new(),
                community_issues: Vec::new(),
                reviews: Vec::new(),
                review_draft: None,
                benefit_decision: BenefitDecision::default(),
                monitoring_reports: Vec::new(),
                team_meetings: Vec::new(),
                meeting_draft: None,
                eco_map: None,
                final_eco_maps: Vec::new(),
            }),
            _ => Err(errors),
        }
    }

    /// Makes the draft the final plan (計画): records 計画作成日 and the consent, freezes a
    /// copy in `final_plans`, and moves the case to the 計画 stage. The working plan stays
    /// final (not editable) until [`Case::revise_plan`].
    pub fn make_final(&mut self, form: &FinalForm) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut date = |raw: &str, field: &'static str, missing: &'static str, bad: &'static str| {
            let parsed = parse_date(raw);
            if parsed.is_none() {
                errors.push(FieldError { field, message: if raw.trim().is_empty() { missing } else { bad } });
            }
            parsed
        };
        let made_on = date(&form.made_on, "made_on", "計画作成日を入力してください。", "計画作成日は「2026年4月1日」や「R8.4.1」のように入力してください。");
        let consented_on = date(&form.consented_on, "consented_on", "同意日を入力してください。", "同意日は「2026年4月1日」や「R8.4.1」のように入力してください。");
        let signer = form.signer.trim();
        if signer.is_empty() {
            errors.push(FieldError { field: "signer", message: "同意した人（本人または代理人）を入力してください。" });
        }
        if let (Some(m), Some(c)) = (made_on, consented_on) {
            if c < m {
                errors.push(FieldError { field: "consented_on", message: "同意日は計画作成日と同じ日か、その後の日にしてください。" });
            }
        }
        // The operating standards list 生活全般の解決すべき課題 among what a plan contains
        // (../shared/design/forms.md): a plan without one is not a plan.
        if self.plan.needs().is_empty() {
            errors.push(FieldError { field: "needs", message: "解決すべき課題（ニーズ）が1つもありません。目標表に書いてから確定してください。" });
        }
        if self.plan.status == PlanStatus::Final {
            errors.push(FieldError { field: "made_on", message: "この計画はすでに確定しています。" });
        }
        if form.open.any() && !form.acknowledged {
            errors.push(FieldError {
                field: "acknowledged",
                message: "残っている指摘や未記入を確かめてから確定するときは、「確かめました」にチェックを入れてください。",
            });
        }
        match (made_on, consented_on) {
            (Some(made_on), Some(consented_on)) if errors.is_empty() => {
                self.plan.status = PlanStatus::Final;
                let open = form.open.any().then_some(form.open);
                self.plan.consent = Some(Consent { made_on, consented_on, signer: signer.to_owned(), open });
                self.final_plans.push(self.plan.clone());
                if let Some(map) = &self.eco_map {
                    self.final_eco_maps.push(FinalEcoMap { plan_version: self.final_plans.len() as u32, map: map.clone() });
                }
                if self.stage < Stage::Plan {
                    self.stage = Stage::Plan;
                }
                Ok(())
            }
            _ => Err(errors),
        }
    }

    /// Work on a step's screen moves the case's stage forward to that step, never back:
    /// 今の段階 follows the work (typing in the assessment makes a case at インテーク an
    /// アセスメント case), while a stage the user set later by hand (担当者会議 while the draft
    /// is still touched up) stays. Returns whether the stage changed.
    pub fn worked_on(&mut self, step: Stage) -> bool {
        if step > self.stage {
            self.stage = step;
            return true;
        }
        false
    }

    /// Starts a new draft (計画の変更) from the final plan; the final stays in `final_plans`.
    pub fn revise_plan(&mut self) {
        if self.plan.status == PlanStatus::Final {
            self.plan.status = PlanStatus::Draft;
            self.plan.consent = None;
            // Marks belong to the version they answered; the new version is checked afresh.
            self.plan.check_marks.clear();
            // So does the monitoring that asked for a change (`change_plan_after` sets it anew).
            self.plan.requested_by = None;
        }
    }

    /// Changes the 受給者証番号 (the case page), folded like [`Case::create`] does.
    pub fn set_certificate_no(&mut self, raw: &str) {
        self.certificate_no = fold_certificate_no(raw);
    }

    /// Records that the case was changed at `now` (what "last change" sorts by).
    pub fn touch(&mut self, now: DateTime<FixedOffset>) {
        self.updated_at = now;
    }

    /// Whether the list's search box matches this case (by name).
    pub fn matches_search(&self, query: &str) -> bool {
        name_matches(self.name.as_str(), query)
    }
}

/// 受給者証番号 as it is kept and printed: full-width digits (「１２３」, typed with the IME
/// on) in half width and the ends trimmed, whatever else was typed left as it is (so a
/// wrong character is still there to be fixed, never dropped).
pub fn fold_certificate_no(raw: &str) -> String {
    to_half_width(raw).trim().to_owned()
}

/// 受給者証番号 is optional; when given it is a number (full-width digits are fine).
pub fn certificate_no_problem(raw: &str) -> Option<&'static str> {
    let ok = to_half_width(raw.trim()).chars().all(|c| c.is_ascii_digit());
    (!ok).then_some("受給者証番号は数字で入力してください。")
}

/// Folds full-width ASCII to half-width and case, so 「ＡＢ」 finds 「ab」.
fn fold_for_search(s: &str) -> String {
    to_half_width(s).chars().flat_map(char::to_lowercase).collect()
}

/// Whether the list's search box (`query`) matches a case's name.
pub fn name_matches(name: &str, query: &str) -> bool {
    let query = fold_for_search(query.trim());
    query.is_empty() || fold_for_search(name).contains(&query)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    /// A new case named `name`, last changed at `updated` (RFC 3339).
    pub(crate) fn case(name: &str, updated: &str) -> Case {
        let form = NewCase { name: name.into(), ..NewCase::default() };
        let mut c = Case::create(CaseId::from_random(name.len() as u128), &form, at(updated)).unwrap();
        c.touch(at(updated));
        c
    }

    #[test]
    fn a_final_plan_is_frozen_and_a_change_starts_a_new_draft() {
        let mut c = case("A", "2026-11-27T10:00:00+09:00");
        let ok = FinalForm { made_on: "令和8年12月1日".into(), consented_on: "2026-12-01".into(), signer: "本人".into(), ..FinalForm::default() };
        assert_eq!(c.make_final(&ok).unwrap_err()[0].field, "needs", "an empty plan is not made final");
        c.plan.add_need().unwrap();
        c.plan.person_wishes = "一人暮らしを続けたい".into();
        let bad = FinalForm { made_on: "R8.12.1".into(), consented_on: "11月".into(), signer: " ".into(), ..FinalForm::default() };
        let fields: Vec<_> = c.make_final(&bad).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["consented_on", "signer"]);
        assert_eq!(c.plan.status, PlanStatus::Draft, "nothing changes on error");
        assert!(c.final_plans.is_empty());
        let early = FinalForm { made_on: "R8.12.1".into(), consented_on: "R8.11.30".into(), signer: "本人".into(), ..FinalForm::default() };
        assert_eq!(c.make_final(&early).unwrap_err()[0].field, "consented_on");
        // Open findings or 未記入 items: made final only when the author says they looked.
        let open = crate::domain::plan::OpenItems { required: 2, warning: 1, unfilled: 3 };
        let unacknowledged = FinalForm { open, ..ok.clone() };
        assert_eq!(c.make_final(&unacknowledged).unwrap_err()[0].field, "acknowledged");
        assert!(c.final_plans.is_empty(), "nothing changes on error");
        let mut acknowledged = c.clone();
        acknowledged.make_final(&FinalForm { acknowledged: true, ..unacknowledged }).unwrap();
        assert_eq!(acknowledged.final_plans[0].consent.as_ref().unwrap().open, Some(open), "kept with the final version");

        c.make_final(&ok).unwrap();
        assert_eq!(c.plan.status, PlanStatus::Final);
        assert_eq!(c.stage, Stage::Plan);
        assert_eq!(c.final_plans.len(), 1);
        assert_eq!(c.final_plans[0].consent.as_ref().unwrap().made_on.to_string(), "2026-12-01");
        assert!(c.make_final(&ok).is_err(), "a final plan is not made final twice");

        c.revise_plan();
        c.plan.person_wishes = "変更".into();
        assert_eq!(c.plan.status, PlanStatus::Draft);
        assert_eq!(c.final_plans[0].person_wishes, "一人暮らしを続けたい", "the final copy is frozen");
        c.make_final(&ok).unwrap();
        assert_eq!(c.final_plans.len(), 2);
    }

    #[test]
    fn the_stage_follows_the_work_and_never_goes_back_by_itself() {
        let mut c = case("A", "2026-11-27T10:00:00+09:00");
        assert!(!c.worked_on(Stage::Intake), "intake work leaves a new case where it is");
        assert!(c.worked_on(Stage::Assessment));
        assert_eq!(c.stage, Stage::Assessment);
        assert!(c.worked_on(Stage::Planning));
        assert!(!c.worked_on(Stage::Assessment), "going back to the assessment does not move the stage back");
        assert_eq!(c.stage, Stage::Planning);
        c.stage = Stage::TeamMeeting; // set by hand
        assert!(!c.worked_on(Stage::Planning));
        assert_eq!(c.stage, Stage::TeamMeeting);
    }

    #[test]
    fn create_requires_a_name() {
        let form = NewCase { name: "   ".into(), ..NewCase::default() };
        let err = Case::create(CaseId::from_random(1), &form, at("2026-11-27T10:00:00+09:00"))
            .unwrap_err();
        assert_eq!(
            err,
            vec![FieldError { field: "name", message: "氏名（仮名・イニシャル）を入力してください。" }]
        );
    }

    #[test]
    fn create_trims_and_starts_at_intake() {
        let form = NewCase {
            name: "  A.K. ".into(),
            certificate_no: "０１２３４５６７８９".into(),
            support_category: Some(SupportCategory::Category3),
            for_child: true,
        };
        let c = Case::create(CaseId::from_random(7), &form, at("2026-11-27T10:00:00+09:00")).unwrap();
        assert_eq!(c.name.as_str(), "A.K.");
        assert_eq!(c.stage, Stage::Intake);
        assert!(c.for_child && !c.archived);
        assert_eq!(c.support_category, Some(SupportCategory::Category3));
    }

    #[test]
    fn a_full_width_certificate_number_is_kept_in_half_width() {
        let form = NewCase { name: "C".into(), certificate_no: "　１２３４５６７８９０ ".into(), ..NewCase::default() };
        let mut c = Case::create(CaseId::from_random(3), &form, at("2026-11-27T10:00:00+09:00")).unwrap();
        assert_eq!(c.certificate_no, "1234567890");
        c.set_certificate_no("０９８７６５４３２１");
        assert_eq!(c.certificate_no, "0987654321");
        c.set_certificate_no("12３4a");
        assert_eq!(c.certificate_no, "1234a", "a wrong character stays to be fixed");
        assert!(certificate_no_problem(&c.certificate_no).is_some());
        c.set_certificate_no("  ");
        assert_eq!(c.certificate_no, "");
    }

    #[test]
    fn certificate_number_must_be_digits() {
        let form = NewCase { name: "B".into(), certificate_no: "12a4".into(), ..NewCase::default() };
        let err = Case::create(CaseId::from_random(2), &form, at("2026-11-27T10:00:00+09:00"))
            .unwrap_err();
        assert_eq!(err[0].field, "certificate_no");
        assert_eq!(certificate_no_problem(""), None);
        assert_eq!(certificate_no_problem("1234567890"), None);
    }

    #[test]
    fn long_names_are_refused() {
        assert!(CaseName::parse(&"あ".repeat(40)).is_ok());
        assert!(CaseName::parse(&"あ".repeat(41)).is_err());
    }

    #[test]
    fn search_folds_width_and_case() {
        let c = case("Ａ.Ｋ. 山田", "2026-11-27T10:00:00+09:00");
        assert!(c.matches_search("a.k"));
        assert!(c.matches_search("山田"));
        assert!(c.matches_search(""));
        assert!(!c.matches_search("佐藤"));
    }

    #[test]
    fn ids_are_key_safe() {
        assert!(CaseId::parse("abc-DEF_1").is_some());
        assert!(CaseId::parse("a/b").is_none());
        assert!(CaseId::parse("").is_none());
        assert_eq!(CaseId::from_random(255).as_str().len(), 32);
    }

    #[test]
    fn stage_slugs_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::from_slug(s.slug()), Some(s));
        }
        for c in SupportCategory::ALL {
            assert_eq!(SupportCategory::from_code(c.code()), Some(c));
        }
    }
}

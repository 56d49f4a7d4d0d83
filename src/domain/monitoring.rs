//! モニタリング報告書 (forms.md "モニタリング報告書"): one report per monitoring of the plan in
//! force, one row per priority with the plan's 支援目標 and 達成時期 copied and the columns the
//! 様式例 asks for. A report is frozen once recorded, like a final plan; a correction is a
//! new report. Reports are never removed, so an id is never reused.

use super::case::{Case, FieldError};
use super::calendar::Month;
use super::plan::{NeedId, PlanStatus, ServicePlan};
use super::wareki::{format_wareki, parse_date};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MonitoringId(pub u32);

/// 作成中 (edited) or 記録済み (frozen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    #[default]
    Draft,
    Recorded,
}

/// 計画変更の必要性: 種類 / 量 / 週間（週間計画表）, each 有 (true) or 無.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangeNeeded {
    pub kind: bool,
    pub amount: bool,
    pub weekly: bool,
}

impl ChangeNeeded {
    pub fn any(&self) -> bool {
        self.kind || self.amount || self.weekly
    }
}

/// One priority's row of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringRow {
    /// The need of the plan version this row is about (its 優先順位 is the row's position).
    pub need: NeedId,
    /// 支援目標 (copied from the plan)
    #[serde(default)]
    pub goal: String,
    /// 達成時期 (copied from the plan)
    #[serde(default)]
    pub target_date: String,
    /// サービス提供状況（事業者からの聞き取り）
    #[serde(default)]
    pub service_status: String,
    /// 本人の感想・満足度, in the person's own words
    #[serde(default)]
    pub persons_view: String,
    /// 支援目標の達成度（ニーズの充足度）
    #[serde(default)]
    pub achievement: String,
    /// 今後の課題・解決方法
    #[serde(default)]
    pub next_steps: String,
    /// 計画変更の必要性
    #[serde(default)]
    pub change_needed: ChangeNeeded,
    /// その他留意事項
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringReport {
    pub id: MonitoringId,
    #[serde(default)]
    pub status: ReportStatus,
    /// The number of the final plan monitored (`final_plans[plan_version - 1]`).
    pub plan_version: u32,
    /// モニタリング実施日 (required to record)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_on: Option<NaiveDate>,
    /// 実施日 as typed in a draft (西暦 or 和暦), kept even when it cannot be read yet so
    /// nothing typed is lost; read into `held_on` and emptied when recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub held_on_typed: String,
    /// The recorded report this one corrects (「この記録を訂正する」): the old one stays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<MonitoringId>,
    /// 実施場所
    #[serde(default)]
    pub place: String,
    /// Held at the person's home (居宅訪問).
    #[serde(default)]
    pub home_visit: bool,
    /// 総合的な援助の方針 (copied from the plan)
    #[serde(default)]
    pub support_policy: String,
    /// 全体の状況
    #[serde(default)]
    pub overall: String,
    #[serde(default)]
    pub rows: Vec<MonitoringRow>,
}

/// The calendar month of a report with this status and 実施日, if recorded (the one rule for
/// [`MonitoringReport::held_month`] and the case list's `summary::CaseSummary`).
pub fn held_month(status: ReportStatus, held_on: Option<NaiveDate>) -> Option<Month> {
    (status == ReportStatus::Recorded).then_some(held_on).flatten().map(Month::of)
}

impl MonitoringReport {
    /// The calendar month of a recorded report (what makes a due month done).
    pub fn held_month(&self) -> Option<Month> {
        held_month(self.status, self.held_on)
    }

    /// Whether any row says 計画変更の必要性 有 (what offers 「計画を変更する」).
    pub fn needs_change(&self) -> bool {
        self.rows.iter().any(|r| r.change_needed.any())
    }

    /// 「モニタリング（令和9年5月10日）」: how the plan and the lists name a recorded report.
    pub fn name(&self) -> String {
        match self.held_on {
            Some(d) => format!("モニタリング（{}）", format_wareki(d)),
            None => "作成中のモニタリング報告書".to_owned(),
        }
    }
}

/// Why 「計画を変更する」 from a report did not start a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeRefused {
    /// Not a recorded report of this case.
    NotRecorded,
    /// No row says 有.
    NoChangeNeeded,
    /// The report is about an older version than the plan in force.
    OlderVersion,
    /// A change is already being drafted, answering another report.
    DraftAnswersAnother(MonitoringId),
}

impl ChangeRefused {
    pub fn message(self) -> &'static str {
        match self {
            ChangeRefused::NotRecorded => "記録したモニタリング報告書が見つかりません。",
            ChangeRefused::NoChangeNeeded => "この報告書には、計画変更の必要性が「有」の行がありません。",
            ChangeRefused::OlderVersion => "この報告書は、前の版の計画についてのものです。今の計画についてモニタリングしてから変更してください。",
            ChangeRefused::DraftAnswersAnother(_) => "計画の変更案は、別のモニタリングを受けて作成中です。その変更案に書き加えてください。",
        }
    }
}

/// The minimal record of a monitoring: 実施日 (西暦 or 和暦, as typed), 実施場所, 居宅訪問か.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonitoringVisit {
    pub held_on: String,
    pub place: String,
    pub home_visit: bool,
}

impl Case {
    /// A new report on the plan in force (the latest final plan), its rows prefilled: one
    /// per priority with 支援目標 and 達成時期, and the 総合的な援助の方針. `None` before any
    /// plan is final.
    pub fn new_monitoring_report(&self) -> Option<MonitoringReport> {
        let plan = self.final_plans.last()?;
        let id = self.next_monitoring_id();
        let rows = plan
            .needs()
            .iter()
            .map(|n| MonitoringRow {
                need: n.id,
                goal: n.goal.clone(),
                target_date: n.target_date.clone(),
                service_status: String::new(),
                persons_view: String::new(),
                achievement: String::new(),
                next_steps: String::new(),
                change_needed: ChangeNeeded::default(),
                notes: String::new(),
            })
            .collect();
        Some(MonitoringReport {
            id: MonitoringId(id),
            status: ReportStatus::Draft,
            plan_version: self.final_plans.len() as u32,
            held_on: None,
            held_on_typed: String::new(),
            corrects: None,
            place: String::new(),
            home_visit: false,
            support_policy: plan.support_policy.clone(),
            overall: String::new(),
            rows,
        })
    }

    /// The report being written (at most one at a time), if any.
    pub fn monitoring_draft(&self) -> Option<&MonitoringReport> {
        self.monitoring_reports.iter().find(|r| r.status == ReportStatus::Draft)
    }

    /// The report being written, started from the plan in force on the first edit (so an
    /// opened but untouched form stores nothing). `None` before any plan is final. A
    /// recorded report is never handed out: it is frozen.
    pub fn monitoring_draft_mut(&mut self) -> Option<&mut MonitoringReport> {
        if self.monitoring_draft().is_none() {
            let report = self.new_monitoring_report()?;
            self.monitoring_reports.push(report);
        }
        self.monitoring_reports.iter_mut().find(|r| r.status == ReportStatus::Draft)
    }

    pub fn monitoring(&self, id: MonitoringId) -> Option<&MonitoringReport> {
        self.monitoring_reports.iter().find(|r| r.id == id)
    }

    /// 「この記録を訂正する」: a new draft prefilled from a recorded report (its 実施日 as
    /// typed in 和暦), marked as correcting it; the recorded one stays as it was. Refused while
    /// another report is being written, so that one is not lost.
    pub fn correct_monitoring(&mut self, id: MonitoringId) -> Result<MonitoringId, &'static str> {
        if self.monitoring_draft().is_some() {
            return Err("書きかけのモニタリング報告書があります。先にそれを記録してから訂正してください。");
        }
        let Some(old) = self.monitoring(id).filter(|r| r.status == ReportStatus::Recorded) else {
            return Err("訂正する記録が見つかりません。");
        };
        let mut report = old.clone();
        report.id = MonitoringId(self.next_monitoring_id());
        report.status = ReportStatus::Draft;
        report.held_on_typed = old.held_on.map(format_wareki).unwrap_or_default();
        report.held_on = None;
        report.corrects = Some(id);
        let new_id = report.id;
        self.monitoring_reports.push(report);
        Ok(new_id)
    }

    fn next_monitoring_id(&self) -> u32 {
        self.monitoring_reports.iter().map(|r| r.id.0).max().unwrap_or(0) + 1
    }

    /// 「モニタリングを記録する」: checks the report being written and freezes it. Needs
    /// 実施日 (readable, not before the monitored plan was made) and 実施場所; on error
    /// nothing changes, what was typed stays in the draft.
    pub fn record_monitoring_draft(&mut self) -> Result<MonitoringId, Vec<FieldError>> {
        let Some(draft) = self.monitoring_draft() else {
            // Nothing typed yet: the form is empty, so say all that is missing.
            return Err(if self.final_plans.is_empty() {
                vec![FieldError { field: "held_on", message: "確定した計画がまだありません。モニタリングは確定した計画について行います。" }]
            } else {
                vec![
                    FieldError { field: "held_on", message: "実施日を入力してください。" },
                    FieldError { field: "place", message: "実施場所を入力してください（例：自宅）。" },
                ]
            });
        };
        let mut errors = Vec::new();
        let held_on = parse_date(&draft.held_on_typed);
        match held_on {
            None if draft.held_on_typed.trim().is_empty() => errors.push(FieldError { field: "held_on", message: "実施日を入力してください。" }),
            None => errors.push(FieldError { field: "held_on", message: "実施日は「2027年4月10日」や「R9.4.10」のように入力してください。" }),
            Some(d) => {
                let made_on = (draft.plan_version as usize).checked_sub(1).and_then(|i| self.final_plans.get(i)).and_then(|p| p.consent.as_ref()).map(|k| k.made_on);
                if made_on.is_some_and(|m| d < m) {
                    errors.push(FieldError { field: "held_on", message: "実施日が、モニタリングする計画の作成日より前です。日付を確かめてください。" });
                }
            }
        }
        if draft.place.trim().is_empty() {
            errors.push(FieldError { field: "place", message: "実施場所を入力してください（例：自宅）。" });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let report = self.monitoring_reports.iter_mut().find(|r| r.status == ReportStatus::Draft).expect("checked above");
        report.held_on = held_on;
        report.held_on_typed.clear();
        report.place = report.place.trim().to_owned();
        report.status = ReportStatus::Recorded;
        let id = report.id;
        if self.stage < super::case::Stage::Monitoring {
            self.stage = super::case::Stage::Monitoring;
        }
        Ok(id)
    }

    /// Records a monitoring held in one step (実施日, 実施場所, 居宅訪問 only): fills the
    /// report being written — or a new one from the plan in force — and records it.
    pub fn record_monitoring(&mut self, visit: &MonitoringVisit) -> Result<MonitoringId, Vec<FieldError>> {
        let before = self.monitoring_reports.clone();
        let Some(draft) = self.monitoring_draft_mut() else {
            return Err(vec![FieldError { field: "held_on", message: "確定した計画がまだありません。モニタリングは確定した計画について行います。" }]);
        };
        draft.held_on_typed = visit.held_on.clone();
        draft.place = visit.place.clone();
        draft.home_visit = visit.home_visit;
        self.record_monitoring_draft().inspect_err(|_| self.monitoring_reports = before)
    }

    /// 「計画を変更する」 from a recorded report that says 計画変更の必要性 有: a new draft
    /// from the plan in force (`revise_plan`) linked back to the report (`requested_by`).
    /// When a change is already being drafted with no link, it is linked; one answering
    /// another report is left as it is.
    pub fn change_plan_after(&mut self, id: MonitoringId) -> Result<(), ChangeRefused> {
        let report = self.monitoring(id).filter(|r| r.status == ReportStatus::Recorded).ok_or(ChangeRefused::NotRecorded)?;
        if !report.needs_change() {
            return Err(ChangeRefused::NoChangeNeeded);
        }
        if report.plan_version as usize != self.final_plans.len() {
            return Err(ChangeRefused::OlderVersion);
        }
        match self.plan.requested_by {
            Some(other) if other != id && self.plan.status == PlanStatus::Draft => return Err(ChangeRefused::DraftAnswersAnother(other)),
            _ => {}
        }
        self.revise_plan();
        self.plan.requested_by = Some(id);
        Ok(())
    }

    /// 「モニタリング（令和9年5月10日）を受けた変更」 for a plan version that answers a report.
    pub fn requested_by_text(&self, plan: &ServicePlan) -> Option<String> {
        let report = self.monitoring(plan.requested_by?)?;
        Some(format!("{}を受けた変更", report.name()))
    }

    /// The recorded report that corrects this one, if any.
    pub fn corrected_by(&self, id: MonitoringId) -> Option<&MonitoringReport> {
        self.monitoring_reports.iter().find(|r| r.corrects == Some(id) && r.status == ReportStatus::Recorded)
    }

    /// Recorded reports, newest 実施日 first.
    pub fn recorded_monitorings(&self) -> Vec<&MonitoringReport> {
        let mut out: Vec<&MonitoringReport> = self.monitoring_reports.iter().filter(|r| r.status == ReportStatus::Recorded).collect();
        out.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseId, FinalForm, NewCase};
    use chrono::DateTime;

    fn final_case() -> Case {
        let now = DateTime::parse_from_rfc3339("2026-11-27T10:00:00+09:00").unwrap();
        let mut c = Case::create(CaseId::from_random(1), &NewCase { name: "A".into(), ..NewCase::default() }, now).unwrap();
        c.plan.support_policy = "本人のペースで".into();
        for (goal, when) in [("週3回通う", "令和9年3月"), ("一人で買い物", "令和9年9月")] {
            let id = c.plan.add_need().unwrap();
            let n = c.plan.need_mut(id).unwrap();
            n.goal = goal.into();
            n.target_date = when.into();
        }
        c.make_final(&FinalForm { made_on: "2027-04-01".into(), consented_on: "2027-04-01".into(), signer: "本人".into(), ..FinalForm::default() }).unwrap();
        c
    }

    #[test]
    fn a_report_is_prefilled_from_the_plan_in_force() {
        let c = final_case();
        let r = c.new_monitoring_report().unwrap();
        assert_eq!(r.plan_version, 1);
        assert_eq!(r.support_policy, "本人のペースで");
        let rows: Vec<(&str, &str)> = r.rows.iter().map(|row| (row.goal.as_str(), row.target_date.as_str())).collect();
        assert_eq!(rows, [("週3回通う", "令和9年3月"), ("一人で買い物", "令和9年9月")]);
        assert_eq!(r.rows[0].need, c.plan.needs()[0].id);
        assert_eq!(r.status, ReportStatus::Draft);
    }

    #[test]
    fn no_report_before_a_final_plan() {
        let mut c = final_case();
        c.final_plans.clear();
        assert!(c.new_monitoring_report().is_none());
        let err = c.record_monitoring(&MonitoringVisit { held_on: "2027-05-10".into(), place: "自宅".into(), home_visit: true }).unwrap_err();
        assert!(err[0].message.contains("確定した計画"));
    }

    #[test]
    fn recording_freezes_a_new_report_and_ids_count_up() {
        let mut c = final_case();
        let bad = c.record_monitoring(&MonitoringVisit { held_on: "5月10日".into(), place: " ".into(), home_visit: false }).unwrap_err();
        assert_eq!(bad.iter().map(|e| e.field).collect::<Vec<_>>(), ["held_on", "place"]);
        assert!(c.monitoring_reports.is_empty(), "nothing recorded on bad input");
        let a = c.record_monitoring(&MonitoringVisit { held_on: "R9.5.10".into(), place: "自宅".into(), home_visit: true }).unwrap();
        let b = c.record_monitoring(&MonitoringVisit { held_on: "2027-08-02".into(), place: "事業所".into(), home_visit: false }).unwrap();
        assert_eq!((a, b), (MonitoringId(1), MonitoringId(2)));
        assert_eq!(c.recorded_monitorings()[0].held_on, NaiveDate::from_ymd_opt(2027, 8, 2));
        assert_eq!(c.monitoring_reports[0].held_month(), Month::new(2027, 5));
        assert_eq!(c.stage, crate::domain::Stage::Monitoring);
    }

    #[test]
    fn a_draft_starts_on_the_first_edit_keeps_what_was_typed_and_records_once_valid() {
        let mut c = final_case();
        assert!(c.monitoring_draft().is_none(), "opening the form stores nothing");
        let untouched = c.record_monitoring_draft().unwrap_err();
        assert_eq!(untouched.iter().map(|e| e.field).collect::<Vec<_>>(), ["held_on", "place"], "an untouched form misses both");
        assert!(c.monitoring_reports.is_empty());
        let d = c.monitoring_draft_mut().unwrap();
        d.held_on_typed = "5月10日".into();
        d.rows[1].persons_view = "「一人で行けた」".into();
        d.rows[1].change_needed.amount = true;
        let errors = c.record_monitoring_draft().unwrap_err();
        assert_eq!(errors.iter().map(|e| e.message).collect::<Vec<_>>(), ["実施日は「2027年4月10日」や「R9.4.10」のように入力してください。", "実施場所を入力してください（例：自宅）。"]);
        let d = c.monitoring_draft().unwrap();
        assert_eq!((d.held_on_typed.as_str(), d.rows[1].persons_view.as_str(), d.status), ("5月10日", "「一人で行けた」", ReportStatus::Draft), "nothing lost on error");
        // Not before the plan it monitors was made (2027-04-01).
        c.monitoring_draft_mut().unwrap().held_on_typed = "R9.3.31".into();
        c.monitoring_draft_mut().unwrap().place = " 自宅 ".into();
        assert_eq!(c.record_monitoring_draft().unwrap_err()[0].message, "実施日が、モニタリングする計画の作成日より前です。日付を確かめてください。");
        c.monitoring_draft_mut().unwrap().held_on_typed = "令和9年5月10日".into();
        let id = c.record_monitoring_draft().unwrap();
        let r = c.monitoring(id).unwrap();
        assert_eq!((r.status, r.held_on, r.place.as_str(), r.held_on_typed.as_str()), (ReportStatus::Recorded, NaiveDate::from_ymd_opt(2027, 5, 10), "自宅", ""));
        assert!(r.needs_change());
        assert_eq!(r.name(), "モニタリング（令和9年5月10日）");
        assert_eq!(c.monitoring_reports.len(), 1);
    }

    #[test]
    fn a_recorded_report_is_frozen_and_a_correction_is_a_new_draft() {
        let mut c = final_case();
        let first = c.record_monitoring(&MonitoringVisit { held_on: "2027-05-10".into(), place: "自宅".into(), home_visit: true }).unwrap();
        // The next edit starts a new report; the recorded one is never handed out.
        let next = c.monitoring_draft_mut().unwrap();
        assert_ne!(next.id, first);
        next.overall = "次の回".into();
        assert_eq!(c.monitoring(first).unwrap().overall, "");
        assert_eq!(c.correct_monitoring(first).unwrap_err(), "書きかけのモニタリング報告書があります。先にそれを記録してから訂正してください。");
        c.monitoring_reports.retain(|r| r.status == ReportStatus::Recorded);

        let fix = c.correct_monitoring(first).unwrap();
        let d = c.monitoring_draft().unwrap();
        assert_eq!((d.id, d.corrects, d.held_on_typed.as_str(), d.place.as_str(), d.held_on), (fix, Some(first), "令和9年5月10日", "自宅", None));
        c.monitoring_draft_mut().unwrap().place = "相談支援事業所".into();
        c.record_monitoring_draft().unwrap();
        assert_eq!(c.monitoring(first).unwrap().place, "自宅", "the corrected record stays as it was");
        assert_eq!(c.corrected_by(first).map(|r| r.id), Some(fix));
        assert_eq!(c.correct_monitoring(MonitoringId(99)).unwrap_err(), "訂正する記録が見つかりません。");
    }

    #[test]
    fn a_change_asked_for_by_a_monitoring_is_a_new_draft_linked_to_it() {
        let mut c = final_case();
        let calm = c.record_monitoring(&MonitoringVisit { held_on: "2027-05-10".into(), place: "自宅".into(), home_visit: true }).unwrap();
        assert_eq!(c.change_plan_after(calm), Err(ChangeRefused::NoChangeNeeded));
        assert_eq!(c.plan.status, PlanStatus::Final, "nothing changes when refused");
        let d = c.monitoring_draft_mut().unwrap();
        d.held_on_typed = "2027-06-10".into();
        d.place = "自宅".into();
        d.rows[0].change_needed.weekly = true;
        let asked = c.record_monitoring_draft().unwrap();

        c.change_plan_after(asked).unwrap();
        assert_eq!((c.plan.status, c.plan.requested_by), (PlanStatus::Draft, Some(asked)));
        assert_eq!(c.requested_by_text(&c.plan).as_deref(), Some("モニタリング（令和9年6月10日）を受けた変更"));
        assert_eq!(c.final_plans[0].requested_by, None, "the final copy is untouched");
        c.change_plan_after(asked).unwrap();
        assert_eq!(c.plan.requested_by, Some(asked), "asking again keeps the same draft");
        // The link stays with the version made final, and survives the data format.
        c.make_final(&FinalForm { made_on: "2027-06-20".into(), consented_on: "2027-06-20".into(), signer: "本人".into(), ..FinalForm::default() }).unwrap();
        assert_eq!(c.final_plans[1].requested_by, Some(asked));
        let back: Case = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back.final_plans[1].requested_by, Some(asked));
        // A report on version 1 no longer changes version 2; a plain change carries no link.
        assert_eq!(c.change_plan_after(asked), Err(ChangeRefused::OlderVersion));
        c.revise_plan();
        assert_eq!(c.plan.requested_by, None);
        assert_eq!(c.change_plan_after(MonitoringId(42)), Err(ChangeRefused::NotRecorded));
    }

    #[test]
    fn a_draft_answering_one_monitoring_is_not_taken_over_by_another() {
        let mut c = final_case();
        let ask = |c: &mut Case, on: &str| {
            let d = c.monitoring_draft_mut().unwrap();
            d.held_on_typed = on.into();
            d.place = "自宅".into();
            d.rows[0].change_needed.kind = true;
            c.record_monitoring_draft().unwrap()
        };
        let a = ask(&mut c, "2027-05-10");
        let b = ask(&mut c, "2027-06-10");
        c.change_plan_after(a).unwrap();
        assert_eq!(c.change_plan_after(b), Err(ChangeRefused::DraftAnswersAnother(a)));
        assert_eq!(c.plan.requested_by, Some(a));
    }
}

//! モニタリング報告書 (forms.md "モニタリング報告書"): one report per monitoring of the plan in
//! force, one row per priority with the plan's 支援目標 and 達成時期 copied and the columns the
//! 様式例 asks for. A report is frozen once recorded, like a final plan; a correction is a
//! new report. Reports are never removed, so an id is never reused.

use super::case::{Case, FieldError};
use super::calendar::Month;
use super::plan::NeedId;
use super::wareki::parse_date;
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

impl MonitoringReport {
    /// The calendar month of a recorded report (what makes a due month done).
    pub fn held_month(&self) -> Option<Month> {
        (self.status == ReportStatus::Recorded).then_some(self.held_on).flatten().map(Month::of)
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
        let id = self.monitoring_reports.iter().map(|r| r.id.0).max().unwrap_or(0) + 1;
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
            place: String::new(),
            home_visit: false,
            support_policy: plan.support_policy.clone(),
            overall: String::new(),
            rows,
        })
    }

    /// Records a monitoring held (the minimal form of the モニタリング step): a new report on
    /// the plan in force, frozen at once. Returns its id.
    pub fn record_monitoring(&mut self, visit: &MonitoringVisit) -> Result<MonitoringId, Vec<FieldError>> {
        let mut errors = Vec::new();
        let held_on = parse_date(&visit.held_on);
        if held_on.is_none() {
            let message = if visit.held_on.trim().is_empty() { "実施日を入力してください。" } else { "実施日は「2027年4月10日」や「R9.4.10」のように入力してください。" };
            errors.push(FieldError { field: "held_on", message });
        }
        let place = visit.place.trim();
        if place.is_empty() {
            errors.push(FieldError { field: "place", message: "実施場所を入力してください（例：自宅）。" });
        }
        let report = self.new_monitoring_report();
        if report.is_none() {
            errors.push(FieldError { field: "held_on", message: "確定した計画がまだありません。モニタリングは確定した計画について行います。" });
        }
        match (report, held_on) {
            (Some(mut report), Some(held_on)) if errors.is_empty() => {
                report.held_on = Some(held_on);
                report.place = place.to_owned();
                report.home_visit = visit.home_visit;
                report.status = ReportStatus::Recorded;
                let id = report.id;
                self.monitoring_reports.push(report);
                if self.stage < super::case::Stage::Monitoring {
                    self.stage = super::case::Stage::Monitoring;
                }
                Ok(id)
            }
            _ => Err(errors),
        }
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
}

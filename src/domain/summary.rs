//! What the case list shows of a case: its name, 今の段階, last change and 次の予定.
//!
//! The list is the first screen, and reading every case whole to show five columns cost
//! most of the startup (issue 17): the serde code of every field of a `Case` had to be in
//! the first download, and parsing 20 cases' plans and histories took time before the
//! first paint. So the list reads a [`CaseSummary`] straight from each stored record (the
//! same JSON, the same field types, everything else skipped unread), and a case is read
//! whole only when a screen needs it (`ui::state::AppState::ensure_whole`).
//!
//! Invariant: `CaseSummary` read from a stored record equals [`Case::summary`] of the
//! case read whole from it (tests/it/store.rs checks it on every sample and on split,
//! migrated and monitored records).

use super::calendar::{next_due_of, BenefitDecision, DueItem, Month};
use super::case::{name_matches, Case, CaseId, CaseName, Stage};
use super::monitoring::{held_month, ReportStatus};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

/// A case as the case list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "StoredSummary")]
pub struct CaseSummary {
    pub id: CaseId,
    pub name: CaseName,
    pub for_child: bool,
    pub stage: Stage,
    pub archived: bool,
    pub updated_at: DateTime<FixedOffset>,
    pub benefit_decision: BenefitDecision,
    /// The months a monitoring was recorded in, in the order stored (what makes a due
    /// month done).
    pub held: Vec<Month>,
}

/// The fields of a stored case that the summary reads, with `Case`'s own types and
/// defaults, so a record reads the same way here as whole.
#[derive(Deserialize)]
struct StoredSummary {
    id: CaseId,
    name: CaseName,
    #[serde(default)]
    for_child: bool,
    #[serde(default)]
    stage: Stage,
    #[serde(default)]
    archived: bool,
    // Required by `Case` too: a record without it is not listed either.
    #[allow(dead_code)]
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    #[serde(default)]
    benefit_decision: BenefitDecision,
    #[serde(default)]
    monitoring_reports: Vec<HeldOn>,
}

/// Of a stored モニタリング報告書, what says whether and when it was held.
#[derive(Deserialize)]
pub struct HeldOn {
    #[serde(default)]
    status: ReportStatus,
    #[serde(default)]
    held_on: Option<NaiveDate>,
}

impl HeldOn {
    pub fn month(&self) -> Option<Month> {
        held_month(self.status, self.held_on)
    }
}

impl From<StoredSummary> for CaseSummary {
    fn from(s: StoredSummary) -> CaseSummary {
        CaseSummary {
            id: s.id,
            name: s.name,
            for_child: s.for_child,
            stage: s.stage,
            archived: s.archived,
            updated_at: s.updated_at,
            benefit_decision: s.benefit_decision,
            held: s.monitoring_reports.iter().filter_map(HeldOn::month).collect(),
        }
    }
}

impl CaseSummary {
    /// Whether the list's search box matches this case (by name, as [`Case::matches_search`]).
    pub fn matches_search(&self, query: &str) -> bool {
        name_matches(self.name.as_str(), query)
    }

    /// What the case needs next (`calendar::next_due`).
    pub fn next_due(&self, today: NaiveDate, lead_months: u8, horizon_months: i64) -> Option<DueItem> {
        next_due_of(&self.benefit_decision, &self.held, today, lead_months, horizon_months)
    }

    /// Adds the monitorings of the case's history record (stored apart, `store::history`),
    /// which come before those of the case record.
    pub fn join_history(&mut self, frozen: &[HeldOn]) {
        let mut held: Vec<Month> = frozen.iter().filter_map(HeldOn::month).collect();
        held.append(&mut self.held);
        self.held = held;
    }
}

impl Case {
    /// What the case list shows of this case.
    pub fn summary(&self) -> CaseSummary {
        CaseSummary {
            id: self.id.clone(),
            name: self.name.clone(),
            for_child: self.for_child,
            stage: self.stage,
            archived: self.archived,
            updated_at: self.updated_at,
            benefit_decision: self.benefit_decision.clone(),
            held: self.monitoring_reports.iter().filter_map(|r| r.held_month()).collect(),
        }
    }
}

/// Orders cases for the list: most recently changed first, then by name.
pub fn sort_for_list(cases: &mut [CaseSummary]) {
    cases.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| a.name.as_str().cmp(b.name.as_str())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::case;

    #[test]
    fn list_is_newest_first_across_offsets() {
        let mut cases = vec![
            case("old", "2026-11-27T09:00:00+09:00").summary(),
            // 01:30 UTC = 10:30 JST: newer than 09:00 JST although its clock reads earlier.
            case("utc", "2026-11-27T01:30:00+00:00").summary(),
            case("new", "2026-11-27T11:00:00+09:00").summary(),
        ];
        sort_for_list(&mut cases);
        let names: Vec<_> = cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["new", "utc", "old"]);
    }

    #[test]
    fn a_summary_read_from_the_json_is_the_summary_of_the_case() {
        let mut c = case("Ａ.Ｋ. 山田", "2026-11-27T10:00:00+09:00");
        c.archived = true;
        c.for_child = true;
        let read: CaseSummary = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(read, c.summary());
        assert!(read.matches_search("a.k"));
        assert!(!read.matches_search("佐藤"));
    }

    #[test]
    fn a_record_without_what_a_case_requires_is_not_summarised() {
        let c = case("山田", "2026-11-27T10:00:00+09:00");
        let mut v = serde_json::to_value(&c).unwrap();
        v.as_object_mut().unwrap().remove("created_at");
        assert!(serde_json::from_value::<CaseSummary>(v.clone()).is_err());
        assert!(serde_json::from_value::<Case>(v).is_err());
    }
}

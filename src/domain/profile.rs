//! The specialist's own profile, kept apart from the cases: a self-assessment against the
//! role matrix (one [`Rating`] per recording, never edited, so progress over time shows) and
//! the answers to the 推薦申出書 checklist of `000` (see [`role_matrix::RECOMMENDATION_CHECKLIST`]).
//!
//! No clock here: callers pass the day of a rating. Stored under its own key by `store`;
//! not part of a case or of the case export.

use super::role_matrix::{self, Area, ChecklistItem, Column, ItemKind, Level, OfficeType, RECOMMENDATION_CHECKLIST};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where the specialist stands on one cell, as they judged it on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RatingStatus {
    #[serde(rename = "not_yet")]
    NotYet,
    #[serde(rename = "working")]
    Working,
    #[serde(rename = "done")]
    Done,
}

impl RatingStatus {
    /// From "not yet" to "done".
    pub const ALL: [RatingStatus; 3] = [RatingStatus::NotYet, RatingStatus::Working, RatingStatus::Done];

    pub fn label(self) -> &'static str {
        match self {
            RatingStatus::NotYet => "これから",
            RatingStatus::Working => "取り組み中",
            RatingStatus::Done => "できている",
        }
    }

    /// Stable id (also the serde form).
    pub fn code(self) -> &'static str {
        match self {
            RatingStatus::NotYet => "not_yet",
            RatingStatus::Working => "working",
            RatingStatus::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<RatingStatus> {
        RatingStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One self-assessment of one cell of the role matrix. A cell's column is stored as codes:
/// the level, and for 主任 the office type (`{"area":"council","level":"lead","office":"core"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub area: Area,
    pub level: Level,
    /// Only for `level: lead`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<OfficeType>,
    /// The day it was recorded.
    pub on: NaiveDate,
    pub status: RatingStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Rating {
    pub fn new(area: Area, column: Column, on: NaiveDate, status: RatingStatus, note: &str) -> Rating {
        Rating { area, level: column.level(), office: column.office(), on, status, note: note.trim().to_owned() }
    }

    /// The matrix column; a 主任 rating stored without an office counts as 指定, the default office.
    pub fn column(&self) -> Column {
        Column::new(self.level, self.office.unwrap_or(OfficeType::DesignatedOffice))
    }

    pub fn is_for(&self, area: Area, column: Column) -> bool {
        self.area == area && self.column() == column
    }
}

/// The answer to one item of the 推薦申出書 checklist, keyed by [`ChecklistItem::id`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChecklistAnswer {
    pub item: String,
    /// Circled (or pledged). An entry item counts as answered when `text` is not empty.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub checked: bool,
    /// What was written after the item (役職名, 研修名…, years, a date).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// The whole profile: stored as one record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Every rating ever recorded, in the order recorded.
    pub self_assessment: Vec<Rating>,
    pub checklist: Vec<ChecklistAnswer>,
}

/// How many cells stood at each status on a day (the latest rating of each rated cell on or
/// before that day), in [`RatingStatus::ALL`] order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub on: NaiveDate,
    pub counts: [usize; 3],
}

impl Progress {
    pub fn count(&self, status: RatingStatus) -> usize {
        self.counts[status as usize]
    }
}

/// The checklist at a glance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChecklistSummary {
    /// Circled items of ２．–６.
    pub circled: usize,
    pub circle_items: usize,
    pub pledged: usize,
    pub pledges: usize,
    /// Entry items of １． filled in.
    pub entered: usize,
    pub entries: usize,
}

impl ChecklistSummary {
    /// Every pledge is made: without them the city does not recommend (`000` 誓約事項).
    pub fn all_pledged(&self) -> bool {
        self.pledged == self.pledges
    }
}

impl Profile {
    /// Appends a rating (the history is kept; the latest is "now").
    pub fn rate(&mut self, area: Area, column: Column, on: NaiveDate, status: RatingStatus, note: &str) {
        self.self_assessment.push(Rating::new(area, column, on, status, note));
    }

    /// A cell's ratings, oldest first: by date, and in the order recorded within a day.
    pub fn history(&self, area: Area, column: Column) -> Vec<&Rating> {
        let mut list: Vec<&Rating> = self.self_assessment.iter().filter(|r| r.is_for(area, column)).collect();
        list.sort_by_key(|r| r.on); // stable: same-day ratings stay in recording order
        list
    }

    /// Where the specialist is now on a cell: its latest rating.
    pub fn latest(&self, area: Area, column: Column) -> Option<&Rating> {
        self.history(area, column).pop()
    }

    /// For each day with a rating, how many cells stood at each status then (each rated
    /// cell counted once, by its latest rating up to that day). Oldest day first.
    pub fn progress(&self) -> Vec<Progress> {
        let mut days: Vec<NaiveDate> = self.self_assessment.iter().map(|r| r.on).collect();
        days.sort();
        days.dedup();
        days.into_iter()
            .map(|day| {
                let mut counts = [0; 3];
                for c in role_matrix::CELLS.iter() {
                    let latest = self
                        .history(c.area, c.column)
                        .into_iter()
                        .filter(|r| r.on <= day)
                        .last();
                    if let Some(r) = latest {
                        counts[r.status as usize] += 1;
                    }
                }
                Progress { on: day, counts }
            })
            .collect()
    }

    pub fn answer(&self, item: &ChecklistItem) -> Option<&ChecklistAnswer> {
        let id = item.id();
        self.checklist.iter().find(|a| a.item == id)
    }

    fn answer_mut(&mut self, item: &ChecklistItem) -> &mut ChecklistAnswer {
        let id = item.id();
        match self.checklist.iter().position(|a| a.item == id) {
            Some(i) => &mut self.checklist[i],
            None => {
                self.checklist.push(ChecklistAnswer { item: id, ..ChecklistAnswer::default() });
                self.checklist.last_mut().expect("just pushed")
            }
        }
    }

    pub fn set_checked(&mut self, item: &ChecklistItem, checked: bool) {
        self.answer_mut(item).checked = checked;
    }

    pub fn set_text(&mut self, item: &ChecklistItem, text: &str) {
        self.answer_mut(item).text = text.trim().to_owned();
    }

    /// Circled / pledged; an entry item when something is written in it.
    pub fn is_answered(&self, item: &ChecklistItem) -> bool {
        self.answer(item).is_some_and(|a| match item.kind {
            ItemKind::Entry => !a.text.is_empty(),
            ItemKind::Circle | ItemKind::Pledge => a.checked,
        })
    }

    pub fn checklist_summary(&self) -> ChecklistSummary {
        let mut s = ChecklistSummary::default();
        for item in RECOMMENDATION_CHECKLIST {
            let done = usize::from(self.is_answered(item));
            match item.kind {
                ItemKind::Entry => {
                    s.entries += 1;
                    s.entered += done;
                }
                ItemKind::Circle => {
                    s.circle_items += 1;
                    s.circled += done;
                }
                ItemKind::Pledge => {
                    s.pledges += 1;
                    s.pledged += done;
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use role_matrix::Section;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    const LEAD_CORE: Column = Column::Lead(OfficeType::CoreCentre);

    #[test]
    fn latest_rating_per_cell_is_the_newest_day_then_the_last_recorded() {
        let mut p = Profile::default();
        assert_eq!(p.latest(Area::Council, Column::Novice), None);
        p.rate(Area::Council, Column::Novice, day(10), RatingStatus::Working, " 部会に出た ");
        p.rate(Area::Council, Column::Novice, day(3), RatingStatus::NotYet, "");
        p.rate(Area::Council, Column::Practitioner, day(11), RatingStatus::Done, "");
        let latest = p.latest(Area::Council, Column::Novice).unwrap();
        assert_eq!((latest.status, latest.note.as_str()), (RatingStatus::Working, "部会に出た"));
        // Same day: the later recording wins.
        p.rate(Area::Council, Column::Novice, day(10), RatingStatus::Done, "");
        assert_eq!(p.latest(Area::Council, Column::Novice).unwrap().status, RatingStatus::Done);
        // Other cells and columns are apart; 主任 columns by office.
        p.rate(Area::Council, LEAD_CORE, day(1), RatingStatus::NotYet, "");
        assert_eq!(p.latest(Area::Council, Column::Lead(OfficeType::DesignatedOffice)), None);
        assert_eq!(p.latest(Area::Council, LEAD_CORE).unwrap().column(), LEAD_CORE);
    }

    #[test]
    fn history_is_oldest_first_and_keeps_recording_order_within_a_day() {
        let mut p = Profile::default();
        p.rate(Area::SupportNetwork, Column::Novice, day(20), RatingStatus::Done, "c");
        p.rate(Area::SupportNetwork, Column::Novice, day(2), RatingStatus::NotYet, "a");
        p.rate(Area::AdviceGuidance, Column::Novice, day(5), RatingStatus::Working, "x");
        p.rate(Area::SupportNetwork, Column::Novice, day(2), RatingStatus::Working, "b");
        let notes: Vec<&str> = p.history(Area::SupportNetwork, Column::Novice).iter().map(|r| r.note.as_str()).collect();
        assert_eq!(notes, ["a", "b", "c"]);
        assert_eq!(p.self_assessment.len(), 4, "nothing is replaced");
    }

    #[test]
    fn progress_counts_each_cell_once_by_its_latest_rating_up_to_each_day() {
        let mut p = Profile::default();
        assert!(p.progress().is_empty());
        p.rate(Area::ConsultationResponse, Column::Novice, day(1), RatingStatus::NotYet, "");
        p.rate(Area::AdviceGuidance, Column::Novice, day(1), RatingStatus::Working, "");
        p.rate(Area::ConsultationResponse, Column::Novice, day(8), RatingStatus::Working, "");
        p.rate(Area::Council, Column::Novice, day(15), RatingStatus::Done, "");
        p.rate(Area::ConsultationResponse, Column::Novice, day(15), RatingStatus::Done, "");
        let got: Vec<(NaiveDate, [usize; 3])> = p.progress().iter().map(|x| (x.on, x.counts)).collect();
        assert_eq!(got, [(day(1), [1, 1, 0]), (day(8), [0, 2, 0]), (day(15), [0, 1, 2])]);
        assert_eq!(p.progress()[2].count(RatingStatus::Done), 2);
    }

    #[test]
    fn stored_shape_uses_codes_and_reads_back() {
        let mut p = Profile::default();
        p.rate(Area::Council, LEAD_CORE, day(1), RatingStatus::Working, "");
        p.rate(Area::Council, Column::Novice, day(2), RatingStatus::Done, "メモ");
        let pledge = RECOMMENDATION_CHECKLIST.iter().find(|i| i.kind == ItemKind::Pledge).unwrap();
        p.set_checked(pledge, true);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json["self_assessment"][0],
            serde_json::json!({"area": "council", "level": "lead", "office": "core", "on": "2026-05-01", "status": "working"})
        );
        assert_eq!(json["self_assessment"][1]["note"], "メモ");
        assert_eq!(json["checklist"][0], serde_json::json!({"item": "pledge-1", "checked": true}));
        assert_eq!(serde_json::from_value::<Profile>(json).unwrap(), p);
        // Missing parts read as empty.
        assert_eq!(serde_json::from_str::<Profile>("{}").unwrap(), Profile::default());
        for s in RatingStatus::ALL {
            assert_eq!(RatingStatus::from_code(s.code()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.code()));
        }
    }

    #[test]
    fn checklist_answers_by_stable_id_and_summary() {
        let ids: Vec<String> = RECOMMENDATION_CHECKLIST.iter().map(|i| i.id()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "ids are unique");
        assert_eq!(ids[0], "period-1");
        assert_eq!(ids[2], "council-1");
        assert_eq!(ids.last().unwrap(), "pledge-3");

        let mut p = Profile::default();
        let s = p.checklist_summary();
        assert_eq!((s.circle_items, s.pledges, s.entries), (18, 3, 2));
        assert_eq!((s.circled, s.pledged, s.entered), (0, 0, 0));
        let circle = |sec: Section, n: usize| RECOMMENDATION_CHECKLIST.iter().filter(|i| i.section == sec).nth(n).unwrap();
        p.set_checked(circle(Section::Council, 0), true);
        p.set_text(circle(Section::Council, 0), " 副会長（現職） ");
        p.set_checked(circle(Section::Other, 4), true);
        p.set_checked(circle(Section::Other, 4), false);
        p.set_text(circle(Section::PracticePeriod, 0), "5");
        p.set_checked(circle(Section::PracticePeriod, 1), true); // an entry counts by its text only
        for i in RECOMMENDATION_CHECKLIST.iter().filter(|i| i.kind == ItemKind::Pledge) {
            p.set_checked(i, true);
        }
        let s = p.checklist_summary();
        assert_eq!((s.circled, s.pledged, s.entered), (1, 3, 1));
        assert!(s.all_pledged());
        assert_eq!(p.answer(circle(Section::Council, 0)).unwrap().text, "副会長（現職）");
        assert_eq!(p.checklist.len(), 7, "one answer per item touched");
    }
}

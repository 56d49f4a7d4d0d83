//! The caseload calendar: when each case's monitorings are due (継続サービス利用支援, at the
//! interval the municipality decided) and when the 支給決定 must be renewed, and what is
//! overdue.
//!
//! Pure: callers pass today's date (local time). Months are calendar months: a decision
//! starting on the 31st is due in the months it names, never on a day that does not exist.
//! A monitoring month is done when a recorded [`MonitoringReport`](super::monitoring::MonitoringReport)
//! was held in it.

use super::case::Case;
use super::plan::interval_label;
use super::wareki::{format_seireki, format_wareki, parse_date};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many months before the end of the 有効期間 the renewal work starts, unless set.
pub const DEFAULT_RENEWAL_LEAD_MONTHS: u8 = 2;

/// The longest decided interval the form accepts, in months (the standard intervals are 1, 3
/// and 6; a yearly one is allowed for).
pub const MAX_INTERVAL_MONTHS: u8 = 12;

/// The calendar's settings (設定), kept apart from the cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarOptions {
    /// How many months before the month the 有効期間 ends the renewal work is due.
    pub renewal_lead_months: u8,
}

impl Default for CalendarOptions {
    fn default() -> Self {
        CalendarOptions { renewal_lead_months: DEFAULT_RENEWAL_LEAD_MONTHS }
    }
}

/// The lead times offered in 設定, in months.
pub const RENEWAL_LEAD_CHOICES: [u8; 6] = [1, 2, 3, 4, 5, 6];

/// A calendar month, stored as `"YYYY-MM"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: i32,
    /// 1–12
    month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some(Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month { year: date.year(), month: date.month() }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(i: i64) -> Month {
        Month { year: i.div_euclid(12) as i32, month: i.rem_euclid(12) as u32 + 1 }
    }

    /// The month `n` months later (earlier when negative).
    pub fn plus(self, n: i64) -> Month {
        Month::from_index(self.index() + n)
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Month) -> i64 {
        later.index() - self.index()
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a month's first day exists")
    }

    /// 「令和元年5月」: the era of the month's first day.
    pub fn wareki(self) -> String {
        format_wareki(self.first_day()).trim_end_matches("1日").to_owned()
    }

    /// 「2019年5月」
    pub fn seireki(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// 「令和元年5月（2019年5月）」
    pub fn both(self) -> String {
        format!("{}（{}）", self.wareki(), self.seireki())
    }

    /// Reads a month as typed: 「令和9年4月」「R9.4」「2027-04」「2027/4」「2027年4月」.
    pub fn parse(raw: &str) -> Result<Month, &'static str> {
        const BAD: &str = "開始月は「令和9年4月」や「2027-04」のように、年と月で入力してください。";
        let s = super::text::to_half_width(raw.trim()).replace("元年", "1年");
        let s = s.trim_end_matches('月').replace(['年', '-', '/'], ".");
        // Two numbers (year, month) only: a whole date is not a month.
        if s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).count() != 2 {
            return Err(BAD);
        }
        parse_date(&format!("{s}.1")).map(Month::of).ok_or(BAD)
    }
}

impl fmt::Display for Month {
    /// `2027-04`, the stored form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(s: String) -> Result<Month, String> {
        let bad = || format!("「{s}」は年月（YYYY-MM）ではありません。");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        Month::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

/// 支給決定 (from the 受給者証): the 有効期間 and the monitoring interval the municipality
/// decided, which may differ from the plan's proposal (`plan.monitoring`). Every field may be
/// unknown yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BenefitDecision {
    /// 支給決定の有効期間（開始）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// 支給決定の有効期間（終了）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// モニタリング期間 as decided, in months (1–12).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_interval_months: Option<u8>,
    /// The first month a monitoring is due at that interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_start: Option<Month>,
}

impl BenefitDecision {
    pub fn is_empty(&self) -> bool {
        *self == BenefitDecision::default()
    }

    /// The interval as the form writes it (「3か月ごと」), empty when not decided.
    pub fn interval_text(&self) -> String {
        self.monitoring_interval_months.map(interval_label).unwrap_or_default()
    }
}

/// Reads a 有効期間 date as typed (西暦 or 和暦); empty is `Ok(None)`.
pub fn parse_valid_date(raw: &str) -> Result<Option<NaiveDate>, &'static str> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    parse_date(raw).map(Some).ok_or("日付は「2027年3月31日」や「R9.3.31」のように入力してください。")
}

/// Reads the decided interval (1–12 months, full-width digits fine); empty is `Ok(None)`.
pub fn parse_interval(raw: &str) -> Result<Option<u8>, &'static str> {
    let s = super::text::to_half_width(raw.trim());
    let s = s.trim_end_matches("か月ごと").trim_end_matches("ヶ月").trim_end_matches("か月").trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u8>() {
        Ok(n) if (1..=MAX_INTERVAL_MONTHS).contains(&n) => Ok(Some(n)),
        _ => Err("モニタリング期間は1から12までの月数で入力してください（例：3）。"),
    }
}

/// Reads the start month; empty is `Ok(None)`.
pub fn parse_start_month(raw: &str) -> Result<Option<Month>, &'static str> {
    if raw.trim().is_empty() { Ok(None) } else { Month::parse(raw).map(Some) }
}

/// What is wrong with a decision as a whole (the fields one by one are checked on input).
pub fn decision_problem(d: &BenefitDecision) -> Option<&'static str> {
    match (d.valid_from, d.valid_until) {
        (Some(from), Some(until)) if until < from => Some("有効期間の終わりは、始まりより後の日にしてください。"),
        _ => None,
    }
}

/// What is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DueKind {
    /// A monitoring (継続サービス利用支援) in this month.
    Monitoring,
    /// The renewal work (更新の申請・計画案) before the 有効期間 ends on `valid_until`.
    Renewal { valid_until: NaiveDate },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueItem {
    /// The month it is due (for a renewal, the month its window begins).
    pub month: Month,
    pub kind: DueKind,
    /// A monitoring recorded in that month (renewals are done by entering the new decision).
    pub done: bool,
}

impl DueItem {
    /// 「モニタリング」「更新の準備（有効期間の終わり: 令和9年3月31日（2027年3月31日））」
    pub fn label(&self) -> String {
        match &self.kind {
            DueKind::Monitoring => "モニタリング".to_owned(),
            DueKind::Renewal { valid_until } => format!(
                "更新の準備（有効期間の終わり: {}（{}））",
                format_wareki(*valid_until),
                format_seireki(*valid_until)
            ),
        }
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.done && self.month < Month::of(today)
    }
}

/// The months a monitoring is due, from the start month at the decided interval, up to
/// `through` and not past the end of the 有効期間.
pub fn monitoring_months(d: &BenefitDecision, through: Month) -> Vec<Month> {
    let (Some(start), Some(k)) = (d.monitoring_start, d.monitoring_interval_months) else { return Vec::new() };
    let k = i64::from(k.clamp(1, MAX_INTERVAL_MONTHS));
    let last = d.valid_until.map_or(through, |u| through.min(Month::of(u)));
    (0..).map(|i| start.plus(i * k)).take_while(|m| *m <= last).collect()
}

/// A case's due items up to `through` (oldest first), done or not.
pub fn due_items(case: &Case, through: Month, lead_months: u8) -> Vec<DueItem> {
    let held: Vec<Month> = case.monitoring_reports.iter().filter_map(|r| r.held_month()).collect();
    due_items_of(&case.benefit_decision, &held, through, lead_months)
}

/// [`due_items`] from what it reads of a case: its 支給決定 and the months monitorings were
/// recorded in (the case list has only these, `summary::CaseSummary`).
pub fn due_items_of(d: &BenefitDecision, held: &[Month], through: Month, lead_months: u8) -> Vec<DueItem> {
    let mut items: Vec<DueItem> = monitoring_months(d, through)
        .into_iter()
        .map(|month| DueItem { month, kind: DueKind::Monitoring, done: held.contains(&month) })
        .collect();
    if let Some(valid_until) = d.valid_until {
        let month = Month::of(valid_until).plus(-i64::from(lead_months));
        if month <= through {
            items.push(DueItem { month, kind: DueKind::Renewal { valid_until }, done: false });
        }
    }
    items.sort_by_key(|i| i.month);
    items
}

/// What a case needs next: its oldest overdue item, else its next item from this month on.
pub fn next_due(case: &Case, today: NaiveDate, lead_months: u8, horizon_months: i64) -> Option<DueItem> {
    let held: Vec<Month> = case.monitoring_reports.iter().filter_map(|r| r.held_month()).collect();
    next_due_of(&case.benefit_decision, &held, today, lead_months, horizon_months)
}

/// [`next_due`] from a case's 支給決定 and recorded monitoring months (see [`due_items_of`]).
pub fn next_due_of(d: &BenefitDecision, held: &[Month], today: NaiveDate, lead_months: u8, horizon_months: i64) -> Option<DueItem> {
    let through = Month::of(today).plus(horizon_months);
    due_items_of(d, held, through, lead_months).into_iter().find(|i| !i.done)
}

/// One row of the calendar screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaRow {
    pub case_id: super::case::CaseId,
    pub case_name: String,
    /// A 障害児 case (the list marks it so; the calendar does too).
    pub for_child: bool,
    pub item: DueItem,
}

/// The calendar of all cases: 期限切れ, then this month and the months after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agenda {
    pub overdue: Vec<AgendaRow>,
    /// This month first (今月), then 来月 and on: `months_ahead + 1` months, each with its rows.
    pub months: Vec<(Month, Vec<AgendaRow>)>,
}

/// Builds the calendar over the cases not archived. Rows in a section are ordered by month,
/// then by name.
pub fn agenda(cases: &[Case], today: NaiveDate, lead_months: u8, months_ahead: i64) -> Agenda {
    let this = Month::of(today);
    let mut overdue = Vec::new();
    let mut months: Vec<(Month, Vec<AgendaRow>)> = (0..=months_ahead).map(|i| (this.plus(i), Vec::new())).collect();
    for case in cases.iter().filter(|c| !c.archived) {
        for item in due_items(case, this.plus(months_ahead), lead_months) {
            if item.done {
                continue;
            }
            let row = AgendaRow { case_id: case.id.clone(), case_name: case.name.as_str().to_owned(), for_child: case.for_child, item };
            if row.item.month < this {
                overdue.push(row);
            } else if let Some((_, rows)) = months.get_mut(this.months_until(row.item.month) as usize) {
                rows.push(row);
            }
        }
    }
    let order = |a: &AgendaRow, b: &AgendaRow| a.item.month.cmp(&b.item.month).then_with(|| a.case_name.cmp(&b.case_name));
    overdue.sort_by(order);
    for (_, rows) in &mut months {
        rows.sort_by(order);
    }
    Agenda { overdue, months }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseId, NewCase};
    use crate::domain::monitoring::MonitoringVisit;
    use chrono::DateTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn m(y: i32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    fn case_with(decision: BenefitDecision) -> Case {
        let now = DateTime::parse_from_rfc3339("2026-11-27T10:00:00+09:00").unwrap();
        let mut c = Case::create(CaseId::from_random(1), &NewCase { name: "A".into(), ..NewCase::default() }, now).unwrap();
        c.benefit_decision = decision;
        let need = c.plan.add_need().unwrap();
        c.plan.need_mut(need).unwrap().goal = "週3回通う".into();
        let form = crate::domain::FinalForm { made_on: "2019-01-01".into(), consented_on: "2019-01-01".into(), signer: "本人".into(), ..Default::default() };
        c.make_final(&form).unwrap();
        c
    }

    fn decision(from: NaiveDate, until: NaiveDate, k: u8, start: Month) -> BenefitDecision {
        BenefitDecision { valid_from: Some(from), valid_until: Some(until), monitoring_interval_months: Some(k), monitoring_start: Some(start) }
    }

    fn record(c: &mut Case, on: NaiveDate) {
        c.record_monitoring(&MonitoringVisit { held_on: on.to_string(), place: "自宅".into(), home_visit: true }).unwrap();
    }

    fn months_of(items: &[DueItem]) -> Vec<String> {
        items.iter().filter(|i| i.kind == DueKind::Monitoring).map(|i| i.month.to_string()).collect()
    }

    #[test]
    fn months_read_in_either_calendar_and_show_both() {
        for s in ["令和9年4月", "R9.4", "2027-04", "2027/4", "2027年4月", "２０２７－０４"] {
            assert_eq!(Month::parse(s), Ok(m(2027, 4)), "{s}");
        }
        assert_eq!(Month::parse("令和元年5月"), Ok(m(2019, 5)));
        assert!(Month::parse("2027-04-01").is_err(), "a whole date is not a month");
        assert!(Month::parse("2027-13").is_err());
        assert!(Month::parse("来年の春").unwrap_err().contains("令和9年4月"));
        assert_eq!(m(2027, 4).both(), "令和9年4月（2027年4月）");
        assert_eq!(String::from(m(2027, 4)), "2027-04");
        assert_eq!(Month::try_from("2027-04".to_owned()), Ok(m(2027, 4)));
        assert!(Month::try_from("2027-4".to_owned()).is_err());
    }

    #[test]
    fn the_era_changes_between_april_and_may_2019() {
        // 平成31年4月 → 令和元年5月: 3-monthly from 2019-02 crosses the change.
        let c = case_with(decision(d(2019, 2, 1), d(2020, 1, 31), 3, m(2019, 2)));
        let shown: Vec<String> = due_items(&c, m(2020, 12), 2).iter().filter(|i| i.kind == DueKind::Monitoring).map(|i| i.month.wareki()).collect();
        assert_eq!(shown, ["平成31年2月", "令和元年5月", "令和元年8月", "令和元年11月"]);
        assert_eq!(m(2019, 4).wareki(), "平成31年4月");
        assert_eq!(m(2020, 1).wareki(), "令和2年1月");
    }

    #[test]
    fn a_decision_starting_on_the_31st_is_due_in_calendar_months() {
        // Monthly from 1/31: due in February (which has no 31st), March, April…
        let c = case_with(decision(d(2027, 1, 31), d(2027, 6, 30), 1, Month::of(d(2027, 1, 31))));
        assert_eq!(months_of(&due_items(&c, m(2030, 1), 2)), ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]);
        // A monitoring on 2/28 does February's.
        let mut c = c;
        record(&mut c, d(2027, 2, 28));
        let items = due_items(&c, m(2027, 6), 2);
        assert!(items.iter().any(|i| i.month == m(2027, 2) && i.done));
        assert!(!items.iter().any(|i| i.month == m(2027, 1) && i.done));
    }

    #[test]
    fn leap_days() {
        let mut c = case_with(decision(d(2028, 2, 29), d(2029, 2, 28), 12, m(2028, 2)));
        assert_eq!(Month::parse("2028-02"), Ok(Month::of(d(2028, 2, 29))));
        record(&mut c, d(2028, 2, 29));
        let items = due_items(&c, m(2030, 12), 2);
        assert_eq!(months_of(&items), ["2028-02", "2029-02"], "12-monthly, up to the month the decision ends");
        assert!(items[0].done, "a monitoring on the leap day does February 2028");
        // The renewal window starts two months before the month the decision ends.
        let renewal = items.iter().find(|i| i.kind != DueKind::Monitoring).unwrap();
        assert_eq!(renewal.month, m(2028, 12));
        assert_eq!(renewal.label(), "更新の準備（有効期間の終わり: 令和11年2月28日（2029年2月28日））");
    }

    #[test]
    fn three_monthly_over_two_years() {
        let c = case_with(decision(d(2027, 4, 1), d(2029, 3, 31), 3, m(2027, 4)));
        assert_eq!(
            months_of(&due_items(&c, m(2035, 1), 2)),
            ["2027-04", "2027-07", "2027-10", "2028-01", "2028-04", "2028-07", "2028-10", "2029-01"]
        );
    }

    #[test]
    fn twelve_monthly_and_no_end() {
        let mut dec = decision(d(2027, 4, 1), d(2030, 3, 31), 12, m(2027, 6));
        assert_eq!(months_of(&due_items(&case_with(dec.clone()), m(2040, 1), 2)), ["2027-06", "2028-06", "2029-06"]);
        // Without an end date: as far as asked.
        dec.valid_until = None;
        assert_eq!(months_of(&due_items(&case_with(dec), m(2029, 5), 2)), ["2027-06", "2028-06"]);
    }

    #[test]
    fn an_interval_change_reschedules_from_its_start_month() {
        // Monthly for the first three months after a new decision, then 3-monthly: the
        // municipality's second decision is entered with its own start month.
        let mut c = case_with(decision(d(2027, 4, 1), d(2028, 3, 31), 1, m(2027, 4)));
        for day in [d(2027, 4, 10), d(2027, 5, 12), d(2027, 6, 9)] {
            record(&mut c, day);
        }
        c.benefit_decision.monitoring_interval_months = Some(3);
        c.benefit_decision.monitoring_start = Some(m(2027, 9));
        let items = due_items(&c, m(2028, 12), 2);
        assert_eq!(months_of(&items), ["2027-09", "2027-12", "2028-03"]);
        let today = d(2027, 10, 5);
        assert_eq!(items.iter().filter(|i| i.is_overdue(today)).count(), 1, "September not done");
    }

    #[test]
    fn overdue_and_the_agenda() {
        let mut a = case_with(decision(d(2027, 4, 1), d(2029, 3, 31), 3, m(2027, 4)));
        record(&mut a, d(2027, 4, 20));
        let mut b = case_with(decision(d(2026, 4, 1), d(2027, 6, 30), 6, m(2026, 4)));
        b.id = CaseId::from_random(2);
        b.name = crate::domain::CaseName::parse("B").unwrap();
        let mut archived = b.clone();
        archived.id = CaseId::from_random(3);
        archived.archived = true;
        let today = d(2027, 5, 15);
        let ag = agenda(&[a.clone(), b.clone(), archived], today, 2, 12);
        // b: 2026-04 and 2026-10 monitorings missed, 2027-04 missed, and its renewal window
        // (2027-04..06) began last month.
        let overdue: Vec<(String, String)> = ag.overdue.iter().map(|r| (r.case_name.clone(), r.item.month.to_string())).collect();
        assert_eq!(overdue, [("B", "2026-04"), ("B", "2026-10"), ("B", "2027-04"), ("B", "2027-04")].map(|(a, b)| (a.to_owned(), b.to_owned())));
        assert!(ag.overdue.iter().any(|r| matches!(r.item.kind, DueKind::Renewal { .. })));
        assert_eq!(ag.months.len(), 13);
        assert_eq!(ag.months[0].0, m(2027, 5));
        assert!(ag.months[0].1.is_empty(), "nothing in 今月");
        assert_eq!(ag.months[2].1.len(), 1, "a's July monitoring");
        assert_eq!(ag.months[2].1[0].case_name, "A");
        // The next due item: b's oldest overdue; a's July.
        assert_eq!(next_due(&b, today, 2, 12).unwrap().month, m(2026, 4));
        assert_eq!(next_due(&a, today, 2, 12).unwrap().month, m(2027, 7));
        // Recording catches a month up; a renewal is done by entering the new decision.
        record(&mut b, d(2026, 4, 3));
        b.benefit_decision.valid_until = Some(d(2029, 6, 30));
        let ag = agenda(&[b], today, 2, 12);
        assert_eq!(ag.overdue.len(), 2);
        assert!(ag.overdue.iter().all(|r| r.item.kind == DueKind::Monitoring));
    }

    #[test]
    fn lead_time_is_a_setting() {
        let c = case_with(decision(d(2027, 4, 1), d(2028, 3, 31), 6, m(2027, 4)));
        let renewal = |lead| due_items(&c, m(2030, 1), lead).into_iter().find(|i| i.kind != DueKind::Monitoring).unwrap().month;
        assert_eq!(renewal(2), m(2028, 1));
        assert_eq!(renewal(3), m(2027, 12));
        assert_eq!(renewal(0), m(2028, 3));
    }

    #[test]
    fn inputs_are_read_with_japanese_messages() {
        assert_eq!(parse_valid_date(" "), Ok(None));
        assert_eq!(parse_valid_date("R9.3.31"), Ok(Some(d(2027, 3, 31))));
        assert!(parse_valid_date("3月末").unwrap_err().contains("R9.3.31"));
        assert_eq!(parse_interval("３"), Ok(Some(3)));
        assert_eq!(parse_interval("12"), Ok(Some(12)));
        assert_eq!(parse_interval(""), Ok(None));
        assert!(parse_interval("13").is_err());
        assert!(parse_interval("0").is_err());
        assert_eq!(parse_start_month("令和9年4月"), Ok(Some(m(2027, 4))));
        let mut dec = decision(d(2027, 4, 1), d(2027, 3, 31), 3, m(2027, 4));
        assert!(decision_problem(&dec).is_some());
        dec.valid_until = Some(d(2028, 3, 31));
        assert_eq!(decision_problem(&dec), None);
    }
}

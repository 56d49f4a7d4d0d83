//! 週間計画表 (weekly schedule; forms.md "週間計画表").
//!
//! The grid's columns are 月〜土, 日・祝 and 主な日常生活上の活動; its rows are the hours of a
//! day from 6:00 round to the next 6:00 (the printed form labels them in two-hour steps).
//! A [`Slot`] covers one time span in one or more columns; a slot can point at a support of
//! the goal table, and [`disagreements`] says where the grid and the goal table's amounts
//! (週N回・1回H時間) disagree, so the screen can show it at once.

use super::plan::{Per, ServicePlan, SupportId};
use super::text::to_half_width;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The grid's columns, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GridColumn {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    /// 日・祝: Sundays and public holidays share a column on the form.
    SunHoliday,
    /// 主な日常生活上の活動: the person's usual day, not a day of the week.
    Activities,
}

impl GridColumn {
    pub const ALL: [GridColumn; 8] = [
        GridColumn::Mon,
        GridColumn::Tue,
        GridColumn::Wed,
        GridColumn::Thu,
        GridColumn::Fri,
        GridColumn::Sat,
        GridColumn::SunHoliday,
        GridColumn::Activities,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GridColumn::Mon => "月",
            GridColumn::Tue => "火",
            GridColumn::Wed => "水",
            GridColumn::Thu => "木",
            GridColumn::Fri => "金",
            GridColumn::Sat => "土",
            GridColumn::SunHoliday => "日・祝",
            GridColumn::Activities => "主な日常生活上の活動",
        }
    }

    /// Whether the column is a day of the week (counted against 週N回).
    pub fn is_day(self) -> bool {
        self != GridColumn::Activities
    }

    pub fn index(self) -> usize {
        GridColumn::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// The hour the grid starts at (and ends at, the next morning).
pub const GRID_START_HOUR: u16 = 6;
const DAY: u16 = 24 * 60;

/// A time of day in minutes since midnight (0..1440), written 「9:00」.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub fn new(hour: u16, minute: u16) -> Option<TimeOfDay> {
        // Lazily: `hour * 60` overflows for hours a damaged file or a slip of the keyboard
        // gives (「7000」), and must not be computed before the check.
        (hour < 24 && minute < 60).then(|| TimeOfDay(hour * 60 + minute))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Accepts 「9:00」「09:30」「９：３０」「9時」「9時30分」「24:00」 (as 0:00).
    pub fn parse(raw: &str) -> Result<TimeOfDay, &'static str> {
        const MSG: &str = "時刻は「9:00」のように、0:00から23:59までで入力してください。";
        let s = to_half_width(raw.trim()).replace('時', ":").replace('分', "");
        let (h, m) = match s.split_once(':') {
            Some((h, m)) => (h.trim(), if m.trim().is_empty() { "0" } else { m.trim() }),
            None => (s.as_str(), "0"),
        };
        let (Ok(h), Ok(m)) = (h.parse::<u16>(), m.parse::<u16>()) else { return Err(MSG) };
        match (h, m) {
            (24, 0) => Ok(TimeOfDay(0)),
            _ => TimeOfDay::new(h, m).ok_or(MSG),
        }
    }

    /// Minutes from the grid's start (6:00), so 5:00 comes last.
    pub fn grid_offset(self) -> u16 {
        (self.0 + DAY - GRID_START_HOUR * 60) % DAY
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        TimeOfDay::parse(&s)
    }
}

impl From<TimeOfDay> for String {
    fn from(t: TimeOfDay) -> String {
        t.to_string()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SlotId(pub u32);

/// One span of time in one or more columns of the grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub id: SlotId,
    /// In grid order, without repeats (see [`WeeklySchedule::set_columns`]).
    pub columns: Vec<GridColumn>,
    pub start: TimeOfDay,
    /// May be earlier than `start`: the span runs past midnight (e.g. 22:00–6:00).
    pub end: TimeOfDay,
    /// What is written in the cell (「生活介護」「起床・朝食」).
    #[serde(default)]
    pub text: String,
    /// The goal table's support this slot places, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<SupportId>,
}

impl Slot {
    /// The span's length in minutes (a span ending at its start is a whole day).
    pub fn minutes(&self) -> u16 {
        match (self.end.minutes() + DAY - self.start.minutes()) % DAY {
            0 => DAY,
            m => m,
        }
    }

    /// Where the slot sits on the grid, in minutes from 6:00, clipped at the grid's end.
    pub fn grid_span(&self) -> (u16, u16) {
        let top = self.start.grid_offset();
        (top, (top + self.minutes()).min(DAY))
    }

    /// 「9:00〜15:00」
    pub fn time_label(&self) -> String {
        format!("{}〜{}", self.start, self.end)
    }

    pub fn days(&self) -> impl Iterator<Item = GridColumn> + '_ {
        self.columns.iter().copied().filter(|c| c.is_day())
    }
}

/// 週間計画表: the grid and the two boxes below it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "WeeklyScheduleData")]
pub struct WeeklySchedule {
    /// 計画開始年月 (as typed).
    pub start_month: String,
    slots: Vec<Slot>,
    /// 週単位以外のサービス
    pub non_weekly: String,
    /// サービス提供によって実現する生活の全体像
    pub whole_life: String,
    /// Invariant: greater than every slot id (restored on read).
    next_slot_id: u32,
}

#[derive(Deserialize)]
#[serde(default)]
struct WeeklyScheduleData {
    start_month: String,
    slots: Vec<Slot>,
    non_weekly: String,
    whole_life: String,
    next_slot_id: u32,
}

impl Default for WeeklyScheduleData {
    fn default() -> Self {
        WeeklyScheduleData {
            start_month: String::new(),
            slots: Vec::new(),
            non_weekly: String::new(),
            whole_life: String::new(),
            next_slot_id: 1,
        }
    }
}

impl TryFrom<WeeklyScheduleData> for WeeklySchedule {
    type Error = String;
    fn try_from(d: WeeklyScheduleData) -> Result<Self, String> {
        super::check_ids("週間計画表の枠", d.slots.iter().map(|s| s.id.0).chain([d.next_slot_id]))?;
        let max_id = d.slots.iter().map(|s| s.id.0).max().unwrap_or(0);
        Ok(WeeklySchedule {
            start_month: d.start_month,
            slots: d.slots,
            non_weekly: d.non_weekly,
            whole_life: d.whole_life,
            next_slot_id: d.next_slot_id.max(max_id + 1).min(super::MAX_ID),
        })
    }
}

impl Default for WeeklySchedule {
    fn default() -> Self {
        WeeklyScheduleData::default().try_into().expect("the empty schedule's ids are in range")
    }
}

impl WeeklySchedule {
    /// Sorted by start time from 6:00, then by first column.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    pub fn slot(&self, id: SlotId) -> Option<&Slot> {
        self.slots.iter().find(|s| s.id == id)
    }

    /// Adds a slot; columns are put in grid order. Returns its id (`None`, nothing changed,
    /// when the slot ids are at their limit).
    pub fn add_slot(
        &mut self,
        columns: &[GridColumn],
        start: TimeOfDay,
        end: TimeOfDay,
        text: String,
        support: Option<SupportId>,
    ) -> Option<SlotId> {
        let id = SlotId(super::take_id(&mut self.next_slot_id)?);
        self.slots.push(Slot { id, columns: in_grid_order(columns), start, end, text, support });
        self.sort();
        Some(id)
    }

    /// Puts what the slot form holds into an existing slot (「変更」): its id stays, so
    /// nothing that points at it loses it; columns go in grid order and the list is
    /// sorted again. `false`, nothing changed, when there is no such slot.
    pub fn replace_slot(
        &mut self,
        id: SlotId,
        columns: &[GridColumn],
        start: TimeOfDay,
        end: TimeOfDay,
        text: String,
        support: Option<SupportId>,
    ) -> bool {
        let Some(slot) = self.slots.iter_mut().find(|s| s.id == id) else { return false };
        *slot = Slot { id, columns: in_grid_order(columns), start, end, text, support };
        self.sort();
        true
    }

    pub fn remove_slot(&mut self, id: SlotId) -> bool {
        let before = self.slots.len();
        self.slots.retain(|s| s.id != id);
        before != self.slots.len()
    }

    /// Changes a slot's times, text, columns or support, keeping the order.
    pub fn update_slot(&mut self, id: SlotId, f: impl FnOnce(&mut Slot)) {
        if let Some(s) = self.slots.iter_mut().find(|s| s.id == id) {
            f(s);
            s.columns = in_grid_order(&s.columns);
        }
        self.sort();
    }

    /// The slots that cover a column, top to bottom.
    pub fn in_column(&self, column: GridColumn) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(move |s| s.columns.contains(&column))
    }

    fn sort(&mut self) {
        self.slots.sort_by_key(|s| (s.start.grid_offset(), s.columns.first().copied(), s.id));
    }
}

fn in_grid_order(columns: &[GridColumn]) -> Vec<GridColumn> {
    GridColumn::ALL.into_iter().filter(|c| columns.contains(c)).collect()
}

/// Where the grid and the goal table disagree. Each says what to fix, in Japanese.
#[derive(Clone, Debug, PartialEq)]
pub enum Disagreement {
    /// A weekly support of the goal table is on the grid a different number of days.
    Times { support: SupportId, label: String, planned: u32, placed: u32 },
    /// A slot's length differs from the goal table's 1回H時間.
    Hours { support: SupportId, slot: SlotId, label: String, planned_minutes: u32, placed_minutes: u16 },
    /// A slot points at a support that is no longer in the goal table.
    Orphan { slot: SlotId },
}

impl Disagreement {
    pub fn message(&self) -> String {
        match self {
            Disagreement::Times { label, planned, placed: 0, .. } => {
                format!("{label}: 目標表は週{planned}回ですが、週間計画表にはまだ置かれていません。")
            }
            Disagreement::Times { label, planned, placed, .. } => format!(
                "{label}: 目標表は週{planned}回ですが、週間計画表には週{placed}回あります。"
            ),
            Disagreement::Hours { label, planned_minutes, placed_minutes, .. } => format!(
                "{label}: 目標表は1回{}ですが、週間計画表の枠は{}です。",
                describe_minutes(*planned_minutes),
                describe_minutes(u32::from(*placed_minutes))
            ),
            Disagreement::Orphan { .. } => {
                "目標表にないサービスを指している枠があります。枠のサービスを選び直すか、枠を削除してください。".to_owned()
            }
        }
    }

    /// Whether this disagreement is about `slot`: a wrong count concerns every slot of its
    /// support, a wrong length or a lost support only that slot.
    pub fn concerns(&self, slot: &Slot) -> bool {
        match self {
            Disagreement::Times { support, .. } => slot.support == Some(*support),
            Disagreement::Hours { slot: id, .. } | Disagreement::Orphan { slot: id } => *id == slot.id,
        }
    }
}

/// 「4時間」「1時間30分」
pub fn describe_minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (h, 0) => format!("{h}時間"),
        (0, m) => format!("{m}分"),
        (h, m) => format!("{h}時間{m}分"),
    }
}

/// Compares the plan's weekly schedule with its goal table.
///
/// A weekly support (週N回) must be placed on N days; each placed span must last the
/// goal table's 1回H時間 when that is given. Supports with no count, and monthly ones
/// (月N回: some are used on fixed weekdays, e.g. 放課後等デイサービス's days per month, others
/// not; a month has no fixed number of weeks), are not compared.
pub fn disagreements(plan: &ServicePlan) -> Vec<Disagreement> {
    let schedule = &plan.schedule;
    let mut out = Vec::new();
    for (need, item) in plan.needs().iter().flat_map(|n| n.supports.iter().map(move |s| (n, s))) {
        let placed: Vec<&Slot> = schedule.slots().iter().filter(|s| s.support == Some(item.id)).collect();
        let label = plan.support_label(need.id, item.id);
        // Days, not blocks: a daily service drawn as a morning and an evening block is one
        // service on each day (「毎日」 = 週7回).
        let mut placed_days: Vec<GridColumn> = placed.iter().flat_map(|s| s.days()).collect();
        placed_days.sort();
        placed_days.dedup();
        let days = placed_days.len() as u32;
        if let (Per::Week, Some(planned)) = (item.amount.per, item.amount.times) {
            if planned != days {
                out.push(Disagreement::Times { support: item.id, label: label.clone(), planned, placed: days });
            }
        }
        if let (Per::Week, Some(hours)) = (item.amount.per, item.amount.hours) {
            let planned_minutes = (hours * 60.0).round() as u32;
            // A block agrees when it lasts 1回H時間, or when the day's blocks together do.
            let day_total = |day: GridColumn| -> u32 {
                placed.iter().filter(|s| s.days().any(|d| d == day)).map(|s| u32::from(s.minutes())).sum()
            };
            let agrees = |s: &Slot| u32::from(s.minutes()) == planned_minutes || s.days().all(|d| day_total(d) == planned_minutes);
            for slot in placed.iter().filter(|s| !agrees(s)) {
                out.push(Disagreement::Hours {
                    support: item.id,
                    slot: slot.id,
                    label: label.clone(),
                    planned_minutes,
                    placed_minutes: slot.minutes(),
                });
            }
        }
    }
    for slot in schedule.slots() {
        if let Some(id) = slot.support {
            if plan.support(id).is_none() {
                out.push(Disagreement::Orphan { slot: slot.id });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Amount;

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    #[test]
    fn times_parse_as_typed_and_print_plainly() {
        assert_eq!(t("9:00").to_string(), "9:00");
        assert_eq!(t("０９：３０").to_string(), "9:30");
        assert_eq!(t("9時30分").to_string(), "9:30");
        assert_eq!(t("9時").to_string(), "9:00");
        assert_eq!(t("24:00").to_string(), "0:00");
        assert!(TimeOfDay::parse("25:00").is_err());
        assert!(TimeOfDay::parse("朝").is_err());
        assert!(TimeOfDay::parse("").is_err());
    }

    #[test]
    fn the_grid_runs_from_six_to_six_and_spans_cross_midnight() {
        assert_eq!(t("6:00").grid_offset(), 0);
        assert_eq!(t("5:00").grid_offset(), 23 * 60);
        let night = Slot { id: SlotId(1), columns: vec![GridColumn::Mon], start: t("22:00"), end: t("7:00"), text: String::new(), support: None };
        assert_eq!(night.minutes(), 9 * 60);
        assert_eq!(night.grid_span(), (16 * 60, 24 * 60), "clipped at the grid's end");
    }

    #[test]
    fn slots_keep_grid_order_and_ids_are_not_reused() {
        let mut s = WeeklySchedule::default();
        let late = s.add_slot(&[GridColumn::Fri, GridColumn::Mon], t("13:00"), t("15:00"), "a".into(), None).unwrap();
        let early = s.add_slot(&[GridColumn::Activities], t("7:00"), t("8:00"), "起床".into(), None).unwrap();
        assert_eq!(s.slots().iter().map(|x| x.id).collect::<Vec<_>>(), [early, late]);
        assert_eq!(s.slot(late).unwrap().columns, [GridColumn::Mon, GridColumn::Fri]);
        assert!(s.remove_slot(late));
        assert_ne!(s.add_slot(&[GridColumn::Mon], t("9:00"), t("10:00"), String::new(), None).unwrap(), late);
    }

    #[test]
    fn a_changed_slot_keeps_its_id_and_takes_its_new_place() {
        let mut s = WeeklySchedule::default();
        let a = s.add_slot(&[GridColumn::Mon], t("7:00"), t("8:00"), "起床".into(), None).unwrap();
        let b = s.add_slot(&[GridColumn::Tue], t("9:00"), t("15:00"), "作業所".into(), Some(SupportId(3))).unwrap();
        assert!(s.replace_slot(a, &[GridColumn::Fri, GridColumn::Wed], t("16:00"), t("17:30"), "買い物".into(), Some(SupportId(4))));
        assert_eq!(s.slots().iter().map(|x| x.id).collect::<Vec<_>>(), [b, a], "sorted again by start");
        let changed = s.slot(a).unwrap();
        assert_eq!(
            (changed.columns.clone(), changed.start, changed.end, changed.text.as_str(), changed.support),
            (vec![GridColumn::Wed, GridColumn::Fri], t("16:00"), t("17:30"), "買い物", Some(SupportId(4)))
        );
        assert_eq!(s.slot(b).unwrap().text, "作業所", "the other slot is untouched");
        let before = s.clone();
        assert!(!s.replace_slot(SlotId(99), &[GridColumn::Mon], t("1:00"), t("2:00"), String::new(), None));
        assert_eq!(s, before, "an unknown id changes nothing");
        let c = s.add_slot(&[GridColumn::Sat], t("9:00"), t("10:00"), String::new(), None).unwrap();
        assert!(c.0 > a.0 && c.0 > b.0, "a change takes no new id and frees none");
    }

    #[test]
    fn the_grid_and_the_goal_table_are_compared() {
        let mut plan = ServicePlan::default();
        let need = plan.add_need().unwrap();
        let day_care = plan.need(need).unwrap().supports[0].id;
        plan.update_support(day_care, |s| {
            s.kind = "生活介護".into();
            s.amount = Amount { times: Some(3), per: Per::Week, hours: Some(6.0) };
        });
        let sched = &mut plan.schedule;
        let a = sched.add_slot(&[GridColumn::Mon, GridColumn::Wed], t("9:30"), t("15:30"), String::new(), Some(day_care)).unwrap();
        let found = disagreements(&plan);
        assert_eq!(
            found,
            [Disagreement::Times { support: day_care, label: "優先順位1 生活介護".into(), planned: 3, placed: 2 }]
        );
        assert_eq!(found[0].message(), "優先順位1 生活介護: 目標表は週3回ですが、週間計画表には週2回あります。");

        let slot = plan.schedule.slot(a).unwrap().clone();
        assert!(found[0].concerns(&slot), "a wrong count concerns every slot of the support");
        let other = plan.schedule.add_slot(&[GridColumn::Sat], t("9:00"), t("10:00"), String::new(), None).unwrap();
        assert!(!found[0].concerns(plan.schedule.slot(other).unwrap()));
        plan.schedule.remove_slot(other);

        plan.schedule.update_slot(a, |s| s.columns.push(GridColumn::Fri));
        assert_eq!(disagreements(&plan), []);

        plan.schedule.update_slot(a, |s| s.end = t("14:00"));
        let found = disagreements(&plan);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message(), "優先順位1 生活介護: 目標表は1回6時間ですが、週間計画表の枠は4時間30分です。");

        plan.schedule.remove_slot(a);
        assert_eq!(
            disagreements(&plan)[0].message(),
            "優先順位1 生活介護: 目標表は週3回ですが、週間計画表にはまだ置かれていません。"
        );

        let a = plan.schedule.add_slot(&[GridColumn::Mon], t("9:30"), t("15:30"), String::new(), Some(day_care)).unwrap();
        plan.remove_need(need);
        assert_eq!(disagreements(&plan), [Disagreement::Orphan { slot: a }]);
    }

    #[test]
    fn a_daily_service_in_a_morning_and_an_evening_block_is_once_a_day() {
        let mut plan = ServicePlan::default();
        let need = plan.add_need().unwrap();
        let id = plan.need(need).unwrap().supports[0].id;
        plan.update_support(id, |s| s.amount = Amount { times: Some(7), per: Per::Week, hours: Some(2.0) });
        let week = [GridColumn::Mon, GridColumn::Tue, GridColumn::Wed, GridColumn::Thu, GridColumn::Fri, GridColumn::Sat, GridColumn::SunHoliday];
        plan.schedule.add_slot(&week, t("7:00"), t("8:00"), "朝の介助".into(), Some(id));
        let evening = plan.schedule.add_slot(&week, t("18:00"), t("19:00"), "夕の介助".into(), Some(id)).unwrap();
        assert_eq!(disagreements(&plan), [], "毎日 = 週7回, and 1時間 + 1時間 = the day's 2時間");
        plan.schedule.update_slot(evening, |s| s.columns = vec![GridColumn::Mon, GridColumn::Tue]);
        let found = disagreements(&plan);
        assert!(found.iter().all(|d| !matches!(d, Disagreement::Times { .. })), "still 7 days: {found:?}");
        assert!(found.iter().any(|d| matches!(d, Disagreement::Hours { .. })), "1 hour on 5 days is not 2: {found:?}");
    }

    #[test]
    fn monthly_supports_are_not_compared() {
        let mut plan = ServicePlan::default();
        let need = plan.add_need().unwrap();
        let id = plan.need(need).unwrap().supports[0].id;
        plan.update_support(id, |s| s.amount = Amount { times: Some(2), per: Per::Month, hours: None });
        assert_eq!(disagreements(&plan), []);
        plan.schedule.add_slot(&[GridColumn::Sat], t("10:00"), t("12:00"), String::new(), Some(id)).unwrap();
        assert_eq!(disagreements(&plan), []);
    }

    #[test]
    fn the_activities_column_is_not_a_day() {
        let mut plan = ServicePlan::default();
        let need = plan.add_need().unwrap();
        let id = plan.need(need).unwrap().supports[0].id;
        plan.update_support(id, |s| s.amount = Amount { times: Some(1), per: Per::Week, hours: None });
        plan.schedule.add_slot(&[GridColumn::Activities, GridColumn::Tue], t("10:00"), t("12:00"), String::new(), Some(id)).unwrap();
        assert_eq!(disagreements(&plan), []);
    }
}

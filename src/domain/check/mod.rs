//! The plan checker: a second reader that says what is weak in a plan, why, at the
//! author's level, and where the guidance says so (checks.md).
//!
//! Each [`Rule`] is one small unit with a stable id, the level from which it applies, a
//! severity, the role-matrix cells it bears on, a suggestion, and the passage of
//! `../shared/reference/` it rests on. A rule without a source is not shipped: `Rule::source`
//! is not optional, and `tests/it/sources.rs` greps every quote. [`check_case`] runs the
//! rules that apply at the chosen level and returns [`Finding`]s that point at a field
//! ([`Location`]), so the UI can jump there and the command-line tool can print a path.
//!
//! Rules read the case only; they never change it, read a clock or allocate per keystroke
//! beyond their findings (the whole check of a 20-need plan must fit in one frame).

mod rules;
mod wording;

use super::meeting::MeetingId;
use super::plan::{NeedId, SupportId};
use super::role_matrix::{Area, Level, OfficeType};
use super::sources::Source;
use super::Case;
use serde::{Deserialize, Serialize};

/// How much a finding matters. Shown with a word, never by colour alone (ux.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// 要対応: an item the plan must have is missing.
    Required,
    /// 要確認: likely weak; the author should look again.
    Warning,
    /// 助言: could be better.
    Advice,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Required, Severity::Warning, Severity::Advice];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Required => "要対応",
            Severity::Warning => "要確認",
            Severity::Advice => "助言",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Severity::Required => "required",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

/// What the check follows: the author's level and office type (settings), and the
/// corporation the author works for (for 中立・公正).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckOptions {
    pub level: Level,
    pub office: OfficeType,
    /// 自法人: the corporation of the author's office; empty when not set.
    pub own_corporation: String,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { level: Level::Novice, office: OfficeType::DesignatedOffice, own_corporation: String::new() }
    }
}

/// Levels in order, so "applies from 現任" includes 主任.
fn rank(level: Level) -> u8 {
    match level {
        Level::Novice => 0,
        Level::Practitioner => 1,
        Level::Lead => 2,
    }
}

/// A field of the plan's narrative block or monitoring proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanField {
    PersonWishes,
    FamilyWishes,
    SupportPolicy,
    LongTermGoal,
    ShortTermGoal,
    /// The goal table as a whole (e.g. no need at all).
    Needs,
    MonitoringInterval,
    MonitoringReason,
    /// The 週間計画表 as a whole.
    Schedule,
    DifficultyEmergency,
    DifficultyTeam,
    DifficultyMeetings,
}

impl PlanField {
    fn key(self) -> &'static str {
        match self {
            PlanField::PersonWishes => "person_wishes",
            PlanField::FamilyWishes => "family_wishes",
            PlanField::SupportPolicy => "support_policy",
            PlanField::LongTermGoal => "long_term_goal",
            PlanField::ShortTermGoal => "short_term_goal",
            PlanField::Needs => "needs",
            PlanField::MonitoringInterval => "monitoring.interval_months",
            PlanField::MonitoringReason => "monitoring.reason",
            PlanField::Schedule => "schedule",
            PlanField::DifficultyEmergency => "difficulty.emergency",
            PlanField::DifficultyTeam => "difficulty.team",
            PlanField::DifficultyMeetings => "difficulty.meetings",
        }
    }
}

/// A field of one row of the goal table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NeedField {
    Need,
    Goal,
    TargetDate,
    PersonsRole,
    ReviewDate,
    RestsOn,
    Supports,
    /// 今ある資源では満たせない (a 地域課題 candidate).
    Unmet,
}

impl NeedField {
    fn key(self) -> &'static str {
        match self {
            NeedField::Need => "need",
            NeedField::Goal => "goal",
            NeedField::TargetDate => "target_date",
            NeedField::PersonsRole => "persons_role",
            NeedField::ReviewDate => "review_date",
            NeedField::RestsOn => "rests_on",
            NeedField::Supports => "supports",
            NeedField::Unmet => "unmet",
        }
    }
}

/// A field of one support of the goal table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SupportField {
    Kind,
    Content,
    Amount,
    Reason,
    Corporation,
}

impl SupportField {
    fn key(self) -> &'static str {
        match self {
            SupportField::Kind => "kind",
            SupportField::Content => "content",
            SupportField::Amount => "amount",
            SupportField::Reason => "reason",
            SupportField::Corporation => "corporation",
        }
    }
}

/// A field of the decision-support record (意思決定支援).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecisionField {
    Participation,
    EstimatedBy,
    EstimationReason,
}

impl DecisionField {
    fn key(self) -> &'static str {
        match self {
            DecisionField::Participation => "participation",
            DecisionField::EstimatedBy => "estimated_by",
            DecisionField::EstimationReason => "estimation_reason",
        }
    }
}

/// A field of one サービス担当者会議 record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeetingField {
    Attendees,
    RemainingIssues,
}

impl MeetingField {
    fn key(self) -> &'static str {
        match self {
            MeetingField::Attendees => "attendees",
            MeetingField::RemainingIssues => "remaining_issues",
        }
    }
}

/// Where in the case a finding is: by stable ids, so it survives reordering of needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    Plan(PlanField),
    Need { need: NeedId, field: NeedField },
    Support { need: NeedId, support: SupportId, field: SupportField },
    DecisionSupport(DecisionField),
    /// The 週間計画表, about one support of the goal table (where it and the grid disagree).
    Schedule(SupportId),
    /// The サービス担当者会議 records as a whole (e.g. none for the plan).
    Meetings,
    /// One meeting record's field.
    Meeting { meeting: MeetingId, field: MeetingField },
    /// The 支給決定's monitoring interval (on the インテーク screen).
    DecidedInterval,
}

impl Location {
    /// The field's path in the data format (docs/data-format.md), with the current indexes:
    /// `plan.needs[2].supports[0].reason`.
    pub fn path(&self, case: &Case) -> String {
        let need_index = |id: NeedId| case.plan.needs().iter().position(|n| n.id == id);
        match *self {
            Location::Plan(f) => format!("plan.{}", f.key()),
            Location::Need { need, field } => match need_index(need) {
                Some(i) => format!("plan.needs[{i}].{}", field.key()),
                None => "plan.needs".to_owned(),
            },
            Location::Support { need, support, field } => {
                let Some(i) = need_index(need) else { return "plan.needs".to_owned() };
                match case.plan.needs()[i].supports.iter().position(|s| s.id == support) {
                    Some(j) => format!("plan.needs[{i}].supports[{j}].{}", field.key()),
                    None => format!("plan.needs[{i}].supports"),
                }
            }
            Location::DecisionSupport(f) => format!("assessment.decision_support.{}", f.key()),
            Location::Schedule(_) => "plan.schedule".to_owned(),
            Location::Meetings => "team_meetings".to_owned(),
            Location::Meeting { meeting, field } => match case.team_meetings.iter().position(|m| m.id == meeting) {
                Some(i) => format!("team_meetings[{i}].{}", field.key()),
                None => "team_meetings".to_owned(),
            },
            Location::DecidedInterval => "benefit_decision.monitoring_interval_months".to_owned(),
        }
    }

    /// A key that stays the same while needs move (what a mark of 「対応済み」 is kept by).
    pub fn key(&self) -> String {
        match *self {
            Location::Plan(f) => format!("plan.{}", f.key()),
            Location::Need { need, field } => format!("need-{}.{}", need.0, field.key()),
            Location::Support { support, field, .. } => format!("support-{}.{}", support.0, field.key()),
            Location::DecisionSupport(f) => format!("decision_support.{}", f.key()),
            Location::Schedule(support) => format!("schedule.support-{}", support.0),
            Location::Meetings => "team_meetings".to_owned(),
            Location::Meeting { meeting, field } => format!("meeting-{}.{}", meeting.0, field.key()),
            Location::DecidedInterval => "benefit_decision.monitoring_interval".to_owned(),
        }
    }
}

/// One check. `run` pushes a finding for each place the rule sees a weakness.
pub struct Rule {
    /// Stable id (`goal.vague_wording`): used in files, marks and the command line.
    pub id: &'static str,
    /// Short Japanese name of what is checked.
    pub title: &'static str,
    /// The lowest level the rule applies at (it applies at every level above too).
    pub from: Level,
    pub severity: Severity,
    /// The role-matrix cells (area × level) the finding is evidence for or against.
    pub cells: &'static [(Area, Level)],
    /// What to do, concretely.
    pub suggestion: &'static str,
    /// The passage the rule rests on.
    pub source: Source,
    run: fn(&Case, &CheckOptions, &mut Vec<Hit>),
}

impl Rule {
    pub fn applies_at(&self, level: Level) -> bool {
        rank(self.from) <= rank(level)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// What a rule reports before [`check_case`] ties it to the rule.
struct Hit {
    location: Location,
    message: String,
}

/// A weakness found: which rule, where, and what it says about this plan.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub location: Location,
    /// Plain Japanese, about this plan (quotes the words it is about).
    pub message: String,
}

impl Finding {
    /// Identifies the finding across edits: rule id + [`Location::key`].
    pub fn key(&self) -> String {
        format!("{}@{}", self.rule.id, self.location.key())
    }
}

/// Every rule, in the order findings are listed within a severity.
pub fn rules() -> &'static [Rule] {
    rules::ALL
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::ALL.iter().find(|r| r.id == id)
}

/// Checks the case's working plan at the options' level. Findings come ordered by
/// severity, then by rule, then in the order of the plan.
pub fn check_case(case: &Case, options: &CheckOptions) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut hits = Vec::new();
    for rule in rules::ALL.iter().filter(|r| r.applies_at(options.level)) {
        (rule.run)(case, options, &mut hits);
        findings.extend(hits.drain(..).map(|h| Finding { rule, location: h.location, message: h.message }));
    }
    findings.sort_by_key(|f| f.rule.severity);
    findings
}

/// The findings of [`check_case`] above 助言 that the author has not marked 対応済み or
/// 該当しない: what the 確定 step lists before a plan is made final.
pub fn open_findings(case: &Case, options: &CheckOptions) -> Vec<Finding> {
    check_case(case, options)
        .into_iter()
        .filter(|f| f.rule.severity != Severity::Advice && case.plan.mark(&f.key()).is_none())
        .collect()
}

/// What one plan shows about one role-matrix cell (area × level): the rules that bear on
/// it and found nothing (evidence for), and the findings (evidence against).
#[derive(Clone, Debug)]
pub struct CellEvidence {
    pub area: Area,
    pub level: Level,
    /// Rules for this cell that ran and stayed silent.
    pub met: Vec<&'static Rule>,
    /// Findings for this cell.
    pub against: Vec<Finding>,
}

/// The role-matrix cells the case's plan gives evidence for or against, at the options'
/// level (the matrix screen lights them). Cells no rule bears on are not listed.
pub fn matrix_evidence(case: &Case, options: &CheckOptions) -> Vec<CellEvidence> {
    let findings = check_case(case, options);
    let mut cells: Vec<CellEvidence> = Vec::new();
    for rule in rules::ALL.iter().filter(|r| r.applies_at(options.level)) {
        for &(area, level) in rule.cells {
            let i = match cells.iter().position(|c| c.area == area && c.level == level) {
                Some(i) => i,
                None => {
                    cells.push(CellEvidence { area, level, met: Vec::new(), against: Vec::new() });
                    cells.len() - 1
                }
            };
            let mine: Vec<Finding> = findings.iter().filter(|f| std::ptr::eq(f.rule, rule)).cloned().collect();
            if mine.is_empty() {
                cells[i].met.push(rule);
            } else {
                cells[i].against.extend(mine);
            }
        }
    }
    cells
}

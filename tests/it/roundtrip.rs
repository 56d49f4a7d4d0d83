//! Property tests of the export file (`export_cases` → `read_export_file`).
//!
//! The generator builds cases the way the app does (through the domain's own methods:
//! `add_entry`, `add_need`, `add_slot`, `make_final`-shaped consent …), so every generated
//! case is one the app could hold; strings mix ASCII, kana, kanji, quotes, backslashes,
//! control characters, line separators and emoji.
//!
//! - A generated export reads back equal, and exporting what was read gives the same bytes.
//! - Any single-byte change or truncation of an export is refused with a Japanese message,
//!   or reads back the cases the changed file states: unchanged wherever the file still says
//!   the same about a case (a changed byte inside a case's own data — a letter of a name —
//!   is a valid, different file: there is no checksum). Truncations are always refused.
//!   Never a panic.
//! - A fixed-seed batch of generated cases is written to `target/schema-check/` so that
//!   `tests/e2e/schema.test.mjs` checks them against the JSON Schema too.

use soudan_workbench::domain::calendar::{BenefitDecision, Month};
use soudan_workbench::domain::meeting::{Attendee, AttendeeForm, AttendeeRole, MeetingForm, MeetingId, TeamMeeting};
use soudan_workbench::domain::monitoring::{ChangeNeeded, MonitoringId, MonitoringReport, MonitoringRow, ReportStatus};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use soudan_workbench::domain::{
    Amount, Assessment, Case, CaseId, CaseName, Column, Consent, DecisionSupport, EntryId, Formality, GridColumn,
    Intake, Per, PlanStatus, ServicePlan, Speaker, Stage, StrengthKind, SupportCategory, SupportId, TimeOfDay,
    INTAKE_FIELDS, MAX_ID,
};
use soudan_workbench::domain::community::{CommunityIssue, IssueCategory, IssueId};
use soudan_workbench::domain::ecomap::{Direction, EcoMap, FinalEcoMap, Node, NodeId, Origin, Point, Sector, Tie, TieKind};
use soudan_workbench::domain::plan::Difficulty;
use soudan_workbench::domain::review::{Review, ReviewComment, ReviewDraft};
use soudan_workbench::domain::{MarkStatus, NeedId};
use soudan_workbench::store::{export_cases, read_export_file};

/// Cases per property: enough to reach the odd corners, few enough to keep `cargo test` fast.
/// `PROPTEST_CASES=2000 cargo test roundtrip` searches longer.
const CASES: u32 = 64;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(CASES);
    // No regression files written into the source tree; a failure prints its shrunk input.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ---- strings ----------------------------------------------------------------------------

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        3 => proptest::char::range('ぁ', 'ゖ'),
        1 => proptest::char::range('ァ', 'ヺ'),
        2 => proptest::char::range('一', '龥'),
        2 => select(vec![
            '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{1f}', '\u{7f}', '\u{85}', '\u{a0}', '　', '「', '」',
            '、', '。', '＂', '１', 'ｱ', '\u{200d}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', '🌊', '😀',
            '👍', '\u{10ffff}',
        ]),
    ]
}

fn text() -> impl Strategy<Value = String> {
    vec(any_char(), 0..12).prop_map(|v| v.into_iter().collect())
}

/// Trimmed and not empty (custom domain names, the consent's signer: the app trims them).
fn nonblank() -> impl Strategy<Value = String> {
    vec(any_char(), 1..12).prop_filter_map("blank", |v| {
        let s: String = v.into_iter().collect();
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_owned())
    })
}

fn case_name() -> impl Strategy<Value = CaseName> {
    vec(any_char(), 1..44).prop_filter_map("blank or too long", |v| CaseName::parse(&v.into_iter().collect::<String>()).ok())
}

fn case_id() -> impl Strategy<Value = CaseId> {
    let chars: Vec<char> = ('A'..='Z').chain('a'..='z').chain('0'..='9').chain(['-', '_']).collect();
    vec(select(chars), 1..=64).prop_map(|v| CaseId::parse(&v.into_iter().collect::<String>()).unwrap())
}

// ---- times ------------------------------------------------------------------------------

/// A moment with the writer's offset (whole minutes, as browsers report them), 1970–2099.
fn moment() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let nanos = prop_oneof![Just(0u32), (0u32..1000).prop_map(|ms| ms * 1_000_000), 0u32..1_000_000_000];
    (0i64..4_102_444_800, nanos, -720i32..=840).prop_map(|(secs, nanos, minutes)| {
        DateTime::from_timestamp(secs, nanos).unwrap().with_timezone(&FixedOffset::east_opt(minutes * 60).unwrap())
    })
}

/// A date `parse_date` can return: mostly recent ones, sometimes any year from 0 to the
/// largest chrono has (typed as 「123456年1月1日」, it is accepted).
fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(0, 1, 1).unwrap().num_days_from_ce();
    let last = NaiveDate::MAX.num_days_from_ce();
    prop_oneof![
        4 => (1990i32..2100, 1u32..=366).prop_filter_map("no such day", |(y, d)| NaiveDate::from_yo_opt(y, d)),
        1 => (first..=last).prop_filter_map("out of range", NaiveDate::from_num_days_from_ce_opt),
    ]
}

fn time_of_day(minutes: u16) -> TimeOfDay {
    TimeOfDay::new(minutes / 60, minutes % 60).unwrap()
}

// ---- case parts -------------------------------------------------------------------------

fn intake() -> impl Strategy<Value = Intake> {
    vec(text(), INTAKE_FIELDS.len()).prop_map(|values| {
        let mut intake = Intake::default();
        for (f, v) in INTAKE_FIELDS.iter().zip(values) {
            f.set(&mut intake, v);
        }
        intake
    })
}

#[derive(Clone, Debug)]
struct EntrySpec {
    domain: Index,
    column: Column,
    text: String,
    own_words: bool,
    speaker: Speaker,
    strength_kind: Option<StrengthKind>,
    removed: bool,
}

fn entry_spec() -> impl Strategy<Value = EntrySpec> {
    (
        any::<Index>(),
        select(Column::ALL.to_vec()),
        text(),
        any::<bool>(),
        select(Speaker::ALL.to_vec()),
        proptest::option::of(select(StrengthKind::ALL.to_vec())),
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(domain, column, text, own_words, speaker, strength_kind, removed)| EntrySpec {
            domain,
            column,
            text,
            own_words,
            speaker,
            strength_kind,
            removed,
        })
}

fn decision_support() -> impl Strategy<Value = DecisionSupport> {
    (text(), text(), any::<bool>(), text(), text()).prop_map(
        |(participation, supports_used, estimated, estimated_by, estimation_reason)| DecisionSupport {
            participation,
            supports_used,
            estimated,
            estimated_by,
            estimation_reason,
        },
    )
}

fn assessment() -> impl Strategy<Value = Assessment> {
    (vec(nonblank(), 0..3), vec(proptest::bool::weighted(0.2), 10), vec(entry_spec(), 0..10), decision_support())
        .prop_map(|(custom, hidden, entries, decision_support)| {
            let mut a = Assessment::default();
            for name in custom {
                let _ = a.add_domain(&name); // a name already taken is refused, as on screen
            }
            for (i, h) in hidden.into_iter().enumerate() {
                a.set_hidden(i, h);
            }
            for e in entries {
                let id = a.add_entry(e.domain.index(a.domains().len()), e.column).unwrap();
                let entry = a.entry_mut(id).unwrap();
                entry.text = e.text;
                entry.own_words = e.own_words;
                entry.speaker = e.speaker;
                // The screen offers the kind in the strengths column only.
                entry.strength_kind = if e.column == Column::Strengths { e.strength_kind } else { None };
                if e.removed {
                    a.remove_entry(id);
                }
            }
            a.decision_support = decision_support;
            a
        })
}

fn amount() -> impl Strategy<Value = Amount> {
    // As `parse_times` / `parse_hours` accept them: 0–93 times, 0–24 hours (here to 2 decimals).
    let hours = (0u32..=2400).prop_map(|h| h as f32 / 100.0);
    (proptest::option::of(0u32..=93), select(vec![Per::Week, Per::Month]), proptest::option::of(hours))
        .prop_map(|(times, per, hours)| Amount { times, per, hours })
}

#[derive(Clone, Debug)]
struct SupportSpec {
    formality: Formality,
    kind: String,
    content: String,
    amount: Amount,
    provider: String,
    corporation: String,
    reason: String,
}

fn support_spec() -> impl Strategy<Value = SupportSpec> {
    (select(vec![Formality::Formal, Formality::Informal]), text(), text(), amount(), text(), text(), text()).prop_map(
        |(formality, kind, content, amount, provider, corporation, reason)| SupportSpec {
            formality,
            kind,
            content,
            amount,
            provider,
            corporation,
            reason,
        },
    )
}

#[derive(Clone, Debug)]
struct NeedSpec {
    texts: [String; 6],
    supports: Vec<SupportSpec>,
    rests_on: Vec<u32>,
    /// Add and remove another need after this one (a gap in the ids).
    gap_after: bool,
    unmet: bool,
}

fn need_spec() -> impl Strategy<Value = NeedSpec> {
    (vec(text(), 6), vec(support_spec(), 0..=3), vec(1u32..30, 0..4), proptest::bool::weighted(0.2), any::<bool>()).prop_map(
        |(texts, supports, rests_on, gap_after, unmet)| NeedSpec {
            texts: texts.try_into().unwrap(),
            supports,
            rests_on,
            gap_after,
            unmet,
        },
    )
}

#[derive(Clone, Debug)]
struct SlotSpec {
    /// Bits of `GridColumn::ALL`; never 0 (the screen asks for one column at least).
    columns: u8,
    start: u16,
    /// Minutes after `start`, 1–1439: the screen refuses a slot that ends when it starts.
    length: u16,
    text: String,
    support: Option<u32>,
    removed: bool,
}

fn slot_spec() -> impl Strategy<Value = SlotSpec> {
    (1u8..=255, 0u16..1440, 1u16..1440, text(), proptest::option::of(1u32..12), proptest::bool::weighted(0.15))
        .prop_map(|(columns, start, length, text, support, removed)| SlotSpec { columns, start, length, text, support, removed })
}

#[derive(Clone, Debug)]
struct PlanSpec {
    header: [String; 7],
    narrative: [String; 5],
    needs: Vec<NeedSpec>,
    moves: Vec<(Index, bool)>,
    interval_months: Option<u8>,
    reason: String,
    schedule_texts: [String; 3],
    slots: Vec<SlotSpec>,
    difficulty: (bool, [String; 3]),
    /// (finding key, not applicable?, reason)
    marks: Vec<(String, bool, String)>,
}

fn plan_spec() -> impl Strategy<Value = PlanSpec> {
    (
        vec(text(), 7),
        vec(text(), 5),
        vec(need_spec(), 0..=5),
        vec((any::<Index>(), any::<bool>()), 0..4),
        proptest::option::of(select(vec![1u8, 2, 3, 6])),
        text(),
        vec(text(), 3),
        vec(slot_spec(), 0..6),
        (any::<bool>(), vec(text(), 3)),
        vec((nonblank(), any::<bool>(), nonblank()), 0..3),
    )
        .prop_map(|(header, narrative, needs, moves, interval_months, reason, schedule_texts, slots, (marked, dtexts), marks)| PlanSpec {
            header: header.try_into().unwrap(),
            narrative: narrative.try_into().unwrap(),
            needs,
            moves,
            interval_months,
            reason,
            schedule_texts: schedule_texts.try_into().unwrap(),
            slots,
            difficulty: (marked, dtexts.try_into().unwrap()),
            marks,
        })
}

fn consent() -> impl Strategy<Value = Consent> {
    let open = proptest::option::of((0u32..40, 0u32..40, 1u32..40).prop_map(|(required, warning, unfilled)| {
        soudan_workbench::domain::plan::OpenItems { required, warning, unfilled }
    }));
    (date(), 0u64..400, nonblank(), open).prop_map(|(made_on, later, signer, open)| Consent {
        made_on,
        // make_final refuses a consent before the plan was made.
        consented_on: made_on.checked_add_days(chrono::Days::new(later)).unwrap_or(made_on),
        signer,
        open,
    })
}

/// Builds a plan through the plan's own methods, as the screens do.
fn build_plan(spec: PlanSpec, consent: Option<Consent>) -> ServicePlan {
    let mut p = ServicePlan::default();
    let [office_name, planner, burden_cap, regional, day_service, drafted_on, monitoring_start] = spec.header;
    p.header.office_name = office_name;
    p.header.planner = planner;
    p.header.burden_cap = burden_cap;
    p.header.regional_certificate_no = regional;
    p.header.day_service_certificate_no = day_service;
    p.header.drafted_on = drafted_on;
    p.header.monitoring_start = monitoring_start;
    let [person_wishes, family_wishes, support_policy, long_term_goal, short_term_goal] = spec.narrative;
    p.person_wishes = person_wishes;
    p.family_wishes = family_wishes;
    p.support_policy = support_policy;
    p.long_term_goal = long_term_goal;
    p.short_term_goal = short_term_goal;
    for n in spec.needs {
        let id = p.add_need().unwrap();
        let first = p.need(id).unwrap().supports[0].id;
        if n.supports.is_empty() {
            p.remove_support(first);
        }
        for (k, s) in n.supports.into_iter().enumerate() {
            let sid = if k == 0 { first } else { p.add_support(id).unwrap() };
            p.update_support(sid, |x| {
                x.formality = s.formality;
                x.kind = s.kind;
                x.content = s.content;
                x.amount = s.amount;
                x.provider = s.provider;
                x.corporation = s.corporation;
                x.reason = s.reason;
            });
        }
        let [need, goal, target_date, persons_role, review_date, notes] = n.texts;
        let row = p.need_mut(id).unwrap();
        row.need = need;
        row.goal = goal;
        row.target_date = target_date;
        row.persons_role = persons_role;
        row.review_date = review_date;
        row.notes = notes;
        row.unmet = n.unmet;
        for e in n.rests_on {
            p.set_rests_on(id, EntryId(e), true);
        }
        if n.gap_after {
            let gone = p.add_need().unwrap();
            p.remove_need(gone);
        }
    }
    for (at, up) in spec.moves {
        if !p.needs().is_empty() {
            let id = p.needs()[at.index(p.needs().len())].id;
            p.move_need(id, up);
        }
    }
    p.monitoring.interval_months = spec.interval_months;
    p.monitoring.reason = spec.reason;
    let [start_month, non_weekly, whole_life] = spec.schedule_texts;
    p.schedule.start_month = start_month;
    p.schedule.non_weekly = non_weekly;
    p.schedule.whole_life = whole_life;
    for s in spec.slots {
        let columns: Vec<GridColumn> =
            GridColumn::ALL.into_iter().enumerate().filter(|(i, _)| s.columns & (1 << i) != 0).map(|(_, c)| c).collect();
        let end = (s.start + s.length) % 1440;
        let id = p.schedule.add_slot(&columns, time_of_day(s.start), time_of_day(end), s.text, s.support.map(SupportId)).unwrap();
        if s.removed {
            p.schedule.remove_slot(id);
        }
    }
    let (marked, [emergency, team, meetings]) = spec.difficulty;
    p.difficulty = Difficulty { marked, emergency, team, meetings };
    for (finding, not_applicable, reason) in spec.marks {
        let status = if not_applicable { MarkStatus::NotApplicable } else { MarkStatus::Done };
        p.set_mark(&finding, Some(status), &reason).unwrap();
    }
    if let Some(c) = consent {
        p.status = PlanStatus::Final;
        p.consent = Some(c);
    }
    p
}

/// The working plan: a draft, or (after make_final) a final plan with its consent.
fn working_plan() -> impl Strategy<Value = ServicePlan> {
    (plan_spec(), proptest::option::weighted(0.3, consent())).prop_map(|(spec, c)| build_plan(spec, c))
}

fn final_plan() -> impl Strategy<Value = ServicePlan> {
    (plan_spec(), consent()).prop_map(|(spec, c)| build_plan(spec, Some(c)))
}

fn case() -> impl Strategy<Value = Case> {
    let who = (
        case_id(),
        case_name(),
        prop_oneof![Just(String::new()), "[0-9]{1,10}", text()],
        proptest::option::of(select(SupportCategory::ALL.to_vec())),
        any::<bool>(),
        select(Stage::ALL.to_vec()),
        any::<bool>(),
    );
    let record = (moment(), moment(), intake(), assessment(), working_plan(), vec(final_plan(), 0..=2), vec(community_issue(), 0..3), (vec(review(), 0..2), proptest::option::of(review_draft()), benefit_decision(), vec(monitoring_report(), 0..3), vec(team_meeting(), 0..3), proptest::option::of(eco_map()), vec(final_eco_map(), 0..2), proptest::option::of(meeting_draft())));
    (who, record).prop_map(
        |(
            (id, name, certificate_no, support_category, for_child, stage, archived),
            (created_at, updated_at, intake, assessment, plan, final_plans, community_issues, (reviews, review_draft, benefit_decision, monitoring_reports, team_meetings, eco_map, final_eco_maps, meeting_draft)),
        )| Case {
            id,
            name,
            certificate_no,
            support_category,
            for_child,
            stage,
            archived,
            created_at,
            updated_at,
            intake,
            assessment,
            plan,
            final_plans,
            community_issues,
            reviews,
            review_draft,
            benefit_decision,
            monitoring_reports,
            team_meetings,
            meeting_draft,
            eco_map,
            final_eco_maps,
        },
    )
}

/// The 担当者会議 form as typed: any text (role codes included, unknown ones too), any id.
fn meeting_draft() -> impl Strategy<Value = MeetingForm> {
    let row = (prop_oneof![Just(String::new()), Just("person".to_owned()), text()], text(), text(), any::<bool>(), text())
        .prop_map(|(role, affiliation, name, present, absence_note)| AttendeeForm { role, affiliation, name, present, absence_note });
    ((text(), text(), text(), vec(row, 0..3)), (text(), text(), text(), text(), text(), proptest::option::of((1u32..1000).prop_map(MeetingId))))
        .prop_map(|((held_on, time, place, attendees), (items, discussion, conclusion, remaining_issues, next_meeting, corrects))| MeetingForm {
            held_on, time, place, attendees, items, discussion, conclusion, remaining_issues, next_meeting, corrects,
        })
}

fn team_meeting() -> impl Strategy<Value = TeamMeeting> {
    let attendee = (select(AttendeeRole::ALL.to_vec()), text(), text(), any::<bool>(), text())
        .prop_map(|(role, affiliation, name, present, absence_note)| Attendee { role, affiliation, name, present, absence_note });
    (
        (1u32..1000, 1u32..20, any::<bool>(), date(), text(), text()),
        vec(attendee, 0..4),
        (text(), text(), text(), text(), text(), proptest::option::of(1u32..1000)),
    )
        .prop_map(|((id, plan_version, on_draft, held_on, time, place), attendees, (items, discussion, conclusion, remaining_issues, next_meeting, corrects))| TeamMeeting {
            id: MeetingId(id),
            plan_version,
            on_draft,
            held_on,
            time,
            place,
            attendees,
            items,
            discussion,
            conclusion,
            remaining_issues,
            next_meeting,
            corrects: corrects.map(MeetingId),
        })
}

/// An eco-map as stored: nodes with unique ids, some moved, ties of every kind.
fn eco_map() -> impl Strategy<Value = EcoMap> {
    let node = (
        text(),
        select(Sector::ALL.to_vec()),
        select(vec![Origin::Intake, Origin::Assessment, Origin::Plan, Origin::Added]),
        text(),
        proptest::option::of((0i32..1000, 0i32..660).prop_map(|(x, y)| Point { x, y })),
        (select(TieKind::ALL.to_vec()), select(Direction::ALL.to_vec()), text()),
    );
    (vec(node, 0..5), vec(text(), 0..3)).prop_map(|(nodes, dismissed)| {
        let nodes: Vec<Node> = nodes
            .into_iter()
            .enumerate()
            .map(|(i, (label, sector, origin, key, at, (kind, direction, note)))| Node {
                id: NodeId(i as u32 + 1),
                label,
                sector,
                origin,
                key,
                at,
                tie: Tie { kind, direction, note },
            })
            .collect();
        EcoMap { next_node_id: nodes.len() as u32 + 1, nodes, dismissed }
    })
}

fn final_eco_map() -> impl Strategy<Value = FinalEcoMap> {
    (1u32..5, eco_map()).prop_map(|(plan_version, map)| FinalEcoMap { plan_version, map })
}

fn benefit_decision() -> impl Strategy<Value = BenefitDecision> {
    let month = (1000i32..=9999, 1u32..=12).prop_map(|(y, m)| Month::new(y, m).unwrap());
    (proptest::option::of(date()), proptest::option::of(date()), proptest::option::of(1u8..=12), proptest::option::of(month)).prop_map(
        |(valid_from, valid_until, monitoring_interval_months, monitoring_start)| BenefitDecision { valid_from, valid_until, monitoring_interval_months, monitoring_start },
    )
}

fn monitoring_report() -> impl Strategy<Value = MonitoringReport> {
    let row = (1u32..100, (text(), text(), text(), text()), (text(), text(), any::<(bool, bool, bool)>(), text())).prop_map(
        |(need, (goal, target_date, service_status, persons_view), (achievement, next_steps, (kind, amount, weekly), notes))| MonitoringRow {
            need: NeedId(need),
            goal,
            target_date,
            service_status,
            persons_view,
            achievement,
            next_steps,
            change_needed: ChangeNeeded { kind, amount, weekly },
            notes,
        },
    );
    (1u32..1000, any::<bool>(), 1u32..5, proptest::option::of(date()), (text(), any::<bool>(), text(), text()), vec(row, 0..3), (text(), proptest::option::of(1u32..1000))).prop_map(
        |(id, recorded, plan_version, held_on, (place, home_visit, support_policy, overall), rows, (held_on_typed, corrects))| MonitoringReport {
            id: MonitoringId(id),
            // The app records a report only with its 実施日.
            status: if recorded && held_on.is_some() { ReportStatus::Recorded } else { ReportStatus::Draft },
            plan_version,
            held_on,
            held_on_typed,
            corrects: corrects.map(MonitoringId),
            place,
            home_visit,
            support_policy,
            overall,
            rows,
        },
    )
}

fn comment() -> impl Strategy<Value = ReviewComment> {
    (nonblank(), text(), text()).prop_map(|(finding, message, comment)| ReviewComment { finding, message, comment })
}

fn review() -> impl Strategy<Value = Review> {
    (1u32..5, text(), date(), text(), vec(comment(), 0..3)).prop_map(|(plan_version, reviewer, reviewed_on, overall, comments)| Review {
        plan_version,
        reviewer,
        reviewed_on,
        overall,
        comments,
    })
}

fn review_draft() -> impl Strategy<Value = ReviewDraft> {
    (text(), text(), text(), vec(comment(), 0..3)).prop_map(|(reviewer, reviewed_on, overall, comments)| ReviewDraft {
        reviewer,
        reviewed_on,
        overall,
        comments,
    })
}

fn community_issue() -> impl Strategy<Value = CommunityIssue> {
    (1u32..100, select(IssueCategory::ALL.to_vec()), nonblank(), date(), proptest::option::of(1u32..8)).prop_map(
        |(id, category, description, recorded_on, need)| CommunityIssue {
            id: IssueId(id),
            category,
            description,
            recorded_on,
            need: need.map(NeedId),
        },
    )
}

// ---- properties -------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn exports_read_back_equal(cases in vec(case(), 0..=3), now in moment(), app_version in text()) {
        let text = export_cases(&cases, now, &app_version);
        let read = read_export_file(&text);
        prop_assert_eq!(&read, &Ok(cases.clone()));
        // Equality of moments ignores their offsets; the bytes do not.
        prop_assert_eq!(export_cases(&read.unwrap(), now, &app_version), text);
    }

    #[test]
    fn a_damaged_export_is_refused_or_reads_back_what_it_says(
        cases in vec(case(), 1..=2),
        damages in vec(damage(), 1..16),
    ) {
        let now = DateTime::parse_from_rfc3339("2026-11-27T10:42:00.5+09:00").unwrap();
        let original = export_cases(&cases, now, "0.1.0");
        let original_json: serde_json::Value = serde_json::from_str(&original).unwrap();
        for d in &damages {
            let mut bytes = original.clone().into_bytes();
            match *d {
                Damage::Byte { at, value } => {
                    let i = at.index(bytes.len());
                    if bytes[i] == value {
                        continue;
                    }
                    bytes[i] = value;
                }
                Damage::Truncate { at } => bytes.truncate(at.index(bytes.len())),
            }
            // A browser reads the file as UTF-8 text, replacing what is not UTF-8.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let result = std::panic::catch_unwind(|| read_export_file(&text));
            prop_assert!(result.is_ok(), "read_export_file panicked on {:?}", d);
            match result.unwrap() {
                Err(message) => prop_assert!(
                    is_japanese_refusal(&message, cases.len()),
                    "unexpected message for {:?}: {}", d, message
                ),
                Ok(read) => {
                    prop_assert!(matches!(d, Damage::Byte { .. }), "a truncated file was read: {:?}", d);
                    prop_assert_eq!(read.len(), cases.len());
                    let damaged_json: serde_json::Value = serde_json::from_str(&text).unwrap();
                    for (i, (got, was)) in read.iter().zip(&cases).enumerate() {
                        if damaged_json["cases"][i]["case"] == original_json["cases"][i]["case"] {
                            prop_assert_eq!(got, was, "case {} changed although its data did not ({:?})", i, d);
                        }
                    }
                    // Whatever was read is a case the app can hold: it exports and reads back.
                    prop_assert_eq!(read_export_file(&export_cases(&read, now, "0.1.0")), Ok(read));
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Damage {
    Byte { at: Index, value: u8 },
    Truncate { at: Index },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => (any::<Index>(), any::<u8>()).prop_map(|(at, value)| Damage::Byte { at, value }),
        1 => any::<Index>().prop_map(|at| Damage::Truncate { at }),
    ]
}

/// One of `read_export_file`'s messages, in Japanese, naming a record that exists.
fn is_japanese_refusal(message: &str, records: usize) -> bool {
    let japanese = message.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c));
    let known = ["ファイルを読み込めません（", "相談支援ワークベンチで書き出したケースのファイルではありません", "ファイルに cases"]
        .iter()
        .any(|p| message.starts_with(p))
        || message
            .split_once("件目のケース（cases[")
            .and_then(|(n, _)| n.parse::<usize>().ok())
            .is_some_and(|n| (1..=records).contains(&n));
    japanese && known
}

/// Every hour value to 2 decimals survives the file as the same f32 (serde_json reads a
/// float as f64 and narrows it: no double rounding may change it).
#[test]
fn every_hours_value_to_two_decimals_survives_json() {
    for h in 0..=2400u32 {
        let hours = h as f32 / 100.0;
        let back: f32 = serde_json::from_str(&serde_json::to_string(&hours).unwrap()).unwrap();
        assert_eq!(back.to_bits(), hours.to_bits(), "{hours}");
    }
}

/// Writes a fixed-seed batch of generated cases to `target/schema-check/generated-export.json`
/// for `tests/e2e/schema.test.mjs`: what the app can write must validate against the schema.
#[test]
fn generated_exports_are_written_for_the_schema_check() {
    let mut runner = TestRunner::deterministic();
    let strategy = vec(case(), 24);
    let cases = strategy.new_tree(&mut runner).unwrap().current();
    let now = DateTime::parse_from_rfc3339("2026-11-27T10:42:00+09:00").unwrap();
    let text = export_cases(&cases, now, "0.1.0");
    assert_eq!(read_export_file(&text).unwrap(), cases);
    std::fs::write(crate::export_file::schema_check_dir().join("generated-export.json"), text).unwrap();
}

/// Ids and id counters beyond `MAX_ID` (only a hand-edited or damaged file has them; adding
/// 1 to `u32::MAX` overflows) are refused with a message, never a panic; `MAX_ID` itself
/// reads, and the app can still add to it.
#[test]
fn ids_beyond_their_range_are_refused_not_a_panic() {
    let mut c = crate::export_file::maximal_case();
    let now = DateTime::parse_from_rfc3339("2026-11-27T10:42:00+09:00").unwrap();
    c.final_plans.clear();
    let text = export_cases(&[c], now, "0.1.0");
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    let case = "/cases/0/case";
    let places = [
        "/assessment/domains/0/person_wishes/0/id",
        "/assessment/next_entry_id",
        "/plan/needs/0/id",
        "/plan/next_need_id",
        "/plan/needs/0/supports/0/id",
        "/plan/next_support_id",
        "/plan/schedule/slots/0/id",
        "/plan/schedule/next_slot_id",
    ];
    for place in places {
        for value in [u64::from(MAX_ID) + 1, u64::from(u32::MAX)] {
            let mut v = good.clone();
            *v.pointer_mut(&format!("{case}{place}")).unwrap() = value.into();
            let result = std::panic::catch_unwind(|| read_export_file(&v.to_string()));
            let message = result.unwrap_or_else(|_| panic!("{place} = {value}: panicked")).expect_err(place);
            assert!(message.starts_with("1件目のケース（cases[0]）を読み込めません。"), "{place}: {message}");
            assert!(message.contains("が大きすぎます（2147483647 まで）"), "{place}: {message}");
        }
        let mut v = good.clone();
        *v.pointer_mut(&format!("{case}{place}")).unwrap() = MAX_ID.into();
        let mut read = read_export_file(&v.to_string()).unwrap_or_else(|e| panic!("{place} = MAX_ID: {e}"));
        // At the limit, adding what has no id left is refused and changes nothing; the rest
        // can still be added; and whatever the app then writes reads back (before, one more
        // need at next_need_id = MAX_ID set the case aside on the next read).
        let c = &mut read[0];
        let first_need = c.plan.needs()[0].id;
        let before = c.clone();
        let entry = c.assessment.add_entry(0, Column::Current);
        let need = c.plan.add_need();
        let support = c.plan.add_support(first_need);
        let slot = c.plan.schedule.add_slot(&[GridColumn::Mon], time_of_day(0), time_of_day(60), String::new(), None);
        let full = match place {
            p if p.starts_with("/assessment") => [entry.is_none(), need.is_some(), support.is_some(), slot.is_some()],
            p if p.contains("need") && !p.contains("support") => [entry.is_some(), need.is_none(), support.is_some(), slot.is_some()],
            p if p.contains("support") => [entry.is_some(), need.is_none(), support.is_none(), slot.is_some()],
            _ => [entry.is_some(), need.is_some(), support.is_some(), slot.is_none()],
        };
        assert_eq!(full, [true; 4], "{place} = MAX_ID: entry {entry:?}, need {need:?}, support {support:?}, slot {slot:?}");
        if need.is_none() {
            assert_eq!(c.plan.needs().len(), before.plan.needs().len(), "{place}: a refused need left a row");
        }
        let again = read_export_file(&export_cases(&read, now, "0.1.0")).unwrap_or_else(|e| panic!("{place} = MAX_ID, after adding: {e}"));
        assert_eq!(again, read, "{place}");
        // Once full, still full after the round trip.
        let mut again = again;
        match place {
            p if p.starts_with("/assessment") => assert_eq!(again[0].assessment.add_entry(0, Column::Current), None),
            p if p.contains("support") => assert_eq!(again[0].plan.add_support(first_need), None),
            p if p.contains("need") => assert_eq!(again[0].plan.add_need(), None),
            _ => assert_eq!(again[0].plan.schedule.add_slot(&[GridColumn::Tue], time_of_day(0), time_of_day(60), String::new(), None), None),
        }
    }
}

/// 地域課題 ids: one of 4294967295 (hand-edited) made the next id wrap to 0, and then one
/// delete removed two issues. Now it is refused on read like every other id, and at the
/// limit recording is refused with a message instead of wrapping.
#[test]
fn community_issue_ids_beyond_their_range_are_refused_and_never_wrap() {
    use soudan_workbench::domain::community::{IssueCategory, IssueForm};
    let mut c = crate::export_file::maximal_case();
    let now = DateTime::parse_from_rfc3339("2026-11-27T10:42:00+09:00").unwrap();
    c.final_plans.clear();
    let good: serde_json::Value = serde_json::from_str(&export_cases(&[c], now, "0.1.0")).unwrap();
    for value in [u64::from(u32::MAX), u64::from(MAX_ID) + 1] {
        let mut v = good.clone();
        *v.pointer_mut("/cases/0/case/community_issues/0/id").unwrap() = value.into();
        let message = read_export_file(&v.to_string()).expect_err("id beyond MAX_ID");
        assert!(message.contains(&format!("地域課題の番号 {value} が大きすぎます（2147483647 まで）")), "{message}");
        assert!(message.contains("community_issues[0].id"), "{message}");
    }
    let mut v = good.clone();
    *v.pointer_mut("/cases/0/case/community_issues/0/id").unwrap() = MAX_ID.into();
    let mut read = read_export_file(&v.to_string()).unwrap();
    let c = &mut read[0];
    let before = c.community_issues.clone();
    let form = IssueForm { category: Some(IssueCategory::Housing), description: "夜間に相談できる窓口がない".into(), recorded_on: "R8.11.27".into(), need: None };
    let errors = c.add_community_issue(&form).expect_err("no id left");
    assert_eq!(errors[0].field, "description");
    assert!(errors[0].message.contains("これ以上地域課題を追加できません"), "{}", errors[0].message);
    assert_eq!(c.community_issues, before, "nothing recorded");
    assert!(c.remove_community_issue(before[0].id));
    assert_eq!(c.community_issues.len(), before.len() - 1, "one delete removes one issue");
}

/// Found by the damage property: 「7:00」 with its colon damaged reads 「7000」, whose hour
/// (× 60) overflowed before it was checked. Typing 「1100」 in a time field did the same.
#[test]
fn times_with_huge_hours_are_refused_not_a_panic() {
    for raw in ["7000", "1100", "65535:00", "9:65535", "1092:00"] {
        assert!(TimeOfDay::parse(raw).is_err(), "{raw}");
    }
    assert_eq!(TimeOfDay::new(1092, 0), None);
}

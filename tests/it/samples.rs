//! The fictional sample cases in `public/samples/`: current schema, a 週間計画表 in each,
//! and grid and goal table agreeing except for the one slip planted in sample 2.

use soudan_workbench::domain::schedule::disagreements;
use soudan_workbench::domain::{GridColumn, PlanStatus};
use soudan_workbench::store::{read_export_file, SCHEMA_VERSION};
use std::collections::BTreeSet;
use std::path::Path;

/// The one disagreement planted on purpose (a 週3回 service copied onto two days).
const PLANTED_FILE: &str = "sample-2-seishin.json";
const PLANTED: &str = "優先順位3 地域活動支援センター: 目標表は週3回ですが、週間計画表には週2回あります。";

fn sample_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/samples");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let files: Vec<(String, String)> = index["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let file = s["file"].as_str().unwrap().to_owned();
            let text = std::fs::read_to_string(dir.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            (file, text)
        })
        .collect();
    assert!(files.len() >= 4);
    assert!(files.iter().any(|(f, _)| f == PLANTED_FILE), "{PLANTED_FILE} not in index.json");
    files
}

#[test]
fn samples_are_written_in_the_current_schema_with_ids_as_stored() {
    assert_eq!(SCHEMA_VERSION, 9, "samples checked against schema 9; upgrade them with the schema");
    for (file, text) in sample_files() {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["schema_version"], 9, "{file}: file schema_version");
        for env in v["cases"].as_array().unwrap() {
            assert_eq!(env["schema_version"], 9, "{file}: envelope schema_version");
            let plan = &env["case"]["plan"];
            // Support ids are in the file itself (the reader would quietly repair missing ones).
            let ids: Vec<u64> = plan["needs"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|n| n["supports"].as_array().unwrap())
                .map(|s| s["id"].as_u64().unwrap_or_else(|| panic!("{file}: a support without id")))
                .collect();
            let unique: BTreeSet<u64> = ids.iter().copied().collect();
            assert_eq!(unique.len(), ids.len(), "{file}: support ids repeat");
            assert!(!unique.contains(&0), "{file}: support id 0");
            assert!(plan["next_support_id"].as_u64().unwrap() > *unique.last().unwrap(), "{file}: next_support_id");
            let schedule = &plan["schedule"];
            let slots: BTreeSet<u64> =
                schedule["slots"].as_array().unwrap().iter().map(|s| s["id"].as_u64().unwrap()).collect();
            assert_eq!(slots.len(), schedule["slots"].as_array().unwrap().len(), "{file}: slot ids repeat");
            assert!(schedule["next_slot_id"].as_u64().unwrap() > *slots.last().unwrap(), "{file}: next_slot_id");
        }
    }
}

#[test]
fn every_sample_has_a_weekly_schedule_that_agrees_with_its_goal_table() {
    for (file, text) in sample_files() {
        let cases = read_export_file(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!cases.is_empty(), "{file}");
        for c in &cases {
            let plan = &c.plan;
            assert_eq!(plan.status, PlanStatus::Draft, "{file}: samples are drafts");
            assert!(plan.consent.is_none(), "{file}: a draft has no consent");
            for n in plan.needs() {
                for e in &n.rests_on {
                    assert!(c.assessment.entry(*e).is_some(), "{file}: need {:?} rests on a missing entry {e:?}", n.id);
                }
            }

            let schedule = &plan.schedule;
            assert!(!schedule.start_month.trim().is_empty(), "{file}: 計画開始年月");
            assert!(!schedule.whole_life.trim().is_empty(), "{file}: サービス提供によって実現する生活の全体像");
            let slots = schedule.slots();
            assert!(!slots.is_empty(), "{file}: empty schedule");
            assert!(slots.iter().any(|s| s.columns.contains(&GridColumn::Activities)), "{file}: no 主な日常生活上の活動");
            assert!(slots.iter().any(|s| s.support.is_some()), "{file}: no slot placed from the goal table");
            for s in slots {
                assert!(!s.columns.is_empty() && !s.text.trim().is_empty(), "{file}: slot {:?} is blank", s.id);
                if let Some(id) = s.support {
                    assert!(plan.support(id).is_some(), "{file}: slot {:?} points at a missing support {id:?}", s.id);
                }
            }
            // Stored in the order the grid lists them, and never drawn over each other.
            let order: Vec<_> = slots.iter().map(|s| (s.start.grid_offset(), s.columns[0])).collect();
            assert!(order.windows(2).all(|w| w[0] <= w[1]), "{file}: slots out of grid order");
            for col in GridColumn::ALL {
                let spans: Vec<_> = schedule.in_column(col).map(|s| (s.id, s.grid_span())).collect();
                for (i, (a, (a0, a1))) in spans.iter().enumerate() {
                    for (b, (b0, b1)) in &spans[i + 1..] {
                        assert!(a1 <= b0 || b1 <= a0, "{file}: slots {a:?} and {b:?} overlap in {}", col.label());
                    }
                }
            }

            let found: Vec<String> = disagreements(plan).iter().map(|d| d.message()).collect();
            if file == PLANTED_FILE {
                assert_eq!(found, [PLANTED], "{file}: exactly the planted disagreement");
            } else {
                assert!(found.is_empty(), "{file}: {found:?}");
            }
        }
    }
}

/// The calendar and the モニタリング報告書 have a sample to show: a 支給決定 and two recorded
/// reports, each row on a need of the plan version it monitored.
#[test]
fn a_sample_has_a_benefit_decision_and_two_recorded_monitorings() {
    use soudan_workbench::domain::monitoring::ReportStatus;
    let mut found = false;
    for (file, text) in sample_files() {
        for c in read_export_file(&text).unwrap() {
            for r in &c.monitoring_reports {
                let plan = &c.final_plans[r.plan_version as usize - 1];
                let needs: Vec<_> = plan.needs().iter().map(|n| n.id).collect();
                assert_eq!(r.rows.iter().map(|row| row.need).collect::<Vec<_>>(), needs, "{file}: one row per priority");
                for (row, need) in r.rows.iter().zip(plan.needs()) {
                    assert_eq!((&row.goal, &row.target_date), (&need.goal, &need.target_date), "{file}: copied from the plan");
                }
            }
            let recorded = c.monitoring_reports.iter().filter(|r| r.status == ReportStatus::Recorded && r.held_on.is_some()).count();
            found |= !c.benefit_decision.is_empty() && recorded >= 2;
        }
    }
    assert!(found, "no sample with a benefit decision and two recorded monitorings");
}

/// 「計画を変更する」's link has a sample to show: two final versions, the second made after a
/// recorded monitoring of the first that said 計画変更の必要性 有 (`requested_by`).
#[test]
fn a_sample_has_a_second_final_version_asked_for_by_a_monitoring() {
    use soudan_workbench::domain::monitoring::ReportStatus;
    let mut found = false;
    for (file, text) in sample_files() {
        for c in read_export_file(&text).unwrap() {
            for (i, plan) in c.final_plans.iter().enumerate() {
                let Some(id) = plan.requested_by else { continue };
                let report = c.monitoring(id).unwrap_or_else(|| panic!("{file}: requested_by {id:?} is no report"));
                assert_eq!(report.status, ReportStatus::Recorded, "{file}");
                assert!(report.needs_change(), "{file}: the report asked for no change");
                assert_eq!(report.plan_version as usize, i, "{file}: the report is on the version before");
                let made_on = plan.consent.as_ref().unwrap().made_on;
                assert!(report.held_on.unwrap() <= made_on, "{file}: the change was made before the monitoring");
                found |= i >= 1;
            }
        }
    }
    assert!(found, "no sample with a second final version asked for by a monitoring");
}

/// The 担当者会議 screen and its print have a sample to show: a meeting on the 計画案 of a plan
/// that was then made final, held before its consent, with 本人 present and an absent member's
/// 照会 answer; so the check finds no final plan without its meeting.
#[test]
fn a_sample_has_a_team_meeting_on_the_draft_of_its_final_plan() {
    use soudan_workbench::domain::check::{check_case, CheckOptions};
    use soudan_workbench::domain::role_matrix::Level;
    let mut found = false;
    for (file, text) in sample_files() {
        for c in read_export_file(&text).unwrap() {
            for m in &c.team_meetings {
                let plan = &c.final_plans[m.plan_version as usize - 1];
                let consent = plan.consent.as_ref().unwrap();
                assert!(m.on_draft && m.held_on <= consent.consented_on, "{file}: held on the draft before its consent");
                assert!(m.person_present(), "{file}");
                assert!(m.attendees.iter().any(|a| !a.present && !a.absence_note.is_empty()), "{file}: an absent member's 照会");
                found = true;
            }
            let options = CheckOptions { level: Level::Lead, ..CheckOptions::default() };
            let meeting_findings: Vec<_> = check_case(&c, &options).into_iter().filter(|f| f.rule.id.starts_with("meeting.")).map(|f| f.message).collect();
            assert!(meeting_findings.is_empty(), "{file}: {meeting_findings:?}");
        }
    }
    assert!(found, "no sample with a team meeting");
}

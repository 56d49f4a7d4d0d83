use soudan_workbench::domain::{Stage, SupportCategory};
use soudan_workbench::store::{Backend, MemoryBackend, Store, SCHEMA_VERSION};
use std::path::Path;

/// Every fixture of one old version in a fresh in-memory `localStorage`, with each key and
/// raw record (also read by `summary.rs`).
pub(crate) fn fixture_backend(version: u32) -> (MemoryBackend, Vec<(String, String)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/store/v{version}"));
    let mut backend = MemoryBackend::default();
    let mut raws = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let raw = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(v["schema_version"], version, "fixture in the wrong folder");
        let key = format!("soudan-workbench/case/{}", v["case"]["id"].as_str().unwrap());
        backend.set(&key, raw.trim_end()).unwrap();
        raws.push((key, raw.trim_end().to_owned()));
    }
    assert!(!raws.is_empty(), "no fixtures in {}", dir.display());
    (backend, raws)
}

/// Loads every fixture of one old version into a fresh store.
fn load_fixtures(version: u32) -> (Store<MemoryBackend>, Vec<(String, String)>) {
    let (backend, raws) = fixture_backend(version);
    (Store::new(backend, "test"), raws)
}

#[test]
fn every_schema_version_has_fixtures() {
    for v in 1..=SCHEMA_VERSION {
        load_fixtures(v);
    }
}

/// The data-format page and the JSON Schema name the current version wherever they name
/// one (the page once said readers refuse "an envelope newer than 5" when the schema was 6).
#[test]
fn the_docs_and_the_json_schema_name_the_current_schema_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/data-format.md")).unwrap();
    let v = SCHEMA_VERSION;
    for must in [format!("# Data format (schema_version {v})"), format!("\"schema_version\":{v},"), format!("file of schema {v} "), format!("an envelope newer than {v} "), format!("`schema_version` 1–{} in an envelope", v - 1)] {
        assert!(doc.contains(&must), "docs/data-format.md lacks 「{must}」");
    }
    assert!(doc.contains(&format!("\n| {v} | ")), "docs/data-format.md: no history row for {v}");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("public/schema/case.schema.json")).unwrap()).unwrap();
    assert!(schema["title"].as_str().unwrap().contains(&format!("schema_version {v}）")), "{}", schema["title"]);
    assert!(schema["description"].as_str().unwrap().contains(&format!("形式 {v} のファイル")));
    assert_eq!(schema["properties"]["schema_version"]["const"], v);
}

#[test]
fn v1_records_migrate_to_the_current_version() {
    let (mut store, raws) = load_fixtures(1);
    let loaded = store.load();
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    assert_eq!(loaded.cases.len(), 3);
    let by_name = |n: &str| loaded.cases.iter().find(|c| c.name.as_str() == n).unwrap();
    assert_eq!(by_name("T.S.").support_category, Some(SupportCategory::Category3));
    assert_eq!(by_name("みどり").support_category, Some(SupportCategory::NotApplicable));
    assert!(by_name("みどり").archived);
    assert_eq!(by_name("K・H").support_category, None);
    for c in &loaded.cases {
        assert_eq!(c.stage, Stage::Intake);
        assert!(!c.for_child);
    }

    // Reading changes nothing stored; the first save writes the current version.
    for (key, raw) in &raws {
        assert_eq!(store.backend().get(key).as_deref(), Some(raw.as_str()));
    }
    let ts = by_name("T.S.").clone();
    store.save(&ts, ts.updated_at).unwrap();
    let saved: serde_json::Value =
        serde_json::from_str(&store.backend().get("soudan-workbench/case/0000000000000000000000000000a001").unwrap()).unwrap();
    assert_eq!(saved["schema_version"], SCHEMA_VERSION);
    assert_eq!(saved["case"]["support_category"], "3");
    assert_eq!(saved["revision"], 1);
}

#[test]
fn v2_records_load_as_they_are() {
    let (mut store, _) = load_fixtures(2);
    let loaded = store.load();
    let c = &loaded.cases[0];
    assert_eq!(c.name.as_str(), "そら");
    assert_eq!(c.stage, Stage::Planning);
    assert!(c.for_child);
    assert_eq!(c.certificate_no, "1234567890");
}

#[test]
fn a_v1_record_with_an_impossible_category_is_set_aside() {
    let mut backend = MemoryBackend::default();
    let raw = r#"{"schema_version":1,"written_at":"2026-10-01T09:15:00+09:00","app_version":"0.0.1","case":{"id":"z","name":"Z","support_category":9,"archived":false,"created_at":"2026-09-30T16:00:00+09:00","updated_at":"2026-10-01T09:15:00+09:00"}}"#;
    backend.set("soudan-workbench/case/z", raw).unwrap();
    let mut store = Store::new(backend, "test");
    let loaded = store.load();
    assert!(loaded.cases.is_empty());
    assert_eq!(loaded.set_aside.len(), 1);
    assert_eq!(store.backend().get("soudan-workbench/case/z").unwrap(), raw);
}

#[test]
fn v3_records_keep_intake_and_assessment() {
    let (mut store, _) = load_fixtures(3);
    let loaded = store.load();
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    let c = &loaded.cases[0];
    assert!(c.intake.referral.contains("仕事を探したい"));
    let domains = c.assessment.domains();
    assert_eq!(domains.len(), 3);
    assert!(domains[2].hidden);
    assert_eq!(domains[2].domain.label(), "移動");
    let wish = c.assessment.entry(soudan_workbench::domain::EntryId(2)).unwrap();
    assert_eq!(wish.display_text(), "「ひとりで起きたい」");
    assert_eq!(c.assessment.decision_support.supports_used, "絵カード、静かな部屋");
}

#[test]
fn v2_records_get_an_empty_intake_and_the_default_domains() {
    let (mut store, _) = load_fixtures(2);
    let c = store.load().cases.remove(0);
    assert_eq!(c.intake, Default::default());
    assert_eq!(c.assessment.domains().len(), 7);
}

#[test]
fn v4_records_keep_the_plan_draft() {
    use soudan_workbench::domain::{EntryId, Per};
    let (mut store, _) = load_fixtures(4);
    let c = store.load().cases.remove(0);
    let need = &c.plan.needs()[0];
    assert_eq!(need.rests_on, [EntryId(1), EntryId(2)]);
    assert_eq!(need.supports[0].kind, "移動支援");
    assert_eq!(need.supports[0].amount.per, Per::Month);
    assert_eq!(need.supports[0].amount.describe(), "月1回・1回3時間");
    assert_eq!(c.plan.monitoring.interval_months, Some(3));
    // Supports had no ids before version 5: each gets its own when read.
    let ids: std::collections::BTreeSet<_> =
        c.plan.needs().iter().flat_map(|n| n.supports.iter().map(|s| s.id)).collect();
    let count: usize = c.plan.needs().iter().map(|n| n.supports.len()).sum();
    assert_eq!(ids.len(), count);
    assert!(c.plan.schedule.slots().is_empty());
    assert!(c.final_plans.is_empty());
}

#[test]
fn older_records_get_an_empty_plan_draft() {
    let (mut store, _) = load_fixtures(3);
    let c = store.load().cases.remove(0);
    assert!(c.plan.needs().is_empty());
    assert_eq!(c.plan, Default::default());
}

#[test]
fn v5_records_keep_the_schedule_and_the_final_plan() {
    use soudan_workbench::domain::{schedule::disagreements, GridColumn, PlanStatus, SupportId};
    let (mut store, _) = load_fixtures(5);
    let loaded = store.load();
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    let c = &loaded.cases[0];
    assert_eq!(c.plan.status, PlanStatus::Final);
    assert_eq!(c.final_plans.len(), 1);
    assert_eq!(c.final_plans[0].consent.as_ref().unwrap().signer, "本人");
    let slots = c.plan.schedule.slots();
    assert_eq!(slots.len(), 2);
    assert_eq!(slots[1].columns, [GridColumn::Mon, GridColumn::Wed, GridColumn::Fri]);
    assert_eq!(slots[1].support, Some(SupportId(2)));
    assert_eq!(disagreements(&c.plan), [], "the fixture's grid agrees with its goal table");
}

#[test]
fn v6_records_keep_reasons_and_check_marks() {
    use soudan_workbench::domain::MarkStatus;
    let (mut store, _) = load_fixtures(6);
    let loaded = store.load();
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    let c = &loaded.cases[0];
    let formal = c.plan.needs().iter().flat_map(|n| &n.supports).find(|s| !s.reason.is_empty()).unwrap();
    assert_eq!(formal.reason, "本人が週3日の通所を続けたいと話したため");
    let mark = c.plan.mark("resources.no_informal@plan.needs").unwrap();
    assert_eq!((mark.status, mark.reason.as_str()), (MarkStatus::NotApplicable, "本人が今は家族以外の支えを望まないため"));
    assert_eq!(c.plan.mark("goal.vague_wording@need-1.goal").unwrap().status, MarkStatus::Done);
    assert!(c.plan.needs()[0].unmet);
    assert!(c.plan.difficulty.marked && c.plan.difficulty.meetings == "令和8年11月20日");
    assert_eq!(c.community_issues[0].need, Some(c.plan.needs()[0].id));
}

#[test]
fn v7_records_get_no_decision_and_no_reports() {
    let (mut store, _) = load_fixtures(7);
    let loaded = store.load();
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    let c = &loaded.cases[0];
    assert!(c.benefit_decision.is_empty());
    assert!(c.monitoring_reports.is_empty());
}

#[test]
fn v8_records_keep_the_decision_and_the_monitoring_reports() {
    use chrono::NaiveDate;
    use soudan_workbench::domain::calendar::{agenda, Month};
    use soudan_workbench::domain::monitoring::ReportStatus;
    let (mut store, _) = load_fixtures(8);
    let loaded = store.load();
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    let c = &loaded.cases[0];
    assert_eq!(c.benefit_decision.monitoring_interval_months, Some(3));
    assert_eq!(c.benefit_decision.monitoring_start, Month::new(2026, 12));
    assert_eq!(c.benefit_decision.valid_until, NaiveDate::from_ymd_opt(2027, 11, 30));
    let statuses: Vec<_> = c.monitoring_reports.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [ReportStatus::Recorded, ReportStatus::Draft]);
    assert!(c.monitoring_reports[1].rows[0].change_needed.amount);
    assert_eq!(c.monitoring_reports[0].rows.len(), c.final_plans[0].needs().len());
    // December was done by the recorded report; March is overdue on 2027-04-02 (the draft
    // does not count).
    let today = NaiveDate::from_ymd_opt(2027, 4, 2).unwrap();
    let ag = agenda(&loaded.cases, today, 2, 12);
    let overdue: Vec<String> = ag.overdue.iter().map(|r| r.item.month.to_string()).collect();
    assert_eq!(overdue, ["2027-03"]);
}

#[test]
fn v9_records_keep_meetings_eco_maps_and_the_monitoring_that_asked_for_a_change() {
    use soudan_workbench::domain::monitoring::MonitoringId;
    let (mut store, _) = load_fixtures(9);
    let loaded = store.load();
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    let c = &loaded.cases[0];
    assert_eq!(c.team_meetings.len(), 1);
    assert!(c.team_meetings[0].person_present());
    assert_eq!(c.final_plans[1].requested_by, Some(MonitoringId(2)));
    assert_eq!(c.plan.requested_by, Some(MonitoringId(3)));
    let map = c.eco_map.as_ref().expect("the eco-map");
    assert!(!map.nodes.is_empty());
    assert_eq!(c.final_eco_maps.len(), 1);
    assert_eq!(&c.final_eco_maps[0].map, map);
    // The 担当者会議 form being typed: as typed, a row with no role chosen yet included.
    let draft = c.meeting_draft.as_ref().expect("the meeting draft");
    assert_eq!((draft.held_on.as_str(), draft.attendees.len(), draft.attendees[1].role.as_str()), ("R9.7.", 2, ""));
    // Saved again, it is split: the meetings and the final maps go to the history record and
    // come back whole.
    let case = c.clone();
    store.save(&case, case.updated_at).unwrap();
    let again = Store::new(store.backend().clone(), "test").load();
    assert_eq!(again.cases, vec![case]);
}

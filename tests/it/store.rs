use chrono::{DateTime, FixedOffset};
use soudan_workbench::domain::{Case, CaseId, NewCase};
use soudan_workbench::store::{
    case_key, export_cases, export_set_aside, read_export_file, Backend, BackendError, ExternalChange, MemoryBackend, SaveError,
    SetAsideReason, Store,
};
use std::cell::RefCell;
use std::rc::Rc;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    at("2026-11-27T10:42:00+09:00")
}

fn new_case(n: u128, name: &str) -> Case {
    let form = NewCase { name: name.into(), ..NewCase::default() };
    Case::create(CaseId::from_random(n), &form, now()).unwrap()
}

#[test]
fn saved_cases_load_back_equal() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let a = new_case(1, "A.K.");
    let mut b = new_case(2, "そら");
    b.for_child = true;
    store.save(&a, now()).unwrap();
    store.save(&b, now()).unwrap();

    let mut reopened = Store::new(store.backend().clone(), "test");
    let loaded = reopened.load();
    assert!(loaded.set_aside.is_empty());
    let mut names: Vec<_> = loaded.cases.iter().map(|c| c.name.as_str().to_owned()).collect();
    names.sort();
    assert_eq!(names, ["A.K.", "そら"]);
    assert!(loaded.cases.contains(&b));
}

#[test]
fn envelope_carries_version_time_app_and_revision() {
    let mut store = Store::new(MemoryBackend::default(), "9.9.9");
    let mut a = new_case(1, "A");
    store.save(&a, now()).unwrap();
    a.archived = true;
    store.save(&a, at("2026-11-27T11:00:00+09:00")).unwrap();
    let raw = store.backend().get(&case_key(&a.id)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["schema_version"], soudan_workbench::store::SCHEMA_VERSION);
    assert_eq!(v["app_version"], "9.9.9");
    assert_eq!(v["revision"], 2);
    assert_eq!(v["written_at"], "2026-11-27T11:00:00+09:00");
    assert_eq!(v["case"]["archived"], true);
}

#[test]
fn unreadable_and_future_records_are_set_aside_and_kept() {
    let mut backend = MemoryBackend::default();
    let broken = "{\"schema_version\":2,\"case\":{\"name\":";
    let future = r#"{"schema_version":9999,"written_at":"2030-01-01T00:00:00+09:00","app_version":"9","case":{"id":"f"}}"#;
    let wrong_shape = r#"{"schema_version":2,"written_at":"2026-11-27T10:00:00+09:00","app_version":"0.1.0","case":{"id":"x","name":""}}"#;
    backend.set("soudan-workbench/case/broken", broken).unwrap();
    backend.set("soudan-workbench/case/future", future).unwrap();
    backend.set("soudan-workbench/case/x", wrong_shape).unwrap();
    let mut store = Store::new(backend, "test");
    store.save(&new_case(1, "ok"), now()).unwrap();

    let loaded = store.load();
    assert_eq!(loaded.cases.len(), 1);
    assert_eq!(loaded.set_aside.len(), 3);
    let future_rec = loaded.set_aside.iter().find(|s| s.key.ends_with("future")).unwrap();
    assert_eq!(future_rec.reason, SetAsideReason::FutureVersion(9999));
    assert!(future_rec.reason.message().contains("新しいバージョン"));
    let broken_rec = loaded.set_aside.iter().find(|s| s.key.ends_with("broken")).unwrap();
    assert!(matches!(broken_rec.reason, SetAsideReason::Unreadable(_)));
    assert!(broken_rec.reason.message().contains("壊れている"));

    // Saving other cases leaves them byte-identical; the export carries them verbatim.
    store.save(&new_case(2, "another"), now()).unwrap();
    assert_eq!(store.backend().get("soudan-workbench/case/broken").unwrap(), broken);
    assert_eq!(store.backend().get("soudan-workbench/case/future").unwrap(), future);
    let export = export_set_aside(&loaded.set_aside, now(), "test");
    let v: serde_json::Value = serde_json::from_str(&export).unwrap();
    let raws: Vec<_> = v["records"].as_array().unwrap().iter().map(|r| r["raw"].as_str().unwrap()).collect();
    assert!(raws.contains(&broken) && raws.contains(&future));
}

#[test]
fn overwrite_never_replaces_an_unreadable_record() {
    let mut backend = MemoryBackend::default();
    let a = new_case(1, "A");
    backend.set(&case_key(&a.id), "not json").unwrap();
    let mut store = Store::new(backend, "test");
    assert_eq!(store.save(&a, now()), Err(SaveError::Conflict));
    assert_eq!(store.overwrite(&a, now()), Err(SaveError::Conflict));
    assert_eq!(store.backend().get(&case_key(&a.id)).unwrap(), "not json");
}

#[test]
fn full_storage_refuses_the_write_and_changes_nothing() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let mut a = new_case(1, "A");
    store.save(&a, now()).unwrap();
    let before = store.backend().items.clone();
    let used: usize = before.iter().map(|(k, v)| k.len() + v.encode_utf16().count()).sum();
    store.backend_mut().limit_units = Some(used + 10);

    a.certificate_no = "0123456789".repeat(5);
    assert_eq!(store.save(&a, now()), Err(SaveError::QuotaExceeded));
    assert_eq!(store.backend().items, before);

    // Space freed: the same edit saves, and the revision chain is intact.
    store.backend_mut().limit_units = None;
    store.save(&a, now()).unwrap();
    let mut reopened = Store::new(store.backend().clone(), "test");
    assert_eq!(reopened.load().cases, vec![a]);
}

#[test]
fn memory_backend_counts_like_local_storage() {
    let mut b = MemoryBackend { limit_units: Some(6), ..MemoryBackend::default() };
    b.set("k", "あいう").unwrap(); // 1 + 3 UTF-16 units
    assert_eq!(b.set("k2", "xyz"), Err(BackendError::QuotaExceeded));
    b.set("k", "あいうえお").unwrap(); // replacing counts only the new value
}

#[test]
fn two_tabs_never_silently_overwrite_each_other() {
    let shared = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut tab_a = Store::new(shared.clone(), "test");
    let mut tab_b = Store::new(shared.clone(), "test");
    let case = new_case(1, "A");
    tab_a.save(&case, now()).unwrap();
    let mut in_b = tab_b.load().cases.remove(0);

    let mut in_a = case.clone();
    in_a.name = soudan_workbench::domain::CaseName::parse("A（Aで変更）").unwrap();
    tab_a.save(&in_a, now()).unwrap();

    // B edited from the old version: its save is refused, A's stays.
    in_b.archived = true;
    assert_eq!(tab_b.save(&in_b, now()), Err(SaveError::Conflict));
    let stored = shared.borrow().get(&case_key(&case.id)).unwrap();
    assert!(stored.contains("Aで変更"));

    // The storage event lets B see A's version; after that B saves normally.
    match tab_b.external_change(&case_key(&case.id)) {
        Some(ExternalChange::Updated(c)) => assert_eq!(c.name.as_str(), "A（Aで変更）"),
        other => panic!("expected an update, got {other:?}"),
    }
    tab_b.save(&in_b, now()).unwrap();

    // Or B chooses to overwrite after a conflict.
    tab_a.save(&in_a, now()).unwrap_err();
    tab_a.overwrite(&in_a, now()).unwrap();
    assert_eq!(tab_b.save(&in_b, now()), Err(SaveError::Conflict));
}

#[test]
fn a_case_deleted_in_another_tab_is_not_resurrected_silently() {
    let shared = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut tab_a = Store::new(shared.clone(), "test");
    let mut tab_b = Store::new(shared.clone(), "test");
    let case = new_case(1, "A");
    tab_a.save(&case, now()).unwrap();
    tab_b.load();
    tab_a.delete(&case.id);
    assert_eq!(tab_b.save(&case, now()), Err(SaveError::Conflict));
    assert_eq!(
        tab_b.external_change(&case_key(&case.id)),
        Some(ExternalChange::Removed(case.id.clone()))
    );
    assert!(tab_b.external_change("some-other-app-key").is_none());
}

#[test]
fn export_files_read_back_equal_and_bad_ones_are_refused_whole() {
    let mut a = new_case(1, "A");
    a.assessment.add_entry(0, soudan_workbench::domain::Column::PersonWishes);
    let b = new_case(2, "B");
    let text = export_cases(&[a.clone(), b.clone()], now(), "test");
    assert_eq!(read_export_file(&text).unwrap(), vec![a, b]);

    assert!(read_export_file("{").unwrap_err().contains("JSON"));
    assert!(read_export_file(r#"{"format":"other"}"#).unwrap_err().contains("format"));
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["cases"][1]["case"]["name"] = serde_json::json!("");
    let err = read_export_file(&v.to_string()).unwrap_err();
    assert_eq!(err, "2件目のケース（cases[1]）を読み込めません。case.name: 氏名（仮名・イニシャル）を入力してください。");
    v["cases"][1]["schema_version"] = serde_json::json!(99);
    assert!(read_export_file(&v.to_string()).unwrap_err().contains("新しいバージョン"));
}

#[test]
fn the_sample_files_are_valid_export_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/samples");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let samples = index["samples"].as_array().unwrap();
    assert!(samples.len() >= 4);
    let mut children = 0;
    for s in samples {
        let file = s["file"].as_str().unwrap();
        let cases = read_export_file(&std::fs::read_to_string(dir.join(file)).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(cases.len(), 1, "{file}");
        let c = &cases[0];
        children += usize::from(c.for_child);
        // Every need rests on entries that exist in the same case.
        for n in c.plan.needs() {
            for e in &n.rests_on {
                assert!(c.assessment.entry(*e).is_some(), "{file}: need {:?} links a missing entry {e:?}", n.id);
            }
        }
    }
    assert!(children >= 1, "no child case among the samples");
}

#[test]
fn settings_are_kept_apart_from_cases_and_bad_ones_fall_back_to_the_defaults() {
    use soudan_workbench::domain::check::CheckOptions;
    use soudan_workbench::domain::role_matrix::{Level, OfficeType};
    use soudan_workbench::store::SETTINGS_KEY;
    let mut store = Store::new(MemoryBackend::default(), "test");
    assert_eq!(store.settings(), CheckOptions::default());
    let lead = CheckOptions { level: Level::Lead, office: OfficeType::CoreCentre, own_corporation: "社会福祉法人みらい".into() };
    store.save_settings(&lead).unwrap();
    assert_eq!(store.settings(), lead);
    assert!(store.load().set_aside.is_empty() && store.load().cases.is_empty(), "settings are not a case record");
    store.backend_mut().set(SETTINGS_KEY, "{\"level\":\"expert\"").unwrap();
    assert_eq!(store.settings(), CheckOptions::default());
    let mut full = MemoryBackend { limit_units: Some(10), ..MemoryBackend::default() };
    full.set("x", "y").unwrap();
    assert_eq!(Store::new(full, "test").save_settings(&lead), Err(SaveError::QuotaExceeded));
}

#[test]
fn the_renewal_lead_time_is_a_setting_kept_apart_with_a_default_of_two_months() {
    use soudan_workbench::domain::calendar::CalendarOptions;
    use soudan_workbench::store::CALENDAR_KEY;
    let mut store = Store::new(MemoryBackend::default(), "test");
    assert_eq!(store.calendar_options().renewal_lead_months, 2);
    store.save_calendar_options(&CalendarOptions { renewal_lead_months: 4 }).unwrap();
    assert_eq!(store.calendar_options().renewal_lead_months, 4);
    assert!(store.load().set_aside.is_empty() && store.load().cases.is_empty(), "settings are not a case record");
    store.backend_mut().set(CALENDAR_KEY, "{\"renewal_lead_months\":\"x\"}").unwrap();
    assert_eq!(store.calendar_options(), CalendarOptions::default());
}

#[test]
fn the_profile_is_kept_apart_and_an_unreadable_one_is_never_overwritten() {
    use chrono::NaiveDate;
    use soudan_workbench::domain::profile::{Profile, RatingStatus};
    use soudan_workbench::domain::role_matrix::{Area, Column};
    use soudan_workbench::store::PROFILE_KEY;
    let mut store = Store::new(MemoryBackend::default(), "test");
    assert_eq!(store.profile(), Profile::default());
    assert!(!store.profile_unreadable());
    let mut p = Profile::default();
    p.rate(Area::Council, Column::Novice, NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), RatingStatus::Working, "");
    store.save_profile(&p).unwrap();
    assert_eq!(store.profile(), p);
    assert!(store.load().set_aside.is_empty() && store.load().cases.is_empty(), "the profile is not a case record");

    // Unreadable (damaged, or a newer shape): read as empty, but kept, and a save refuses.
    let bad = "{\"self_assessment\":[{\"area\":\"council\",\"level\":\"expert\"}]}";
    store.backend_mut().set(PROFILE_KEY, bad).unwrap();
    assert_eq!(store.profile(), Profile::default());
    assert!(store.profile_unreadable());
    assert_eq!(store.save_profile(&p), Err(SaveError::Conflict));
    assert_eq!(store.backend().get(PROFILE_KEY).as_deref(), Some(bad), "kept as it was");

    let mut full = MemoryBackend { limit_units: Some(10), ..MemoryBackend::default() };
    full.set("x", "y").unwrap();
    assert_eq!(Store::new(full, "test").save_profile(&p), Err(SaveError::QuotaExceeded));
}

#[test]
fn wipe_removes_every_key_of_the_app_and_nothing_else() {
    use soudan_workbench::domain::check::CheckOptions;
    use soudan_workbench::store::{KEY_PREFIX, PROFILE_KEY, SETTINGS_KEY};
    let mut store = Store::new(MemoryBackend::default(), "test");
    store.save(&new_case(1, "A.K."), now()).unwrap();
    store.save(&new_case(2, "そら"), now()).unwrap();
    store.save_settings(&CheckOptions::default()).unwrap();
    store.backend_mut().set(PROFILE_KEY, "{}").unwrap();
    store.backend_mut().set(&format!("{KEY_PREFIX}case/broken"), "{not json").unwrap(); // a set-aside record
    store.backend_mut().set(&format!("{KEY_PREFIX}something-later"), "x").unwrap();
    store.backend_mut().set("other-app/x", "theirs").unwrap();
    store.backend_mut().set("soudan-workbench", "no slash: not ours").unwrap();
    assert!(store.backend().get(SETTINGS_KEY).is_some());

    assert_eq!(store.wipe(), Vec::<String>::new());
    let left: Vec<String> = store.backend().keys();
    assert_eq!(left, ["other-app/x", "soudan-workbench"], "only the foreign keys stay");
    assert_eq!(store.backend().get("other-app/x").as_deref(), Some("theirs"));
    let loaded = store.load();
    assert!(loaded.cases.is_empty() && loaded.set_aside.is_empty());
    assert_eq!(store.settings(), CheckOptions::default());

    // After a wipe the same store saves afresh (it forgot the revisions it knew).
    let a = new_case(1, "A.K.");
    store.save(&a, now()).unwrap();
    assert_eq!(Store::new(store.backend().clone(), "test").load().cases, [a]);
}

#[test]
fn wipe_reports_a_key_the_browser_would_not_remove() {
    /// A backend whose `remove` silently fails for one key (as a storage refused mid-way).
    struct Sticky(MemoryBackend, &'static str);
    impl Backend for Sticky {
        fn get(&self, key: &str) -> Option<String> {
            self.0.get(key)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
            self.0.set(key, value)
        }
        fn remove(&mut self, key: &str) {
            if key != self.1 {
                self.0.remove(key)
            }
        }
        fn keys(&self) -> Vec<String> {
            self.0.keys()
        }
    }
    let mut store = Store::new(Sticky(MemoryBackend::default(), "soudan-workbench/settings"), "test");
    store.save(&new_case(1, "A.K."), now()).unwrap();
    store.backend_mut().set("soudan-workbench/settings", "{}").unwrap();
    assert_eq!(store.wipe(), ["soudan-workbench/settings"]);
    assert_eq!(store.backend().keys(), ["soudan-workbench/settings"]);
}

#[test]
fn the_wipe_phrase_is_exact_spaces_around_it_aside() {
    use soudan_workbench::store::{wipe_confirmed, WIPE_PHRASE};
    assert_eq!(WIPE_PHRASE, "すべて消す");
    for ok in ["すべて消す", " すべて消す ", "\u{3000}すべて消す\u{3000}", "すべて消す\n"] {
        assert!(wipe_confirmed(ok), "{ok:?}");
    }
    for no in ["", "すべて", "全て消す", "すべてけす", "すべて 消す", "すべて消す。", "消す"] {
        assert!(!wipe_confirmed(no), "{no:?}");
    }
}

#[test]
fn usage_counts_every_key_of_the_origin_and_warns_from_80_percent() {
    use soudan_workbench::store::{Usage, QUOTA_UNITS};
    let mut backend = MemoryBackend::default();
    backend.set("another-app", &"x".repeat(1000)).unwrap();
    let mut store = Store::new(backend, "test");
    store.save(&new_case(1, "あいう"), now()).unwrap();
    let expected: usize = store.backend().items.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    assert_eq!(store.usage(), Usage { used_units: expected, quota_units: QUOTA_UNITS });
    assert!(expected > 1000);

    let at = |percent: usize| Usage { used_units: QUOTA_UNITS * percent / 100, quota_units: QUOTA_UNITS };
    assert_eq!(at(79).warning(3), None);
    let warning = at(80).warning(3).unwrap();
    assert!(warning.contains("約80%"), "{warning}");
    assert!(warning.contains("アーカイブしたケースが3件あります"), "{warning}");
    assert!(warning.contains("「すべてのケースを書き出す」でファイルに保存"), "{warning}");
    assert!(warning.contains("残り約104万字分"), "{warning}");
    assert!(!at(95).warning(0).unwrap().contains("件あります"));
    assert_eq!(Usage { used_units: QUOTA_UNITS * 2, quota_units: QUOTA_UNITS }.percent(), 100);
}

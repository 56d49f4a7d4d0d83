//! A case's frozen history in its own record (`store::history`): a keystroke's save writes
//! the case record only; the two records are read back whole or set aside together; old
//! one-record cases read and save split; import and export keep whole cases; a full store
//! half-way through a split save loses nothing.

use chrono::{DateTime, FixedOffset, NaiveDate};
use soudan_workbench::domain::plan::PlanStatus;
use soudan_workbench::domain::review::Review;
use soudan_workbench::domain::{Case, CaseId, NewCase};
use soudan_workbench::store::seal::Sealed;
use soudan_workbench::store::{
    case_key, envelope, export_cases, read_export_file, Backend, BackendError, ExternalChange, ImportError, MemoryBackend,
    SaveError, SetAsideReason, Store,
};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2027-06-01T09:00:00+09:00").unwrap()
}

/// A case with `versions` final plans and one review per version.
fn with_history(n: u128, versions: usize) -> Case {
    let form = NewCase { name: format!("履歴{n}"), ..NewCase::default() };
    let mut case = Case::create(CaseId::from_random(n), &form, now()).unwrap();
    for v in 0..versions {
        add_version(&mut case, v);
    }
    case
}

fn add_version(case: &mut Case, v: usize) {
    let mut plan = case.plan.clone();
    plan.person_wishes = format!("版{}: 夜間の見守りを減らして一人で過ごす時間を増やしたい", v + 1);
    plan.status = PlanStatus::Final;
    case.final_plans.push(plan);
    case.reviews.push(Review {
        plan_version: case.final_plans.len() as u32,
        reviewer: "主任 森（架空）".into(),
        reviewed_on: NaiveDate::from_ymd_opt(2027, 1 + v as u32, 10).unwrap(),
        overall: format!("版{}の評価: 本人の言葉が生きています", v + 1),
        comments: Vec::new(),
    });
}

fn history_keys<B: Backend>(backend: &B, id: &CaseId) -> Vec<String> {
    let prefix = format!("{}/history/", case_key(id));
    backend.keys().into_iter().filter(|k| k.starts_with(&prefix)).collect()
}

/// Counts writes per key, and refuses writes to `refuse` as a full store would.
#[derive(Default)]
struct Watched {
    inner: MemoryBackend,
    writes: RefCell<Vec<String>>,
    refuse: Option<String>,
    units: Cell<usize>,
}

impl Backend for Watched {
    fn get(&self, key: &str) -> Option<String> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if self.refuse.as_deref() == Some(key) {
            return Err(BackendError::QuotaExceeded);
        }
        self.writes.borrow_mut().push(key.to_owned());
        self.units.set(self.units.get() + value.encode_utf16().count());
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.inner.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
}

#[test]
fn a_keystroke_save_writes_the_case_record_only() {
    let mut store = Store::new(Watched::default(), "test");
    let mut case = with_history(1, 6);
    store.save(&case, now()).unwrap();
    assert_eq!(store.backend().writes.borrow().len(), 2, "first save: history record, then case record");
    assert_eq!(history_keys(store.backend(), &case.id).len(), 1);

    store.backend().writes.borrow_mut().clear();
    store.backend().units.set(0);
    for ch in ["あ", "い", "う"] {
        case.plan.person_wishes.push_str(ch);
        store.save(&case, now()).unwrap();
    }
    assert_eq!(*store.backend().writes.borrow(), vec![case_key(&case.id); 3]);
    // The case record alone is a fraction of the whole case.
    let whole = envelope::write(&case, now(), "test", 1).encode_utf16().count();
    assert!(store.backend().units.get() / 3 < whole / 2, "{} per save vs {whole} whole", store.backend().units.get() / 3);

    // A reopened tab (nothing cached) saves the case record only too.
    let mut other = Store::new(Watched { inner: store.backend().inner.clone(), ..Watched::default() }, "test");
    let mut loaded = other.load().cases.remove(0);
    assert_eq!(loaded, case);
    loaded.plan.person_wishes.push('え');
    other.save(&loaded, now()).unwrap();
    assert_eq!(*other.backend().writes.borrow(), vec![case_key(&case.id)]);
}

#[test]
fn a_new_final_plan_writes_a_new_history_record_and_removes_the_old() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let mut case = with_history(1, 2);
    store.save(&case, now()).unwrap();
    let first = history_keys(store.backend(), &case.id);
    add_version(&mut case, 2);
    store.save(&case, now()).unwrap();
    let second = history_keys(store.backend(), &case.id);
    assert_eq!(second.len(), 1);
    assert_ne!(first, second);
    // The case record keeps only the working data and names the history record.
    let raw: serde_json::Value = serde_json::from_str(&store.backend().get(&case_key(&case.id)).unwrap()).unwrap();
    assert!(raw["case"].get("final_plans").is_none_or(|l| l.as_array().unwrap().is_empty()), "{}", raw["case"]);
    assert!(raw["history"]["fnv"].is_string());
    assert!(second[0].ends_with(&format!("/history/{}-{}", raw["revision"], &raw["history"]["fnv"].as_str().unwrap()[..8])));
    assert_eq!(Store::new(store.backend().clone(), "test").load().cases, vec![case]);
}

#[test]
fn an_unreadable_or_missing_history_record_sets_the_whole_case_aside_and_keeps_it() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let case = with_history(1, 3);
    store.save(&case, now()).unwrap();
    let hkey = history_keys(store.backend(), &case.id).remove(0);
    let case_raw = store.backend().get(&case_key(&case.id)).unwrap();

    for damage in [Some("deflate1:10:壊れた"), Some("{\"schema_version\":8}"), None] {
        let mut backend = store.backend().clone();
        match damage {
            Some(text) => backend.set(&hkey, text).unwrap(),
            None => backend.remove(&hkey),
        }
        let mut reopened = Store::new(backend, "test");
        let loaded = reopened.load();
        assert!(loaded.cases.is_empty(), "never shown without its history ({damage:?})");
        let aside: Vec<_> = loaded.set_aside.iter().map(|s| s.key.as_str()).collect();
        let mut expected = vec![case_key(&case.id)];
        expected.extend(damage.map(|_| hkey.clone()));
        assert_eq!(aside, expected);
        assert!(matches!(loaded.set_aside[0].reason, SetAsideReason::Unreadable(_)));
        assert_eq!(loaded.set_aside[0].raw, case_raw);
        // Never written over, never removed.
        assert_eq!(reopened.save(&case, now()), Err(SaveError::Conflict));
        assert_eq!(reopened.overwrite(&case, now()), Err(SaveError::Conflict));
        assert_eq!(reopened.backend().get(&case_key(&case.id)).unwrap(), case_raw);
        assert_eq!(reopened.backend().get(&hkey).as_deref(), damage);
    }
}

#[test]
fn a_history_record_of_a_newer_version_sets_the_case_aside_as_such() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let case = with_history(1, 1);
    store.save(&case, now()).unwrap();
    let hkey = history_keys(store.backend(), &case.id).remove(0);
    let json = soudan_workbench::store::history::unpack(&store.backend().get(&hkey).unwrap()).unwrap();
    let newer = json.replacen(&format!("\"schema_version\":{}", soudan_workbench::store::SCHEMA_VERSION), "\"schema_version\":99", 1);
    // The case record names the history by its checksum: a newer one is written with its own.
    let raw = store.backend().get(&case_key(&case.id)).unwrap();
    let old_fnv = format!("{:016x}", soudan_workbench::store::history::fnv64(&json));
    let new_fnv = format!("{:016x}", soudan_workbench::store::history::fnv64(&newer));
    let mut backend = store.backend().clone();
    backend.set(&case_key(&case.id), &raw.replace(&old_fnv, &new_fnv)).unwrap();
    backend.remove(&hkey);
    let moved = hkey.replace(&old_fnv[..8], &new_fnv[..8]);
    backend.set(&moved, &soudan_workbench::store::history::pack(&newer)).unwrap();
    let loaded = Store::new(backend, "test").load();
    assert!(loaded.cases.is_empty());
    assert_eq!(loaded.set_aside[0].reason, SetAsideReason::FutureVersion(99));
}

#[test]
fn an_old_one_record_case_is_read_whole_and_saved_split() {
    let case = with_history(1, 4);
    let mut backend = MemoryBackend::default();
    backend.set(&case_key(&case.id), &envelope::write(&case, now(), "old", 5)).unwrap();
    let mut store = Store::new(backend, "test");
    let mut loaded = store.load().cases.remove(0);
    assert_eq!(loaded, case);
    assert!(history_keys(store.backend(), &case.id).is_empty(), "reading writes nothing");

    loaded.plan.person_wishes.push_str("（追記）");
    store.save(&loaded, now()).unwrap();
    assert_eq!(history_keys(store.backend(), &case.id).len(), 1);
    let raw: serde_json::Value = serde_json::from_str(&store.backend().get(&case_key(&case.id)).unwrap()).unwrap();
    assert_eq!(raw["revision"], 6);
    assert!(raw["history"].is_object());
    assert_eq!(Store::new(store.backend().clone(), "test").load().cases, vec![loaded]);
}

#[test]
fn a_full_store_half_way_through_a_split_save_loses_nothing() {
    let mut store = Store::new(Watched::default(), "test");
    let mut case = with_history(1, 2);
    store.save(&case, now()).unwrap();
    let before: BTreeMap<String, String> = store.backend().inner.items.clone();

    // A new final plan: the history record is written, then the case record is refused.
    add_version(&mut case, 2);
    store.backend_mut().refuse = Some(case_key(&case.id));
    assert_eq!(store.save(&case, now()), Err(SaveError::QuotaExceeded));
    assert_eq!(store.backend().inner.items, before, "the new history record is removed again");
    assert_eq!(Store::new(store.backend().inner.clone(), "test").load().cases.len(), 1);

    // Room again: the same edit saves (the caller kept it), and reads back whole.
    store.backend_mut().refuse = None;
    store.save(&case, now()).unwrap();
    assert_eq!(Store::new(store.backend().inner.clone(), "test").load().cases, vec![case]);

    // Also with the browser's own accounting: a limit just short of the new records.
    let mut case2 = with_history(2, 3);
    let mut small = Store::new(MemoryBackend::default(), "test");
    small.save(&case2, now()).unwrap();
    let stored = small.backend().items.clone();
    let used: usize = stored.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    for room in [10, 400, 2000] {
        small.backend_mut().limit_units = Some(used + room);
        add_version(&mut case2, 3);
        case2.plan.person_wishes = "あ".repeat(room);
        if small.save(&case2, now()).is_err() {
            assert_eq!(small.backend().items, stored);
        }
        case2.final_plans.pop();
        case2.reviews.pop();
    }
}

#[test]
fn import_stores_split_and_export_writes_whole_cases() {
    let a = with_history(1, 3);
    let b = with_history(2, 0);
    let file = export_cases(&[a.clone(), b.clone()], now(), "test");
    // The file is the format it was: the whole case in one object.
    let v: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["cases"][0]["case"]["final_plans"].as_array().unwrap().len(), 3);
    assert!(v["cases"][0].get("history").is_none());

    let cases = read_export_file(&file).unwrap();
    let mut store = Store::new(MemoryBackend::default(), "test");
    store.import_all(&cases, &[], now()).unwrap();
    assert_eq!(history_keys(store.backend(), &a.id).len(), 1);
    assert!(history_keys(store.backend(), &b.id).is_empty());
    let mut loaded = Store::new(store.backend().clone(), "test").load().cases;
    loaded.sort_by(|x, y| x.id.as_str().cmp(y.id.as_str()));
    assert_eq!(loaded, vec![a.clone(), b.clone()]);
    assert_eq!(read_export_file(&export_cases(&loaded, now(), "test")).unwrap(), vec![a.clone(), b]);

    // Replacing a stored case removes the history record it no longer names.
    let mut a2 = a.clone();
    add_version(&mut a2, 3);
    store.import_all(&[a2.clone()], &[a2.id.clone()], now()).unwrap();
    assert_eq!(history_keys(store.backend(), &a.id).len(), 1);
    assert!(Store::new(store.backend().clone(), "test").load().cases.contains(&a2));
}

#[test]
fn an_import_that_does_not_fit_removes_its_history_records_too() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let here = with_history(1, 2);
    store.save(&here, now()).unwrap();
    let before = store.backend().items.clone();
    let used: usize = before.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    store.backend_mut().limit_units = Some(used + 3000);
    let mut replacement = here.clone();
    add_version(&mut replacement, 2);
    let big = with_history(3, 6);
    let mut huge = with_history(4, 1);
    huge.plan.person_wishes = "長".repeat(5000);
    let result = store.import_all(&[replacement, big, huge], std::slice::from_ref(&here.id), now());
    assert!(matches!(result, Err(ImportError::Full { .. })), "{result:?}");
    assert_eq!(store.backend().items, before);
}

#[test]
fn an_import_over_a_case_with_a_damaged_history_keeps_both_records_set_aside() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let case = with_history(1, 2);
    store.save(&case, now()).unwrap();
    let hkey = history_keys(store.backend(), &case.id).remove(0);
    store.backend_mut().set(&hkey, "deflate1:壊れた").unwrap();
    let mut store = Store::new(store.backend().clone(), "test");
    assert!(store.load().cases.is_empty());
    let imported = store.import_all(std::slice::from_ref(&case), &[], now()).unwrap();
    assert_eq!(imported.moved.len(), 2);
    assert!(imported.moved[1].raw == "deflate1:壊れた");
    let loaded = Store::new(store.backend().clone(), "test").load();
    assert_eq!(loaded.cases, vec![case]);
    assert!(loaded.set_aside.iter().any(|s| s.raw == "deflate1:壊れた"));
    // The damaged record is still where it was, too.
    assert_eq!(store.backend().get(&hkey).as_deref(), Some("deflate1:壊れた"));
}

#[test]
fn another_tab_sees_the_whole_case_when_a_plan_is_made_final() {
    let shared = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut tab_a = Store::new(shared.clone(), "test");
    let mut tab_b = Store::new(shared.clone(), "test");
    let mut case = with_history(1, 1);
    tab_a.save(&case, now()).unwrap();
    tab_b.load();
    add_version(&mut case, 1);
    tab_a.save(&case, now()).unwrap();
    // The history record's own event is not a case.
    for key in history_keys(&*shared.borrow(), &case.id) {
        assert_eq!(tab_b.external_change(&key), None);
    }
    match tab_b.external_change(&case_key(&case.id)) {
        Some(ExternalChange::Updated(c)) => assert_eq!(*c, case),
        other => panic!("expected the whole case, got {other:?}"),
    }
    // B's next save goes through and keeps A's history.
    let mut in_b = case.clone();
    in_b.archived = true;
    tab_b.save(&in_b, now()).unwrap();
    assert_eq!(Store::new(shared.clone(), "test").load().cases, vec![in_b.clone()]);
    // B deleting the case removes its history record too.
    tab_b.delete(&case.id);
    assert!(shared.borrow().items.is_empty(), "{:?}", shared.borrow().items.keys().collect::<Vec<_>>());
}

#[test]
fn the_history_record_is_sealed_as_deflated_bytes_under_a_passphrase() {
    let mut backend = Sealed::new(MemoryBackend::default());
    backend.set_passphrase(&crate::seal::key(1), crate::seal::kdf(), crate::seal::key(2), crate::seal::test_random).unwrap();
    let mut store = Store::new(backend, "test");
    let case = with_history(1, 6);
    store.save(&case, now()).unwrap();
    let inner = store.backend().inner().clone();
    let hkey = history_keys(&inner, &case.id).remove(0);
    let stored = inner.get(&hkey).unwrap();
    assert!(stored.starts_with("{\"sealed\":1") && stored.contains("\"deflated\":true"));
    for (key, value) in &inner.items {
        assert!(!value.contains("夜間の見守り") && !value.contains("本人の言葉"), "{key} in the clear");
    }
    // Denser than the same record sealed as text: about 0.55 units per deflated byte.
    let packed = soudan_workbench::store::history::packed_bytes(&store.backend().get(&hkey).unwrap()).unwrap();
    assert!(stored.encode_utf16().count() < packed.len() * 6 / 10 + 200, "{} units for {} bytes", stored.encode_utf16().count(), packed.len());
    let mut reopened = Sealed::new(inner.clone());
    reopened.unlock(&crate::seal::key(1), crate::seal::test_random).unwrap();
    assert_eq!(Store::new(reopened, "test").load().cases, vec![case.clone()]);

    // A history record put in the clear by someone else is a stray: the case is set aside.
    let mut inner2 = inner.clone();
    inner2.set(&hkey, &store.backend().get(&hkey).unwrap()).unwrap();
    let mut other = Sealed::new(inner2);
    other.unlock(&crate::seal::key(1), crate::seal::test_random).unwrap();
    let loaded = Store::new(other, "test").load();
    assert!(loaded.cases.is_empty());
    assert!(loaded.set_aside.iter().any(|s| s.key == hkey && s.reason == SetAsideReason::InClear));
}

#[test]
fn history_records_are_sealed_by_a_first_passphrase_and_resealed_by_a_change() {
    let mut store = Store::new(Sealed::new(MemoryBackend::default()), "test");
    let case = with_history(1, 3);
    store.save(&case, now()).unwrap();
    let hkey = history_keys(store.backend(), &case.id).remove(0);
    assert!(store.backend().inner().get(&hkey).unwrap().starts_with("deflate1:"));

    let backend = store.backend_mut();
    backend.set_passphrase(&crate::seal::key(1), crate::seal::kdf(), crate::seal::key(2), crate::seal::test_random).unwrap();
    assert!(backend.inner().get(&hkey).unwrap().contains("\"deflated\":true"));
    backend.set_passphrase(&crate::seal::key(3), crate::seal::kdf(), crate::seal::key(4), crate::seal::test_random).unwrap();
    let mut reopened = Sealed::new(store.backend().inner().clone());
    reopened.unlock(&crate::seal::key(3), crate::seal::test_random).unwrap();
    assert_eq!(Store::new(reopened, "test").load().cases, vec![case]);
}

#[test]
fn meetings_and_the_eco_maps_of_final_plans_are_history_too() {
    use soudan_workbench::domain::ecomap::{propose, FinalEcoMap};
    use soudan_workbench::domain::meeting::{AttendeeForm, MeetingForm};
    let mut store = Store::new(Watched::default(), "test");
    let mut case = with_history(1, 1);
    case.intake.family = "母と2人暮らし。".into();
    let map = propose(&case);
    case.final_eco_maps.push(FinalEcoMap { plan_version: 1, map: map.clone() });
    case.eco_map = Some(map);
    let form = MeetingForm {
        held_on: "2027-05-20".into(),
        place: "本人の自宅".into(),
        attendees: vec![AttendeeForm { role: "person".into(), affiliation: "本人".into(), present: true, ..AttendeeForm::default() }],
        items: "通所の回数".into(),
        conclusion: "週4回にする".into(),
        ..MeetingForm::default()
    };
    case.record_meeting(&form).unwrap();
    store.save(&case, now()).unwrap();
    let raw: serde_json::Value = serde_json::from_str(&store.backend().get(&case_key(&case.id)).unwrap()).unwrap();
    assert!(raw["case"].get("team_meetings").is_none(), "meetings are written with the history: {}", raw["case"]);
    assert!(raw["case"].get("final_eco_maps").is_none(), "{}", raw["case"]);
    assert!(raw["case"]["eco_map"].is_object(), "the working map stays in the case record");
    // A keystroke leaves the history record alone; reading joins them back.
    store.backend().writes.borrow_mut().clear();
    case.plan.person_wishes.push('あ');
    store.save(&case, now()).unwrap();
    assert_eq!(*store.backend().writes.borrow(), vec![case_key(&case.id)]);
    let loaded = Store::new(store.backend().inner.clone(), "test").load().cases;
    assert_eq!(loaded, vec![case]);
}

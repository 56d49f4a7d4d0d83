//! Importing a file into storage (`Store::import_all`, `read_export_file`, `file_text`): all
//! or nothing even when storage fills up half-way, a case restored over its set-aside record
//! with the damaged copy kept, duplicate ids and non-UTF-8 text refused.

use chrono::{DateTime, FixedOffset};
use soudan_workbench::domain::{Case, CaseId, NewCase};
use soudan_workbench::store::seal::{Key, Sealed};
use soudan_workbench::store::{
    case_key, export_cases, export_set_aside, file_text, read_export_file, Backend, ImportError, MemoryBackend,
    Store, SET_ASIDE_PREFIX,
};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-27T10:42:00+09:00").unwrap()
}

fn later() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-01T09:00:00+09:00").unwrap()
}

fn case(n: u128, name: &str) -> Case {
    let form = NewCase { name: name.into(), ..NewCase::default() };
    Case::create(CaseId::from_random(n), &form, now()).unwrap()
}

/// A case whose stored record is about `chars` UTF-16 units long.
fn case_of_size(n: u128, name: &str, chars: usize) -> Case {
    let mut c = case(n, name);
    c.plan.person_wishes = "あ".repeat(chars);
    c
}

fn used_units(items: &BTreeMap<String, String>) -> usize {
    items.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum()
}

fn ids(cases: &[Case]) -> Vec<CaseId> {
    let mut ids: Vec<CaseId> = cases.iter().map(|c| c.id.clone()).collect();
    ids.sort_by_key(|id| id.to_string());
    ids
}

#[test]
fn an_import_that_does_not_fit_stores_nothing_and_puts_back_what_it_replaced() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let (a, b) = (case_of_size(1, "A", 500), case_of_size(2, "B", 2_000));
    store.save(&a, now()).unwrap();
    store.save(&b, now()).unwrap();
    let before = store.backend().items.clone();
    // Room for about three small cases more.
    store.backend_mut().limit_units = Some(used_units(&before) + 3 * 1_500);

    // The file replaces A with a larger version and B with a smaller one (so putting them
    // back must free space before it takes any), then brings ten new cases of ~1,000 units.
    let mut file = vec![case_of_size(1, "A（ファイルの版）", 1_500), case_of_size(2, "B（ファイルの版）", 10)];
    file.extend((10..20).map(|n| case_of_size(n, "新", 1_000)));
    let replace = [a.id.clone(), b.id.clone()];
    let err = store.import_all(&file, &replace, later()).unwrap_err();
    let ImportError::Full { total, fitted } = err.clone() else { panic!("{err:?}") };
    assert_eq!(total, 12);
    assert!((3..12).contains(&fitted), "fitted {fitted}");
    assert_eq!(store.backend().items, before, "storage is byte-identical after the failed import");
    let message = err.message();
    assert!(message.contains("何も読み込んでいません"), "{message}");
    assert!(message.contains(&format!("12件のうち約{fitted}件分")), "{message}");
    assert!(message.contains("削除") && message.contains("書き出す"), "what to do: {message}");

    // This tab's revisions are as before: its next save of A is not taken for a conflict.
    let mut a2 = a.clone();
    a2.certificate_no = "1234567890".into();
    store.save(&a2, later()).unwrap();
    let before = store.backend().items.clone();

    // With room, the same file goes in whole.
    store.backend_mut().limit_units = None;
    store.import_all(&file, &replace, later()).unwrap();
    assert_ne!(store.backend().items, before);
    let loaded = Store::new(store.backend().clone(), "test").load();
    assert_eq!(ids(&loaded.cases), ids(&file));
    assert!(loaded.cases.contains(&file[0]) && loaded.cases.contains(&file[1]));
    assert!(loaded.set_aside.is_empty());
    // And this tab saves on top of what it imported without a conflict.
    store.save(&file[0], later()).unwrap();
}

#[test]
fn putting_back_frees_space_before_it_takes_any() {
    // B shrinks by about as much as A grows: the import fits them, then fails on a new case.
    // Putting B back first would need the room A still takes.
    let mut store = Store::new(MemoryBackend::default(), "test");
    let (a, b) = (case_of_size(1, "A", 500), case_of_size(2, "B", 2_000));
    store.save(&a, now()).unwrap();
    store.save(&b, now()).unwrap();
    let before = store.backend().items.clone();
    store.backend_mut().limit_units = Some(used_units(&before) + 100);
    let file = [case_of_size(2, "B", 10), case_of_size(1, "A", 2_400), case_of_size(3, "C", 1_000)];
    let err = store.import_all(&file, &[a.id.clone(), b.id.clone()], now()).unwrap_err();
    assert_eq!(err, ImportError::Full { total: 3, fitted: 2 });
    assert_eq!(store.backend().items, before);
}

#[test]
fn a_case_that_does_not_fit_at_all_is_said_plainly() {
    let mut store = Store::new(MemoryBackend { limit_units: Some(100), ..MemoryBackend::default() }, "test");
    let err = store.import_all(&[case_of_size(1, "A", 500)], &[], now()).unwrap_err();
    assert_eq!(err, ImportError::Full { total: 1, fitted: 0 });
    assert!(err.message().contains("1件のケースは、1件も今の空きに入りません"), "{}", err.message());
    assert!(store.backend().items.is_empty());
}

#[test]
fn an_import_never_replaces_a_case_it_was_not_told_to() {
    // Another tab stored case 2 after this one read the list: its record stays.
    let shared = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut store = Store::new(shared.clone(), "test");
    store.load();
    let theirs = case(2, "別のタブ");
    Store::new(shared.clone(), "test").save(&theirs, now()).unwrap();
    let before = shared.borrow().items.clone();
    let file = [case(1, "A"), case(2, "ファイルの版"), case(3, "C")];
    assert_eq!(store.import_all(&file, &[], now()).unwrap_err(), ImportError::Conflict(theirs.id.clone()));
    assert_eq!(shared.borrow().items, before);
}

#[test]
fn a_failed_import_under_a_passphrase_puts_the_sealed_records_back_byte_for_byte() {
    static STATE: AtomicU64 = AtomicU64::new(7);
    fn random(buf: &mut [u8]) {
        for b in buf {
            *b = (STATE.fetch_add(0x9e37_79b9, Ordering::Relaxed) >> 7) as u8;
        }
    }
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut store = Store::new(Sealed::new(storage.clone()), "test");
    let a = case_of_size(1, "A", 300);
    store.save(&a, now()).unwrap();
    let kdf = soudan_workbench::store::seal::Kdf::new(random);
    store.backend_mut().set_passphrase(&Key::from_bytes([3; 32]), kdf, Key::from_bytes([4; 32]), random).unwrap();
    let before = storage.borrow().items.clone();
    storage.borrow_mut().limit_units = Some(used_units(&before) + 4_000);

    let file: Vec<Case> =
        std::iter::once(case_of_size(1, "A（ファイルの版）", 300)).chain((10..30).map(|n| case_of_size(n, "新", 500))).collect();
    assert!(matches!(store.import_all(&file, std::slice::from_ref(&a.id), now()), Err(ImportError::Full { total: 21, .. })));
    assert_eq!(storage.borrow().items, before, "the sealed records are as they were, nonces and all");
}

#[test]
fn a_case_restores_over_its_set_aside_record_and_the_damaged_copy_stays_set_aside() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let a = case(1, "戻す A");
    let other = case(2, "ほか");
    store.save(&a, now()).unwrap();
    store.save(&other, now()).unwrap();
    let export = export_cases(std::slice::from_ref(&a), now(), "test");
    let damaged = r#"{"schema_version":6,"case":{"id":"#;
    store.backend_mut().set(&case_key(&a.id), damaged).unwrap();

    // As after a reload: the damaged record is set aside.
    let mut store = Store::new(store.backend().clone(), "test");
    let loaded = store.load();
    assert_eq!(loaded.cases, std::slice::from_ref(&other));
    assert_eq!(loaded.set_aside.len(), 1);

    let file = read_export_file(&export).unwrap();
    let imported = store.import_all(&file, &[], later()).unwrap();
    assert_eq!(imported.moved.len(), 1);
    let moved = &imported.moved[0];
    assert!(moved.key.starts_with(&format!("{SET_ASIDE_PREFIX}{}/", a.id)), "{}", moved.key);
    assert_eq!(moved.raw, damaged);
    assert_eq!(store.backend().get(&moved.key).as_deref(), Some(damaged));

    // This tab goes on saving the restored case (no conflict).
    let mut edited = file[0].clone();
    edited.certificate_no = "5550001111".into();
    assert_eq!(store.save(&edited, later()), Ok(()));

    // After a reload: the case is back, the damaged copy is still set aside and exportable.
    let mut reloaded = Store::new(store.backend().clone(), "test");
    let loaded = reloaded.load();
    assert_eq!(ids(&loaded.cases), ids(&[a.clone(), other]));
    assert!(loaded.cases.contains(&edited));
    assert_eq!(loaded.set_aside.len(), 1);
    assert_eq!(loaded.set_aside[0].key, moved.key);
    assert_eq!(loaded.set_aside[0].raw, damaged);
    assert!(loaded.set_aside[0].reason.message().contains("壊れている"));
    let v: serde_json::Value = serde_json::from_str(&export_set_aside(&loaded.set_aside, later(), "test")).unwrap();
    assert_eq!(v["records"][0]["raw"], damaged);
    assert_eq!(reloaded.set_aside_copy(&moved.key).unwrap(), loaded.set_aside[0]);

    // Restoring the same export a second time after damaging it again keeps both copies.
    reloaded.backend_mut().set(&case_key(&a.id), "again broken").unwrap();
    let mut again = Store::new(reloaded.backend().clone(), "test");
    again.load();
    let second = again.import_all(&file, &[], later()).unwrap();
    assert_ne!(second.moved[0].key, moved.key, "a second copy at the same moment gets its own key");
    assert_eq!(Store::new(again.backend().clone(), "test").load().set_aside.len(), 2);

    // The wipe removes the set-aside copies too.
    assert!(again.wipe().is_empty());
    assert!(again.backend().items.is_empty());
}

#[test]
fn a_damaged_sealed_record_is_kept_sealed_when_its_case_is_restored() {
    fn random(buf: &mut [u8]) {
        static STATE: AtomicU64 = AtomicU64::new(11);
        for b in buf {
            *b = (STATE.fetch_add(0x9e37_79b9, Ordering::Relaxed) >> 9) as u8;
        }
    }
    let marker = "ヤマモト・ハナコ";
    let mut store = Store::new(Sealed::new(MemoryBackend::default()), "test");
    let kdf = soudan_workbench::store::seal::Kdf::new(random);
    store.backend_mut().set_passphrase(&Key::from_bytes([3; 32]), kdf, Key::from_bytes([4; 32]), random).unwrap();
    let a = case(1, marker);
    let export = export_cases(std::slice::from_ref(&a), now(), "test");
    // Sealed but not a case record (damaged inside): it opens, and its text names the person.
    let damaged = format!(r#"{{"schema_version":6,"case":{{"name":"{marker}""#);
    store.backend_mut().set(&case_key(&a.id), &damaged).unwrap();
    assert_eq!(store.load().set_aside.len(), 1);

    let imported = store.import_all(&read_export_file(&export).unwrap(), &[], now()).unwrap();
    let key = &imported.moved[0].key;
    let inner = store.backend().inner();
    assert!(inner.items.values().all(|v| !v.contains(marker)), "nothing in the clear: {:?}", inner.items);
    assert!(soudan_workbench::store::seal::is_sealed_value(&inner.items[key]));
    let loaded = store.load();
    assert_eq!(loaded.cases, [a]);
    assert_eq!(loaded.set_aside.len(), 1);
    assert_eq!(loaded.set_aside[0].raw, damaged);
}

#[test]
fn restoring_replaces_a_case_here_only_when_told_and_keeps_no_copy_of_a_good_record() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let a = case(1, "A");
    store.save(&a, now()).unwrap();
    let mut file_a = a.clone();
    file_a.certificate_no = "0000000001".into();
    let imported = store.import_all(std::slice::from_ref(&file_a), std::slice::from_ref(&a.id), later()).unwrap();
    assert!(imported.moved.is_empty());
    assert_eq!(Store::new(store.backend().clone(), "test").load().cases, [file_a.clone()]);
    assert_eq!(store.save(&file_a, later()), Ok(()));
    assert_eq!(store.backend().keys().len(), 1);
}

#[test]
fn two_records_with_one_id_refuse_the_file_naming_both() {
    let (a, b) = (case(1, "A"), case(2, "B"));
    let mut copy = a.clone();
    copy.name = soudan_workbench::domain::case::CaseName::parse("A の別の版").unwrap();
    let text = export_cases(&[a.clone(), b, copy], now(), "test");
    let err = read_export_file(&text).unwrap_err();
    assert!(err.starts_with("1件目と3件目のケース（cases[0] と cases[2]）が同じ番号（id: "), "{err}");
    assert!(err.contains(&a.id.to_string()), "{err}");
}

#[test]
fn text_that_is_not_utf8_is_refused_and_a_bom_is_dropped() {
    // 「あいう」 in Shift_JIS.
    let sjis = [0x82, 0xA0, 0x82, 0xA2, 0x82, 0xA4];
    let err = file_text(&sjis).unwrap_err();
    assert!(err.starts_with("文字コードが UTF-8 ではありません"), "{err}");
    assert_eq!(file_text("あいう".as_bytes()).unwrap(), "あいう");
    assert_eq!(file_text(b"\xEF\xBB\xBF{}").unwrap(), "{}");
    assert!(file_text(&[0xFF, 0xFE, b'{', 0]).is_err(), "UTF-16 too");
}

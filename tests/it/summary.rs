//! The case list reads summaries (`Store::load_list`), not whole cases: they must say what
//! the whole cases say, and set aside the same records.

use chrono::{DateTime, FixedOffset};
use soudan_workbench::domain::summary::CaseSummary;
use soudan_workbench::domain::Case;
use soudan_workbench::store::{read_export_file, Backend, MemoryBackend, Store, SCHEMA_VERSION};
use std::path::Path;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2027-06-01T10:00:00+09:00").unwrap()
}

fn samples() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/samples");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "index.json" {
            continue;
        }
        cases.extend(read_export_file(&std::fs::read_to_string(&path).unwrap()).unwrap());
    }
    assert!(cases.len() >= 4);
    cases
}

/// Both ways of reading `backend`: whole cases' summaries and the list's, by id order.
fn both<B: Backend + Clone>(backend: &B) -> (Vec<CaseSummary>, Vec<CaseSummary>, Vec<String>, Vec<String>) {
    let whole = Store::new(backend.clone(), "test").load();
    let list = Store::new(backend.clone(), "test").load_list();
    let mut a: Vec<CaseSummary> = whole.cases.iter().map(Case::summary).collect();
    let mut b = list.cases;
    a.sort_by(|x, y| x.id.cmp(&y.id));
    b.sort_by(|x, y| x.id.cmp(&y.id));
    let keys = |l: Vec<soudan_workbench::store::SetAside>| l.into_iter().map(|r| r.key).collect::<Vec<_>>();
    (a, b, keys(whole.set_aside), keys(list.set_aside))
}

#[test]
fn the_list_reads_what_the_whole_cases_say_for_every_sample_split_or_not() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let cases = samples();
    for c in &cases {
        store.save(c, now()).unwrap();
    }
    let backend = store.backend().clone();
    // Sample 3 has recorded monitorings: its history record holds them, and the list's
    // 次の予定 must count them done.
    assert!(backend.keys().iter().any(|k| k.contains("/history/")), "no case was stored split");
    let (whole, list, _, _) = both(&backend);
    assert_eq!(list.len(), cases.len());
    assert_eq!(list, whole);
    assert!(list.iter().any(|s| !s.held.is_empty()), "no summary read a recorded monitoring");
}

#[test]
fn the_list_reads_every_old_schema_version_as_the_whole_cases() {
    for version in 1..=SCHEMA_VERSION {
        let (backend, _) = crate::migrations::fixture_backend(version);
        let (whole, list, whole_aside, list_aside) = both(&backend);
        assert!(!list.is_empty() || !list_aside.is_empty(), "v{version}: nothing read");
        assert_eq!(list, whole, "v{version}");
        assert_eq!(list_aside, whole_aside, "v{version}");
    }
}

#[test]
fn the_list_sets_aside_what_loading_whole_sets_aside() {
    let mut store = Store::new(MemoryBackend::default(), "test");
    let cases = samples();
    for c in &cases {
        store.save(c, now()).unwrap();
    }
    let mut backend = store.backend().clone();
    let key = |c: &Case| format!("soudan-workbench/case/{}", c.id.as_str());
    // Broken JSON, a future version, a record under another case's key, a missing history
    // record, a history record that is not the one named.
    backend.set(&key(&cases[0]), "{\"schema_version\":9,\"case\":{").unwrap();
    let future = backend.get(&key(&cases[1])).unwrap().replacen(&format!("\"schema_version\":{SCHEMA_VERSION}"), "\"schema_version\":99", 1);
    backend.set(&key(&cases[1]), &future).unwrap();
    backend.set("soudan-workbench/case/someone-else", &backend.get(&key(&cases[3])).unwrap()).unwrap();
    let split = cases.iter().find(|c| backend.keys().iter().any(|k| k.starts_with(&format!("{}/history/", key(c))))).unwrap();
    let history: Vec<String> = backend.keys().into_iter().filter(|k| k.starts_with(&format!("{}/history/", key(split)))).collect();
    let (whole, list, whole_aside, list_aside) = both(&backend);
    assert_eq!(list, whole);
    assert_eq!(list_aside, whole_aside);
    assert_eq!(list_aside.len(), 3, "{list_aside:?}");
    for h in history {
        backend.remove(&h);
    }
    let (whole, list, whole_aside, list_aside) = both(&backend);
    assert_eq!(list, whole);
    assert_eq!(list_aside, whole_aside);
    assert!(list_aside.contains(&key(split)));
}

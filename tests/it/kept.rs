//! Unsaved edits kept through a lock (`store::kept`): sealed in memory when the tab must
//! lock (the passphrase changed in another tab, a conflict waiting, a full store), opened by
//! the next unlock — with the new passphrase after a change elsewhere — and saved through
//! the two-tab rules, never dropped, never written over another tab's record.

use super::seal::{kdf, key, now, test_random};
use soudan_workbench::domain::{Case, CaseId, NewCase};
use soudan_workbench::store::seal::{Sealed, UnlockError, VAULT_KEY};
use soudan_workbench::store::{Backend, MemoryBackend, SaveError, Store};
use std::cell::RefCell;
use std::rc::Rc;

type Tab = Store<Sealed<Rc<RefCell<MemoryBackend>>>>;

const NAME: &str = "ヤマモト・サクラ";
/// 18 characters typed just before the lock.
const TYPED: &str = "海の見える町で暮らしたいと話された。";

fn case(n: u128) -> Case {
    let form = NewCase { name: format!("{NAME}{n}"), ..NewCase::default() };
    Case::create(CaseId::from_random(n), &form, now()).unwrap()
}

/// Two tabs over one storage, both unlocked with passphrase 7; the case is stored.
fn two_tabs(storage: &Rc<RefCell<MemoryBackend>>, c: &Case) -> (Tab, Tab) {
    let mut a = Store::new(Sealed::new(storage.clone()), "test");
    a.save(c, now()).unwrap();
    a.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    let mut b = Store::new(Sealed::new(storage.clone()), "test");
    b.backend_mut().unlock(&key(7), test_random).unwrap();
    b.load();
    (a, b)
}

fn typed(c: &Case) -> Case {
    let mut edited = c.clone();
    edited.plan.person_wishes = TYPED.into();
    edited
}

fn stored(storage: &Rc<RefCell<MemoryBackend>>, passphrase: u8) -> Vec<Case> {
    let mut c = Store::new(Sealed::new(storage.borrow().clone()), "test");
    c.backend_mut().unlock(&key(passphrase), test_random).unwrap();
    c.load().cases
}

#[test]
fn edits_typed_when_another_tab_changes_the_passphrase_are_kept_sealed_and_saved_after_unlocking_with_the_new_one() {
    assert_eq!(TYPED.chars().count(), 18);
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let c = case(1);
    let (mut a, mut b) = two_tabs(&storage, &c);
    let edit = typed(&c);

    b.backend_mut().set_passphrase(&key(9), kdf(), key(90), test_random).unwrap();
    assert!(a.backend().vault_changed());
    assert_eq!(a.save(&edit, now()), Err(SaveError::Locked), "the stale key writes nothing");

    let kept = a.keep_edits(vec![(edit.clone(), false)]).expect("sealed with the key this tab holds");
    a.backend_mut().lock();
    assert_eq!(kept.len(), 1);
    let clear = String::from_utf8_lossy(kept.sealed_bytes());
    assert!(!clear.contains(NAME) && !clear.contains("海の見える"), "kept edits are in the clear");

    // The old passphrase no longer opens anything; the new one opens the kept edits too.
    assert_eq!(a.backend_mut().unlock(&key(7), test_random), Err(UnlockError::WrongPassphrase));
    assert!(a.take_back(&kept).is_none(), "locked: nothing opens");
    a.backend_mut().unlock(&key(9), test_random).unwrap();
    a.load();
    let back = a.take_back(&kept).expect("the new passphrase opens what was kept under the old one");
    assert_eq!(back.len(), 1);
    assert_eq!((&back[0].case, back[0].conflict), (&edit, false));
    a.save(&back[0].case, now()).expect("nobody changed the record meanwhile: saved");
    assert_eq!(stored(&storage, 9), vec![edit]);
}

#[test]
fn a_conflict_open_at_the_lock_comes_back_as_a_conflict() {
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let c = case(2);
    let (mut a, mut b) = two_tabs(&storage, &c);
    let mine = typed(&c);
    let mut theirs = c.clone();
    theirs.plan.support_policy = "別のタブの方針".into();
    b.save(&theirs, now()).unwrap();
    a.external_change(&soudan_workbench::store::case_key(&c.id)); // A: a conflict (its edit unsaved)
    b.backend_mut().set_passphrase(&key(9), kdf(), key(90), test_random).unwrap();

    let kept = a.keep_edits(vec![(mine.clone(), true)]).unwrap();
    a.backend_mut().lock();
    a.backend_mut().unlock(&key(9), test_random).unwrap();
    a.load();
    let back = a.take_back(&kept).unwrap();
    assert_eq!((&back[0].case, back[0].conflict), (&mine, true), "the choice is still the user's");
    assert_eq!(stored(&storage, 9), vec![theirs], "nothing written over the other tab's record");
}

#[test]
fn a_record_another_tab_changed_or_deleted_while_locked_makes_the_kept_edit_a_conflict() {
    for deleted in [false, true] {
        let storage = Rc::new(RefCell::new(MemoryBackend::default()));
        let c = case(3);
        let (mut a, mut b) = two_tabs(&storage, &c);
        let kept = a.keep_edits(vec![(typed(&c), false)]).unwrap();
        a.backend_mut().lock();
        let mut theirs = c.clone();
        theirs.plan.support_policy = "ロック中に別のタブで".into();
        if deleted {
            b.delete(&c.id);
        } else {
            b.save(&theirs, now()).unwrap();
        }
        a.backend_mut().unlock(&key(7), test_random).unwrap();
        a.load();
        let back = a.take_back(&kept).unwrap();
        assert_eq!(a.save(&back[0].case, now()), Err(SaveError::Conflict), "deleted: {deleted}");
        assert_eq!(stored(&storage, 7), if deleted { vec![] } else { vec![theirs] });
    }
}

#[test]
fn a_new_case_never_stored_is_kept_and_saved_as_new() {
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let (mut a, _b) = two_tabs(&storage, &case(4));
    let fresh = case(5);
    let kept = a.keep_edits(vec![(fresh.clone(), false)]).unwrap();
    a.backend_mut().lock();
    a.backend_mut().unlock(&key(7), test_random).unwrap();
    a.load();
    let back = a.take_back(&kept).unwrap();
    assert_eq!(back[0].base, None);
    a.save(&back[0].case, now()).unwrap();
    assert_eq!(stored(&storage, 7).len(), 2);
}

#[test]
fn on_a_full_store_the_edit_is_kept_through_the_lock_and_saved_once_there_is_room() {
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let c = case(6);
    let (mut a, _b) = two_tabs(&storage, &c);
    let mut edit = typed(&c);
    edit.plan.support_policy = "長い追記".repeat(50);
    let used: usize = storage.borrow().items.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    storage.borrow_mut().limit_units = Some(used + 10);
    assert_eq!(a.save(&edit, now()), Err(SaveError::QuotaExceeded));

    let kept = a.keep_edits(vec![(edit.clone(), false)]).expect("kept in memory: a full store cannot refuse it");
    a.backend_mut().lock();
    a.backend_mut().unlock(&key(7), test_random).unwrap();
    a.load();
    let back = a.take_back(&kept).unwrap();
    assert_eq!(a.save(&back[0].case, now()), Err(SaveError::QuotaExceeded), "still full: the UI keeps it as unsaved");
    storage.borrow_mut().limit_units = None;
    a.save(&back[0].case, now()).unwrap();
    assert_eq!(stored(&storage, 7), vec![edit]);
}

#[test]
fn a_vault_of_an_earlier_version_gets_a_key_for_kept_edits_at_unlock_and_keeps_working() {
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let c = case(7);
    let (mut a, _) = two_tabs(&storage, &c);
    // The vault as the previous version wrote it: no key for kept edits.
    let mut vault: serde_json::Value = serde_json::from_str(&storage.borrow().get(VAULT_KEY).unwrap()).unwrap();
    vault.as_object_mut().unwrap().remove("edits");
    storage.borrow_mut().set(VAULT_KEY, &vault.to_string()).unwrap();
    a.backend_mut().lock();
    a.backend_mut().unlock(&key(7), test_random).unwrap();
    let now_vault: serde_json::Value = serde_json::from_str(&storage.borrow().get(VAULT_KEY).unwrap()).unwrap();
    assert!(now_vault.get("edits").is_some(), "the unlock added it");
    a.load();

    let mut b = Store::new(Sealed::new(storage.clone()), "test");
    b.backend_mut().unlock(&key(7), test_random).unwrap();
    let kept = a.keep_edits(vec![(typed(&c), false)]).unwrap();
    a.backend_mut().lock();
    b.backend_mut().set_passphrase(&key(9), kdf(), key(90), test_random).unwrap();
    a.backend_mut().unlock(&key(9), test_random).unwrap();
    a.load();
    assert!(a.take_back(&kept).is_some());

    // A store too full to add it: kept edits go under the current data key, and still open.
    let full = Rc::new(RefCell::new(MemoryBackend::default()));
    let (mut a, _) = two_tabs(&full, &c);
    full.borrow_mut().set(VAULT_KEY, &vault.to_string()).unwrap();
    let used: usize = full.borrow().items.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
    full.borrow_mut().limit_units = Some(used);
    a.backend_mut().lock();
    a.backend_mut().unlock(&key(7), test_random).unwrap();
    a.load();
    let kept = a.keep_edits(vec![(typed(&c), false)]).unwrap();
    a.backend_mut().lock();
    a.backend_mut().unlock(&key(7), test_random).unwrap();
    a.load();
    assert_eq!(a.take_back(&kept).unwrap()[0].case, typed(&c));
}

#[test]
fn after_a_wipe_and_a_new_passphrase_kept_edits_do_not_open_and_nothing_changes() {
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let c = case(8);
    let (mut a, mut b) = two_tabs(&storage, &c);
    let kept = a.keep_edits(vec![(typed(&c), false)]).unwrap();
    a.backend_mut().lock();
    b.backend_mut().lock();
    b.wipe();
    b.backend_mut().set_passphrase(&key(7), kdf(), key(71), test_random).unwrap();
    a.backend_mut().unlock(&key(7), test_random).unwrap();
    a.load();
    assert!(a.take_back(&kept).is_none(), "a new vault has a new key for kept edits");
}

#[test]
fn without_a_passphrase_there_is_no_key_and_nothing_is_kept() {
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let a: Tab = Store::new(Sealed::new(storage.clone()), "test");
    assert!(a.keep_edits(vec![(case(9), false)]).is_none());
}

#[test]
fn a_plan_made_final_just_before_the_lock_is_kept_and_saved_whole_with_its_history() {
    use soudan_workbench::domain::plan::PlanStatus;
    let storage = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut c = case(9);
    let mut plan = c.plan.clone();
    plan.status = PlanStatus::Final;
    c.final_plans.push(plan.clone());
    let (mut a, _b) = two_tabs(&storage, &c);
    // A second version, not yet saved when the tab locks.
    let mut edit = typed(&c);
    plan.person_wishes = TYPED.into();
    edit.final_plans.push(plan);
    let kept = a.keep_edits(vec![(edit.clone(), false)]).unwrap();
    a.backend_mut().lock();
    a.backend_mut().unlock(&key(7), test_random).unwrap();
    a.load();
    let back = a.take_back(&kept).unwrap();
    a.save(&back[0].case, now()).expect("saved through the two-tab rules");
    let history: Vec<String> =
        storage.borrow().items.keys().filter(|k| k.contains("/history/")).cloned().collect();
    assert_eq!(history.len(), 1, "the old history record is replaced, not left beside: {history:?}");
    assert_eq!(stored(&storage, 7), vec![edit]);
}

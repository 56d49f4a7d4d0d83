//! Two tabs saving one case in the same instant (issue 19, item 3). localStorage has no
//! compare-and-set across tabs: in Chromium each tab reads its own copy of the storage,
//! and another tab's write reaches it a little later, with a `storage` event. `Browser`
//! below models that, so the interleavings can be played out one step at a time: both
//! tabs read revision N, both write N+1, and the events arrive late, in either order,
//! after yet another write. Whatever the order, no edit may be kept from one tab only
//! without that tab being told.

use chrono::{DateTime, FixedOffset};
use soudan_workbench::domain::{Case, CaseId, CaseName, NewCase};
use soudan_workbench::store::seal::{Kdf, Key, Sealed};
use soudan_workbench::store::{case_key, Backend, BackendError, ExternalChange, SaveError, Store};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-27T10:42:00+09:00").unwrap()
}

fn new_case() -> Case {
    let form = NewCase { name: "競合 R".into(), ..NewCase::default() };
    Case::create(CaseId::from_random(7), &form, now()).unwrap()
}

/// One browser profile's localStorage as its tabs see it. Each tab reads its own copy; a
/// write changes the writer's copy at once and is queued for the browser, which applies
/// queued writes in order (`deliver`) to the real store and to every other tab's copy —
/// except a tab that has a write of the same key still queued, which keeps its own value
/// (as Chromium's per-tab cache does) — and gives each other tab a `storage` event with
/// the written value.
#[derive(Default)]
struct Browser {
    truth: BTreeMap<String, String>,
    copies: Vec<BTreeMap<String, String>>,
    queue: Vec<(usize, String, String)>,
    /// Per tab: (key, newValue) of the events not yet handled.
    events: Vec<Vec<(String, String)>>,
}

impl Browser {
    fn new() -> Rc<RefCell<Browser>> {
        Rc::new(RefCell::new(Browser::default()))
    }

    /// Applies the oldest queued write.
    fn deliver(&mut self) {
        let (from, key, value) = self.queue.remove(0);
        self.truth.insert(key.clone(), value.clone());
        for tab in 0..self.copies.len() {
            if tab == from {
                continue;
            }
            if !self.queue.iter().any(|(t, k, _)| *t == tab && *k == key) {
                self.copies[tab].insert(key.clone(), value.clone());
            }
            self.events[tab].push((key.clone(), value.clone()));
        }
    }

    fn deliver_all(&mut self) {
        while !self.queue.is_empty() {
            self.deliver();
        }
    }

    fn stored_case(&self, id: &CaseId) -> Case {
        let raw = &self.truth[&case_key(id)];
        soudan_workbench::store::envelope::read(raw).unwrap().case
    }
}

struct Tab {
    n: usize,
    browser: Rc<RefCell<Browser>>,
}

fn tab(browser: &Rc<RefCell<Browser>>) -> Tab {
    let mut b = browser.borrow_mut();
    let copy = b.truth.clone();
    b.copies.push(copy);
    b.events.push(Vec::new());
    Tab { n: b.copies.len() - 1, browser: browser.clone() }
}

impl Backend for Tab {
    fn get(&self, key: &str) -> Option<String> {
        self.browser.borrow().copies[self.n].get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        let mut b = self.browser.borrow_mut();
        b.copies[self.n].insert(key.to_owned(), value.to_owned());
        b.queue.push((self.n, key.to_owned(), value.to_owned()));
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.browser.borrow_mut().copies[self.n].remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.browser.borrow().copies[self.n].keys().cloned().collect()
    }
}

/// Hands a store the `storage` events its tab has received, as `ui::state` does.
fn handle_events<B: Backend>(store: &mut Store<B>, browser: &Rc<RefCell<Browser>>, n: usize) -> Vec<ExternalChange> {
    let events = std::mem::take(&mut browser.borrow_mut().events[n]);
    events.iter().filter_map(|(key, value)| store.external_change_with(key, Some(value))).collect()
}

/// Two tabs with the case loaded (revision 1 stored), edits made in each: A the name, B
/// the 受給者証番号.
fn two_tabs_with_edits() -> (Rc<RefCell<Browser>>, Store<Tab>, Store<Tab>, Case, Case) {
    let browser = Browser::new();
    let mut first = Store::new(tab(&browser), "test");
    first.save(&new_case(), now()).unwrap();
    browser.borrow_mut().deliver_all();
    let mut a = Store::new(tab(&browser), "test");
    let mut b = Store::new(tab(&browser), "test");
    let mut in_a = a.load().cases.remove(0);
    let mut in_b = b.load().cases.remove(0);
    in_a.name = CaseName::parse("競合 R（Aで変更）").unwrap();
    in_b.certificate_no = "7000000001".into();
    (browser, a, b, in_a, in_b)
}

fn overwritten(changes: &[ExternalChange]) -> bool {
    changes.iter().any(|c| matches!(c, ExternalChange::Overwritten(_)))
}

#[test]
fn both_read_n_and_write_n_plus_1_the_tab_whose_write_was_replaced_is_told() {
    for a_first in [true, false] {
        let (browser, mut a, mut b, in_a, in_b) = two_tabs_with_edits();
        // Each tab still sees revision 1 in its own copy: both saves go through.
        if a_first {
            a.save(&in_a, now()).unwrap();
            b.save(&in_b, now()).unwrap();
        } else {
            b.save(&in_b, now()).unwrap();
            a.save(&in_a, now()).unwrap();
        }
        browser.borrow_mut().deliver_all();
        let stored = browser.borrow().stored_case(&in_a.id);
        let (winner_edit, loser) = if a_first { (&in_b, "A") } else { (&in_a, "B") };
        assert_eq!(&stored, winner_edit, "the later write is what the browser keeps");

        let told_a = overwritten(&handle_events(&mut a, &browser, 1));
        let told_b = overwritten(&handle_events(&mut b, &browser, 2));
        // The tab whose edit is not stored is told; the other one is not bothered.
        assert_eq!((told_a, told_b), (a_first, !a_first), "{loser}'s write was replaced");
    }
}

#[test]
fn the_replaced_tab_keeps_asking_until_the_user_chooses() {
    let (browser, mut a, mut b, mut in_a, in_b) = two_tabs_with_edits();
    a.save(&in_a, now()).unwrap();
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    assert!(overwritten(&handle_events(&mut a, &browser, 1)));
    assert!(!overwritten(&handle_events(&mut b, &browser, 2)));

    // A's next save would write revision 3 over B's edit: refused.
    in_a.archived = false;
    assert_eq!(a.save(&in_a, now()), Err(SaveError::Conflict));
    // 「この画面の内容で上書き保存」: A's version goes in over B's, and B hears of it.
    a.overwrite(&in_a, now()).unwrap();
    browser.borrow_mut().deliver_all();
    assert_eq!(browser.borrow().stored_case(&in_a.id), in_a);
    match handle_events(&mut b, &browser, 2).as_slice() {
        [ExternalChange::Updated(c)] => assert_eq!(**c, in_a),
        other => panic!("B should take A's version as an update, got {other:?}"),
    }
}

#[test]
fn taking_the_other_tabs_version_then_saves_normally() {
    let (browser, mut a, mut b, in_a, in_b) = two_tabs_with_edits();
    a.save(&in_a, now()).unwrap();
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    assert!(overwritten(&handle_events(&mut a, &browser, 1)));
    assert!(!overwritten(&handle_events(&mut b, &browser, 2)));
    // 「別のタブの内容を読み込む」.
    let mut theirs = a.accept_stored(&in_a.id).unwrap();
    assert_eq!(theirs, in_b);
    theirs.name = CaseName::parse("競合 R（両方）").unwrap();
    a.save(&theirs, now()).unwrap();
    browser.borrow_mut().deliver_all();
    assert_eq!(browser.borrow().stored_case(&in_a.id), theirs);
    assert!(!overwritten(&handle_events(&mut b, &browser, 2)));
}

#[test]
fn an_event_handled_after_a_later_write_still_tells_the_replaced_tab() {
    // B writes over A's revision 2 and then writes revision 3 on top of its own, all
    // before A gets to its events: reading storage then shows only revision 3, which looks
    // like a normal later write. The first event's value shows what happened.
    let (browser, mut a, mut b, in_a, mut in_b) = two_tabs_with_edits();
    a.save(&in_a, now()).unwrap();
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    handle_events(&mut b, &browser, 2);
    in_b.archived = true;
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    let changes = handle_events(&mut a, &browser, 1);
    assert!(overwritten(&changes), "A must hear that its write was replaced: {changes:?}");
    assert_eq!(browser.borrow().stored_case(&in_a.id), in_b);
}

#[test]
fn without_any_event_the_next_save_is_refused() {
    let (browser, mut a, mut b, mut in_a, in_b) = two_tabs_with_edits();
    a.save(&in_a, now()).unwrap();
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    browser.borrow_mut().events[1].clear();
    in_a.archived = true;
    assert_eq!(a.save(&in_a, now()), Err(SaveError::Conflict), "same revision, other text: not ours");
}

#[test]
fn no_alarm_without_a_lost_edit() {
    let (browser, mut a, mut b, in_a, mut in_b) = two_tabs_with_edits();
    // A saves; B sees it before saving: B's save is refused (the ordinary conflict), and
    // no tab is told of a replaced write.
    a.save(&in_a, now()).unwrap();
    browser.borrow_mut().deliver_all();
    assert_eq!(b.save(&in_b, now()), Err(SaveError::Conflict));
    let changes = handle_events(&mut b, &browser, 2);
    assert!(matches!(changes.as_slice(), [ExternalChange::Updated(_)]), "{changes:?}");
    // B takes A's version and adds its edit: both edits stored, A updates quietly.
    in_b = b.accept_stored(&in_a.id).unwrap();
    in_b.certificate_no = "7000000001".into();
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    let stored = browser.borrow().stored_case(&in_a.id);
    assert_eq!((stored.name.as_str(), stored.certificate_no.as_str()), ("競合 R（Aで変更）", "7000000001"));
    assert!(matches!(handle_events(&mut a, &browser, 1).as_slice(), [ExternalChange::Updated(_)]));
    // An event about a record this tab already has is nothing new.
    let key = case_key(&in_a.id);
    let raw = browser.borrow().truth[&key].clone();
    assert_eq!(a.external_change_with(&key, Some(&raw)), None);
    assert_eq!(b.external_change_with(&key, Some(&raw)), None);
}

#[test]
fn a_tab_that_only_read_the_case_takes_either_write_as_an_update() {
    let (browser, mut a, mut b, in_a, in_b) = two_tabs_with_edits();
    let mut c = Store::new(tab(&browser), "test");
    c.load();
    a.save(&in_a, now()).unwrap();
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    let changes = handle_events(&mut c, &browser, 3);
    assert!(changes.iter().all(|ch| matches!(ch, ExternalChange::Updated(_))), "{changes:?}");
}

#[test]
fn a_sealed_store_reads_the_events_value_too() {
    // With a passphrase the event's newValue is sealed: the store opens it with its key.
    fn random(buf: &mut [u8]) {
        use std::sync::atomic::{AtomicU8, Ordering};
        static N: AtomicU8 = AtomicU8::new(1);
        for b in buf {
            *b = N.fetch_add(1, Ordering::Relaxed);
        }
    }
    let passphrase = || Key::from_bytes([7; 32]);
    let browser = Browser::new();
    let mut first = Store::new(Sealed::new(tab(&browser)), "test");
    first.save(&new_case(), now()).unwrap();
    first.backend_mut().set_passphrase(&passphrase(), Kdf::new(random), Key::from_bytes([70; 32]), random).unwrap();
    browser.borrow_mut().deliver_all();
    let mut a = Store::new(Sealed::new(tab(&browser)), "test");
    let mut b = Store::new(Sealed::new(tab(&browser)), "test");
    a.backend_mut().unlock(&passphrase(), random).unwrap();
    b.backend_mut().unlock(&passphrase(), random).unwrap();
    let mut in_a = a.load().cases.remove(0);
    let mut in_b = b.load().cases.remove(0);
    in_a.name = CaseName::parse("競合 R（Aで変更）").unwrap();
    in_b.certificate_no = "7000000001".into();

    a.save(&in_a, now()).unwrap();
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    let key = case_key(&in_a.id);
    assert!(!browser.borrow().truth[&key].contains("7000000001"), "stored sealed");
    // B wrote on top again before A handles its event: only the event's (sealed) value
    // shows that A's write was replaced.
    handle_events(&mut b, &browser, 2);
    in_b.archived = true;
    b.save(&in_b, now()).unwrap();
    browser.borrow_mut().deliver_all();
    assert!(overwritten(&handle_events(&mut a, &browser, 1)));
    assert!(!overwritten(&handle_events(&mut b, &browser, 2)));
}

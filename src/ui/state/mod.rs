//! The app's state shared by all screens: the cases in memory, autosave, and what storage
//! told us (set-aside records, a full store, another tab's changes).
//!
//! Screens call [`AppState::edit`] and friends; only this module talks to `store`. Its
//! parts: this file holds the state, reading, editing and the autosave; `other_tabs` what
//! another tab's writes do here (`storage` events, conflicts); `vault` locking, unlocking
//! and the passphrase; `export` the files written and the backup read back.
//!
//! Cases are read in two steps (issue 17): at startup only what the case list shows
//! ([`CaseSummary`], `list`), and every case whole (`cases`), with the profile, when a
//! screen first needs them ([`AppState::whole`]). The code that reads a case whole, and the
//! code that saves one, is in the wasm chunk `cases` (`ui::screens`), not in the first
//! download. Invariants: until the cases are whole, `cases` is empty and nothing is unsaved
//! (every change to a case awaits [`AppState::whole`] first), so the list never goes
//! stale; once they are, the chunk `cases` is loaded, so a save (`flush`, also on
//! `pagehide`) runs at once, never waiting for a download.

use crate::domain::check::CheckOptions;
use crate::domain::profile::Profile;
use crate::domain::summary::CaseSummary;
use crate::domain::{Case, CaseId, NewCase, Stage, case::FieldError};
use crate::store::kept::KeptEdits;
use crate::store::seal::Sealed;
use crate::store::{self, local::LocalStorage, SaveError, Security, SetAside, Store};
use chrono::{DateTime, FixedOffset, Timelike};
use leptos::prelude::*;
use std::collections::HashSet;
use std::time::Duration;

mod export;
mod other_tabs;
mod vault;

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// How long typing may pause before an autosave.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(400);

/// A one-time message on the case list: what happened, and whether it went as asked.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub ok: bool,
}

/// What an import stored: how many cases, and how many records that could not be read
/// were under those cases' keys (kept set aside, see `store::SET_ASIDE_PREFIX`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Imported {
    pub count: usize,
    pub kept_aside: usize,
}

/// Why the last save did not reach storage.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveProblem {
    Full,
    Unavailable(String),
    /// The passphrase was changed in another tab: this one must be unlocked again.
    Locked,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// Every case, read whole: empty until [`whole`](Self::whole) (see the module docs).
    pub cases: RwSignal<Vec<Case>>,
    /// What the case list shows of each case, until the cases are read whole; then empty
    /// (the list reads `cases`): [`summaries`](Self::summaries).
    list: RwSignal<Vec<CaseSummary>>,
    /// The cases have been read whole (`cases` holds every readable case).
    whole: RwSignal<bool>,
    /// [`load_whole`](Self::load_whole) has finished: the cases are whole and the entry
    /// points that must run at once (`flush`, `keep_unsaved`) have been called once, so their
    /// next call is ready at its first poll.
    ready: StoredValue<bool>,
    pub set_aside: RwSignal<Vec<SetAside>>,
    /// The quiet status line: 「保存しました 10:42」 and the like.
    pub status: RwSignal<String>,
    pub save_problem: RwSignal<Option<SaveProblem>>,
    /// How full localStorage is (`store::Usage`): measured at load and after saves, at most
    /// every [`USAGE_EVERY_MS`]; `None` while locked.
    pub usage: RwSignal<Option<store::Usage>>,
    usage_at: StoredValue<f64>,
    /// Cases another tab changed while this one had unsaved edits: autosave waits for
    /// the user's choice.
    pub conflicts: RwSignal<Vec<CaseId>>,
    /// Bumped when a case is replaced from outside, so uncontrolled inputs re-read it.
    pub generation: RwSignal<u32>,
    /// Bumped by each [`edit_text`](Self::edit_text): what the check panel listens to while
    /// the author types (the `cases` signal is not notified then).
    pub text_edits: RwSignal<u32>,
    /// Level, office type and own corporation: what the plan check follows.
    pub settings: RwSignal<CheckOptions>,
    /// The caseload calendar's settings (the renewal lead time).
    pub calendar: RwSignal<crate::domain::calendar::CalendarOptions>,
    /// The specialist's self-assessment and 推薦申出書 answers (the 役割の目安 screen).
    pub profile: RwSignal<Profile>,
    /// A stored profile exists that this version cannot read: it is kept, and not saved over.
    pub profile_unreadable: RwSignal<bool>,
    /// A message for the case list to show once, with focus on it (after a wipe); the
    /// list takes it when it opens.
    pub notice: RwSignal<Option<Notice>>,
    /// A passphrase is set here (case data is stored sealed).
    pub has_passphrase: RwSignal<bool>,
    /// Locked: no case data in memory or on screen until the passphrase is given.
    pub locked: RwSignal<bool>,
    /// Auto-lock minutes, 共用PCモード, the first-use suggestion.
    pub security: RwSignal<Security>,
    /// How many cases have unsaved edits kept sealed in this tab while locked (the lock
    /// screen says so; closing the tab then asks first).
    pub kept_count: RwSignal<usize>,
    /// Text was copied or cut in the app since the last lock (共用PCモード clears it).
    copied: StoredValue<bool>,
    /// The unsaved edits sealed at each lock that have not been given back yet
    /// (`store::kept`): ciphertext only, no key.
    kept: StoredValue<Vec<KeptEdits>>,
    dirty: StoredValue<HashSet<CaseId>>,
    store: StoredValue<Store<Sealed<LocalStorage>>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl AppState {
    pub fn load() -> AppState {
        let mut store = Store::new(Sealed::new(LocalStorage), APP_VERSION);
        let locked = store.backend().is_locked();
        // Locked: nothing is read until the passphrase is given.
        let loaded = if locked { store::Loaded::default() } else { store.load_list() };
        AppState {
            has_passphrase: RwSignal::new(store.backend().has_passphrase()),
            locked: RwSignal::new(locked),
            security: RwSignal::new(store.security()),
            copied: StoredValue::new(false),
            kept_count: RwSignal::new(0),
            kept: StoredValue::new(Vec::new()),
            cases: RwSignal::new(Vec::new()),
            list: RwSignal::new(loaded.cases),
            whole: RwSignal::new(false),
            ready: StoredValue::new(false),
            set_aside: RwSignal::new(loaded.set_aside),
            status: RwSignal::new(String::new()),
            usage: RwSignal::new((!locked).then(|| store.usage())),
            usage_at: StoredValue::new(js_sys::Date::now()),
            save_problem: RwSignal::new((!LocalStorage::is_available()).then(|| {
                SaveProblem::Unavailable("localStorage is not available".into())
            })),
            conflicts: RwSignal::new(Vec::new()),
            generation: RwSignal::new(0),
            text_edits: RwSignal::new(0),
            settings: RwSignal::new(store.settings()),
            calendar: RwSignal::new(store.calendar_options()),
            // Read with the cases (`ensure_whole`): only 役割の目安 and the backup show it.
            profile: RwSignal::new(Profile::default()),
            profile_unreadable: RwSignal::new(false),
            notice: RwSignal::new(None),
            dirty: StoredValue::new(HashSet::new()),
            store: StoredValue::new(store),
            timer: StoredValue::new(None),
        }
    }

    /// What the case list shows of every case, tracked.
    pub fn summaries(&self) -> Vec<CaseSummary> {
        if self.whole.get() {
            self.cases.with(|cs| cs.iter().map(Case::summary).collect())
        } else {
            self.list.get()
        }
    }

    /// Reads every case whole, once (the lazy screens call it first; nothing on the case
    /// list, the shell or the lock screen does, so the code to read a case stays out of the
    /// first download). Cases another tab changes afterwards come through storage events.
    pub fn ensure_whole(&self) {
        // The store's lock, not the `locked` signal: an unlock reads the cases (and gives back
        // the kept edits) before the lock screen goes.
        if self.whole.get_untracked() || self.store.with_value(|s| s.backend().is_locked()) {
            return;
        }
        let Some((loaded, profile, unreadable)) = self.store.try_update_value(|s| (s.load(), s.profile(), s.profile_unreadable())) else {
            return;
        };
        self.profile.set(profile);
        self.profile_unreadable.set(unreadable);
        self.cases.set(loaded.cases);
        if self.set_aside.with_untracked(|s| *s != loaded.set_aside) {
            self.set_aside.set(loaded.set_aside);
        }
        self.list.set(Vec::new());
        self.whole.set(true);
    }

    /// Reads every case whole ([`ensure_whole`](Self::ensure_whole)), first fetching the code
    /// to do so when it is not here yet. Err: a Japanese message (offline, not yet cached).
    pub async fn whole(self) -> Result<(), String> {
        self.load_whole()
            .await
            .map_err(|_| "ケースのデータを読み込む機能を読み込めませんでした。ネットワークに接続してから、もう一度操作してください。".to_owned())
    }

    /// [`whole`](Self::whole), with the chunk loader's error (`ui::screens::with_cases`).
    pub async fn load_whole(self) -> Result<(), crate::ui::lazy::LoadError> {
        if self.ready.get_value() {
            return Ok(());
        }
        crate::ui::screens::read_whole(self).await?;
        // A split function's first call waits for its loader even when its chunk is here;
        // these two run where nothing may wait (`pagehide`, a lock), so they are called once
        // now, doing nothing.
        crate::ui::screens::flush(self, true).await?;
        crate::ui::screens::keep_unsaved(self, true).await?.map_err(|_| ()).ok();
        // Locked meanwhile: nothing was read; the next call reads.
        self.ready.set_value(self.whole.get_untracked());
        Ok(())
    }

    /// The case, tracked: views that call this re-render when it changes.
    pub fn case(&self, id: &CaseId) -> Option<Case> {
        self.cases.with(|cs| cs.iter().find(|c| &c.id == id).cloned())
    }

    /// Reads the case in place, tracked. Prefer this in memos and reactive closures: it
    /// runs on every keystroke in the case, and cloning a whole case there is what costs.
    pub fn with_case<R>(&self, id: &CaseId, f: impl FnOnce(&Case) -> R) -> Option<R> {
        self.cases.with(|cs| cs.iter().find(|c| &c.id == id).map(f))
    }

    fn case_untracked(&self, id: &CaseId) -> Option<Case> {
        self.cases.with_untracked(|cs| cs.iter().find(|c| &c.id == id).cloned())
    }

    /// Makes a case from the form, reading the cases whole first if needed. `Err(Err(message))`:
    /// they could not be read (the message says why); `Err(Ok(errors))`: what to fix in the form.
    pub async fn create(self, form: NewCase) -> Result<Case, Result<Vec<FieldError>, String>> {
        self.whole().await.map_err(Err)?;
        match crate::ui::screens::create_case(self, form).await {
            Ok(made) => made.map_err(Ok),
            Err(_) => Err(Err("ケースを作成できませんでした。".to_owned())),
        }
    }

    /// [`create`](Self::create), in the chunk `cases`.
    pub fn create_now(&self, form: &NewCase) -> Result<Case, Vec<FieldError>> {
        let case = Case::create(new_id(), form, now())?;
        self.cases.update(|cs| cs.push(case.clone()));
        self.dirty.update_value(|d| {
            d.insert(case.id.clone());
        });
        self.flush();
        Ok(case)
    }

    /// Adds cases read from a file as new cases (fresh ids, so nothing stored is ever
    /// overwritten), all stored at once or none (see [`import`](Self::import)).
    pub fn add_as_new(&self, cases: Vec<Case>) -> Result<Imported, String> {
        let at = now();
        let cases = cases
            .into_iter()
            .map(|mut case| {
                case.id = new_id();
                case.touch(at);
                case
            })
            .collect();
        self.store_imported(cases, Vec::new(), at)
    }

    /// The cases of `incoming` whose ids are already here (an import would replace them).
    pub fn already_here(&self, incoming: &[Case]) -> Vec<Case> {
        self.cases.with_untracked(|cs| cs.iter().filter(|c| incoming.iter().any(|i| i.id == c.id)).cloned().collect())
    }

    /// Imports cases read from a file. Cases with new ids are added as they are; those
    /// already here are replaced (`overwrite`, after the user said so) or added as new
    /// cases with fresh ids. All of them are stored, or none (`Store::import_all`): on a
    /// full store nothing changes, here or in storage, and the message says why.
    pub fn import(&self, incoming: Vec<Case>, overwrite: bool) -> Result<Imported, String> {
        let at = now();
        let here: HashSet<CaseId> = self.cases.with_untracked(|cs| cs.iter().map(|c| c.id.clone()).collect());
        let mut replace = Vec::new();
        let cases = incoming
            .into_iter()
            .map(|mut case| {
                if here.contains(&case.id) {
                    if overwrite {
                        replace.push(case.id.clone());
                    } else {
                        case.id = new_id();
                        case.touch(at);
                    }
                }
                case
            })
            .collect();
        self.store_imported(cases, replace, at)
    }

    /// Stores an import whole ([`Store::import_all`]) and, only once it is stored, shows it:
    /// memory and storage agree whether it succeeded or not.
    fn store_imported(&self, cases: Vec<Case>, replace: Vec<CaseId>, at: DateTime<FixedOffset>) -> Result<Imported, String> {
        let result = self
            .store
            .try_update_value(|s| s.import_all(&cases, &replace, at))
            .ok_or("アプリの状態を読み込めません。何も読み込んでいません。")?;
        let moved = match result {
            Ok(imported) => imported.moved,
            Err(store::ImportError::NotRolledBack) => {
                // Show what storage holds now for each of the file's cases.
                for case in &cases {
                    self.on_case_record_event(store::case_key(&case.id), None);
                }
                return Err(store::ImportError::NotRolledBack.message());
            }
            Err(e) => return Err(e.message()),
        };
        let keys: HashSet<String> = cases.iter().map(|c| store::case_key(&c.id)).collect();
        if !moved.is_empty() || self.set_aside.with_untracked(|s| s.iter().any(|r| keys.contains(&r.key))) {
            self.set_aside.update(|s| {
                s.retain(|r| !keys.contains(&r.key));
                s.extend(moved.iter().cloned());
            });
        }
        self.dirty.update_value(|d| {
            for case in &cases {
                d.remove(&case.id);
            }
        });
        if self.conflicts.with_untracked(|c| c.iter().any(|id| replace.contains(id))) {
            self.conflicts.update(|c| c.retain(|id| !replace.contains(id)));
        }
        let count = cases.len();
        self.measure_usage(true);
        self.cases.update(|cs| {
            let mut index: std::collections::HashMap<CaseId, usize> =
                cs.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
            for case in cases {
                match index.get(&case.id) {
                    Some(&i) => cs[i] = case,
                    None => {
                        index.insert(case.id.clone(), cs.len());
                        cs.push(case);
                    }
                }
            }
        });
        if !replace.is_empty() {
            // Open forms show what is stored now.
            self.generation.update(|g| *g += 1);
        }
        self.show_saved("", at);
        Ok(Imported { count, kept_aside: moved.len() })
    }

    /// Changes a case in memory now and saves it after a pause in typing.
    pub fn edit(&self, id: &CaseId, change: impl FnOnce(&mut Case)) {
        self.apply_once(id, true, change);
    }

    /// Like [`edit`](Self::edit), for typing in a free-text field that nothing else on the
    /// same screen shows: the case changes in place without waking every view of the case
    /// (with 20 needs on screen that was most of each keystroke's cost; `scripts/bench`
    /// keystroke). Screens opened later read the new text; saving is the same.
    pub fn edit_text(&self, id: &CaseId, change: impl FnOnce(&mut Case)) {
        self.apply_once(id, false, change);
    }

    /// Like [`edit`](Self::edit) for changes that may be refused (e.g. a duplicate domain
    /// name): the case is touched and saved only when `change` reports a change.
    pub fn edit_if(&self, id: &CaseId, change: impl FnOnce(&mut Case) -> bool) -> bool {
        let mut change = Some(change);
        self.apply(id, true, &mut |c| change.take().is_some_and(|f| f(c)))
    }

    /// [`apply`](Self::apply) with a change that always changes the case (`edit`, `edit_text`).
    fn apply_once(&self, id: &CaseId, notify: bool, change: impl FnOnce(&mut Case)) {
        let mut change = Some(change);
        self.apply(id, notify, &mut |c| {
            if let Some(f) = change.take() {
                f(c);
            }
            true
        });
    }

    /// The one body behind `edit`, `edit_text` and `edit_if`: not generic, so the ~40 edit
    /// sites in the screens share one copy of it in the wasm instead of one each.
    #[inline(never)]
    fn apply(&self, id: &CaseId, notify: bool, change: &mut dyn FnMut(&mut Case) -> bool) -> bool {
        let at = now();
        let mut changed = false;
        let mut advanced = false;
        let step = step_worked_on(id);
        let mut run = |cs: &mut Vec<Case>| {
            if let Some(c) = cs.iter_mut().find(|c| &c.id == id) {
                changed = change(c);
                if changed {
                    c.touch(at);
                    advanced = step.is_some_and(|s| c.worked_on(s));
                }
            }
        };
        if notify {
            self.cases.update(|cs| run(cs));
        } else {
            self.cases.update_untracked(|cs| run(cs));
            self.text_edits.update(|n| *n = n.wrapping_add(1));
            if advanced {
                // Once per step: the case's 今の段階 on screen follows.
                self.cases.update(|_| {});
            }
        }
        if changed {
            self.dirty.update_value(|d| {
                d.insert(id.clone());
            });
            self.schedule_save();
        }
        changed
    }

    fn schedule_save(&self) {
        let this = *self;
        if let Some(old) = self.timer.get_value() {
            old.clear();
        }
        // One tab saves at a time (Web Locks): a save that waited reads the other's write
        // and is refused as a conflict rather than writing the same revision over it.
        let handle = set_timeout_with_handle(move || crate::ui::shell::save_lock::with_save_lock(move || this.flush()), AUTOSAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// Saves every unsaved case now (also on `pagehide` / hidden tab). Unsaved edits exist
    /// only once the cases are whole, and then the saving code (chunk `cases`) is here, so
    /// this never waits.
    pub fn flush(&self) {
        if self.dirty.with_value(HashSet::is_empty) {
            if let Some(t) = self.timer.get_value() {
                t.clear();
            }
            return;
        }
        if crate::ui::lazy::now(crate::ui::screens::flush(*self, false)).is_none() {
            // Not reachable by the invariant; should it be, the save still happens, later.
            let this = *self;
            leptos::task::spawn_local(async move {
                let _ = crate::ui::screens::flush(this, false).await;
            });
        }
    }

    /// Sets a case's アーカイブ (the case list's button) and saves it; false when the cases
    /// could not be read (the status line says why).
    pub async fn set_archived(self, id: CaseId, archived: bool) -> bool {
        if let Err(message) = self.whole().await {
            self.status.set(message);
            return false;
        }
        crate::ui::screens::set_archived(self, id, archived).await.is_ok()
    }

    /// [`flush`](Self::flush), in the chunk `cases`.
    pub fn flush_now(&self) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let conflicts = self.conflicts.get_untracked();
        let pending: Vec<CaseId> = self
            .dirty
            .with_value(|d| d.iter().filter(|id| !conflicts.contains(id)).cloned().collect());
        if pending.is_empty() {
            return;
        }
        let at = now();
        let mut problem = None;
        let mut saved = 0;
        for id in pending {
            // Saved where it lies: a clone here copied the whole case (needs, history) once
            // more on every autosave, on top of the copy `History::split` makes.
            let result = self.cases.with_untracked(|cs| {
                cs.iter().find(|c| c.id == id).map(|case| self.store.try_update_value(|s| s.save(case, at)).unwrap_or(Ok(())))
            });
            let Some(result) = result else {
                self.dirty.update_value(|d| {
                    d.remove(&id);
                });
                continue;
            };
            match result {
                Ok(()) => {
                    saved += 1;
                    self.dirty.update_value(|d| {
                        d.remove(&id);
                    });
                }
                Err(SaveError::Conflict) => self.conflicts.update(|c| c.push(id)),
                Err(e) => problem = storage_problem(e),
            }
        }
        if problem.is_some() {
            self.status.set("保存できませんでした".into());
        } else if saved > 0 {
            self.show_saved("", at);
        }
        // At once when a save failed or works again: the figure shown must not be stale then.
        let changed = self.save_problem.get_untracked() != problem;
        let full = problem.is_some();
        if changed {
            self.save_problem.set(problem);
        }
        self.measure_usage(full || changed);
    }

    /// Measures how full localStorage is (`Store::usage`): now when `now` (a full store, an
    /// import, a delete, a load), else at most every [`USAGE_EVERY_MS`] (it reads the length
    /// of every key: cheap, but not for every keystroke's save).
    pub fn measure_usage(&self, now: bool) {
        let t = js_sys::Date::now();
        if !now && t - self.usage_at.get_value() < USAGE_EVERY_MS {
            return;
        }
        self.usage_at.set_value(t);
        let usage = self.store.with_value(|s| (!s.backend().is_locked()).then(|| s.usage()));
        if self.usage.get_untracked() != usage {
            self.usage.set(usage);
        }
    }

    /// 「保存しました 10:42」 (with what was saved in front: 「設定を」): the quiet status line.
    fn show_saved(&self, what: &str, at: DateTime<FixedOffset>) {
        self.status.set(format!("{what}保存しました {:02}:{:02}", at.hour(), at.minute()));
    }

    /// What a setting's save says: 「設定を保存しました」, or the storage alert it calls for.
    fn show_setting_saved(&self, saved: Result<(), SaveError>) {
        match saved {
            Ok(()) => self.show_saved("設定を", now()),
            Err(e) => self.save_problem.set(storage_problem(e)),
        }
    }

    /// Saves the calendar settings at once.
    pub fn set_calendar_options(&self, options: crate::domain::calendar::CalendarOptions) {
        let saved = self.store.try_update_value(|s| s.save_calendar_options(&options)).unwrap_or(Ok(()));
        self.calendar.set(options);
        self.show_setting_saved(saved);
    }

    /// Saves the settings at once (they are small and changed rarely).
    pub fn set_settings(&self, settings: CheckOptions) {
        let saved = self.store.try_update_value(|s| s.save_settings(&settings)).unwrap_or(Ok(()));
        self.settings.set(settings);
        self.show_setting_saved(saved);
    }

    /// Saves the profile at once. Returns whether it reached storage; an unreadable stored
    /// profile is never replaced (the change stays on screen only).
    pub fn set_profile(&self, profile: Profile) -> bool {
        let saved = self.store.try_update_value(|s| s.save_profile(&profile)).unwrap_or(Ok(()));
        self.profile.set(profile);
        match saved {
            Ok(()) => {
                self.show_saved("記録を", now());
                true
            }
            Err(SaveError::Conflict) => {
                self.profile_unreadable.set(true);
                self.status.set("保存されている記録を読み込めないため、上書きしませんでした".into());
                false
            }
            Err(e) => {
                self.save_problem.set(storage_problem(e));
                false
            }
        }
    }

    /// Changes the profile and saves it at once. The change is made to what is stored now
    /// (another tab may have added a rating since this one read it), so nothing is lost.
    pub fn edit_profile(&self, change: impl FnOnce(&mut Profile)) -> bool {
        let mut profile = match self.store.with_value(|s| (!s.profile_unreadable()).then(|| s.profile())) {
            Some(stored) => stored,
            None => self.profile.get_untracked(),
        };
        change(&mut profile);
        self.set_profile(profile)
    }

    /// Attaches a lead's review (from a file) to the case it is about; the message says what
    /// happened, in Japanese.
    pub fn attach_review(&self, id: &CaseId, review: crate::domain::review::Review) -> Result<String, String> {
        let Some(name) = self.cases.with_untracked(|cs| cs.iter().find(|c| &c.id == id).map(|c| c.name.as_str().to_owned())) else {
            return Err("この評価・助言のケースは、このパソコンにありません。計画を書き出したパソコンで読み込んでください。".to_owned());
        };
        let what = format!(
            "「{name}」の第{}版の計画への評価・助言（{}、{}）",
            review.plan_version,
            review.reviewer,
            crate::domain::wareki::format_wareki(review.reviewed_on)
        );
        if self.edit_if(id, |c| c.attach_review(review)) {
            self.flush();
            Ok(format!("{what}を読み込みました。"))
        } else {
            Ok(format!("{what}は、すでに読み込んであります。"))
        }
    }

    pub fn has_unsaved(&self, id: &CaseId) -> bool {
        self.dirty.with_value(|d| d.contains(id))
    }

    pub fn delete(&self, id: &CaseId) {
        self.store.update_value(|s| s.delete(id));
        self.dirty.update_value(|d| {
            d.remove(id);
        });
        self.cases.update(|cs| cs.retain(|c| &c.id != id));
        self.list.update(|cs| cs.retain(|c| &c.id != id));
        self.conflicts.update(|c| c.retain(|x| x != id));
        self.measure_usage(true);
    }

    /// Removes every trace of the app from this browser (every key under
    /// `store::KEY_PREFIX`) and empties the screens. The pending autosave is cancelled and
    /// the unsaved edits dropped *first*, so no save re-creates a record afterwards.
    /// Returns whether storage holds none of the app's keys now.
    pub fn wipe(&self) -> bool {
        self.drop_pending_saves();
        self.drop_kept();
        let left = self
            .store
            .try_update_value(|s| {
                s.backend_mut().lock();
                s.wipe()
            })
            .unwrap_or_default();
        // The service worker's copies of the app's files too (no case data, but a trace).
        crate::ui::shell::offline::forget_offline_copy();
        set_changed(self.has_passphrase, false);
        set_changed(self.locked, false);
        self.security.set(Security::default());
        self.settings.set(CheckOptions::default());
        self.forget_cases(SaveProblem::Full);
        let ok = left.is_empty();
        self.status.set(if ok { "データをすべて消しました".into() } else { "一部のデータを消せませんでした".into() });
        self.notice.set(Some(Notice {
            text: if ok {
                "このブラウザから相談支援ワークベンチのデータをすべて消しました。".into()
            } else {
                format!(
                    "データの一部（{}件）を消せませんでした。ブラウザの設定で、このサイトのデータを削除してください。",
                    left.len()
                )
            },
            ok,
        }));
        ok
    }

    /// Reads the cases, set-aside records, settings and profile from storage into the
    /// screens (after unlocking, or when another tab cleared storage).
    fn show_stored(&self) {
        let Some((loaded, settings)) = self.store.try_update_value(|s| (s.load_list(), s.settings())) else {
            return;
        };
        self.back_to_summaries(loaded.cases, loaded.set_aside);
        self.settings.set(settings);
        self.measure_usage(true);
    }

    /// The cases as summaries again (`list`, not read whole), and the profile to be read
    /// again with the cases.
    fn back_to_summaries(&self, list: Vec<CaseSummary>, set_aside: Vec<SetAside>) {
        self.whole.set(false);
        self.ready.set_value(false);
        self.cases.set(Vec::new());
        self.list.set(list);
        self.set_aside.set(set_aside);
        self.profile.set(Profile::default());
        self.profile_unreadable.set(false);
        self.generation.update(|g| *g += 1);
    }

    /// Cancels the pending autosave and forgets the unsaved edits (a wipe; or a lock, once
    /// [`lock_now`](Self::lock_now) has sealed them: no save may write them afterwards).
    fn drop_pending_saves(&self) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        self.timer.set_value(None);
        self.dirty.update_value(|d| d.clear());
    }

    /// Empties every signal that holds case data (wipe, lock), and clears the storage alert
    /// `gone` that no longer applies.
    fn forget_cases(&self, gone: SaveProblem) {
        self.back_to_summaries(Vec::new(), Vec::new());
        self.conflicts.set(Vec::new());
        if self.save_problem.get_untracked() == Some(gone) {
            self.save_problem.set(None);
        }
        self.generation.update(|g| *g += 1);
    }

}

/// The alert a failed write calls for: a full store, or none at all. `None` for a conflict,
/// which each caller answers in its own way.
fn storage_problem(e: SaveError) -> Option<SaveProblem> {
    match e {
        SaveError::QuotaExceeded => Some(SaveProblem::Full),
        SaveError::Unavailable(m) => Some(SaveProblem::Unavailable(m)),
        SaveError::Conflict => None,
        SaveError::Locked => Some(SaveProblem::Locked),
    }
}

fn set_changed_count(signal: RwSignal<usize>, value: usize) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}

/// Sets a flag only when it changes: a set wakes every view of it (the whole screen, for
/// `locked`), which would throw away what the current screen shows.
fn set_changed(signal: RwSignal<bool>, value: bool) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}

/// The step whose screen is open for this case, when it is one where the case's own work
/// is written (アセスメント, the 計画案's 目標表 and 週間計画表): edits there move 今の段階 forward
/// (`Case::worked_on`). 評価・助言 is a lead's, not the case's, work.
fn step_worked_on(id: &CaseId) -> Option<Stage> {
    use crate::ui::route::{Part, Route};
    match Route::parse(&window().location().hash().unwrap_or_default()) {
        Route::Case { id: open, step, part } if &open == id => match (step, part) {
            (Stage::Assessment, _) => Some(Stage::Assessment),
            (Stage::Planning, Part::Main | Part::Schedule | Part::Change(_)) => Some(Stage::Planning),
            _ => None,
        },
        _ => None,
    }
}

/// How often, at most, the autosave measures how full localStorage is.
const USAGE_EVERY_MS: f64 = 10_000.0;

/// The current moment in the user's local offset.
pub fn now() -> DateTime<FixedOffset> {
    let date = js_sys::Date::new_0();
    let offset_secs = -(date.get_timezone_offset() as i32) * 60;
    let offset = FixedOffset::east_opt(offset_secs).unwrap_or(FixedOffset::east_opt(0).unwrap());
    DateTime::from_timestamp_millis(date.get_time() as i64)
        .unwrap_or_default()
        .with_timezone(&offset)
}

fn new_id() -> CaseId {
    let mut bits = 0u128;
    for _ in 0..4 {
        bits = (bits << 32) | (js_sys::Math::random() * 4_294_967_296.0) as u128;
    }
    CaseId::from_random(bits)
}

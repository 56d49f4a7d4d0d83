//! What another tab's writes do here: a `storage` event for a case record, the settings,
//! the vault or everything (a wipe), and the conflicts when both tabs changed one case.
//! Nothing typed in this tab is dropped for another tab's write: the user chooses
//! ([`AppState::take_theirs`], [`AppState::keep_mine`]).

use super::{now, set_changed, storage_problem, AppState, Notice, SaveProblem, APP_VERSION};
use crate::domain::summary::CaseSummary;
use crate::domain::CaseId;
use crate::store::kept::KeptEdits;
use crate::store::seal::Sealed;
use crate::store::{self, local::LocalStorage, ExternalChange, SaveError, SetAside, Store};
use leptos::prelude::*;

/// The status line when another tab's write reached this one.
const LOADED_ELSEWHERE: &str = "別のタブでの変更を読み込みました";
const GONE_ELSEWHERE: &str = "別のタブでケースが削除または変更されました";

impl AppState {
    /// A `storage` event: another tab (or window) of this app wrote `new_value` under `key`.
    /// `None` means that tab cleared all storage.
    pub fn on_storage_event(&self, key: Option<String>, new_value: Option<String>) {
        let Some(key) = key else {
            return self.reload_everything();
        };
        if key == store::seal::VAULT_KEY {
            let (locked, changed, has) =
                self.store.with_value(|s| (s.backend().is_locked(), s.backend().vault_changed(), s.backend().has_passphrase()));
            if !has && self.has_passphrase.get_untracked() {
                // The vault is gone: another tab erased everything (「すべて消す」).
                return self.wiped_elsewhere();
            }
            set_changed(self.has_passphrase, has);
            if (locked || changed) && !self.locked.get_untracked() {
                match self.lock_now() {
                    Ok(0) => self.status.set("別のタブで合言葉が設定・変更されたため、ロックしました".into()),
                    Ok(n) => self.status.set(format!(
                        "別のタブで合言葉が設定・変更されたため、ロックしました。保存前の入力（{n}件のケース）は暗号化してこのタブに保持しています。新しい合言葉で開くと保存します"
                    )),
                    // A first passphrase set elsewhere: this tab has no key to seal its
                    // edits with, so it stays open with them rather than lose them.
                    Err(()) => {
                        self.save_problem.set(Some(SaveProblem::Locked));
                        self.status.set("別のタブで合言葉が設定されたため、保存前の入力を保存できません".into());
                    }
                }
            }
            return;
        }
        if key == store::SECURITY_KEY {
            return self.security.set(self.store.with_value(|s| s.security()));
        }
        if self.locked.get_untracked() && store::seal::is_sealed_key(&key) {
            // Nothing of the cases is in memory while locked: unlocking reads them afresh.
            return;
        }
        if key.starts_with(store::SET_ASIDE_PREFIX) {
            // Another tab restored a case and kept the record it replaced.
            let copy = self.store.with_value(|s| s.set_aside_copy_as::<CaseSummary>(&key));
            return self.set_aside.update(|s| {
                s.retain(|r| r.key != key);
                s.extend(copy);
            });
        }
        if key == store::CALENDAR_KEY {
            return self.calendar.set(self.store.with_value(|s| s.calendar_options()));
        }
        if key == store::SETTINGS_KEY {
            let settings = self.store.with_value(|s| s.settings());
            return self.settings.set(settings);
        }
        if key == store::PROFILE_KEY {
            // Read with the cases (`ensure_whole`) when not yet.
            if self.whole.get_untracked() {
                let this = *self;
                leptos::task::spawn_local(async move {
                    let _ = crate::ui::screens::profile_event(this).await;
                });
            }
            return;
        }
        if !self.whole.get_untracked() {
            return self.on_summary_event(&key, new_value.as_deref());
        }
        // The cases are whole, so the code to read one is here (in its chunk): called
        // through the chunk's entry point, which is ready at once.
        let this = *self;
        leptos::task::spawn_local(async move {
            let _ = crate::ui::screens::case_record_event(this, key, new_value).await;
        });
    }

    /// A case record another tab wrote, before the cases are read whole: the list's row
    /// follows (nothing is unsaved here then, so there is nothing to ask).
    fn on_summary_event(&self, key: &str, new_value: Option<&str>) {
        let Some(change) = self.store.try_update_value(|s| s.external_change_as::<CaseSummary>(key, new_value)).flatten() else {
            return;
        };
        let gone = |list: &mut Vec<CaseSummary>, id: &CaseId| list.retain(|c| &c.id != id);
        match change {
            ExternalChange::Updated(summary) | ExternalChange::Overwritten(summary) => {
                self.forget_set_aside(key);
                self.list.update(|list| match list.iter_mut().find(|c| c.id == summary.id) {
                    Some(slot) => *slot = *summary,
                    None => list.push(*summary),
                });
                self.status.set(LOADED_ELSEWHERE.into());
            }
            ExternalChange::Removed(id) => {
                self.forget_set_aside(key);
                self.list.update(|list| gone(list, &id));
                self.status.set(GONE_ELSEWHERE.into());
            }
            ExternalChange::SetAside(r) => {
                self.note_set_aside(r);
                if let Some(id) = key.strip_prefix(store::CASE_KEY_PREFIX).and_then(CaseId::parse) {
                    self.list.update(|list| gone(list, &id));
                    self.status.set(GONE_ELSEWHERE.into());
                }
            }
        }
    }

    /// A record set aside here that another tab restored or removed: no longer set aside.
    fn forget_set_aside(&self, key: &str) {
        if self.set_aside.with_untracked(|s| s.iter().any(|r| r.key == key)) {
            self.set_aside.update(|s| s.retain(|r| r.key != key));
        }
    }

    /// A record another tab left unreadable: set aside here too, in place of what was.
    fn note_set_aside(&self, record: SetAside) {
        self.set_aside.update(|s| {
            s.retain(|x| x.key != record.key);
            s.push(record);
        });
    }

    /// The profile another tab saved (chunk `cases`).
    pub fn reread_profile(&self) {
        let (profile, unreadable) = self.store.with_value(|s| (s.profile(), s.profile_unreadable()));
        self.profile_unreadable.set(unreadable);
        self.profile.set(profile);
    }

    /// A case record another tab wrote, once the cases are read whole (the rest of
    /// [`on_storage_event`](Self::on_storage_event); `ui::screens::case_record_event`).
    pub fn on_case_record_event(&self, key: String, new_value: Option<String>) {
        let Some(change) = self.store.try_update_value(|s| s.external_change_with(&key, new_value.as_deref())).flatten()
        else {
            return;
        };
        let id = match &change {
            ExternalChange::Overwritten(c) => {
                // Both tabs saved in the same instant and ours was written over: our edits
                // are unsaved again, and the user chooses (the conflict). Nothing on screen
                // changes meanwhile.
                let id = c.id.clone();
                self.dirty.update_value(|d| {
                    d.insert(id.clone());
                });
                if !self.conflicts.with_untracked(|c| c.contains(&id)) {
                    self.conflicts.update(|c| c.push(id));
                }
                self.status.set("別のタブと同時に保存されたため、この画面の変更は保存されていません".into());
                return;
            }
            ExternalChange::Updated(c) => c.id.clone(),
            ExternalChange::Removed(id) => id.clone(),
            ExternalChange::SetAside(r) => {
                self.note_set_aside(r.clone());
                match key.strip_prefix(store::CASE_KEY_PREFIX).and_then(CaseId::parse) {
                    Some(id) => id,
                    None => return,
                }
            }
        };
        if matches!(change, ExternalChange::Updated(_) | ExternalChange::Removed(_)) {
            self.forget_set_aside(&key);
        }
        if self.has_unsaved(&id) {
            // Our edits and theirs: never pick a winner silently.
            if !self.conflicts.with_untracked(|c| c.contains(&id)) {
                self.conflicts.update(|c| c.push(id));
            }
            return;
        }
        match change {
            ExternalChange::Updated(case) | ExternalChange::Overwritten(case) => {
                let case = *case;
                self.cases.update(|cs| match cs.iter_mut().find(|c| c.id == case.id) {
                    Some(slot) => *slot = case,
                    None => cs.push(case),
                });
                self.status.set(LOADED_ELSEWHERE.into());
            }
            ExternalChange::Removed(_) | ExternalChange::SetAside(_) => {
                self.cases.update(|cs| cs.retain(|c| c.id != id));
                self.status.set(GONE_ELSEWHERE.into());
            }
        }
        self.generation.update(|g| *g += 1);
    }

    fn reload_everything(&self) {
        let store = Store::new(Sealed::new(LocalStorage), APP_VERSION);
        if !store.backend().has_passphrase() {
            // Another tab cleared storage: there is no vault any more, so nothing to unlock.
            return self.wiped_elsewhere();
        }
        // A vault this tab did not open: lock (sealing what is unsaved first, with the key
        // this tab still holds), then read storage afresh at the next unlock.
        set_changed(self.has_passphrase, true);
        if !self.locked.get_untracked() && self.lock_now().is_err() {
            // No key to seal the unsaved edits with: kept on screen, and said so.
            return self.save_problem.set(Some(SaveProblem::Locked));
        }
        self.store.set_value(store);
    }

    /// Another tab erased this app's data (「すべて消す」, or storage cleared): this tab shows
    /// what is left (nothing), unlocked, with no passphrase. Its unsaved edits and kept edits
    /// go too — erasing everything was the user's choice — and the message says so.
    fn wiped_elsewhere(&self) {
        let unsaved = self.dirty.with_value(|d| d.len()) + self.kept.with_value(|k| k.iter().map(KeptEdits::len).sum::<usize>());
        let was_locked = self.locked.get_untracked();
        self.drop_pending_saves();
        self.drop_kept();
        self.store.set_value(Store::new(Sealed::new(LocalStorage), APP_VERSION));
        set_changed(self.has_passphrase, false);
        set_changed(self.locked, false);
        self.security.set(self.store.with_value(|s| s.security()));
        self.forget_cases(SaveProblem::Full);
        if self.save_problem.get_untracked() == Some(SaveProblem::Locked) {
            self.save_problem.set(None);
        }
        self.show_stored();
        let what = if unsaved > 0 { "（このタブの保存前の入力も含めて）" } else { "" };
        self.status.set(format!("別のタブでデータがすべて消されました{what}"));
        if was_locked {
            // The case list opens now in place of the lock screen, and says why.
            self.notice.set(Some(Notice {
                text: format!("別のタブで、このブラウザーの相談支援ワークベンチのデータがすべて消されました{what}。新しいケースから始められます。"),
                ok: true,
            }));
        }
    }

    /// Conflict resolved by taking what the other tab saved (read whole in its chunk:
    /// `ui::screens::take_theirs`; a conflict means the cases are whole, so it is here).
    pub fn take_theirs(&self, id: &CaseId) {
        let (this, id) = (*self, id.clone());
        leptos::task::spawn_local(async move {
            let _ = crate::ui::screens::take_theirs(this, id).await;
        });
    }

    /// Conflict resolved by writing this tab's version over the other (which is read whole
    /// first, to never overwrite a record this version cannot read: `ui::screens::keep_mine`).
    pub fn keep_mine(&self, id: &CaseId) {
        let (this, id) = (*self, id.clone());
        leptos::task::spawn_local(async move {
            let _ = crate::ui::screens::keep_mine(this, id).await;
        });
    }

    /// [`take_theirs`](Self::take_theirs), in the chunk that reads cases whole.
    pub fn take_theirs_now(&self, id: &CaseId) {
        let theirs = self.store.try_update_value(|s| s.accept_stored(id)).flatten();
        self.dirty.update_value(|d| {
            d.remove(id);
        });
        self.cases.update(|cs| match theirs {
            Some(case) => {
                if let Some(slot) = cs.iter_mut().find(|c| &c.id == id) {
                    *slot = case;
                }
            }
            None => cs.retain(|c| &c.id != id),
        });
        self.conflicts.update(|c| c.retain(|x| x != id));
        self.generation.update(|g| *g += 1);
        self.status.set("別のタブの内容を読み込みました".into());
    }

    /// [`keep_mine`](Self::keep_mine), in the chunk that reads cases whole.
    pub fn keep_mine_now(&self, id: &CaseId) {
        let Some(case) = self.case_untracked(id) else { return };
        let at = now();
        match self.store.try_update_value(|s| s.overwrite(&case, at)).unwrap_or(Ok(())) {
            Ok(()) => {
                self.dirty.update_value(|d| {
                    d.remove(id);
                });
                self.conflicts.update(|c| c.retain(|x| x != id));
                self.show_saved("", at);
            }
            // The stored record is one this version cannot read: keep it, keep ours in memory.
            Err(SaveError::Conflict) => self.status.set(
                "保存先のデータを読み込めないため上書きしませんでした。この画面の内容を書き出してください。".into(),
            ),
            Err(e) => self.save_problem.set(storage_problem(e)),
        }
    }
}

//! Locking and unlocking, and the passphrase: what leaves memory at a lock, what is kept
//! sealed in this tab meanwhile (`store::kept`), and what comes back at the unlock.

use super::{set_changed, set_changed_count, AppState, SaveProblem};
use crate::domain::{Case, CaseId};
use crate::store::kept::KeptEdits;
use crate::store::seal::Kdf;
use crate::store::webcrypto::{derive_key, fill_random, random_key};
use crate::store::Security;
use leptos::prelude::*;
use std::collections::HashSet;
use wasm_bindgen::JsCast;

impl AppState {
    /// Locks (the ロック button, or `why` = 「操作がなかったため、」 for the idle lock): unsaved
    /// edits are saved (sealed) first; what cannot be saved (a conflict waiting for the
    /// user's choice, a full store) is kept sealed in memory ([`lock_now`](Self::lock_now)).
    /// Then the data keys and every case leave memory and the screen shows only the unlock
    /// form. The lock always happens (a shared PC), and nothing typed is lost.
    pub fn lock(&self, why: &str) -> bool {
        if !self.has_passphrase.get_untracked() || self.locked.get_untracked() {
            return false;
        }
        self.flush();
        match self.lock_now() {
            Ok(0) => self.status.set(format!("{why}ロックしました")),
            Ok(n) => self.status.set(format!(
                "{why}ロックしました。保存できなかった変更（{n}件のケース）は、暗号化してこのタブに保持しています。開くと元に戻ります"
            )),
            Err(()) => {
                self.status.set("保存できない変更を暗号化する鍵がないため、ロックしていません".into());
                return false;
            }
        }
        true
    }

    /// Locks without saving (the keys here may no longer be the vault's, so saving could
    /// fail): the unsaved edits are first sealed under the key this tab still holds
    /// (`store::kept`) and kept in memory for the next unlock; then the keys and the cases
    /// are dropped. Returns how many cases were kept; `Err` (and no lock) when there are
    /// unsaved edits and no key to seal them (a first passphrase set in another tab).
    pub(super) fn lock_now(&self) -> Result<usize, ()> {
        // Sealed by the chunk `cases`, which is here when anything is unsaved (module docs).
        let kept = if self.dirty.with_value(HashSet::is_empty) {
            0
        } else {
            crate::ui::lazy::now(crate::ui::screens::keep_unsaved(*self, false)).ok_or(())??
        };
        self.drop_pending_saves();
        self.store.update_value(|s| s.backend_mut().lock());
        self.forget_cases(SaveProblem::Locked);
        set_changed(self.locked, true);
        crate::ui::route::set_title("ロック中");
        if self.copied.get_value() && self.security.get_untracked().shared_pc {
            clear_clipboard();
        }
        self.copied.set_value(false);
        Ok(kept)
    }

    /// Seals the unsaved edits under the key this tab holds and keeps them in memory
    /// ([`lock_now`](Self::lock_now); chunk `cases`). Err: no key to seal them with.
    pub fn keep_unsaved(&self) -> Result<usize, ()> {
        let conflicts = self.conflicts.get_untracked();
        let unsaved: Vec<(Case, bool)> = self
            .dirty
            .with_value(|d| d.iter().filter_map(|id| self.case_untracked(id).map(|c| (c, conflicts.contains(id)))).collect());
        if unsaved.is_empty() {
            return Ok(0);
        }
        let Some(sealed) = self.store.with_value(|s| s.keep_edits(unsaved)) else { return Err(()) };
        let n = sealed.len();
        self.kept.update_value(|k| k.push(sealed));
        self.kept_count.update(|c| *c += n);
        Ok(n)
    }

    /// Forgets the kept edits (a wipe: erasing everything was the user's choice).
    pub(super) fn drop_kept(&self) {
        self.kept.set_value(Vec::new());
        set_changed_count(self.kept_count, 0);
    }

    /// After an unlock: the edits kept at the lock come back as unsaved edits (a conflict
    /// stays a conflict) and are saved now through the two-tab rules; what still cannot be
    /// saved raises its alert. Returns what to tell the user, if anything was kept.
    pub fn give_back_kept(&self) -> Option<String> {
        self.ensure_whole();
        let boxes = self.kept.try_update_value(std::mem::take)?;
        if boxes.is_empty() {
            return None;
        }
        let mut back = Vec::new();
        let mut unopened = Vec::new();
        for b in boxes {
            match self.store.try_update_value(|s| s.take_back(&b)).flatten() {
                Some(cases) => back.extend(cases),
                // Never dropped: kept for a later unlock that has its key.
                None => unopened.push(b),
            }
        }
        let left: usize = unopened.iter().map(KeptEdits::len).sum();
        self.kept.set_value(unopened);
        set_changed_count(self.kept_count, left);
        let ids: Vec<CaseId> = back.iter().map(|k| k.case.id.clone()).collect();
        self.dirty.update_value(|d| d.extend(ids.iter().cloned()));
        let conflicted: Vec<CaseId> = back.iter().filter(|k| k.conflict).map(|k| k.case.id.clone()).collect();
        self.cases.update(|cs| {
            for k in back {
                match cs.iter_mut().find(|c| c.id == k.case.id) {
                    Some(slot) => *slot = k.case,
                    None => cs.push(k.case),
                }
            }
        });
        if !conflicted.is_empty() {
            self.conflicts.update(|c| c.extend(conflicted.into_iter().filter(|id| !c.contains(id)).collect::<Vec<_>>()));
        }
        self.generation.update(|g| *g += 1);
        self.flush();
        let n = ids.len();
        let mut text = String::new();
        if n > 0 {
            let still = self.dirty.with_value(|d| ids.iter().filter(|id| d.contains(id)).count());
            let in_conflict = self.conflicts.with_untracked(|c| ids.iter().filter(|id| c.contains(id)).count());
            text = format!("ロック前に保存できなかった変更（{n}件のケース）を元に戻しました。");
            text += if still == 0 {
                "保存しました。"
            } else if in_conflict > 0 {
                "別のタブでも変更されたケースがあります。どちらを残すか選んでください。"
            } else {
                "まだ保存できていません。"
            };
        }
        if left > 0 {
            text += &format!("ロック前の変更（{left}件のケース）は、今の鍵では開けないため、暗号化したまま保持しています。");
        }
        Some(text)
    }

    /// Unlocks with the passphrase: derives its key (WebCrypto), opens the vault, reads
    /// the cases. A wrong passphrase changes nothing.
    pub async fn unlock(self, passphrase: String) -> Result<(), String> {
        let kdf = self.store.with_value(|s| s.backend().kdf())?;
        let key = derive_key(&passphrase, &kdf).await?;
        let unsealed = self
            .store
            .try_update_value(|s| s.backend_mut().unlock(&key, fill_random))
            .ok_or("アプリの状態を読み込めません。")?
            .map_err(|e| e.message().to_owned())?;
        self.show_stored();
        if unsealed > 0 {
            self.save_problem.set(Some(SaveProblem::Full));
        }
        // The kept edits are whole cases: read (with every case) in their chunk.
        let kept = if self.kept.with_value(Vec::is_empty) {
            None
        } else if self.load_whole().await.is_err() {
            Some("ロック前に保存できなかった変更は、暗号化したままこのタブに保持しています（読み込む機能を読み込めませんでした）。ネットワークに接続してから、いったんロックして開き直してください。".to_owned())
        } else {
            crate::ui::screens::give_back_kept(self).await.unwrap_or_else(|_| {
                Some("ロック前に保存できなかった変更は、暗号化したままこのタブに保持しています（読み込む機能を読み込めませんでした）。ネットワークに接続してから、いったんロックして開き直してください。".to_owned())
            })
        };
        set_changed(self.locked, false);
        self.status.set(match kept {
            Some(text) => format!("ロックを解除しました。{text}"),
            None => "ロックを解除しました".into(),
        });
        Ok(())
    }

    /// Sets the passphrase (none yet) or changes it (`current` must open the vault): every
    /// case is saved first, then resealed under a new data key (atomic: `store::seal`).
    pub async fn set_passphrase(self, current: Option<String>, new: String) -> Result<String, String> {
        if let Some(current) = current {
            let kdf = self.store.with_value(|s| s.backend().kdf())?;
            let key = derive_key(&current, &kdf).await?;
            if !self.store.with_value(|s| s.backend().opens(&key)) {
                return Err("今の合言葉が違います。合言葉は変わっていません。".into());
            }
        }
        let kdf = Kdf::new(fill_random);
        let key = derive_key(&new, &kdf).await?;
        self.flush();
        let had = self.has_passphrase.get_untracked();
        let result = self
            .store
            .try_update_value(|s| s.backend_mut().set_passphrase(&key, kdf, random_key(), fill_random))
            .ok_or("アプリの状態を読み込めません。")?;
        match result {
            Ok(unsealed) => {
                set_changed(self.has_passphrase, true);
                set_changed(self.locked, false);
                if unsealed > 0 {
                    self.save_problem.set(Some(SaveProblem::Full));
                    return Err(format!(
                        "合言葉は設定しましたが、保存容量が足りないため {unsealed} 件の記録をまだ暗号化できていません。不要なケースを削除してから、いったんロックして開き直してください。"
                    ));
                }
                Ok(if had { "合言葉を変更し、すべてのデータを新しい鍵で暗号化し直しました。" } else { "合言葉を設定し、すべてのデータを暗号化しました。" }.into())
            }
            Err(_) => Err("保存できなかったため、合言葉は変わっていません。".into()),
        }
    }

    /// Saves the protection settings at once.
    pub fn set_security(&self, security: Security) {
        let saved = self.store.try_update_value(|s| s.save_security(&security)).unwrap_or(Ok(()));
        self.security.set(security);
        self.show_setting_saved(saved);
    }

    /// Text was copied or cut inside the app.
    pub fn note_copy(&self) {
        self.copied.set_value(true);
    }
}

/// Empties the system clipboard (共用PCモード, on locking): the app cannot read it to see
/// whether its copy is still there, so it writes an empty text over it.
fn clear_clipboard() {
    let get = |o: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok().filter(|v| !v.is_undefined());
    let Some(clipboard) = get(&window().into(), "navigator").and_then(|n| get(&n, "clipboard")) else { return };
    let Some(write) = get(&clipboard, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else { return };
    if let Ok(promise) = write.call1(&clipboard, &"".into()).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
        // A refusal (the page has no focus) is not shown: nothing else can be done then.
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

//! Unsaved edits kept through a lock: what a tab could not save when it had to lock (a
//! conflict waiting for the user's choice, a full store, or the passphrase changed in another
//! tab) is sealed in memory and given back after the next unlock, never dropped.
//!
//! - Sealed with AES-256-GCM under the vault's key for kept edits (`seal::Vault::edits`,
//!   carried over by every passphrase change, so the new passphrase opens it), or under the
//!   current data key for a vault that has none. The JSON that was sealed is zeroed at once;
//!   while locked the tab holds only the [`KeptEdits`] ciphertext and no key (the cases'
//!   own strings are freed when the screens empty, not zeroed: the domain types do not
//!   zeroize, and the wasm allocator reuses that memory).
//! - Each case keeps what this tab knew of its record (revision and text digest) and whether
//!   it was in conflict. [`Store::take_back`] sets that back, so the next save follows the two-tab rules:
//!   a record another tab changed meanwhile (or deleted) is a conflict, never overwritten.
//! - Kept in memory only: nothing is written, so a full store or a stale key cannot refuse
//!   it. Closing the tab while locked loses it (the UI warns before unload).

use super::seal::{KeptKey, Sealed};
use super::{Backend, Store};
use crate::domain::{Case, CaseId};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

/// The associated data of every kept-edits seal: a sealed record cannot pass for one.
const AAD: &[u8] = b"soudan-workbench/kept-edits";

/// One case's unsaved edit, as it was when the tab locked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptCase {
    pub case: Case,
    /// The stored revision this tab last read or wrote (`None`: never stored).
    pub base: Option<u64>,
    /// What this tab knew of that record (revision and the digest of its text): given back
    /// as it was, so another tab's write meanwhile, even at the same revision, is a conflict.
    #[serde(default)]
    seen: Option<super::Seen>,
    /// Another tab had changed the record and the user had not yet chosen.
    pub conflict: bool,
}

/// Unsaved edits sealed in memory. Holds no key; opened only after an unlock.
pub struct KeptEdits {
    key: KeptKey,
    nonce: [u8; 12],
    data: Vec<u8>,
    count: usize,
}

impl KeptEdits {
    /// How many cases (for the lock screen: a count, no names).
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The ciphertext, as held in memory (tests look for text in the clear in it).
    pub fn sealed_bytes(&self) -> &[u8] {
        &self.data
    }
}

impl<B: Backend> Store<Sealed<B>> {
    /// Seals `cases` (this tab's unsaved edits, each with whether it is in conflict) with
    /// the revision each was based on. `None` when this tab holds no key (not unlocked).
    pub fn keep_edits(&self, cases: Vec<(Case, bool)>) -> Option<KeptEdits> {
        let (key, cipher, random) = self.backend().kept_key()?;
        let count = cases.len();
        let kept: Vec<KeptCase> = cases
            .into_iter()
            .map(|(case, conflict)| {
                let seen = self.seen.get(&case.id).copied();
                KeptCase { base: seen.map(|s| s.revision), seen, case, conflict }
            })
            .collect();
        let mut plain = serde_json::to_vec(&kept).expect("cases serialise");
        let (nonce, data) = cipher.encrypt(AAD, &plain, random);
        plain.zeroize();
        Some(KeptEdits { key, nonce, data, count })
    }

    /// After an unlock and [`load`](Store::load): opens kept edits and sets each case's
    /// known revision back to the one its edit was based on, so that saving it refuses
    /// ([`SaveError::Conflict`](super::SaveError)) if another tab wrote or deleted the record
    /// meanwhile. `None` (nothing changed) when this unlock has no key that opens them.
    pub fn take_back(&mut self, kept: &KeptEdits) -> Option<Vec<KeptCase>> {
        let key = self.backend().kept_key_for(kept.key)?;
        let mut plain = key.decrypt(AAD, &kept.nonce, &kept.data)?;
        // From text, as records are read: `from_slice` would compile a second deserialiser
        // for every domain type into the wasm (about 100 KB).
        let cases = std::str::from_utf8(&plain).ok().and_then(|text| serde_json::from_str::<Vec<KeptCase>>(text).ok());
        plain.zeroize();
        let cases = cases?;
        for c in &cases {
            self.set_known(&c.case.id, c.seen);
        }
        Some(cases)
    }

    fn set_known(&mut self, id: &CaseId, seen: Option<super::Seen>) {
        match seen {
            Some(s) => self.seen.insert(id.clone(), s),
            None => self.seen.remove(id),
        };
    }
}

//! Encryption at rest: with a passphrase set, every record that holds case data (the
//! case records and the profile) is stored sealed with AES-256-GCM.
//!
//! Keys, outermost first:
//! - the **passphrase key** is derived from the passphrase by PBKDF2-SHA256 with the
//!   [`Kdf`] parameters stored in the vault (the browser's WebCrypto does the derivation:
//!   `webcrypto.rs`); it only wraps data keys and is never stored;
//! - **data keys** (random, 256-bit, numbered) seal the records. The [`Vault`] record
//!   (`soudan-workbench/vault`, not secret) holds the KDF parameters and each data key
//!   wrapped by the passphrase key.
//!
//! A sealed record is `{"sealed":1,"key":N,"nonce":"<hex>","len":L,"data":"<b15>"}`: the
//! record's own storage key is the associated data, so a record cannot be moved to another
//! key unnoticed, and each write has a fresh random 96-bit nonce.
//!
//! Records still in the clear under a vault (a first sealing interrupted by a crash or a
//! full store) are vouched for in [`CLEAR_KEY`], written before the vault: for each, a
//! GMAC tag over its storage key and text under a data key. Any other record in the clear
//! where a sealed one belongs is a stray — written by another page or program on the same
//! origin, not by this app — and is never adopted or sealed: the store sets it aside
//! ([`Backend::in_clear_under_vault`]).
//!
//! Invariants:
//! - With a vault present, nothing is written to a sealed key in the clear: writes while
//!   locked, or under a data key that is no longer the vault's current one (another tab
//!   changed the passphrase), fail with [`BackendError::Locked`].
//! - A passphrase change is atomic: the one write of the new vault (holding the old data
//!   keys *and* a new one, all wrapped by the new passphrase key) is the commit point;
//!   records are then resealed one by one under the new data key, and old keys are dropped
//!   from the vault only when no record uses them. A crash anywhere loses nothing: before
//!   the commit the old passphrase opens everything, after it the new one does, and the
//!   next unlock finishes the resealing ([`Sealed::unlock`]).
//! - A wrong passphrase changes nothing stored.
//! - The vault also holds the **key for kept edits** ([`Vault::edits`]), wrapped like the
//!   data keys and carried over unchanged by every passphrase change. It seals only what a
//!   locked tab keeps in memory (`store::kept`: unsaved edits sealed at a lock), never a
//!   stored record; because it outlives a passphrase change made in another tab, the new
//!   passphrase opens what this tab kept under the old one.

use super::{history, Backend, BackendError};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

/// The vault record: KDF parameters and wrapped data keys.
pub const VAULT_KEY: &str = "soudan-workbench/vault";
/// The records this app left in the clear under a vault, with a tag for each
/// ([`ClearList`]); absent when there are none.
pub const CLEAR_KEY: &str = "soudan-workbench/vault-clear";

/// PBKDF2-SHA256 iterations for a new passphrase (or backup): the strongest that unlocks
/// within about one second with room to spare. `scripts/bench` (unlock) measured the
/// browser's PBKDF2 at about 0.14 s per 600,000 here, alike with and without 4× CPU
/// throttling (WebCrypto runs off the page's thread, which throttling slows). 3,000,000
/// unlocks in about 0.65 s here; 4,000,000 would be about 0.9 s, at the edge with no room
/// for a PC whose own SHA-256 is slower, which throttling cannot show (README "Figures").
/// Stored in the vault with the salt, so a later version can raise it (applied at the next
/// passphrase change).
pub const KDF_ITERATIONS: u32 = 3_000_000;
/// OWASP's floor for PBKDF2-SHA256; a vault asking for fewer is refused as damaged.
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most a vault or backup file may ask for: ten times [`KDF_ITERATIONS`], room for a
/// later version to raise it. Without a cap a hand-made file asking for 2³²−1 kept the
/// screen at 「確認しています…」 for many minutes (WebCrypto cannot be interrupted).
pub const MAX_ITERATIONS: u32 = 10 * KDF_ITERATIONS;
pub const KDF_NAME: &str = "PBKDF2-SHA256";

/// Whether `key` holds case data, so is sealed when a passphrase is set. Settings (level,
/// office type, lock settings) are not case data and stay readable before unlocking.
pub fn is_sealed_key(key: &str) -> bool {
    key.starts_with(super::CASE_KEY_PREFIX) || key.starts_with(super::SET_ASIDE_PREFIX) || key == super::PROFILE_KEY
}

/// 256 bits of key material, wiped from memory when dropped.
#[derive(Clone)]
pub struct Key([u8; 32]);

impl Drop for Key {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl Key {
    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    /// AES-256-GCM with a fresh random nonce: `(nonce, ciphertext with its tag)`. The one
    /// encryption behind sealed records, wrapped keys and backup files.
    pub(super) fn encrypt(&self, aad: &[u8], msg: &[u8], random: Random) -> ([u8; 12], Vec<u8>) {
        let mut nonce = [0u8; 12];
        random(&mut nonce);
        let data = self
            .cipher()
            .encrypt(Nonce::from_slice(&nonce), Payload { msg, aad })
            .expect("AES-GCM encryption of an in-memory buffer cannot fail");
        (nonce, data)
    }

    /// The plaintext, or `None` for a wrong key, a wrong `aad` or damaged data.
    pub(super) fn decrypt(&self, aad: &[u8], nonce: &[u8], data: &[u8]) -> Option<Vec<u8>> {
        if nonce.len() != 12 {
            return None;
        }
        self.cipher().decrypt(Nonce::from_slice(nonce), Payload { msg: data, aad }).ok()
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new_from_slice(&self.0).expect("32-byte key")
    }
}

/// How the passphrase key is derived. Stored in the vault and in backup files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    pub name: String,
    pub iterations: u32,
    /// 16 random bytes, hex.
    pub salt: String,
}

impl Kdf {
    /// Parameters for a new passphrase, with a fresh salt from `random`.
    pub fn new(random: Random) -> Kdf {
        let mut salt = [0u8; 16];
        random(&mut salt);
        Kdf { name: KDF_NAME.into(), iterations: KDF_ITERATIONS, salt: hex(&salt) }
    }

    /// The salt as bytes, when the parameters are ones this version can use.
    pub fn usable_salt(&self) -> Option<Vec<u8>> {
        if self.problem().is_some() {
            return None;
        }
        unhex(&self.salt)
    }

    /// Why these parameters cannot be used, in Japanese (a sentence), or `None`.
    pub fn problem(&self) -> Option<String> {
        if self.name != KDF_NAME {
            return Some(format!("鍵の導出方法（{}）に対応していません。", self.name));
        }
        if self.iterations < MIN_ITERATIONS {
            return Some(format!("鍵の計算回数（{}回）が少なすぎます（{MIN_ITERATIONS}回以上が必要です）。", self.iterations));
        }
        if self.iterations > MAX_ITERATIONS {
            return Some(format!(
                "鍵の計算回数（{}回）が多すぎます（このアプリは{MAX_ITERATIONS}回まで）。時間がかかりすぎるため、計算していません。",
                self.iterations
            ));
        }
        if !unhex(&self.salt).is_some_and(|s| s.len() >= 16) {
            return Some("鍵の導出に使う値（salt）が壊れています。".into());
        }
        None
    }
}

/// Fills a buffer with cryptographically random bytes (`crypto.getRandomValues` in the
/// browser; tests pass their own).
pub type Random = fn(&mut [u8]);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vault {
    pub format: String,
    pub version: u32,
    pub kdf: Kdf,
    /// The data key new writes use.
    pub current: u32,
    pub keys: Vec<WrappedKey>,
    /// The key for kept edits (id [`EDITS_KEY_ID`]): absent in vaults of earlier versions,
    /// added at their next unlock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edits: Option<WrappedKey>,
}

/// The wrapped key for kept edits has this id (data keys count from 1), so its associated
/// data differs from every data key's.
pub const EDITS_KEY_ID: u32 = 0;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    pub id: u32,
    /// nonce ‖ AES-GCM(passphrase key, data key), hex.
    pub wrapped: String,
}

const VAULT_FORMAT: &str = "soudan-workbench-vault";

impl Vault {
    pub fn parse(raw: &str) -> Option<Vault> {
        serde_json::from_str::<Vault>(raw)
            .ok()
            .filter(|v| v.format == VAULT_FORMAT && v.version == 1 && v.kdf.usable_salt().is_some())
    }
}

/// Why [`Sealed::unlock`] failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnlockError {
    /// The passphrase key does not open the vault's keys.
    WrongPassphrase,
    /// No vault, or one this version cannot read.
    NoVault,
}

impl UnlockError {
    pub fn message(&self) -> &'static str {
        match self {
            UnlockError::WrongPassphrase => "合言葉が違います。保存されているデータは何も変わっていません。",
            UnlockError::NoVault => "暗号化の設定を読み込めません。保存されているデータは何も変わっていません。",
        }
    }
}

/// The unlocked data keys.
struct Keyring {
    keys: Vec<(u32, Key)>,
    current: u32,
    /// The vault's text when it was opened: a write finding another text there refuses.
    vault_raw: String,
    random: Random,
    /// [`CLEAR_KEY`] as read at unlock (or written since): read once, not per record. Another
    /// tab only ever shortens it, or changes the vault with it (and this tab then locks).
    clear: ClearList,
    /// The key for kept edits ([`Vault::edits`]); `None` only when a vault of an earlier
    /// version could not be given one (a full store).
    edits: Option<Key>,
}

impl Keyring {
    fn key(&self, id: u32) -> Option<&Key> {
        self.keys.iter().find(|(i, _)| *i == id).map(|(_, k)| k)
    }

    /// A packed (deflated) record is sealed as its bytes, not as its b15 text: the text
    /// takes 3 UTF-8 bytes per 15 bits, which sealing would store at 1.6 units per 15 bits.
    fn seal(&self, storage_key: &str, plaintext: &str) -> String {
        let key = self.key(self.current).expect("current key is in the ring");
        match history::packed_bytes(plaintext) {
            Some(bytes) => seal_with(key, self.current, &packed_aad(storage_key), &bytes, self.random, true),
            None => seal_with(key, self.current, storage_key, plaintext.as_bytes(), self.random, false),
        }
    }

    fn open(&self, storage_key: &str, sealed: &SealedRecord) -> Option<String> {
        let key = self.key(sealed.key)?;
        if sealed.deflated {
            return open_with(key, &packed_aad(storage_key), sealed).map(|bytes| history::packed_text(&bytes));
        }
        let bytes = open_with(key, storage_key, sealed)?;
        String::from_utf8(bytes).ok()
    }

    /// A tag for a record left in the clear, under the current data key.
    fn vouch(&self, storage_key: &str, value: &str) -> Vouched {
        let key = self.key(self.current).expect("current key is in the ring");
        let (nonce, tag) = key.encrypt(&vouch_aad(storage_key, value), b"", self.random);
        let mut bytes = nonce.to_vec();
        bytes.extend(tag);
        Vouched { k: storage_key.to_owned(), d: self.current, t: hex(&bytes) }
    }

    /// Whether our list has a tag, under a key we hold, for exactly this record text.
    fn vouches(&self, storage_key: &str, value: &str) -> bool {
        self.clear.records.iter().filter(|v| v.k == storage_key).any(|v| {
            let (Some(key), Some(bytes)) = (self.key(v.d), unhex(&v.t)) else { return false };
            bytes.len() == 12 + 16 && key.decrypt(&vouch_aad(storage_key, value), &bytes[..12], &bytes[12..]).is_some()
        })
    }
}

fn vouch_aad(storage_key: &str, value: &str) -> Vec<u8> {
    format!("{CLEAR_KEY}\n{storage_key}\n{value}").into_bytes()
}

/// The records left in the clear under a vault ([`CLEAR_KEY`]). Not secret; a tag cannot be
/// made without a data key, so a page that can write storage cannot vouch for its own record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClearList {
    pub records: Vec<Vouched>,
}

/// One record left in the clear: its storage key, the data key's number, and the
/// nonce ‖ GMAC tag (hex) over the storage key and the record's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vouched {
    pub k: String,
    pub d: u32,
    pub t: String,
}

#[derive(Serialize, Deserialize)]
struct SealedRecord {
    sealed: u32,
    key: u32,
    nonce: String,
    len: usize,
    data: String,
    /// The plaintext is deflated bytes (`history::packed_text` when opened); the
    /// associated data says so too ([`packed_aad`]), so the flag cannot be flipped unnoticed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deflated: bool,
}

fn packed_aad(storage_key: &str) -> String {
    format!("{storage_key}\n{}", history::PACKED_PREFIX)
}

/// Whether a stored value is a sealed record (cheap: sealed records start this way).
pub fn is_sealed_value(raw: &str) -> bool {
    raw.starts_with("{\"sealed\":")
}

fn seal_with(key: &Key, key_id: u32, aad: &str, plaintext: &[u8], random: Random, deflated: bool) -> String {
    let (nonce, data) = key.encrypt(aad.as_bytes(), plaintext, random);
    serde_json::to_string(&SealedRecord { sealed: 1, key: key_id, nonce: hex(&nonce), len: data.len(), data: b15::encode(&data), deflated })
        .expect("serialises")
}

fn open_with(key: &Key, aad: &str, sealed: &SealedRecord) -> Option<Vec<u8>> {
    let nonce = unhex(&sealed.nonce)?;
    let data = b15::decode(&sealed.data, sealed.len)?;
    key.decrypt(aad.as_bytes(), &nonce, &data)
}

fn wrap(passphrase_key: &Key, id: u32, data_key: &Key, random: Random) -> WrappedKey {
    let (nonce, data) = passphrase_key.encrypt(format!("{VAULT_KEY}#{id}").as_bytes(), &data_key.0, random);
    let mut out = nonce.to_vec();
    out.extend(data);
    WrappedKey { id, wrapped: hex(&out) }
}

fn unwrap(passphrase_key: &Key, wrapped: &WrappedKey) -> Option<Key> {
    let bytes = unhex(&wrapped.wrapped).filter(|b| b.len() > 12)?;
    let mut plain = passphrase_key.decrypt(format!("{VAULT_KEY}#{}", wrapped.id).as_bytes(), &bytes[..12], &bytes[12..])?;
    let key = <[u8; 32]>::try_from(plain.as_slice()).ok().map(Key);
    plain.zeroize();
    key
}

/// Which key of the vault sealed a tab's kept edits (`store::kept`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeptKey {
    /// The vault's key for kept edits ([`Vault::edits`]).
    Edits,
    /// A data key (a vault of an earlier version, without a key for kept edits).
    Data(u32),
}

/// 256 random bits.
fn fresh_key(random: Random) -> Key {
    let mut bytes = [0u8; 32];
    random(&mut bytes);
    let key = Key(bytes);
    bytes.zeroize();
    key
}

/// A [`Backend`] that seals case data on the way in and opens it on the way out.
pub struct Sealed<B> {
    inner: B,
    ring: Option<Keyring>,
}

impl<B: Backend> Sealed<B> {
    pub fn new(inner: B) -> Self {
        Sealed { inner, ring: None }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    fn clear_list(&self) -> ClearList {
        self.inner.get(CLEAR_KEY).and_then(|raw| serde_json::from_str(&raw).ok()).unwrap_or_default()
    }

    /// The sealed-key records stored in the clear, with their text.
    fn records_in_clear(&self) -> Vec<(String, String)> {
        self.inner
            .keys()
            .into_iter()
            .filter(|k| is_sealed_key(k))
            .filter_map(|k| self.inner.get(&k).filter(|raw| !is_sealed_value(raw)).map(|raw| (k, raw)))
            .collect()
    }

    /// A passphrase is set (a vault is stored), whether or not this tab has unlocked it.
    pub fn has_passphrase(&self) -> bool {
        self.inner.get(VAULT_KEY).is_some()
    }

    /// A passphrase is set and this tab has not unlocked it: case data cannot be read or written.
    pub fn is_locked(&self) -> bool {
        self.ring.is_none() && self.has_passphrase()
    }

    /// The KDF parameters to derive the passphrase key with, to unlock; or why the vault
    /// cannot be used (the message to show: nothing is derived, nothing changed).
    pub fn kdf(&self) -> Result<Kdf, String> {
        let raw = self.inner.get(VAULT_KEY).ok_or(UnlockError::NoVault.message())?;
        if let Some(vault) = Vault::parse(&raw) {
            return Ok(vault.kdf);
        }
        // Readable but asking for parameters this version refuses: say which.
        let problem = serde_json::from_str::<Vault>(&raw).ok().and_then(|v| v.kdf.problem());
        Err(match problem {
            Some(p) => format!("暗号化の設定を使えません。{p}保存されているデータは何も変わっていません。"),
            None => UnlockError::NoVault.message().to_owned(),
        })
    }

    /// Opens the vault's data keys with `passphrase_key` (derived with [`kdf`](Self::kdf)),
    /// then finishes any interrupted sealing (records still in the clear or under an older
    /// data key). A wrong key writes nothing. Returns the records that could not be
    /// resealed because storage is full (they stay readable).
    pub fn unlock(&mut self, passphrase_key: &Key, random: Random) -> Result<usize, UnlockError> {
        let raw = self.inner.get(VAULT_KEY).ok_or(UnlockError::NoVault)?;
        let vault = Vault::parse(&raw).ok_or(UnlockError::NoVault)?;
        let keys = vault
            .keys
            .iter()
            .map(|w| unwrap(passphrase_key, w).map(|k| (w.id, k)))
            .collect::<Option<Vec<_>>>()
            .ok_or(UnlockError::WrongPassphrase)?;
        if !keys.iter().any(|(id, _)| *id == vault.current) {
            return Err(UnlockError::NoVault);
        }
        let edits = vault.edits.as_ref().filter(|w| w.id == EDITS_KEY_ID).and_then(|w| unwrap(passphrase_key, w));
        let clear = self.clear_list();
        self.ring = Some(Keyring { keys, current: vault.current, vault_raw: raw, random, clear, edits });
        if vault.edits.is_none() {
            self.add_edits_key(vault, passphrase_key, random);
        }
        Ok(self.reseal_all())
    }

    /// Gives a vault of an earlier version its key for kept edits (best effort: on a full
    /// store it stays without one, and kept edits are sealed under the current data key).
    fn add_edits_key(&mut self, mut vault: Vault, passphrase_key: &Key, random: Random) {
        let edits = fresh_key(random);
        vault.edits = Some(wrap(passphrase_key, EDITS_KEY_ID, &edits, random));
        let raw = serde_json::to_string(&vault).expect("serialises");
        if self.inner.set(VAULT_KEY, &raw).is_ok() {
            if let Some(ring) = &mut self.ring {
                ring.vault_raw = raw;
                ring.edits = Some(edits);
            }
        }
    }

    /// The key kept edits are sealed under now: the vault's key for kept edits, or (a vault
    /// that has none) the current data key. `None` while locked.
    pub(super) fn kept_key(&self) -> Option<(KeptKey, &Key, Random)> {
        let ring = self.ring.as_ref()?;
        Some(match &ring.edits {
            Some(k) => (KeptKey::Edits, k, ring.random),
            None => (KeptKey::Data(ring.current), ring.key(ring.current)?, ring.random),
        })
    }

    /// The key that opens edits kept under `which`, if this unlock has it.
    pub(super) fn kept_key_for(&self, which: KeptKey) -> Option<&Key> {
        let ring = self.ring.as_ref()?;
        match which {
            KeptKey::Edits => ring.edits.as_ref(),
            KeptKey::Data(id) => ring.key(id),
        }
    }

    /// Whether `passphrase_key` opens the vault (nothing is changed or kept).
    pub fn opens(&self, passphrase_key: &Key) -> bool {
        self.inner
            .get(VAULT_KEY)
            .and_then(|raw| Vault::parse(&raw))
            .is_some_and(|v| v.keys.iter().all(|w| unwrap(passphrase_key, w).is_some()))
    }

    /// Forgets the data keys (they are wiped from memory).
    pub fn lock(&mut self) {
        self.ring = None;
    }

    /// Sets a passphrase (none set yet), or changes it (unlocked): a new vault whose keys
    /// are wrapped by `passphrase_key`, a new data key, and every record resealed under it.
    /// See the module doc for why a crash half-way loses nothing. Returns the records that
    /// could not be resealed because storage is full.
    pub fn set_passphrase(
        &mut self,
        passphrase_key: &Key,
        kdf: Kdf,
        new_data_key: Key,
        random: Random,
    ) -> Result<usize, BackendError> {
        if self.is_locked() {
            return Err(BackendError::Locked);
        }
        let mut keys = self.ring.as_ref().map(|r| r.keys.clone()).unwrap_or_default();
        // Carried over, so what another tab kept under it opens with the new passphrase.
        let edits = self.ring.as_ref().and_then(|r| r.edits.clone()).unwrap_or_else(|| fresh_key(random));
        let current = keys.iter().map(|(id, _)| *id).max().unwrap_or(0) + 1;
        keys.push((current, new_data_key));
        // The records still in the clear that are ours: without a vault, every one; with
        // one, those the old keys vouch for (strays stay strays).
        let list = self.ring.as_ref().map(|r| r.clear.clone()).unwrap_or_default();
        let ours: Vec<(String, String)> = self
            .records_in_clear()
            .into_iter()
            .filter(|(k, v)| self.ring.as_ref().is_none_or(|r| r.vouches(k, v)))
            .collect();
        let next = Keyring { keys: keys.clone(), current, vault_raw: String::new(), random, clear: ClearList::default(), edits: None };
        // Vouched for under the new key before the vault names it, old tags kept: whichever
        // vault a crash leaves, its keys vouch for them.
        let mut vouched = list.clone();
        vouched.records.retain(|v| ours.iter().any(|(k, _)| *k == v.k));
        vouched.records.extend(ours.iter().map(|(k, v)| next.vouch(k, v)));
        if !vouched.records.is_empty() || self.inner.get(CLEAR_KEY).is_some() {
            self.write_clear_list(&vouched)?;
        }
        let vault = Vault {
            format: VAULT_FORMAT.into(),
            version: 1,
            kdf,
            current,
            keys: keys.iter().map(|(id, k)| wrap(passphrase_key, *id, k, random)).collect(),
            edits: Some(wrap(passphrase_key, EDITS_KEY_ID, &edits, random)),
        };
        let raw = serde_json::to_string(&vault).expect("serialises");
        // The commit point. If it fails, nothing changed and the old ring stays.
        self.inner.set(VAULT_KEY, &raw)?;
        self.ring = Some(Keyring { keys, current, vault_raw: raw, random, clear: vouched, edits: Some(edits) });
        Ok(self.reseal_all())
    }

    fn write_clear_list(&mut self, list: &ClearList) -> Result<(), BackendError> {
        if list.records.is_empty() {
            self.inner.remove(CLEAR_KEY);
            Ok(())
        } else {
            self.inner.set(CLEAR_KEY, &serde_json::to_string(list).expect("serialises"))
        }
    }

    /// Reseals every sealed-key record not yet under the current data key, then drops from
    /// the vault the old keys no record needs. Records that open under no key we hold, and
    /// strays in the clear, are left as they are (the store sets them aside). Returns how
    /// many could not be written.
    fn reseal_all(&mut self) -> usize {
        let Some(ring) = &self.ring else { return 0 };
        let mut failed = 0;
        let mut still_used = std::collections::BTreeSet::new();
        for key in self.inner.keys().into_iter().filter(|k| is_sealed_key(k)) {
            let Some(raw) = self.inner.get(&key) else { continue };
            let plaintext = if is_sealed_value(&raw) {
                let Ok(record) = serde_json::from_str::<SealedRecord>(&raw) else { continue };
                if record.key == ring.current {
                    continue;
                }
                match ring.open(&key, &record) {
                    Some(p) => p,
                    None => {
                        still_used.insert(record.key);
                        continue;
                    }
                }
            } else if ring.vouches(&key, &raw) {
                raw
            } else {
                continue;
            };
            // A failed write leaves the record under its old key (or in the clear); old keys
            // are then kept, and the next unlock tries again.
            if self.inner.set(&key, &ring.seal(&key, &plaintext)).is_err() {
                failed += 1;
            }
        }
        // Tags of records no longer in the clear (sealed now, or gone) are dropped.
        if !ring.clear.records.is_empty() {
            let in_clear = self.records_in_clear();
            let mut kept = ring.clear.clone();
            kept.records.retain(|v| in_clear.iter().any(|(k, raw)| *k == v.k && ring.vouches(k, raw)));
            if kept != ring.clear && self.write_clear_list(&kept).is_ok() {
                if let Some(ring) = &mut self.ring {
                    ring.clear = kept;
                }
            }
        }
        if failed == 0 {
            self.drop_unused_keys(&still_used);
        }
        failed
    }

    /// A record stored in the clear where a sealed one belongs, under a vault, and not one
    /// this app left so (see the module doc): `true` also while locked, when nothing can be
    /// vouched for (nothing is read then either).
    fn stray(&self, key: &str, raw: &str) -> bool {
        if !is_sealed_key(key) || is_sealed_value(raw) || !self.has_passphrase() {
            return false;
        }
        self.ring.as_ref().is_none_or(|ring| !ring.vouches(key, raw))
    }

    fn drop_unused_keys(&mut self, still_used: &std::collections::BTreeSet<u32>) {
        let Some(ring) = &mut self.ring else { return };
        let Some(mut vault) = Vault::parse(&ring.vault_raw) else { return };
        let before = vault.keys.len();
        vault.keys.retain(|w| w.id == vault.current || still_used.contains(&w.id));
        if vault.keys.len() == before {
            return;
        }
        let raw = serde_json::to_string(&vault).expect("serialises");
        if self.inner.set(VAULT_KEY, &raw).is_ok() {
            ring.keys.retain(|(id, _)| *id == vault.current || still_used.contains(id));
            ring.vault_raw = raw;
        }
    }

    /// The vault another tab may have changed: true when it is no longer the one this tab
    /// opened (then this tab must lock and ask again).
    pub fn vault_changed(&self) -> bool {
        match &self.ring {
            Some(ring) => self.inner.get(VAULT_KEY).as_deref() != Some(ring.vault_raw.as_str()),
            None => false,
        }
    }
}

impl<B: Backend> Backend for Sealed<B> {
    fn get(&self, key: &str) -> Option<String> {
        self.get_checked(key).map(|(value, _)| value)
    }

    fn get_checked(&self, key: &str) -> Option<(String, bool)> {
        let raw = self.inner.get(key)?;
        let stray = (!is_sealed_key(key) || !is_sealed_value(&raw)) && self.stray(key, &raw);
        Some((self.open(key, raw), stray))
    }

    fn open(&self, key: &str, raw: String) -> String {
        if !is_sealed_key(key) || !is_sealed_value(&raw) {
            return raw;
        }
        // A record no key here opens is returned as stored: the store sets it aside.
        let opened = self.ring.as_ref().and_then(|ring| {
            let record = serde_json::from_str::<SealedRecord>(&raw).ok()?;
            ring.open(key, &record)
        });
        opened.unwrap_or(raw)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if !is_sealed_key(key) {
            return self.inner.set(key, value);
        }
        self.writable()?;
        match &self.ring {
            Some(ring) => {
                let sealed = ring.seal(key, value);
                self.inner.set(key, &sealed)
            }
            None => self.inner.set(key, value),
        }
    }

    fn writable(&self) -> Result<(), BackendError> {
        match &self.ring {
            Some(ring) if self.inner.get(VAULT_KEY).as_deref() == Some(ring.vault_raw.as_str()) => Ok(()),
            Some(_) => Err(BackendError::Locked),
            None if self.has_passphrase() => Err(BackendError::Locked),
            None => Ok(()),
        }
    }

    fn remove(&mut self, key: &str) {
        self.inner.remove(key)
    }

    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }

    fn get_raw(&self, key: &str) -> Option<String> {
        self.inner.get_raw(key)
    }

    fn units(&self, key: &str) -> usize {
        self.inner.units(key)
    }

    fn set_raw(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.inner.set_raw(key, value)
    }
}

/// Lower-case hex, for nonces, salts and wrapped keys (short values).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// 15 bits per character, in U+4000..U+BFFF (no surrogates, no JSON escapes), for sealed
/// records: `localStorage` counts UTF-16 units, and this packs 2.5 times as much per unit
/// as base64 — a sealed record is about 0.55 units per byte of its JSON instead of 1.33.
pub mod b15 {
    const BASE: u32 = 0x4000;

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len() * 3 / 2 + 3);
        let (mut acc, mut bits) = (0u32, 0u32);
        for &b in bytes {
            acc = (acc << 8) | u32::from(b);
            bits += 8;
            if bits >= 15 {
                bits -= 15;
                out.push(char::from_u32(BASE + ((acc >> bits) & 0x7fff)).expect("in range"));
                acc &= (1 << bits) - 1;
            }
        }
        if bits > 0 {
            out.push(char::from_u32(BASE + ((acc << (15 - bits)) & 0x7fff)).expect("in range"));
        }
        out
    }

    /// `len` bytes back; `None` for characters outside the alphabet or a wrong length.
    pub fn decode(text: &str, len: usize) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(len);
        let (mut acc, mut bits) = (0u32, 0u32);
        for c in text.chars() {
            let v = (c as u32).checked_sub(BASE).filter(|v| *v < 0x8000)?;
            acc = ((acc << 15) | v) & 0x3f_ffff;
            bits += 15;
            while bits >= 8 && out.len() < len {
                bits -= 8;
                out.push((acc >> bits) as u8);
            }
        }
        (out.len() == len && text.chars().count() == (len * 8).div_ceil(15)).then_some(out)
    }
}

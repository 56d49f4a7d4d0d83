//! Local storage: the only module that reads or writes the browser's `localStorage`.
//!
//! Every case is a record under `soudan-workbench/case/<id>`, wrapped in a versioned
//! [`envelope`]; its frozen history (plan versions, recorded monitoring, reviews) is in a
//! [`history`] record that the case record names, written only when it changes. The rules
//! here are written against the small [`Backend`] trait (`backend`) so they run natively in
//! tests ([`MemoryBackend`]); `local` is the browser's `localStorage`. Beside the [`Store`]:
//! `security` (the protection settings and the passphrase rules), `export` (the export
//! files and reading one back).
//!
//! Invariants:
//! - A record this version cannot read (broken JSON, a newer `schema_version`, a wrong
//!   shape) is *set aside*: reported, never overwritten, never removed.
//! - A save never silently replaces a record another tab wrote after we last read it:
//!   each record carries a `revision`, and the save compares the stored record with the
//!   one this tab last read or wrote ([`Seen`]: revision and digest of the text); a
//!   mismatch is a [`SaveError::Conflict`].
//! - localStorage has no compare-and-set across tabs: two tabs that read revision N can
//!   both write N+1, the later write replacing the earlier. The tab whose write was
//!   replaced learns it from the `storage` event (or its next save): the same revision as
//!   its own write, with other text. [`Store::external_change_with`] then says
//!   [`ExternalChange::Overwritten`] and the caller keeps its version and asks the user
//!   (the conflict), so no edit is ever kept from one tab only without a word.
//! - A failed write (full storage) changes nothing stored; the caller keeps the edit.
//! - An import ([`Store::import_all`]) stores every case of the file or none: on the first
//!   failed write, what it wrote is removed and what it replaced is put back byte for byte.
//! - Restoring a case over a record that was set aside first copies that record, as it was
//!   read, to its own key under [`SET_ASIDE_PREFIX`], where it stays set aside.
//! - A case is read whole or not at all: a history record that is missing, unreadable or not
//!   the one its case record names sets both aside. A save that changes the history writes
//!   the new history record first, under a new key; if the case record then cannot be
//!   written, the new one is removed again and the old pair is as it was.
//! - Before the store is full ([`WARN_PERCENT`] of [`QUOTA_UNITS`]) the app says how full it
//!   is ([`Store::usage`]); a full store refuses a write and changes nothing.

mod backend;
pub mod backup;
mod describe;
pub mod envelope;
mod export;
pub mod history;
pub mod kept;
#[cfg(target_arch = "wasm32")]
pub mod local;
mod migrate;
#[cfg(target_arch = "wasm32")]
pub mod training;
pub mod seal;
mod security;
#[cfg(target_arch = "wasm32")]
pub mod webcrypto;

pub use backend::{Backend, BackendError, MemoryBackend};
pub use export::{export_cases, export_everything, export_set_aside, file_text, read_export_file, read_extras};
pub use security::{
    parse_idle_minutes, passphrase_problem, passphrase_weakness, PassphraseField, Security, DEFAULT_IDLE_LOCK_MINUTES,
    IDLE_LOCK_RANGE, MIN_PASSPHRASE_CHARS,
};

use crate::domain::check::CheckOptions;
use crate::domain::profile::Profile;
use crate::domain::summary::CaseSummary;
use crate::domain::{Case, CaseId};
use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use std::collections::HashMap;

pub use envelope::{Envelope, SCHEMA_VERSION};
use history::{History, HistoryRef};

/// Every key this app writes starts with this.
pub const KEY_PREFIX: &str = "soudan-workbench/";
/// Case records: `soudan-workbench/case/<id>`.
pub const CASE_KEY_PREFIX: &str = "soudan-workbench/case/";

/// Set-aside copies: `soudan-workbench/set-aside/<id>/<written_at>`. When a case is
/// restored from a file over a record this version could not read, that record is first
/// copied here (the text [`Store::load`] would have set aside, sealed again under this key
/// when a passphrase is set), so the good record can take the case's key while the damaged
/// one stays set aside and exportable. Never read as a case, never overwritten; only the
/// wipe removes it.
pub const SET_ASIDE_PREFIX: &str = "soudan-workbench/set-aside/";

/// The user's settings (level, office type, own corporation for the plan check). Not case
/// data: a record that cannot be read falls back to the defaults rather than being set aside.
pub const SETTINGS_KEY: &str = "soudan-workbench/settings";

/// The specialist's own profile (self-assessment against the role matrix, 推薦申出書
/// checklist answers). Not case data and not in the case export. Missing or unreadable, it
/// reads as an empty profile; but an unreadable one is never overwritten: saving over it
/// fails with [`SaveError::Conflict`] (as [`Store::overwrite`] does for a case record this
/// version cannot read), so a user's history is not lost to a newer version's format or a
/// damaged write. [`Store::profile_unreadable`] tells the screen to say so.
pub const PROFILE_KEY: &str = "soudan-workbench/profile";

/// The calendar's settings (`domain::calendar::CalendarOptions`: the renewal lead time). Like
/// [`SETTINGS_KEY`], not case data: unreadable, it falls back to the defaults.
pub const CALENDAR_KEY: &str = "soudan-workbench/calendar";

/// How this browser protects the data: auto-lock, 共用PCモード, whether the first-use
/// suggestion to set a passphrase was put aside. Not case data: readable before unlocking.
pub const SECURITY_KEY: &str = "soudan-workbench/security";

/// The localStorage quota assumed, in UTF-16 code units: Chromium allows 10 MB per origin,
/// counted as 2 bytes per unit of keys and values. No browser API tells it (the Storage API's
/// estimate covers other stores, not localStorage); `scripts/bench` (storage) measures it by
/// writing until the quota error. Firefox and Safari allow about the same (5 M units).
pub const QUOTA_UNITS: usize = 5_242_880;

/// From this share of [`QUOTA_UNITS`] on, the app says how full the store is and what to do,
/// well before a save fails (a 3-year case is about 16,000 units: 20% is some 65 cases).
pub const WARN_PERCENT: usize = 80;

/// How full localStorage is: every key of the origin counts against the quota, not only ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    pub used_units: usize,
    pub quota_units: usize,
}

impl Usage {
    /// Whole percent used (rounded down; 100 at or past the quota).
    pub fn percent(&self) -> usize {
        (self.used_units.saturating_mul(100) / self.quota_units.max(1)).min(100)
    }

    /// The warning from [`WARN_PERCENT`] on, in Japanese: how full, and what to do. `archived`
    /// is how many archived (終結) cases are stored: the first to export and remove.
    pub fn warning(&self, archived: usize) -> Option<String> {
        if self.percent() < WARN_PERCENT {
            return None;
        }
        let what = if archived > 0 {
            format!("アーカイブしたケースが{archived}件あります。")
        } else {
            "終結したケースはアーカイブしておくと、あとで見分けやすくなります。".to_owned()
        };
        Some(format!(
            "このブラウザの保存容量の約{}%を使っています（残り約{}万字分）。いっぱいになると、新しい入力を保存できなくなります（入力した内容は画面に残り、失われません）。{what}「すべてのケースを書き出す」でファイルに保存して大切に保管し、もう開かない古いケースを削除して空きを作ってください。",
            self.percent(),
            (self.quota_units.saturating_sub(self.used_units)) / 10_000
        ))
    }
}

/// What the user types to confirm [`Store::wipe`].
pub const WIPE_PHRASE: &str = "すべて消す";

/// Whether `typed` confirms the wipe: exactly [`WIPE_PHRASE`], spaces (half- or full-width)
/// around it aside.
pub fn wipe_confirmed(typed: &str) -> bool {
    typed.trim() == WIPE_PHRASE
}

/// Shown beside the confirmation field when [`wipe_confirmed`] is false.
pub const WIPE_PHRASE_ERROR: &str = "消すには「すべて消す」と入力してください。何も消していません。";

pub fn case_key(id: &CaseId) -> String {
    format!("{CASE_KEY_PREFIX}{id}")
}

/// A stored record this version of the app could not read, kept as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub key: String,
    pub raw: String,
    pub reason: SetAsideReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetAsideReason {
    /// Written by a newer version of the app.
    FutureVersion(u32),
    /// Not valid JSON, or not the shape of a case record.
    Unreadable(String),
    /// Stored in the clear while a passphrase is set, and not by this app: another page or
    /// program on the same origin may have written it, so it is not taken as a case.
    InClear,
}

impl SetAsideReason {
    pub fn message(&self) -> String {
        match self {
            SetAsideReason::FutureVersion(v) => format!(
                "新しいバージョンのアプリで保存されたデータです（形式 {v}、このアプリは {SCHEMA_VERSION} まで）。"
            ),
            SetAsideReason::Unreadable(_) => "データが壊れているため読み込めません。".to_owned(),
            SetAsideReason::InClear => "合言葉を設定しているのに、暗号化されていない形で保存されていたデータです。このアプリが保存したものと確かめられないため（ほかのページやプログラムが書き込んだおそれがあります）、ケースとして読み込まず、上書きもしていません。".to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    QuotaExceeded,
    /// Another tab changed (or deleted) the record since this tab last read it.
    Conflict,
    Unavailable(String),
    /// Locked, or the passphrase was changed in another tab: unlock again to save.
    Locked,
}

impl From<BackendError> for SaveError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::QuotaExceeded => SaveError::QuotaExceeded,
            BackendError::Unavailable(m) => SaveError::Unavailable(m),
            BackendError::Locked => SaveError::Locked,
        }
    }
}

/// What changed in storage behind this tab's back (from a `storage` event).
#[derive(Clone, Debug, PartialEq)]
pub enum ExternalChange<C = Case> {
    Updated(Box<C>),
    /// This tab's last write of the case was replaced by another tab's write of the same
    /// revision (both saved in the same instant): this tab's edits are not stored. The case
    /// is what is stored now; the caller keeps its own version and asks which to keep.
    Overwritten(Box<C>),
    Removed(CaseId),
    /// A record another tab wrote that this version cannot read.
    SetAside(SetAside),
}

/// Why [`Store::import_all`] stored nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Storage is full. `fitted` of the `total` cases were written before the failure (and
    /// then removed again): about what the free space holds.
    Full { total: usize, fitted: usize },
    /// A case with this id was stored by another tab since this one read the list.
    Conflict(CaseId),
    /// Locked, or the passphrase was changed in another tab.
    Locked,
    Unavailable(String),
    /// Storage refused to take back what the import had replaced: some records may be
    /// the file's and some as they were. The caller reads storage again.
    NotRolledBack,
}

impl ImportError {
    /// What the user is told: that nothing was imported, why, and what to do.
    pub fn message(&self) -> String {
        match self {
            ImportError::Full { total, fitted } => {
                let room = if *fitted == 0 {
                    format!("このファイルの{total}件のケースは、1件も今の空きに入りません。")
                } else {
                    format!(
                        "今の空きに入るのは、このファイルの{total}件のうち約{fitted}件分です（あと約{}件分の空きが必要です）。",
                        total - fitted
                    )
                };
                format!(
                    "保存容量が足りないため、何も読み込んでいません。{room}不要なケースを削除するか、「すべてのケースを書き出す」でファイルに保存してから削除して空きを作り、もう一度読み込んでください。"
                )
            }
            ImportError::Conflict(_) => {
                "読み込んでいる間に、別のタブで同じケースが保存されました。何も読み込んでいません。もう一度読み込んでください。".into()
            }
            ImportError::Locked => "ロックされているか、別のタブで合言葉が変更されたため、何も読み込んでいません。ロックを解除してから、もう一度読み込んでください。".into(),
            ImportError::Unavailable(_) => "このブラウザの設定により保存できないため、何も読み込んでいません。".into(),
            ImportError::NotRolledBack => "保存の途中で失敗し、一部を元に戻せませんでした。一覧は保存されている内容を表示しています。".into(),
        }
    }
}

impl ImportError {
    fn from_backend(e: BackendError, total: usize, fitted: usize) -> ImportError {
        match e {
            BackendError::QuotaExceeded => ImportError::Full { total, fitted },
            BackendError::Locked => ImportError::Locked,
            BackendError::Unavailable(m) => ImportError::Unavailable(m),
        }
    }
}

/// What [`Store::import_all`] did besides writing the cases.
#[derive(Debug, Default)]
pub struct Imported {
    /// Records that were set aside under a case's key, now copied under [`SET_ASIDE_PREFIX`]
    /// (the case's key holds the imported case).
    pub moved: Vec<SetAside>,
}

#[derive(Debug)]
pub struct Loaded<C = Case> {
    pub cases: Vec<C>,
    pub set_aside: Vec<SetAside>,
}

impl<C> Default for Loaded<C> {
    fn default() -> Self {
        Loaded { cases: Vec::new(), set_aside: Vec::new() }
    }
}

/// What is read of a stored case: the whole [`Case`], or the [`CaseSummary`] the case list
/// shows ([`Store::load_list`]): the same records, the same checks, the same reasons to set
/// one aside; a summary only leaves the rest of the JSON unread.
pub trait CaseRecord: DeserializeOwned {
    /// What is read of the case's history record.
    type Frozen: DeserializeOwned;
    fn id(&self) -> &CaseId;
    /// Puts the history record's items back in front of the case record's own.
    fn join(&mut self, frozen: Self::Frozen);
}

impl CaseRecord for Case {
    type Frozen = History;
    fn id(&self) -> &CaseId {
        &self.id
    }
    fn join(&mut self, frozen: History) {
        frozen.join(self);
    }
}

impl CaseRecord for CaseSummary {
    type Frozen = history::HeldHistory;
    fn id(&self) -> &CaseId {
        &self.id
    }
    fn join(&mut self, frozen: history::HeldHistory) {
        self.join_history(&frozen.monitoring_reports);
    }
}

/// What this tab last read or wrote of one case record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Seen {
    revision: u64,
    /// Of the record's text (as `Backend::get` returns it): two writes of one revision by
    /// two tabs differ here (their cases, or at least their `written_at`).
    digest: u64,
    /// This tab wrote it (a save, an overwrite, an import): if another text of the same
    /// revision turns up, this tab's write was replaced.
    ours: bool,
    /// The history record the case record names (`history`): a save whose history is the
    /// same writes the case record only.
    #[serde(default)]
    history: Option<HistoryRef>,
}

impl Seen {
    fn of(raw: &str, revision: u64, ours: bool, history: Option<HistoryRef>) -> Seen {
        Seen { revision, digest: digest(raw), ours, history }
    }
}

/// A history record read: its lists (current version), or, for an older one, the whole
/// case read through `migrate`.
#[allow(clippy::large_enum_variant)] // one at a time, moved out at once
enum Joined<C: CaseRecord> {
    Typed(C::Frozen),
    Migrated(Envelope<C>),
}

/// What is stored for one case key, read whole: the case record joined with its history.
#[allow(clippy::large_enum_variant)] // one at a time, moved out at once
enum Stored<C = Case> {
    Missing,
    /// `raw` is the case record's text; `env.case` the case as read.
    Case { env: Envelope<C>, raw: String },
    /// The case record first, then its history record when that is what cannot be read.
    Unreadable(Vec<SetAside>),
}

/// A digest of a record's text. Only compared within one tab's memory, never stored, so
/// std's fixed-key SipHash is enough (and already in the wasm).
fn digest(raw: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    raw.hash(&mut h);
    h.finish()
}

/// The case records, with what this tab last read or wrote of each.
pub struct Store<B: Backend> {
    backend: B,
    app_version: &'static str,
    seen: HashMap<CaseId, Seen>,
    /// The history last written or checked for a case saved in this tab: a save compares
    /// the case's frozen items with it (a deep compare) instead of serialising them again.
    /// Only cases saved here, so memory holds no second copy of every case.
    frozen: HashMap<CaseId, (HistoryRef, History)>,
}

impl<B: Backend> Store<B> {
    pub fn new(backend: B, app_version: &'static str) -> Self {
        Store { backend, app_version, seen: HashMap::new(), frozen: HashMap::new() }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    /// How full localStorage is: keys and values of every key of the origin, in UTF-16 code
    /// units. Reads every value, so it is asked for now and then, not on every keystroke.
    pub fn usage(&self) -> Usage {
        let used_units = self.backend.keys().iter().map(|k| k.encode_utf16().count() + self.backend.units(k)).sum();
        Usage { used_units, quota_units: QUOTA_UNITS }
    }

    /// Reads every case record whole; unreadable ones are set aside, not dropped.
    pub fn load(&mut self) -> Loaded {
        self.load_as()
    }

    /// Reads what the case list shows of every case record ([`CaseSummary`]): what the
    /// first screen needs, without reading (or, in the wasm, carrying the code to read)
    /// plans and histories. Set aside as [`load`](Self::load) would, except for damage deep
    /// inside a case that only reading it whole finds.
    pub fn load_list(&mut self) -> Loaded<CaseSummary> {
        self.load_as()
    }

    fn load_as<C: CaseRecord>(&mut self) -> Loaded<C> {
        let mut loaded = Loaded::default();
        let mut keys: Vec<String> = self
            .backend
            .keys()
            .into_iter()
            .filter(|k| (k.starts_with(CASE_KEY_PREFIX) && !history::is_history_key(k)) || k.starts_with(SET_ASIDE_PREFIX))
            .collect();
        keys.sort();
        for key in keys {
            if key.starts_with(SET_ASIDE_PREFIX) {
                loaded.set_aside.extend(self.set_aside_copy_as::<C>(&key));
                continue;
            }
            match self.read_stored::<C>(&key) {
                Stored::Missing => {}
                Stored::Case { env, raw } => {
                    self.seen.insert(env.case.id().clone(), Seen::of(&raw, env.revision, false, env.history));
                    loaded.cases.push(env.case);
                }
                Stored::Unreadable(records) => loaded.set_aside.extend(records),
            }
        }
        loaded
    }

    /// The case record under `key` joined with its history record.
    fn read_stored<C: CaseRecord>(&self, key: &str) -> Stored<C> {
        match self.backend.get_checked(key) {
            None => Stored::Missing,
            Some((raw, true)) => Stored::Unreadable(vec![SetAside { key: key.to_owned(), raw, reason: SetAsideReason::InClear }]),
            Some((raw, false)) => self.read_text(key, raw),
        }
    }

    /// A case record's text (as `Backend::get` returns it) joined with its history record.
    /// A history record that is missing, cannot be read or is not the one named sets the
    /// whole case aside: a case is never shown without part of its history.
    fn read_text<C: CaseRecord>(&self, key: &str, raw: String) -> Stored<C> {
        let mut env = match envelope::read::<C>(&raw) {
            Ok(env) if case_key(env.case.id()) == key => env,
            read => {
                let reason = read.err().unwrap_or(SetAsideReason::Unreadable("key and id differ".into()));
                return Stored::Unreadable(vec![SetAside { key: key.to_owned(), raw, reason }]);
            }
        };
        let Some(href) = env.history else { return Stored::Case { env, raw } };
        let id = env.case.id().clone();
        match self.read_history::<C>(&raw, &id, href) {
            Ok(Joined::Typed(h)) => {
                env.case.join(h);
                Stored::Case { env, raw }
            }
            Ok(Joined::Migrated(mut whole)) => {
                whole.history = Some(href);
                Stored::Case { env: whole, raw }
            }
            Err((reason, history)) => {
                let mut records = vec![SetAside { key: key.to_owned(), raw, reason }];
                records.extend(history);
                Stored::Unreadable(records)
            }
        }
    }

    /// The history record `href` of case `id` (its case record's text is `raw`). Err: why
    /// the case cannot be read, and the history record to set aside with it, if stored.
    fn read_history<C: CaseRecord>(&self, raw: &str, id: &CaseId, href: HistoryRef) -> Result<Joined<C>, (SetAsideReason, Option<SetAside>)> {
        let hkey = href.key(id);
        let unreadable = |why: &str| SetAsideReason::Unreadable(why.to_owned());
        let Some((text, stray)) = self.backend.get_checked(&hkey) else {
            return Err((unreadable("history record missing"), None));
        };
        let aside = |reason: SetAsideReason, text: String| SetAside { key: hkey.clone(), raw: text, reason };
        if stray {
            return Err((SetAsideReason::InClear, Some(aside(SetAsideReason::InClear, text))));
        }
        let json = match history::unpack(&text) {
            Ok(json) if history::fnv64(&json) == href.fnv => json,
            Ok(_) => return Err((unreadable("history record differs"), Some(aside(unreadable("history record differs"), text)))),
            Err(why) => return Err((unreadable(&why), Some(aside(unreadable(&why), text)))),
        };
        #[derive(serde::Deserialize)]
        struct Version {
            schema_version: u32,
        }
        let version = match serde_json::from_str::<Version>(&json) {
            Ok(v) => v.schema_version,
            Err(_) => return Err((unreadable("history record without schema_version"), Some(aside(unreadable("bad history"), text)))),
        };
        if version > SCHEMA_VERSION {
            let reason = SetAsideReason::FutureVersion(version);
            return Err((reason.clone(), Some(aside(reason, text))));
        }
        if version == SCHEMA_VERSION {
            return match serde_json::from_str::<history::Record<C::Frozen>>(&json) {
                Ok(record) if &record.case_id == id => Ok(Joined::Typed(record.history)),
                _ => Err((unreadable("history record of another case"), Some(aside(unreadable("bad history"), text)))),
            };
        }
        // An older history record: joined to its case record as JSON, so that `migrate`
        // sees the whole case as it was written.
        let joined = (|| {
            let mut whole: serde_json::Value = serde_json::from_str(raw).ok()?;
            let record: serde_json::Value = serde_json::from_str(&json).ok()?;
            (record.get("case_id")?.as_str()? == id.as_str()).then_some(())?;
            let case = whole.get_mut("case")?.as_object_mut()?;
            for (field, items) in record.get("history")?.as_object()? {
                let mut list = items.as_array()?.clone();
                if let Some(own) = case.get(field) {
                    list.extend(own.as_array()?.iter().cloned());
                }
                case.insert(field.clone(), serde_json::Value::Array(list));
            }
            whole.as_object_mut()?.remove("history");
            envelope::read::<C>(&whole.to_string()).ok()
        })();
        joined.map(Joined::Migrated).ok_or_else(|| (unreadable("bad history"), Some(aside(unreadable("bad history"), text))))
    }

    /// The stored settings, or the defaults when there are none or they cannot be read.
    pub fn settings(&self) -> CheckOptions {
        self.backend.get(SETTINGS_KEY).and_then(|raw| serde_json::from_str(&raw).ok()).unwrap_or_default()
    }

    /// The stored protection settings, or the defaults.
    pub fn security(&self) -> Security {
        self.backend.get(SECURITY_KEY).and_then(|raw| serde_json::from_str(&raw).ok()).unwrap_or_default()
    }

    pub fn save_security(&mut self, security: &Security) -> Result<(), SaveError> {
        let raw = serde_json::to_string(security).expect("serialises");
        Ok(self.backend.set(SECURITY_KEY, &raw)?)
    }

    /// The stored calendar settings, or the defaults.
    pub fn calendar_options(&self) -> crate::domain::calendar::CalendarOptions {
        self.backend.get(CALENDAR_KEY).and_then(|raw| serde_json::from_str(&raw).ok()).unwrap_or_default()
    }

    pub fn save_calendar_options(&mut self, options: &crate::domain::calendar::CalendarOptions) -> Result<(), SaveError> {
        let raw = serde_json::to_string(options).expect("calendar options serialise");
        Ok(self.backend.set(CALENDAR_KEY, &raw)?)
    }

    pub fn save_settings(&mut self, settings: &CheckOptions) -> Result<(), SaveError> {
        let raw = serde_json::to_string(settings).expect("settings serialise");
        Ok(self.backend.set(SETTINGS_KEY, &raw)?)
    }

    /// The stored profile, or an empty one when there is none or it cannot be read (see
    /// [`PROFILE_KEY`]: an unreadable one stays as it is).
    pub fn profile(&self) -> Profile {
        self.read_profile().unwrap_or_default()
    }

    /// A profile is stored but this version cannot read it (saving would refuse).
    pub fn profile_unreadable(&self) -> bool {
        self.read_profile().is_err()
    }

    fn read_profile(&self) -> Result<Profile, ()> {
        match self.backend.get_checked(PROFILE_KEY) {
            None => Ok(Profile::default()),
            // A stray in the clear under a passphrase is not taken as the user's.
            Some((_, true)) => Err(()),
            Some((raw, false)) => serde_json::from_str(&raw).map_err(|_| ()),
        }
    }

    /// Writes the profile; refuses ([`SaveError::Conflict`]) to replace a stored profile
    /// that cannot be read, which is kept as it was.
    pub fn save_profile(&mut self, profile: &Profile) -> Result<(), SaveError> {
        self.backend.writable()?;
        if self.profile_unreadable() {
            return Err(SaveError::Conflict);
        }
        let raw = serde_json::to_string(profile).expect("profile serialises");
        Ok(self.backend.set(PROFILE_KEY, &raw)?)
    }

    /// Writes a case unless the stored record is not the one this tab last read or wrote
    /// (another tab wrote it, even at the same revision, or deleted it).
    pub fn save(&mut self, case: &Case, now: DateTime<FixedOffset>) -> Result<(), SaveError> {
        self.backend.writable()?;
        let key = case_key(&case.id);
        let stored = match self.backend.get_checked(&key) {
            // A stray in the clear counts as unreadable: asked about, never overwritten.
            Some((_, true)) => return Err(SaveError::Conflict),
            other => other.map(|(raw, _)| raw),
        };
        let known = self.seen.get(&case.id).copied();
        match (stored, known) {
            (None, None) => self.write(case, now, 1, None),
            (Some(raw), Some(k)) if digest(&raw) == k.digest => self.write(case, now, k.revision + 1, k.history),
            // Deleted elsewhere, written elsewhere, or now unreadable: ask the user.
            _ => Err(SaveError::Conflict),
        }
    }

    /// Writes a case over whatever is stored (the user chose 「この画面の内容で上書き保存」).
    /// Refuses to overwrite a record this version cannot read.
    pub fn overwrite(&mut self, case: &Case, now: DateTime<FixedOffset>) -> Result<(), SaveError> {
        self.backend.writable()?;
        let (stored, history) = match self.read_stored::<Case>(&case_key(&case.id)) {
            Stored::Missing => (None, None),
            Stored::Case { env, .. } => (Some(env.revision), env.history),
            // Neither the case record nor its history record is written over.
            Stored::Unreadable(_) => return Err(SaveError::Conflict),
        };
        let next = stored.max(self.seen.get(&case.id).map(|k| k.revision)).map_or(1, |r| r + 1);
        self.write(case, now, next, history)
    }

    /// Writes a case; `stored` is the history record the stored case record names, removed
    /// once the new case record names another.
    fn write(&mut self, case: &Case, now: DateTime<FixedOffset>, revision: u64, stored: Option<HistoryRef>) -> Result<(), SaveError> {
        let (seen, _) = self.put(case, now, revision, stored)?;
        if let Some(old) = stored.filter(|old| Some(*old) != seen.history) {
            self.backend.remove(&old.key(&case.id));
        }
        self.seen.insert(case.id.clone(), seen);
        Ok(())
    }

    /// Writes a case as its case record and, when its frozen part differs from the history
    /// record `previous`, a new history record first (under a new key: `previous` stays until
    /// the caller removes it). A keystroke's save changes no frozen item, so it writes the
    /// case record only. On failure nothing stored has changed: a history record written
    /// for it is removed again. Returns what was written, and the new history record's key.
    fn put(
        &mut self,
        case: &Case,
        now: DateTime<FixedOffset>,
        revision: u64,
        previous: Option<HistoryRef>,
    ) -> Result<(Seen, Option<String>), BackendError> {
        let (hot, frozen) = History::split(case);
        let mut new_key = None;
        let stored = |p: &HistoryRef| self.backend.get_raw(&p.key(&case.id)).is_some();
        let unchanged = self.frozen.get(&case.id).is_some_and(|(r, h)| Some(*r) == previous && *h == frozen);
        let href = if frozen.is_empty() {
            None
        } else if unchanged && previous.as_ref().is_some_and(stored) {
            previous
        } else {
            let json = history::to_json(&case.id, &frozen);
            let fnv = history::fnv64(&json);
            match previous {
                Some(p) if p.fnv == fnv && stored(&p) => Some(p),
                _ => {
                    let href = HistoryRef { revision, fnv };
                    let key = href.key(&case.id);
                    self.backend.set(&key, &history::pack(&json))?;
                    new_key = Some(key);
                    Some(href)
                }
            }
        };
        let raw = envelope::write_with(&hot, now, self.app_version, revision, href);
        if let Err(e) = self.backend.set(&case_key(&case.id), &raw) {
            if let Some(key) = &new_key {
                self.backend.remove(key);
            }
            return Err(e);
        }
        match href {
            Some(r) => self.frozen.insert(case.id.clone(), (r, frozen)),
            None => self.frozen.remove(&case.id),
        };
        Ok((Seen::of(&raw, revision, true, href), new_key))
    }

    /// The set-aside copy under `key` ([`SET_ASIDE_PREFIX`]), with the reason its text
    /// cannot be read; `None` when there is none (or `key` is not such a key).
    pub fn set_aside_copy(&self, key: &str) -> Option<SetAside> {
        self.set_aside_copy_as::<Case>(key)
    }

    /// [`set_aside_copy`](Self::set_aside_copy), the reason found by reading it as `C`.
    pub fn set_aside_copy_as<C: CaseRecord>(&self, key: &str) -> Option<SetAside> {
        if !key.starts_with(SET_ASIDE_PREFIX) {
            return None;
        }
        let raw = self.backend.get(key)?;
        let reason = match envelope::read::<C>(&raw) {
            Err(reason) => reason,
            // It was under a key with another id: readable, but not that case's record.
            Ok(_) => SetAsideReason::Unreadable("key and id differ".into()),
        };
        Some(SetAside { key: key.to_owned(), raw, reason })
    }

    /// Writes every case of an import, all or nothing. A case whose id is stored already
    /// replaces the stored record only if its id is in `replace` (the user chose
    /// 「上書きする」); otherwise that is another tab's new case and nothing is written
    /// ([`ImportError::Conflict`]). A stored record this version cannot read is first
    /// copied under [`SET_ASIDE_PREFIX`] (it stays set aside) and then replaced.
    ///
    /// On the first failed write (full storage) every record written so far is removed and
    /// every record replaced is put back as it was stored, byte for byte: storage is as it
    /// was before. Quota cannot be asked for beforehand, so writing and undoing is the only
    /// check that is right.
    pub fn import_all(
        &mut self,
        cases: &[Case],
        replace: &[CaseId],
        now: DateTime<FixedOffset>,
    ) -> Result<Imported, ImportError> {
        let total = cases.len();
        self.backend.writable().map_err(|e| ImportError::from_backend(e, total, 0))?;
        // (key, value as stored before this import), first touch only.
        let mut journal: Vec<(String, Option<String>)> = Vec::new();
        let mut touched = std::collections::HashSet::new();
        let mut written = Vec::with_capacity(total);
        // History records named by the case records replaced: removed once all is stored.
        let mut replaced_history = Vec::new();
        let mut imported = Imported::default();
        for (fitted, case) in cases.iter().enumerate() {
            let key = case_key(&case.id);
            let known = self.seen.get(&case.id).map(|k| k.revision);
            let step = (|| {
                let (revision, previous) = match self.read_stored::<Case>(&key) {
                    Stored::Missing => (known.map_or(1, |r| r + 1), None),
                    Stored::Case { env, .. } => {
                        if !replace.contains(&case.id) {
                            return Err(ImportError::Conflict(case.id.clone()));
                        }
                        (env.revision.max(known.unwrap_or(0)) + 1, env.history)
                    }
                    // Copied as stored (a case record, and its history record when that is
                    // what cannot be read), then left where they are: a new history record
                    // takes another key.
                    Stored::Unreadable(records) => {
                        // Past the stored case record's revision when it reads (its history
                        // record is the damaged one), so the new history record's key differs.
                        let stored = records.first().and_then(|r| envelope::revision_of(&r.raw));
                        let revision = stored.max(known).map_or(1, |r| r + 1);
                        for record in records {
                            let aside = self.free_set_aside_key(&case.id, now);
                            journal.push((aside.clone(), None));
                            self.backend.set(&aside, &record.raw).map_err(|e| ImportError::from_backend(e, total, fitted))?;
                            imported.moved.push(SetAside { key: aside, ..record });
                        }
                        (revision, None)
                    }
                };
                if touched.insert(key.clone()) {
                    journal.push((key.clone(), self.backend.get_raw(&key)));
                }
                let (seen, new_history) =
                    self.put(case, now, revision, previous).map_err(|e| ImportError::from_backend(e, total, fitted))?;
                if let Some(new_key) = new_history {
                    journal.push((new_key, None));
                }
                if let Some(old) = previous.filter(|old| Some(*old) != seen.history) {
                    replaced_history.push(old.key(&case.id));
                }
                Ok(seen)
            })();
            match step {
                Ok(seen) => written.push((case.id.clone(), seen)),
                Err(e) => {
                    return Err(if self.roll_back(journal) { e } else { ImportError::NotRolledBack });
                }
            }
        }
        for key in replaced_history {
            self.backend.remove(&key);
        }
        self.seen.extend(written);
        Ok(imported)
    }

    /// Undoes an import's writes (see [`import_all`](Self::import_all)): new keys are
    /// removed first and replaced records put back smallest growth first, so each write
    /// fits in what the previous ones freed. False if storage refused one.
    fn roll_back(&mut self, journal: Vec<(String, Option<String>)>) -> bool {
        let units = |s: &str| s.encode_utf16().count() as i64;
        let mut restore = Vec::new();
        for (key, before) in journal {
            match before {
                None => self.backend.remove(&key),
                Some(raw) => {
                    let now_there = self.backend.get_raw(&key).map_or(0, |r| units(&r));
                    restore.push((units(&raw) - now_there, key, raw));
                }
            }
        }
        restore.sort_by_key(|(growth, _, _)| *growth);
        restore.into_iter().all(|(_, key, raw)| self.backend.set_raw(&key, &raw).is_ok())
    }

    /// `soudan-workbench/set-aside/<id>/<now>`, with `-2`, `-3`… if that is taken.
    fn free_set_aside_key(&self, id: &CaseId, now: DateTime<FixedOffset>) -> String {
        let base = format!("{SET_ASIDE_PREFIX}{id}/{}", now.to_rfc3339_opts(chrono::SecondsFormat::Millis, false));
        let mut key = base.clone();
        let mut n = 1;
        while self.backend.get_raw(&key).is_some() {
            n += 1;
            key = format!("{base}-{n}");
        }
        key
    }

    /// Removes a case: its case record and its history records.
    pub fn delete(&mut self, id: &CaseId) {
        self.backend.remove(&case_key(id));
        let prefix = history::key_prefix(id);
        for key in self.backend.keys().into_iter().filter(|k| k.starts_with(&prefix) && history::is_history_key(k)) {
            self.backend.remove(&key);
        }
        self.seen.remove(id);
        self.frozen.remove(id);
    }

    /// [`external_change_with`](Self::external_change_with) without the event's value.
    pub fn external_change(&mut self, key: &str) -> Option<ExternalChange> {
        self.external_change_with(key, None)
    }

    /// Re-reads one key after a `storage` event and records what is stored as seen.
    /// `new_value` is the event's `newValue` (as stored): the value that write put there,
    /// which may already have been replaced by a later write when the event is handled.
    /// `None` for keys that are not case records, and when the record is the one this
    /// tab last read or wrote (nothing changed for it).
    ///
    /// [`ExternalChange::Overwritten`] when this tab's last write is no longer stored and
    /// a record of the same revision with other text was (in the event or now): another
    /// tab wrote over it in the same instant. What this tab knew stays as it was, so its
    /// next [`save`](Self::save) is refused too, until the user chooses
    /// ([`overwrite`](Self::overwrite) or [`accept_stored`](Self::accept_stored)).
    pub fn external_change_with(&mut self, key: &str, new_value: Option<&str>) -> Option<ExternalChange> {
        self.external_change_as(key, new_value)
    }

    /// [`external_change_with`](Self::external_change_with), reading the record as `C` (the
    /// case list, before any case was read whole, reads [`CaseSummary`]s).
    pub fn external_change_as<C: CaseRecord>(&mut self, key: &str, new_value: Option<&str>) -> Option<ExternalChange<C>> {
        let id = CaseId::parse(key.strip_prefix(CASE_KEY_PREFIX)?)?;
        let known = self.seen.get(&id).copied();
        let checked = self.backend.get_checked(key);
        let stray = checked.as_ref().is_some_and(|(_, stray)| *stray);
        let stored = checked.map(|(raw, _)| raw);
        if let (Some(k), Some(raw), false) = (known, &stored, stray) {
            if digest(raw) == k.digest {
                return None;
            }
            let replaces_ours = |text: &str| {
                envelope::read::<C>(text).is_ok_and(|env| env.revision == k.revision && env.case.id() == &id)
            };
            // The event's value matters when a later write is stored by the time the event
            // is handled: it may have been written over ours or over the other one; then
            // this asks, needlessly at worst, rather than lose an edit without a word.
            let in_event = new_value.map(|v| self.backend.open(key, v.to_owned()));
            if k.ours && (replaces_ours(raw) || in_event.as_deref().is_some_and(|v| digest(v) != k.digest && replaces_ours(v))) {
                if let Stored::Case { env, .. } = self.read_text::<C>(key, raw.clone()) {
                    return Some(ExternalChange::Overwritten(Box::new(env.case)));
                }
            }
        }
        let Some(raw) = stored else {
            self.seen.remove(&id);
            return Some(ExternalChange::Removed(id));
        };
        if stray {
            return Some(ExternalChange::SetAside(SetAside { key: key.to_owned(), raw, reason: SetAsideReason::InClear }));
        }
        match self.read_text::<C>(key, raw) {
            Stored::Case { env, raw } => {
                self.seen.insert(id, Seen::of(&raw, env.revision, false, env.history));
                Some(ExternalChange::Updated(Box::new(env.case)))
            }
            // The case record is what the screen lists as set aside (its history record,
            // if that is the damaged one, is offered with it at the next load).
            Stored::Unreadable(mut records) => Some(ExternalChange::SetAside(records.swap_remove(0))),
            Stored::Missing => Some(ExternalChange::Removed(id)),
        }
    }

    /// Removes every key this app wrote (everything under [`KEY_PREFIX`]: cases, set-aside
    /// records, settings, profile) and nothing else; other apps' keys on the same origin
    /// stay. Returns the keys under the prefix that are still there afterwards (empty when
    /// the wipe is complete), so the caller can say so rather than claim success.
    pub fn wipe(&mut self) -> Vec<String> {
        let ours = |keys: Vec<String>| keys.into_iter().filter(|k| k.starts_with(KEY_PREFIX)).collect::<Vec<_>>();
        for key in ours(self.backend.keys()) {
            self.backend.remove(&key);
        }
        self.seen.clear();
        self.frozen.clear();
        ours(self.backend.keys())
    }

    /// Forgets what we knew of a record, so the next save treats the stored one as current
    /// (the user chose 「別のタブの内容を読み込む」 after a conflict).
    pub fn accept_stored(&mut self, id: &CaseId) -> Option<Case> {
        match self.read_stored(&case_key(id)) {
            Stored::Case { env, raw } => {
                self.seen.insert(id.clone(), Seen::of(&raw, env.revision, false, env.history));
                Some(env.case)
            }
            _ => {
                self.seen.remove(id);
                None
            }
        }
    }
}

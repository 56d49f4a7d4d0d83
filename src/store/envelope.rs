//! The versioned envelope around every stored record.
//!
//! ```json
//! {"schema_version":4,"written_at":"2026-11-27T10:42:00+09:00","app_version":"0.1.0",
//!  "revision":3,"case":{...}}
//! ```
//! `schema_version` says how to read `case`; older versions are migrated on read
//! (`migrate`), newer ones are set aside. `revision` counts writes of this record, so a tab
//! can tell that another tab wrote it in between.

use super::describe::describe;
use super::history::HistoryRef;
use super::{migrate, SetAsideReason};
use crate::domain::Case;
use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The version this build writes. History: see `migrate`.
pub const SCHEMA_VERSION: u32 = 9;

/// `C` is what is read of the case: the whole [`Case`], or what the case list shows
/// (`domain::summary::CaseSummary`, see `Store::load_list`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<C = Case> {
    pub schema_version: u32,
    pub written_at: DateTime<FixedOffset>,
    pub app_version: String,
    #[serde(default)]
    pub revision: u64,
    pub case: C,
    /// The history record holding the frozen part of `case` (`history`); absent in records
    /// of one piece (every record written before the split, and cases with no history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryRef>,
}

pub fn write(case: &Case, now: DateTime<FixedOffset>, app_version: &str, revision: u64) -> String {
    write_with(case, now, app_version, revision, None)
}

/// [`write`] for a case record whose frozen part is in the history record `history`.
pub fn write_with(
    case: &Case,
    now: DateTime<FixedOffset>,
    app_version: &str,
    revision: u64,
    history: Option<HistoryRef>,
) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        schema_version: u32,
        written_at: DateTime<FixedOffset>,
        app_version: &'a str,
        revision: u64,
        case: &'a Case,
        #[serde(skip_serializing_if = "Option::is_none")]
        history: Option<HistoryRef>,
    }
    serde_json::to_string(&Out { schema_version: SCHEMA_VERSION, written_at: now, app_version, revision, case, history })
        .expect("a case always serialises")
}

/// Reads a record of this or an older version.
///
/// A current record is read straight from its text; only an older one goes through a
/// `serde_json::Value` for `migrate` and is then written back to text and read the same
/// way. (Reading the case from a `Value` would compile a second deserialiser for every
/// domain type into the wasm: about a tenth of the download.)
pub fn read<C: DeserializeOwned>(raw: &str) -> Result<Envelope<C>, SetAsideReason> {
    #[derive(Deserialize)]
    struct Version {
        schema_version: Option<serde_json::Number>,
    }
    let unreadable = |e: serde_json::Error| SetAsideReason::Unreadable(describe(&e, raw));
    let version = serde_json::from_str::<Version>(raw)
        .map_err(unreadable)?
        .schema_version
        .and_then(|n| n.as_u64())
        .ok_or_else(|| SetAsideReason::Unreadable("schema_version missing".into()))?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > SCHEMA_VERSION {
        return Err(SetAsideReason::FutureVersion(version));
    }
    if version == SCHEMA_VERSION {
        return serde_json::from_str(raw).map_err(unreadable);
    }
    let value: serde_json::Value = serde_json::from_str(raw).map_err(unreadable)?;
    let value = migrate::to_current(value, version).map_err(SetAsideReason::Unreadable)?;
    let text = value.to_string();
    serde_json::from_str(&text).map_err(|e| SetAsideReason::Unreadable(describe(&e, &text)))
}

/// The revision of a stored record, or `None` if this version cannot read it.
/// Cheaper than [`read`] would be is not the point: it must agree with it.
pub fn revision_of(raw: &str) -> Option<u64> {
    read::<Case>(raw).ok().map(|e| e.revision)
}

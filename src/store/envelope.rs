//! The versioned envelope around every stored record.
//!
//! ```json
//! {"schema_version":4,"written_at":"2026-11-27T10:42:00+09:00","app_version":"0.1.0",
//!  "revision":3,"case":{...}}
//! ```
//! `schema_version` says how to read `case`; older versions are migrated on read
//! (`migrate`), newer ones are set aside. `revision` counts writes of this record, so a tab
//! can tell that another tab wrote it in between.

use super::{migrate, SetAsideReason};
use crate::domain::Case;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The version this build writes. History: see `migrate`.
pub const SCHEMA_VERSION: u32 = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub schema_version: u32,
    pub written_at: DateTime<FixedOffset>,
    pub app_version: String,
    #[serde(default)]
    pub revision: u64,
    pub case: Case,
}

pub fn write(case: &Case, now: DateTime<FixedOffset>, app_version: &str, revision: u64) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        schema_version: u32,
        written_at: DateTime<FixedOffset>,
        app_version: &'a str,
        revision: u64,
        case: &'a Case,
    }
    serde_json::to_string(&Out { schema_version: SCHEMA_VERSION, written_at: now, app_version, revision, case })
        .expect("a case always serialises")
}

/// Reads a record of this or an older version.
pub fn read(raw: &str) -> Result<Envelope, SetAsideReason> {
    let value: serde_json::Value =
        serde_json::from_str(raw).map_err(|e| SetAsideReason::Unreadable(e.to_string()))?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| SetAsideReason::Unreadable("schema_version missing".into()))?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > SCHEMA_VERSION {
        return Err(SetAsideReason::FutureVersion(version));
    }
    let value = migrate::to_current(value, version).map_err(SetAsideReason::Unreadable)?;
    serde_json::from_value(value).map_err(|e| SetAsideReason::Unreadable(e.to_string()))
}

/// The revision of a stored record, or `None` if this version cannot read it.
/// Cheaper than [`read`] would be is not the point: it must agree with it.
pub fn revision_of(raw: &str) -> Option<u64> {
    read(raw).ok().map(|e| e.revision)
}

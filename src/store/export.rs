//! The export files: every case, everything (cases, profile and settings: the backup's
//! contents), the set-aside records; and an export file read back for an import. A case is
//! written in the storage envelope format, so an export reads the way a stored record does.

use super::{envelope, SetAside, SetAsideReason, SCHEMA_VERSION};
use crate::domain::check::CheckOptions;
use crate::domain::profile::Profile;
use crate::domain::{Case, CaseId};
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;

/// The export file for "save everything I have": all cases of this tab, as the user sees
/// them, in the storage envelope format (one envelope per case).
pub fn export_cases(cases: &[Case], now: DateTime<FixedOffset>, app_version: &str) -> String {
    let records: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| serde_json::from_str(&envelope::write(c, now, app_version, 0)).expect("own output"))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "format": "soudan-workbench-cases",
        "schema_version": SCHEMA_VERSION,
        "exported_at": now,
        "app_version": app_version,
        "cases": records,
    }))
    .expect("serialising JSON values cannot fail")
}

/// Everything for an encrypted backup: the export file of all cases (same format, so the
/// same reader), plus the profile and the settings.
pub fn export_everything(
    cases: &[Case],
    profile: &Profile,
    settings: &CheckOptions,
    now: DateTime<FixedOffset>,
    app_version: &str,
) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&export_cases(cases, now, app_version)).expect("own output");
    value["profile"] = serde_json::to_value(profile).expect("serialises");
    value["settings"] = serde_json::to_value(settings).expect("serialises");
    value.to_string()
}

/// The profile and settings of [`export_everything`]'s file (absent or unreadable: `None`).
pub fn read_extras(text: &str) -> (Option<Profile>, Option<CheckOptions>) {
    #[derive(serde::Deserialize)]
    struct Extras {
        profile: Option<Profile>,
        settings: Option<CheckOptions>,
    }
    serde_json::from_str::<Extras>(text).map(|e| (e.profile, e.settings)).unwrap_or((None, None))
}

/// The export file for records that were set aside: their raw text, untouched.
pub fn export_set_aside(records: &[SetAside], now: DateTime<FixedOffset>, app_version: &str) -> String {
    let items: Vec<serde_json::Value> = records
        .iter()
        .map(|r| serde_json::json!({ "key": r.key, "reason": r.reason.message(), "raw": r.raw }))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "format": "soudan-workbench-set-aside",
        "exported_at": now,
        "app_version": app_version,
        "records": items,
    }))
    .expect("serialising JSON values cannot fail")
}

/// Reads an export file (`export_cases`'s format: `{"format":"soudan-workbench-cases",
/// "cases":[envelope…]}`), migrating older records. All or nothing: any bad record refuses
/// the whole file, with a Japanese message that says which record and why.
pub fn read_export_file(text: &str) -> Result<Vec<Case>, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| format!("ファイルを読み込めません（JSON の形式ではありません: {} 行目）。", e.line()))?;
    if value.get("format").and_then(serde_json::Value::as_str) != Some("soudan-workbench-cases") {
        return Err("相談支援ワークベンチで書き出したケースのファイルではありません（format が違います）。".into());
    }
    let records = value
        .get("cases")
        .and_then(serde_json::Value::as_array)
        .ok_or("ファイルに cases（ケースの一覧）がありません。")?;
    let cases = records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            envelope::read(&record.to_string()).map(|e| e.case).map_err(|reason| {
                let detail = match reason {
                    SetAsideReason::Unreadable(why) => why,
                    _ => reason.message(),
                };
                format!("{}件目のケース（cases[{i}]）を読み込めません。{detail}", i + 1)
            })
        })
        .collect::<Result<Vec<Case>, String>>()?;
    // Two records for one case: which one the user means cannot be told, so neither is taken.
    let mut first_of: HashMap<&CaseId, usize> = HashMap::new();
    for (i, case) in cases.iter().enumerate() {
        if let Some(first) = first_of.insert(&case.id, i) {
            return Err(format!(
                "{}件目と{}件目のケース（cases[{first}] と cases[{i}]）が同じ番号（id: {}）です。同じケースが2回入っているため、どちらを読み込むか決められません。",
                first + 1,
                i + 1,
                case.id
            ));
        }
    }
    Ok(cases)
}

/// The text of a chosen file: UTF-8 (a leading byte order mark is dropped, as the browser's
/// own decoding does), or a Japanese message. Text in another encoding (Shift_JIS from an
/// editor's "save as") is refused rather than read as garbled characters.
pub fn file_text(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| {
        "文字コードが UTF-8 ではありません（Shift_JIS などで保存し直したファイルは、文字化けするため読み込みません）。このアプリで書き出したファイルを、そのまま選んでください。".to_owned()
    })
}

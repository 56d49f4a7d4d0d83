//! The encrypted backup file: everything this browser holds (all cases, the profile, the
//! settings) in one file sealed with AES-256-GCM under a key derived from a passphrase the
//! user types for the file (PBKDF2-SHA256, parameters in the file), to move to another PC.
//!
//! ```json
//! {"format":"soudan-workbench-backup","version":1,"kdf":{"name":"PBKDF2-SHA256",
//!  "iterations":3000000,"salt":"<hex>"},"nonce":"<hex>","data":"<base64>"}
//! ```
//! Inside is the export file of [`export_everything`] (the plain export format plus the
//! profile and settings), so reading it back goes through the same all-or-nothing reader.

use super::seal::{hex, unhex, Kdf, Key, Random};
use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub const BACKUP_FORMAT: &str = "soudan-workbench-backup";
/// Binds the sealed contents to this format.
const AAD: &[u8] = b"soudan-workbench-backup/1";

pub const DAMAGED: &str = "バックアップファイルが壊れているか、形式が違います。何も読み込んでいません。";
pub const WRONG_PASSPHRASE: &str =
    "合言葉が違うか、ファイルが壊れています。何も読み込んでいません。";

#[derive(Serialize, Deserialize)]
pub struct BackupFile {
    format: String,
    version: u32,
    kdf: Kdf,
    nonce: String,
    data: String,
}

/// Whether `text` looks like a backup file (so the import screen asks for its passphrase).
pub fn is_backup(text: &str) -> bool {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text)
        .is_ok_and(|m| m.get("format").and_then(|f| f.as_str()) == Some(BACKUP_FORMAT))
}

/// Seals `contents` (the text of [`export_everything`]) for a file.
pub fn write_backup(contents: &str, passphrase_key: &Key, kdf: Kdf, random: Random) -> String {
    let (nonce, data) = passphrase_key.encrypt(AAD, contents.as_bytes(), random);
    serde_json::to_string_pretty(&BackupFile {
        format: BACKUP_FORMAT.into(),
        version: 1,
        kdf,
        nonce: hex(&nonce),
        data: base64::engine::general_purpose::STANDARD.encode(data),
    })
    .expect("serialises")
}

impl BackupFile {
    /// Reads the outside of a backup file (not the contents): a damaged one is refused here.
    pub fn parse(text: &str) -> Result<BackupFile, String> {
        let file: BackupFile = serde_json::from_str(text).map_err(|_| DAMAGED.to_owned())?;
        if file.format != BACKUP_FORMAT || file.version != 1 {
            return Err(DAMAGED.into());
        }
        // Checked before anything is derived: a file may not ask for hours of PBKDF2.
        if let Some(problem) = file.kdf.problem() {
            return Err(format!("このバックアップファイルは読み込めません。{problem}何も読み込んでいません。"));
        }
        Ok(file)
    }

    /// What to derive the key with.
    pub fn kdf(&self) -> &Kdf {
        &self.kdf
    }

    /// The contents, when `passphrase_key` is the file's.
    pub fn open(&self, passphrase_key: &Key) -> Result<String, String> {
        let nonce = unhex(&self.nonce).filter(|n| n.len() == 12).ok_or(DAMAGED)?;
        let data = base64::engine::general_purpose::STANDARD.decode(&self.data).map_err(|_| DAMAGED)?;
        let plain = passphrase_key.decrypt(AAD, &nonce, &data).ok_or(WRONG_PASSPHRASE)?;
        String::from_utf8(plain).map_err(|_| DAMAGED.to_owned())
    }
}

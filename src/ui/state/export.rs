//! The files the app writes (every case, one case, the set-aside records, the sealed
//! backup) and the backup read back. 共用PCモード writes no unencrypted file.

use super::{now, AppState, APP_VERSION};
use crate::domain::check::CheckOptions;
use crate::domain::profile::Profile;
use crate::domain::CaseId;
use crate::store;
use crate::store::seal::Kdf;
use crate::store::webcrypto::{derive_key, fill_random};
use chrono::{DateTime, FixedOffset, Timelike};
use leptos::prelude::*;

impl AppState {
    /// Writes every case, the profile and the settings to one file sealed under `passphrase`.
    pub async fn export_backup(self, passphrase: String) -> Result<(), String> {
        self.whole().await?;
        let kdf = Kdf::new(fill_random);
        let key = derive_key(&passphrase, &kdf).await?;
        let at = now();
        let contents = crate::ui::screens::everything(self, at).await.map_err(|_| "書き出せませんでした。")?;
        let file = store::backup::write_backup(&contents, &key, kdf, fill_random);
        crate::ui::download::download(&file_name("backup", at), &file);
        Ok(())
    }

    /// The text of an export of everything (the backup's contents; chunk `cases`).
    pub fn everything(&self, at: DateTime<FixedOffset>) -> String {
        self.cases.with_untracked(|cs| {
            store::export_everything(cs, &self.profile.get_untracked(), &self.settings.get_untracked(), at, APP_VERSION)
        })
    }

    /// Opens a backup file with its passphrase: the export text inside, or why not.
    pub async fn open_backup(text: &str, passphrase: &str) -> Result<String, String> {
        let file = store::backup::BackupFile::parse(text)?;
        let key = derive_key(passphrase, file.kdf()).await?;
        file.open(&key)
    }

    /// The profile and settings from an opened backup, taken when this browser has none of
    /// its own (a fresh PC); otherwise this browser's are kept. Returns what was taken.
    pub fn take_extras(&self, contents: &str) -> Vec<&'static str> {
        let (profile, settings) = store::read_extras(contents);
        let mut taken = Vec::new();
        if let Some(p) = profile.filter(|_| self.profile.get_untracked() == Profile::default()) {
            if self.set_profile(p) {
                taken.push("役割の目安の記録");
            }
        }
        if let Some(s) = settings.filter(|_| self.settings.get_untracked() == CheckOptions::default()) {
            self.set_settings(s);
            taken.push("設定");
        }
        taken
    }

    /// 共用PCモード writes no unencrypted file: says so instead.
    fn refuse_plain_file(&self) -> bool {
        let shared = self.security.with_untracked(|s| s.shared_pc);
        if shared {
            self.status.set("共用PCモードでは暗号化しないファイルは書き出しません".into());
        }
        shared
    }

    pub fn export_all(&self) {
        if self.refuse_plain_file() {
            return;
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            match this.whole().await {
                Ok(()) => {
                    let _ = crate::ui::screens::export_all(this).await;
                }
                Err(message) => this.status.set(message),
            }
        });
    }

    /// [`export_all`](Self::export_all), in the chunk `cases`.
    pub fn export_all_now(&self) {
        let at = now();
        let text = self.cases.with_untracked(|cs| store::export_cases(cs, at, APP_VERSION));
        crate::ui::download::download(&file_name("cases", at), &text);
    }

    pub fn export_case(&self, id: &CaseId) {
        if self.refuse_plain_file() {
            return;
        }
        let Some(case) = self.case_untracked(id) else { return };
        let at = now();
        let text = store::export_cases(std::slice::from_ref(&case), at, APP_VERSION);
        crate::ui::download::download(&file_name("case", at), &text);
    }

    pub fn export_set_aside(&self) {
        if self.refuse_plain_file() {
            return;
        }
        let at = now();
        let text = self.set_aside.with_untracked(|r| store::export_set_aside(r, at, APP_VERSION));
        crate::ui::download::download(&file_name("unreadable", at), &text);
    }
}

fn file_name(what: &str, at: DateTime<FixedOffset>) -> String {
    use chrono::Datelike;
    // Plain format! rather than chrono's strftime: the same text, less wasm.
    format!(
        "soudan-workbench-{what}-{:04}{:02}{:02}-{:02}{:02}.json",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

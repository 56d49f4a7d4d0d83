//! Encryption at rest (`store::seal`) over an in-memory `localStorage`: what is stored is
//! unreadable without the passphrase, a wrong one changes nothing, a change of passphrase
//! survives a crash at every single write, and a second tab never writes under a stale key.

use chrono::{DateTime, FixedOffset};
use soudan_workbench::domain::profile::Profile;
use soudan_workbench::domain::{Case, CaseId, NewCase};
use soudan_workbench::store::seal::{b15, Kdf, Key, Sealed, UnlockError, VAULT_KEY};
use soudan_workbench::store::{Backend, BackendError, MemoryBackend, SaveError, Store};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

pub(crate) fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-27T10:42:00+09:00").unwrap()
}

/// Not cryptographic: distinct bytes for nonces, salts and keys in tests (splitmix64); also
/// `kept.rs`'s.
pub(crate) fn test_random(buf: &mut [u8]) {
    static STATE: AtomicU64 = AtomicU64::new(0x9e37_79b9_7f4a_7c15);
    for chunk in buf.chunks_mut(8) {
        let mut z = STATE.fetch_add(0x9e37_79b9_7f4a_7c15, Ordering::Relaxed);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
    }
}

pub(crate) fn key(n: u8) -> Key {
    Key::from_bytes([n; 32])
}

pub(crate) fn kdf() -> Kdf {
    Kdf::new(test_random)
}

/// Names, wishes and notes that must never appear in storage once a passphrase is set.
const MARKERS: [&str; 3] = ["ヤマモト・サクラ", "海の見える町で暮らしたい", "夜間の見守り記録"];

fn marked_case(n: u128) -> Case {
    let form = NewCase { name: format!("{}{n}", MARKERS[0]), ..NewCase::default() };
    let mut case = Case::create(CaseId::from_random(n), &form, now()).unwrap();
    case.plan.person_wishes = MARKERS[1].into();
    case.plan.support_policy = MARKERS[2].into();
    case
}

fn plain_store_with(cases: &[Case]) -> Store<Sealed<MemoryBackend>> {
    let mut store = Store::new(Sealed::new(MemoryBackend::default()), "test");
    for c in cases {
        store.save(c, now()).unwrap();
    }
    store
}

fn raw_items(store: &Store<Sealed<MemoryBackend>>) -> Vec<(String, String)> {
    let inner = store.backend().inner();
    inner.keys().into_iter().map(|k| (k.clone(), inner.get(&k).unwrap())).collect()
}

fn assert_no_plaintext(items: &[(String, String)]) {
    for (k, v) in items {
        for m in MARKERS {
            assert!(!v.contains(m), "{k} holds 「{m}」 in the clear");
        }
    }
}

fn reopened(items: MemoryBackend) -> Store<Sealed<MemoryBackend>> {
    Store::new(Sealed::new(items), "test")
}

#[test]
fn b15_round_trips_every_length_and_refuses_damage() {
    for len in 0..200usize {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 151 + len) as u8).collect();
        let text = b15::encode(&bytes);
        assert!(text.chars().all(|c| ('\u{4000}'..='\u{BFFF}').contains(&c)));
        assert_eq!(text.chars().count(), (len * 8).div_ceil(15), "length {len}");
        assert_eq!(b15::decode(&text, len).as_deref(), Some(bytes.as_slice()), "length {len}");
        if len > 0 {
            assert_eq!(b15::decode(&text, len + 2), None);
            assert_eq!(b15::decode(&format!("{text}a"), len), None);
        }
    }
}

#[test]
fn with_a_passphrase_no_case_text_is_stored_in_the_clear_and_it_reads_back_equal() {
    let cases = [marked_case(1), marked_case(2)];
    let mut store = plain_store_with(&cases);
    let mut profile = Profile::default();
    profile.rate(
        soudan_workbench::domain::role_matrix::Area::ALL[0],
        soudan_workbench::domain::role_matrix::Column::ALL[0],
        now().date_naive(),
        soudan_workbench::domain::profile::RatingStatus::ALL[0],
        "夜間の見守り記録について振り返る",
    );
    store.save_profile(&profile).unwrap();
    assert!(raw_items(&store).iter().any(|(_, v)| v.contains(MARKERS[1])), "the test needs plaintext before");

    let failed = store.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    assert_eq!(failed, 0);
    let items = raw_items(&store);
    assert_no_plaintext(&items);
    assert!(items.iter().any(|(k, _)| k == VAULT_KEY));

    // Another session: locked until the passphrase key is given.
    let mut other = reopened(store.backend().inner().clone());
    assert!(other.backend().is_locked());
    assert!(other.load().cases.is_empty());
    assert_eq!(other.save(&marked_case(3), now()), Err(SaveError::Locked), "never written in the clear");
    assert_eq!(other.save_profile(&Profile::default()), Err(SaveError::Locked));
    assert_eq!(raw_items(&other), items, "nothing changed while locked");

    other.backend_mut().unlock(&key(7), test_random).unwrap();
    let mut loaded = other.load().cases;
    loaded.sort_by(|a, b| a.id.to_string().cmp(&b.id.to_string()));
    assert_eq!(loaded, cases);
    assert_eq!(other.profile(), profile);

    // Edits after unlocking are sealed too, each write with a fresh nonce.
    let mut edited = loaded[0].clone();
    edited.plan.support_policy = format!("{}（追記）", MARKERS[2]);
    let before = other.backend().inner().get(&soudan_workbench::store::case_key(&edited.id)).unwrap();
    other.save(&edited, now()).unwrap();
    other.save(&edited, now()).unwrap();
    let after = other.backend().inner().get(&soudan_workbench::store::case_key(&edited.id)).unwrap();
    assert_ne!(before, after);
    assert_no_plaintext(&raw_items(&other));
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let mut store = plain_store_with(&[marked_case(1)]);
    store.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    let items = raw_items(&store);
    let mut other = reopened(store.backend().inner().clone());
    assert_eq!(other.backend_mut().unlock(&key(8), test_random), Err(UnlockError::WrongPassphrase));
    assert!(other.backend().is_locked());
    assert_eq!(raw_items(&other), items);
    assert!(UnlockError::WrongPassphrase.message().contains("何も変わっていません"));
}

#[test]
fn a_record_moved_to_another_key_does_not_open() {
    let (a, b) = (marked_case(1), marked_case(2));
    let mut store = plain_store_with(&[a.clone(), b.clone()]);
    store.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    let mut items = store.backend().inner().clone();
    let (ka, kb) = (soudan_workbench::store::case_key(&a.id), soudan_workbench::store::case_key(&b.id));
    let raw_a = items.get(&ka).unwrap();
    items.set(&kb, &raw_a).unwrap();
    let mut other = reopened(items);
    other.backend_mut().unlock(&key(7), test_random).unwrap();
    let loaded = other.load();
    assert_eq!(loaded.cases, vec![a]);
    assert_eq!(loaded.set_aside.len(), 1, "the moved record is set aside, not read as the other case");
    assert_eq!(loaded.set_aside[0].key, kb);
}

#[test]
fn changing_the_passphrase_reseals_everything_and_only_the_new_one_opens() {
    let cases = [marked_case(1), marked_case(2), marked_case(3)];
    let mut store = plain_store_with(&cases);
    store.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    store.backend_mut().set_passphrase(&key(9), kdf(), key(90), test_random).unwrap();
    let vault: serde_json::Value = serde_json::from_str(&store.backend().inner().get(VAULT_KEY).unwrap()).unwrap();
    assert_eq!(vault["keys"].as_array().unwrap().len(), 1, "the old data key is gone once nothing uses it");
    assert_eq!(vault["kdf"]["iterations"], soudan_workbench::store::seal::KDF_ITERATIONS);

    let mut other = reopened(store.backend().inner().clone());
    assert_eq!(other.backend_mut().unlock(&key(7), test_random), Err(UnlockError::WrongPassphrase));
    other.backend_mut().unlock(&key(9), test_random).unwrap();
    assert_eq!(other.load().cases.len(), 3);
    assert_no_plaintext(&raw_items(&other));
}

/// A backend that dies after `budget` writes: every later write fails, as if the tab had
/// been closed at that moment.
struct Dying {
    inner: MemoryBackend,
    budget: Cell<usize>,
}

impl Backend for Dying {
    fn get(&self, key: &str) -> Option<String> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if self.budget.get() == 0 {
            return Err(BackendError::Unavailable("crashed".into()));
        }
        self.budget.set(self.budget.get() - 1);
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) {
        if self.budget.get() > 0 {
            self.inner.remove(key)
        }
    }
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
}

#[test]
fn a_crash_at_any_write_of_a_passphrase_change_loses_nothing() {
    let cases = [marked_case(1), marked_case(2), marked_case(3)];
    let mut start = plain_store_with(&cases);
    start.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    let before = start.backend().inner().clone();

    // A full change takes: 1 vault write, 3 reseals, 1 vault compaction.
    for budget in 0..=5 {
        let mut changing = Sealed::new(Dying { inner: before.clone(), budget: Cell::new(budget) });
        changing.unlock(&key(7), test_random).unwrap();
        let _ = changing.set_passphrase(&key(9), kdf(), key(90), test_random);
        let after_crash = changing.inner().inner.clone();

        // Restart: exactly one of the passphrases opens, and every case is there.
        let mut old = reopened(after_crash.clone());
        let mut new = reopened(after_crash.clone());
        let old_ok = old.backend_mut().unlock(&key(7), test_random).is_ok();
        let new_ok = new.backend_mut().unlock(&key(9), test_random).is_ok();
        assert!(old_ok != new_ok, "budget {budget}: old opens {old_ok}, new opens {new_ok}");
        assert_eq!(new_ok, budget >= 1, "the vault write is the commit point");
        let opened = if new_ok { &mut new } else { &mut old };
        let mut loaded = opened.load();
        assert!(loaded.set_aside.is_empty(), "budget {budget}: {:?}", loaded.set_aside);
        loaded.cases.sort_by(|a, b| a.id.to_string().cmp(&b.id.to_string()));
        assert_eq!(loaded.cases, cases, "budget {budget}");
        // The unlock finished the change: one data key, everything under it.
        let vault: serde_json::Value = serde_json::from_str(&opened.backend().inner().get(VAULT_KEY).unwrap()).unwrap();
        assert_eq!(vault["keys"].as_array().unwrap().len(), 1, "budget {budget}");
        assert_no_plaintext(&raw_items(opened));
    }
}

#[test]
fn a_crash_while_first_encrypting_leaves_every_case_readable_and_the_unlock_finishes() {
    let cases = [marked_case(1), marked_case(2)];
    let start = plain_store_with(&cases);
    // A first sealing takes: 1 write of the records left in the clear (vouched for), 1 vault
    // write (the commit point), 2 reseals, 1 removal of the list.
    for budget in 0..=4 {
        let mut s = Sealed::new(Dying { inner: start.backend().inner().clone(), budget: Cell::new(budget) });
        let _ = s.set_passphrase(&key(7), kdf(), key(70), test_random);
        let mut next = reopened(s.inner().inner.clone());
        assert_eq!(next.backend().has_passphrase(), budget >= 2, "budget {budget}");
        if budget >= 2 {
            next.backend_mut().unlock(&key(7), test_random).unwrap();
        }
        let loaded = next.load();
        assert_eq!(loaded.cases.len(), 2, "budget {budget}");
        assert!(loaded.set_aside.is_empty(), "budget {budget}: the app's own records in the clear are not strays: {:?}", loaded.set_aside);
        if budget >= 2 {
            assert_no_plaintext(&raw_items(&next));
            assert!(next.backend().inner().get(soudan_workbench::store::seal::CLEAR_KEY).is_none(), "budget {budget}: the list goes once all is sealed");
        }
    }
}

#[test]
fn a_tab_never_writes_under_a_key_another_tab_replaced() {
    let shared = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut a = Store::new(Sealed::new(shared.clone()), "test");
    a.save(&marked_case(1), now()).unwrap();
    a.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    let mut b = Store::new(Sealed::new(shared.clone()), "test");
    b.backend_mut().unlock(&key(7), test_random).unwrap();
    let case = b.load().cases.remove(0);

    a.backend_mut().set_passphrase(&key(9), kdf(), key(90), test_random).unwrap();
    assert!(b.backend().vault_changed());
    assert_eq!(b.save(&case, now()), Err(SaveError::Locked));
    let mut c = Store::new(Sealed::new(shared.clone()), "test");
    c.backend_mut().unlock(&key(9), test_random).unwrap();
    assert_eq!(c.load().cases, vec![case]);
}

#[test]
fn without_a_passphrase_nothing_is_sealed_and_settings_stay_readable() {
    let mut store = plain_store_with(&[marked_case(1)]);
    assert!(!store.backend().has_passphrase());
    assert!(raw_items(&store).iter().any(|(_, v)| v.contains(MARKERS[0])));
    store.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    store.save_settings(&Default::default()).unwrap();
    let settings = store.backend().inner().get(soudan_workbench::store::SETTINGS_KEY).unwrap();
    assert!(settings.starts_with('{') && !settings.contains("sealed"), "settings are needed before unlocking");
}

#[test]
fn a_backup_file_round_trips_and_a_wrong_passphrase_or_damage_is_refused() {
    use soudan_workbench::store::backup::{is_backup, BackupFile, DAMAGED, WRONG_PASSPHRASE};
    use soudan_workbench::store::{export_everything, read_export_file, read_extras};
    let cases = vec![marked_case(1), marked_case(2)];
    let mut profile = Profile::default();
    profile.set_text(&soudan_workbench::domain::role_matrix::RECOMMENDATION_CHECKLIST[0], MARKERS[2]);
    let settings = soudan_workbench::domain::check::CheckOptions {
        own_corporation: "社会福祉法人みなと会".into(),
        ..Default::default()
    };
    let contents = export_everything(&cases, &profile, &settings, now(), "test");
    let file = soudan_workbench::store::backup::write_backup(&contents, &key(5), kdf(), test_random);
    assert!(is_backup(&file));
    for m in MARKERS {
        assert!(!file.contains(m), "the backup holds 「{m}」 in the clear");
    }

    let opened = BackupFile::parse(&file).unwrap().open(&key(5)).unwrap();
    assert_eq!(read_export_file(&opened).unwrap(), cases);
    assert_eq!(read_extras(&opened), (Some(profile), Some(settings)));

    assert_eq!(BackupFile::parse(&file).unwrap().open(&key(6)).unwrap_err(), WRONG_PASSPHRASE);
    // One character of the sealed data changed: refused, never half-read.
    let mut value: serde_json::Value = serde_json::from_str(&file).unwrap();
    let data = value["data"].as_str().unwrap().to_owned();
    let flipped = if data.starts_with('A') { data.replacen('A', "B", 1) } else { format!("A{}", &data[1..]) };
    value["data"] = flipped.into();
    assert_eq!(BackupFile::parse(&value.to_string()).unwrap().open(&key(5)).unwrap_err(), WRONG_PASSPHRASE);
    assert_eq!(BackupFile::parse(&file[..file.len() / 2]).err().unwrap(), DAMAGED);
    value["kdf"]["iterations"] = 1000.into();
    let weakened = BackupFile::parse(&value.to_string()).err().unwrap();
    assert!(weakened.contains("少なすぎます") && weakened.contains("何も読み込んでいません"), "a weakened KDF is refused: {weakened}");
    assert!(!is_backup(&contents), "a plain export is not taken for a backup");
}

#[test]
fn passphrase_rules_name_the_field_and_idle_minutes_read_full_width_digits() {
    use soudan_workbench::store::{parse_idle_minutes, passphrase_problem, PassphraseField};
    assert_eq!(passphrase_problem("", "").unwrap().0, PassphraseField::New);
    assert_eq!(passphrase_problem("みじかい", "みじかい").unwrap().0, PassphraseField::New);
    let (field, message) = passphrase_problem("うみべの町で朝ごはん", "うみべの町で朝ご飯").unwrap();
    assert_eq!(field, PassphraseField::Confirm);
    assert!(message.contains("一致しません"));
    assert_eq!(passphrase_problem("うみべの町で朝ごはん", "うみべの町で朝ごはん"), None);
    assert_eq!(parse_idle_minutes("１５"), Ok(15));
    assert_eq!(parse_idle_minutes(" 10 "), Ok(10));
    for bad in ["0", "121", "十", "", "5分"] {
        assert!(parse_idle_minutes(bad).unwrap_err().contains("1 から 120"), "{bad}");
    }
}

/// A hand-made backup file or vault asking for 2³²−1 PBKDF2 iterations kept the screen at
/// 「確認しています…」 for many minutes: what a file may ask is capped, and refused with the
/// reason before anything is derived.
#[test]
fn a_backup_file_or_vault_asking_for_too_many_iterations_is_refused_before_deriving() {
    use soudan_workbench::store::backup::{write_backup, BackupFile};
    use soudan_workbench::store::seal::{KDF_ITERATIONS, MAX_ITERATIONS};
    assert!(MAX_ITERATIONS >= 10 * KDF_ITERATIONS);
    let file = write_backup("{}", &key(5), kdf(), test_random);
    let mut value: serde_json::Value = serde_json::from_str(&file).unwrap();
    for (iterations, ok) in [(u64::from(u32::MAX), false), (u64::from(MAX_ITERATIONS) + 1, false), (u64::from(MAX_ITERATIONS), true)] {
        value["kdf"]["iterations"] = iterations.into();
        match BackupFile::parse(&value.to_string()) {
            Ok(_) => assert!(ok, "{iterations} accepted"),
            Err(message) => {
                assert!(!ok, "{iterations}: {message}");
                assert!(message.contains("多すぎます") && message.contains("何も読み込んでいません"), "{message}");
            }
        }
    }

    let mut store = plain_store_with(&[marked_case(1)]);
    store.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    let mut items = store.backend().inner().clone();
    let mut vault: serde_json::Value = serde_json::from_str(&items.get(VAULT_KEY).unwrap()).unwrap();
    vault["kdf"]["iterations"] = u32::MAX.into();
    items.set(VAULT_KEY, &vault.to_string()).unwrap();
    let mut other = reopened(items.clone());
    assert!(other.backend().is_locked());
    let message = other.backend().kdf().unwrap_err();
    assert!(message.contains("多すぎます") && message.contains("何も変わっていません"), "{message}");
    assert_eq!(other.backend_mut().unlock(&key(7), test_random), Err(UnlockError::NoVault));
    assert_eq!(other.backend().inner().items, items.items, "nothing changed");
}

/// 「12345678」 was accepted as a passphrase. Guessable ones are refused with the reason (the
/// user chooses another); ordinary passphrases, Japanese ones included, still pass.
#[test]
fn weak_passphrases_are_refused_with_the_reason() {
    use soudan_workbench::store::{passphrase_problem, PassphraseField};
    let refused = |p: &str| {
        let (field, message) = passphrase_problem(p, p).unwrap_or_else(|| panic!("「{p}」 was accepted"));
        assert_eq!(field, PassphraseField::New, "{p}");
        assert!(message.starts_with("推測されやすい合言葉です（"), "{p}: {message}");
        message
    };
    for (p, why) in [
        ("12345678", "並び"),
        ("１２３４５６７８", "並び"),
        ("abcdefgh", "並び"),
        ("87654321", "並び"),
        ("aaaaaaaa", "同じ文字の繰り返し"),
        ("ああああああああ", "同じ文字の繰り返し"),
        ("qwertyui", "キーボード"),
        ("1qaz2wsx", "キーボード"),
        ("あいうえおかきく", "五十音"),
        ("アイウエオカキク", "五十音"),
        ("12121212", "同じ並びの繰り返し"),
        ("abcabcabc", "同じ並びの繰り返し"),
        ("password", "よく使われる言葉"),
        ("Password2024!", "よく使われる言葉"),
        ("P@ssw0rd", "よく使われる言葉"),
        ("iloveyou", "よく使われる言葉"),
        ("19800401", "数字だけ"),
        ("090 1234 5678", "数字だけ"),
        ("!#$%&*+?", "記号だけ"),
        ("sakurako", "英字だけで12文字未満"),
    ] {
        let message = refused(p);
        assert!(message.contains(why), "{p}: {message}");
    }
    for ok in ["うみべの町で朝ごはん", "やまの上のとしょかん", "correcthorsebatterystaple", "sakura-2024-umibe", "朝7時に海辺を歩く"] {
        assert_eq!(passphrase_problem(ok, ok), None, "{ok}");
    }
}

/// A record written in the clear into storage while a passphrase is set — what another
/// `file://` page on the same origin can do — was adopted as a genuine case and sealed on
/// the next unlock, without a word. Now it is set aside (said why, exportable), never
/// adopted, sealed or overwritten; the profile likewise.
#[test]
fn a_record_in_the_clear_under_a_passphrase_is_set_aside_never_adopted_or_overwritten() {
    use soudan_workbench::store::{case_key, envelope, export_set_aside, ExternalChange, SetAsideReason, PROFILE_KEY};
    let genuine = marked_case(1);
    let mut store = plain_store_with(&[genuine.clone()]);
    store.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();

    // Planted: a new case, a plain copy over the genuine one's sealed record, a profile.
    let mut planted = marked_case(2);
    planted.plan.person_wishes = "外から書き込まれた希望".into();
    let mut forged = genuine.clone();
    forged.plan.support_policy = "書き換えられた方針".into();
    let mut items = store.backend().inner().clone();
    items.set(&case_key(&planted.id), &envelope::write(&planted, now(), "test", 1)).unwrap();
    items.set(&case_key(&genuine.id), &envelope::write(&forged, now(), "test", 9)).unwrap();
    items.set(PROFILE_KEY, &serde_json::to_string(&Profile::default()).unwrap()).unwrap();
    let planted_items = items.items.clone();

    let mut other = reopened(items);
    other.backend_mut().unlock(&key(7), test_random).unwrap();
    let loaded = other.load();
    assert!(loaded.cases.is_empty(), "a record in the clear was taken as a case: {:?}", loaded.cases.iter().map(|c| c.name.as_str()).collect::<Vec<_>>());
    let mut keys: Vec<_> = loaded.set_aside.iter().map(|r| (r.key.clone(), r.reason.clone())).collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    let mut want = vec![(case_key(&genuine.id), SetAsideReason::InClear), (case_key(&planted.id), SetAsideReason::InClear)];
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(keys, want);
    assert!(SetAsideReason::InClear.message().contains("暗号化されていない形で保存されていた"));
    assert!(other.profile_unreadable(), "a profile in the clear is not taken as the user's");
    assert_eq!(other.backend().inner().items, planted_items, "unlocking sealed or changed a record in the clear");

    // Never overwritten: not by a save, not by 「上書き保存」, not the profile.
    assert_eq!(other.save(&planted, now()), Err(SaveError::Conflict));
    assert_eq!(other.overwrite(&planted, now()), Err(SaveError::Conflict));
    assert_eq!(other.overwrite(&genuine, now()), Err(SaveError::Conflict));
    assert_eq!(other.save_profile(&Profile::default()), Err(SaveError::Conflict));
    assert_eq!(other.backend().inner().items, planted_items);
    // Exportable like any record set aside, as it was stored.
    let export = export_set_aside(&loaded.set_aside, now(), "test");
    assert!(export.contains("外から書き込まれた希望") && export.contains("書き換えられた方針"));

    // From another tab while this one is open: set aside too, and said so.
    let shared = Rc::new(RefCell::new(MemoryBackend::default()));
    let mut a = Store::new(Sealed::new(shared.clone()), "test");
    a.save(&genuine, now()).unwrap();
    a.backend_mut().set_passphrase(&key(7), kdf(), key(70), test_random).unwrap();
    assert_eq!(a.load().cases, vec![genuine.clone()]);
    let k = case_key(&genuine.id);
    shared.borrow_mut().set(&k, &envelope::write(&forged, now(), "test", 2)).unwrap();
    match a.external_change(&k) {
        Some(ExternalChange::SetAside(r)) => assert_eq!((r.key, r.reason), (k.clone(), SetAsideReason::InClear)),
        other => panic!("{other:?}"),
    }
    assert_eq!(a.save(&genuine, now()), Err(SaveError::Conflict), "this tab's copy does not silently replace it");
}

/// Records the app itself left in the clear under a new passphrase (the store was too full
/// to seal them) are not strays: they read as cases, and are sealed once there is room.
#[test]
fn records_left_in_the_clear_by_a_full_store_still_read_and_are_sealed_later() {
    struct Full {
        inner: MemoryBackend,
        full: Rc<Cell<bool>>,
    }
    impl Backend for Full {
        fn get(&self, key: &str) -> Option<String> {
            self.inner.get(key)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
            if self.full.get() && key.starts_with(soudan_workbench::store::CASE_KEY_PREFIX) {
                return Err(BackendError::QuotaExceeded);
            }
            self.inner.set(key, value)
        }
        fn remove(&mut self, key: &str) {
            self.inner.remove(key)
        }
        fn keys(&self) -> Vec<String> {
            self.inner.keys()
        }
    }
    let cases = [marked_case(1), marked_case(2)];
    let full = Rc::new(Cell::new(true));
    let mut s = Sealed::new(Full { inner: plain_store_with(&cases).backend().inner().clone(), full: full.clone() });
    assert_eq!(s.set_passphrase(&key(7), kdf(), key(70), test_random), Ok(2), "both left in the clear");
    let mut again = Store::new(s, "test");
    again.backend_mut().lock();
    again.backend_mut().unlock(&key(7), test_random).unwrap();
    let loaded = again.load();
    assert_eq!(loaded.cases.len(), 2);
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    full.set(false);
    again.backend_mut().lock();
    assert_eq!(again.backend_mut().unlock(&key(7), test_random), Ok(0));
    let inner = &again.backend().inner().inner;
    let items: Vec<(String, String)> = inner.keys().into_iter().map(|k| (k.clone(), inner.get(&k).unwrap())).collect();
    assert_no_plaintext(&items);
    assert!(inner.get(soudan_workbench::store::seal::CLEAR_KEY).is_none());
    assert_eq!(again.load().cases.len(), 2);
}

//! Integration tests, one binary. What each file covers:
//! - `store.rs`: the storage rules over an in-memory `localStorage` (round trip, set-aside
//!   records, quota, two tabs).
//! - `summary.rs`: the case list's summaries (`Store::load_list`) say what the whole cases say (samples split and not, every old schema version) and set aside the same records.
//! - `history.rs`: a case's frozen history in its own record: a keystroke's save writes the case record only; a damaged or missing history record sets the whole case aside; old one-record cases read whole and save split; import/export whole cases; a full store half-way loses nothing; sealed as deflated bytes.
//! - `race.rs`: two tabs saving one case in the same instant, over a model of Chromium's per-tab storage copies and late `storage` events: the tab whose write was replaced is always told.
//! - `migrations.rs`: stored fixtures of every old schema version load and re-save as the
//!   current version (`tests/fixtures/store/v<N>/`); the data-format page and the JSON Schema name the current version.

//! - `check.rs`: the plan checker: each rule fires on a bad example and stays silent on a good one; the samples' planted weaknesses are found and nothing else; `soudan-check` (a BOM, Japanese OS errors, the size cap).
//! - `check_eval.rs`: the checker against a lead's expectations on `tests/fixtures/check/` (recall, false positives; prints the table).
//! - `check_blind.rs`: the checker on the blind set `tests/fixtures/blind/` (plans and expectations written by someone who had not seen the rules), at every level; the set is pinned by `SHA256SUMS`.
//! - `sources.rs`: every passage the app cites exists verbatim in `../shared/reference/`.
//! - `export_file.rs`: a maximal export written to `target/schema-check/` for the JSON Schema check (`tests/e2e/schema.test.mjs`); which malformed files the reader refuses too, and which only the schema.
//! - `roundtrip.rs`: proptest: generated cases export and read back equal; a damaged export is refused or reads back what it says, never a panic; ids at and beyond their limit.
//! - `role_matrix.rs`: every cell, 主任 role and 推薦申出書 item of `domain::role_matrix` exists verbatim in `../shared/reference/`; the cells are `role-matrix.md`'s JSON.
//! - `kept.rs`: unsaved edits kept sealed in memory through a lock (a passphrase changed in another tab, a conflict, a full store) and given back after the unlock, saved through the two-tab rules.
//! - `seal.rs`: encryption at rest: no case text in the clear with a passphrase, a wrong one changes nothing, a passphrase change survives a crash at every write, a second tab never writes under a stale key; records in the clear under a passphrase set aside unless the app left them; the KDF cap; weak passphrases refused.
//! - `import.rs`: an import stores the whole file or nothing (a full store half-way: what was written is removed, what was replaced put back byte for byte, sealed too); a case restored over its set-aside record, the damaged copy kept set aside; duplicate ids and non-UTF-8 text refused.
//! - `guide.rs`: the 使い方 page's text is docs/guide.md, every line a form the page shows, covering the topics a specialist needs.
//! - `samples.rs`: the sample cases read as the current schema; each 週間計画表 agrees with its goal table bar sample 2's planted slip.
//! - `training.rs`: 研修モード's case library (`public/training/`): 8 cases, one per kind, draft and model of the same person read as exports; the checker finds each draft's planted weaknesses at the case's level and nothing else above 助言, nothing above 助言 on the models at any level; teaching points' quotes verbatim; the exercise's 答え合わせ on every draft with the real checker; `soudan-check --exercises`.
//! - `versions.rs`: 評価: `diff_plans` finds each kind of change between two plan versions once and nothing else (reordered priorities, a need typed again); `need_trails` follows each need through its monitorings to 継続・変更・終了.

mod check;
mod check_blind;
mod check_eval;
mod export_file;
mod guide;
mod history;
mod import;
mod kept;
mod migrations;
mod race;
mod role_matrix;
mod roundtrip;
mod samples;
mod seal;
mod sources;
mod store;
mod summary;
mod training;
mod versions;

//! Integration tests, one binary. What each file covers:
//! - `store.rs`: the storage rules over an in-memory `localStorage` (round trip, set-aside
//!   records, quota, two tabs).
//! - `migrations.rs`: stored fixtures of every old schema version load and re-save as the
//!   current version (`tests/fixtures/store/v<N>/`).

//! - `sources.rs`: every passage the app cites exists verbatim in `../shared/reference/`.
//! - `samples.rs`: the sample cases read as schema 5; each 週間計画表 agrees with its goal table bar sample 2's planted slip.

mod migrations;
mod samples;
mod sources;
mod store;

//! 相談支援ワークベンチ: domain logic (pure Rust), local storage, and the Leptos UI.
//!
//! See `ARCHITECTURE.md` for the bird's-eye view.

pub mod domain;
pub mod guide;
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;

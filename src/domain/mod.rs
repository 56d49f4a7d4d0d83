//! Pure domain logic: the case and its cycle stage, dates and 和暦.
//!
//! Nothing here imports web APIs or reads a clock: callers pass "now" in, so everything
//! runs and is tested natively with `cargo test`.

pub mod case;
pub mod wareki;

pub use case::{Case, CaseId, CaseName, NewCase, Stage, SupportCategory};

//! Pure domain logic: the case and its cycle stage, intake, assessment, the plan draft and its weekly schedule, dates and 和暦.
//!
//! Nothing here imports web APIs or reads a clock: callers pass "now" in, so everything
//! runs and is tested natively with `cargo test`.

pub mod assessment;
pub mod calendar;
pub mod case;
pub mod check;
pub mod community;
pub mod ecomap;
pub mod exercise;
pub mod intake;
pub mod meeting;
pub mod monitoring;
pub mod plan;
pub mod review;
pub mod profile;
pub mod role_matrix;
pub mod schedule;
pub mod summary;
pub mod sources;
pub mod text;
pub mod training;
pub mod versions;
pub mod walkthrough;
pub mod wareki;

/// The largest id, or id counter, a stored record may hold (assessment entries, needs,
/// supports, schedule slots, 地域課題). Reading refuses larger ones: only a hand-edited or
/// damaged file has them, and at `u32::MAX` the next id would overflow. Ids count up by one
/// per added item, so the app never gets near it; a counter read at the limit means "full":
/// adding is refused ([`take_id`]), so what the app writes is always read back.
pub const MAX_ID: u32 = i32::MAX as u32;

/// The id a counter hands out next, moving it on; `None` when the counter is at [`MAX_ID`]
/// (the counter, stored, must stay within it).
fn take_id(counter: &mut u32) -> Option<u32> {
    let id = *counter;
    (id < MAX_ID).then(|| {
        *counter = id + 1;
        id
    })
}

/// Shown when an add is refused by [`take_id`]: `what` is 「ニーズ」「支援」….
pub fn id_limit_message(what: &str) -> String {
    format!("番号が上限（{MAX_ID}）に達したため、このケースにはこれ以上{what}を追加できません。何も変えていません。ケースを書き出して、管理者に相談してください。")
}

/// Why a record's ids are refused (the reader shows it inside its Japanese message).
fn check_ids(what: &str, ids: impl IntoIterator<Item = u32>) -> Result<(), String> {
    match ids.into_iter().find(|id| *id > MAX_ID) {
        Some(id) => Err(format!("{what}の番号 {id} が大きすぎます（{MAX_ID} まで）。")),
        None => Ok(()),
    }
}

pub use assessment::{Assessment, Column, DecisionSupport, Entry, EntryId, LifeDomain, Speaker, StrengthKind};
pub use case::{Case, CaseId, CaseName, FinalForm, NewCase, Stage, SupportCategory};
pub use intake::{Intake, INTAKE_FIELDS};
pub use plan::{Amount, CheckMark, MarkStatus, Consent, Formality, Need, NeedId, Per, PlanStatus, ServicePlan, SupportId, SupportItem};
pub use schedule::{GridColumn, Slot, SlotId, TimeOfDay, WeeklySchedule};

//! Pure domain logic: the case and its cycle stage, intake, assessment, the plan draft and its weekly schedule, dates and 和暦.
//!
//! Nothing here imports web APIs or reads a clock: callers pass "now" in, so everything
//! runs and is tested natively with `cargo test`.

pub mod assessment;
pub mod case;
pub mod intake;
pub mod plan;
pub mod schedule;
pub mod sources;
pub mod text;
pub mod wareki;

pub use assessment::{Assessment, Column, DecisionSupport, Entry, EntryId, LifeDomain, Speaker, StrengthKind};
pub use case::{Case, CaseId, CaseName, FinalForm, NewCase, Stage, SupportCategory};
pub use intake::{Intake, INTAKE_FIELDS};
pub use plan::{Amount, Consent, Formality, Need, NeedId, Per, PlanStatus, ServicePlan, SupportId, SupportItem};
pub use schedule::{GridColumn, Slot, SlotId, TimeOfDay, WeeklySchedule};

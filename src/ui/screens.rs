//! The lazy screens' entry points (see [`crate::ui::lazy`]), grouped into chunks by what a
//! user opens together: `case` (everything behind opening a case, and its print pages),
//! `import` (what happens to a file picked on the case list), `reference` (役割の目安, 地域課題, 出典, 使い方), `calendar` (予定), `settings` (設定) and
//! `training` (研修モード). Code two chunks share goes into a shared chunk the splitter makes.
//!
//! A screen that reads cases is opened through [`with_cases`]: first the chunk `cases`
//! (what reads a case whole, and what saves one) and the cases read whole, then the screen.
//! The case list, the shell and the lock screen show summaries and call the entry points of
//! `cases` below for what they change (see `ui::state`).

use crate::domain::case::FieldError;
use crate::domain::{Case, CaseId, NewCase, Stage};
use chrono::{DateTime, FixedOffset};
use std::future::Future;
use crate::domain::meeting::MeetingId;
use crate::domain::monitoring::MonitoringId;
use crate::ui::lazy::{lazy_fn, lazy_screen};
use crate::ui::state::AppState;
use crate::ui::route::Part;
use leptos::prelude::*;

lazy_screen!(case: pub fn case_page(id: CaseId, step: Stage, part: Part) {
    view! { <crate::ui::caseload::case_page::CasePage id step part/> }
});
lazy_screen!(case: pub fn plan_print(id: CaseId) {
    view! { <crate::ui::planning::print::PlanPrintPage id/> }
});
lazy_screen!(case: pub fn schedule_print(id: CaseId) {
    view! { <crate::ui::planning::print::SchedulePrintPage id/> }
});
lazy_screen!(case: pub fn monitoring_print(id: CaseId, report: MonitoringId) {
    view! { <crate::ui::follow_up::print::MonitoringPrintPage id report/> }
});
lazy_screen!(case: pub fn meeting_print(id: CaseId, meeting: MeetingId) {
    view! { <crate::ui::follow_up::meeting::MeetingPrintPage id meeting/> }
});
lazy_screen!(case: pub fn ecomap_print(id: CaseId) {
    view! { <crate::ui::assessment::ecomap::EcoMapPrintPage id/> }
});
lazy_screen!(import: pub fn import_file(file: web_sys::File, input: NodeRef<leptos::html::Input>, done: RwSignal<Option<String>>) {
    view! { <crate::ui::caseload::import::ImportFlow file input done/> }
});
lazy_screen!(reference: pub fn guide() {
    view! { <crate::ui::reference::guide::GuidePage/> }
});
lazy_screen!(reference: pub fn community_issues() {
    view! { <crate::ui::reference::community::CommunityReportPage/> }
});
lazy_screen!(reference: pub fn matrix(id: Option<CaseId>) {
    view! { <crate::ui::reference::matrix::MatrixPage id/> }
});
lazy_screen!(reference: pub fn sources(code: Option<String>) {
    view! { <crate::ui::reference::sources::SourcesPage code/> }
});
lazy_screen!(calendar: pub fn calendar() {
    view! { <crate::ui::caseload::calendar::CalendarPage/> }
});
lazy_screen!(settings: pub fn settings() {
    view! { <crate::ui::shell::settings::SettingsPage/> }
});
lazy_screen!(training: pub fn training_list() {
    expect_context::<crate::ui::training::Library>().enter();
    view! { <crate::ui::training::list::TrainingList/> }
});
lazy_screen!(training: pub fn training_step(slug: String, step: Stage) {
    expect_context::<crate::ui::training::Library>().enter();
    view! { <crate::ui::training::step::TrainingStepPage slug step/> }
});
lazy_screen!(training: pub fn training_exercise(slug: String) {
    expect_context::<crate::ui::training::Library>().enter();
    view! { <crate::ui::training::exercise::TrainingExercisePage slug/> }
});
lazy_screen!(training: pub fn training_tally() {
    expect_context::<crate::ui::training::Library>().enter();
    view! { <crate::ui::training::exercise::TrainingTallyPage/> }
});

lazy_fn!(cases: pub fn read_whole(state: AppState) -> () {
    state.ensure_whole()
});
lazy_fn!(cases: pub fn case_record_event(state: AppState, key: String, new_value: Option<String>) -> () {
    state.on_case_record_event(key, new_value)
});
lazy_fn!(cases: pub fn take_theirs(state: AppState, id: CaseId) -> () {
    state.take_theirs_now(&id)
});
lazy_fn!(cases: pub fn keep_mine(state: AppState, id: CaseId) -> () {
    state.keep_mine_now(&id)
});
lazy_fn!(cases: pub fn give_back_kept(state: AppState) -> Option<String> {
    state.give_back_kept()
});
lazy_fn!(cases: /// A sample file's text read and added as a new case; Err: what to say.
    pub fn add_sample(state: AppState, text: String) -> Result<(), String> {
    state.ensure_whole();
    crate::store::read_export_file(&text).and_then(|cases| state.add_as_new(cases)).map(|_| ())
});
lazy_fn!(cases: /// `warm_only`: only makes the next call ready at once (`AppState::load_whole`).
    pub fn flush(state: AppState, warm_only: bool) -> () {
    if !warm_only { state.flush_now() }
});
lazy_fn!(cases: pub fn create_case(state: AppState, form: NewCase) -> Result<Case, Vec<FieldError>> {
    state.create_now(&form)
});
lazy_fn!(cases: pub fn set_archived(state: AppState, id: CaseId, archived: bool) -> () {
    state.edit(&id, |c| c.archived = archived);
    state.flush()
});
lazy_fn!(cases: /// `warm_only`: only makes the next call ready at once (`AppState::load_whole`).
    pub fn keep_unsaved(state: AppState, warm_only: bool) -> Result<usize, ()> {
    if warm_only { Ok(0) } else { state.keep_unsaved() }
});
lazy_fn!(cases: pub fn export_all(state: AppState) -> () {
    state.export_all_now()
});
lazy_fn!(cases: pub fn everything(state: AppState, at: DateTime<FixedOffset>) -> String {
    state.everything(at)
});
lazy_fn!(cases: pub fn profile_event(state: AppState) -> () {
    state.reread_profile()
});
lazy_fn!(cases: pub fn sample_list() -> AnyView {
    view! { <crate::ui::caseload::samples::SampleList/> }.into_any()
});

/// Opens `screen` once the cases are read whole (fetching the chunk `cases` first if needed).
pub async fn with_cases(
    state: AppState,
    screen: impl Future<Output = Result<AnyView, crate::ui::lazy::LoadError>>,
) -> Result<AnyView, crate::ui::lazy::LoadError> {
    state.load_whole().await?;
    screen.await
}

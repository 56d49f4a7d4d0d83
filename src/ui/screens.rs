//! The lazy screens' entry points (see [`crate::ui::lazy`]), grouped into chunks by what a
//! user opens together: `case` (everything behind opening a case, and its print pages),
//! `import` (what happens to a file picked on the case list), `reference` (役割の目安, 地域課題, 出典, 使い方), `calendar` (予定), `settings` (設定) and
//! `training` (研修モード). Code two chunks share goes into a shared chunk the splitter makes.

use crate::domain::{CaseId, Stage};
use crate::domain::meeting::MeetingId;
use crate::domain::monitoring::MonitoringId;
use crate::ui::lazy::lazy_screen;
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

//! Leptos components, one module per screen. Thin: they read and write domain types
//! through [`state::AppState`] and hold no rules of their own.

mod assessment;
mod caseload;
mod download;
mod follow_up;
mod planning;
mod reference;
mod shell;
mod route;
mod state;
mod widgets;

use leptos::prelude::*;
use route::Route;
use state::AppState;
use wasm_bindgen::{closure::Closure, JsCast};

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    let route = route::use_route();
    listen_for_storage_and_page_hide(state);
    shell::lock::watch_idle(state);
    shell::lock::warn_before_leaving_kept(state);
    let locked = move || state.locked.get();

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            route::focus_main_heading();
        }>"本文へ移動"</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__name" href="#/">"相談支援ワークベンチ"</a>
                <Show when=move || !locked()>
                    <a class="site-header__link" href="#/calendar">"予定"</a>
                    <a class="site-header__link" href="#/matrix">"役割の目安"</a>
                    <a class="site-header__link" href="#/community-issues">"地域課題"</a>
                    <a class="site-header__link" href="#/settings">"設定"</a>
                    <a class="site-header__link" href="#/guide">"使い方"</a>
                </Show>
                <shell::lock::ProtectionStatus/>
                <p class="save-status" role="status" aria-live="polite">{move || state.status.get()}</p>
            </div>
        </header>
        <main id="main" class="main">
            <shell::offline::UpdateNotice/>
            {move || (!locked()).then(|| view! { <shell::alerts::StorageAlerts/> })}
            // Locked: nothing of the cases is on screen, whatever the route (the guide holds none).
            {move || if locked() && route.get() != Route::Guide { return view! { <shell::lock::LockScreen/> }.into_any() } else { match route.get() {
                Route::CaseList => view! { <caseload::case_list::CaseList/> }.into_any(),
                Route::Case { id, step, part } => view! { <caseload::case_page::CasePage id step part/> }.into_any(),
                Route::PlanPrint(id) => view! { <planning::print::PlanPrintPage id/> }.into_any(),
                Route::SchedulePrint(id) => view! { <planning::print::SchedulePrintPage id/> }.into_any(),
                Route::EcoMapPrint(id) => view! { <assessment::ecomap::EcoMapPrintPage id/> }.into_any(),
                Route::Settings => view! { <shell::settings::SettingsPage/> }.into_any(),
                Route::Guide => view! { <reference::guide::GuidePage/> }.into_any(),
                Route::Calendar => view! { <caseload::calendar::CalendarPage/> }.into_any(),
                Route::CommunityIssues => view! { <reference::community::CommunityReportPage/> }.into_any(),
                Route::Matrix(id) => view! { <reference::matrix::MatrixPage id/> }.into_any(),
                Route::Sources(code) => view! { <reference::sources::SourcesPage code/> }.into_any(),
                Route::NotFound => view! { <route::NotFound/> }.into_any(),
            }}}
        </main>
        <footer class="site-footer">
            <p>
                "入力したデータはこのパソコンのブラウザ内にだけ保存され、インターネットには送信されません。"
                "ほかの人と共用するパソコンでは、合言葉を設定して（設定 → データの保護）、離れるときはロックしてください。"
                " "<a href="#/guide">"使い方を読む"</a>
            </p>
            <p><a href="#/sources">"出典の資料"</a>"（チェックやヒントのもとにした公開資料の一覧）"</p>
            <p class="site-footer__version">"相談支援ワークベンチ " {state::APP_VERSION}</p>
        </footer>
    }
}

/// Autosave's safety nets and the two-tab watch live for the whole app.
fn listen_for_storage_and_page_hide(state: AppState) {
    // Another tab wrote to our storage.
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| state.on_storage_event(ev.key(), ev.new_value()));
    // Leaving or hiding the page: save now rather than after the typing pause.
    let on_pagehide = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    let on_hidden = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            state.flush();
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_hidden.as_ref().unchecked_ref());
    // These live as long as the page: never removed.
    on_hidden.forget();
    std::mem::forget(on_storage);
    std::mem::forget(on_pagehide);
}

//! Leptos components, one module per screen. Thin: they read and write domain types
//! through [`state::AppState`] and hold no rules of their own.

mod assessment;
mod caseload;
mod download;
mod follow_up;
mod lazy;
mod planning;
mod reference;
mod shell;
mod route;
mod screens;
mod state;
mod training;
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
    // 研修モード: the projector view. Its frame shows nothing of the real cases (no links to
    // them, no save status, no alerts naming them), so it stays open while locked too.
    let training = Memo::new(move |_| matches!(route.get(), Route::Training | Route::TrainingStep { .. } | Route::TrainingExercise(_) | Route::TrainingTally));
    let library = training::Library::new();
    provide_context(library);
    Effect::new(move |_| {
        let on = training.get();
        if let Some(root) = document().document_element() {
            root.set_class_name(if on { "presenter" } else { "" });
        }
        // Entering is the training screens' (`Library::enter`, in their chunk).
        if !on {
            library.clear();
        }
    });
    let step_count = move || match route.get() {
        Route::TrainingStep { step, .. } => format!("ステップ {} / {}", crate::domain::walkthrough::number(step), crate::domain::walkthrough::STEPS.len()),
        _ => String::new(),
    };

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            route::focus_main_heading();
        }>"本文へ移動"</a>
        <Show when=move || !training.get() fallback=move || view! {
            <header class="site-header">
                <div class="site-header__inner">
                    <a class="site-header__name" href="#/training">"研修モード"</a>
                    <p class="training-count" aria-live="polite">{step_count}</p>
                    <a class="site-header__link" href="#/">"研修モードを終わる"</a>
                </div>
            </header>
        }>
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
        </Show>
        <main id="main" class="main">
            <shell::offline::UpdateNotice/>
            {move || (!locked() && !training.get()).then(|| view! { <shell::alerts::StorageAlerts/> })}
            // Locked: nothing of the cases is on screen, whatever the route (the guide and
            // 研修モード hold none).
            {move || if locked() && route.get() != Route::Guide && !training.get() { return view! { <shell::lock::LockScreen/> }.into_any() } else { match route.get() {
                Route::CaseList => view! { <caseload::case_list::CaseList/> }.into_any(),
                Route::Case { id, step, part } => lazy::lazy(screens::with_cases(state, screens::case_page(id, step, part))),
                Route::PlanPrint(id) => lazy::lazy(screens::with_cases(state, screens::plan_print(id))),
                Route::SchedulePrint(id) => lazy::lazy(screens::with_cases(state, screens::schedule_print(id))),
                Route::MonitoringPrint(id, report) => lazy::lazy(screens::with_cases(state, screens::monitoring_print(id, report))),
                Route::MeetingPrint(id, meeting) => lazy::lazy(screens::with_cases(state, screens::meeting_print(id, meeting))),
                Route::EcoMapPrint(id) => lazy::lazy(screens::with_cases(state, screens::ecomap_print(id))),
                Route::Settings => lazy::lazy(screens::with_cases(state, screens::settings())),
                Route::Guide => lazy::lazy(screens::guide()),
                Route::Calendar => lazy::lazy(screens::with_cases(state, screens::calendar())),
                Route::CommunityIssues => lazy::lazy(screens::with_cases(state, screens::community_issues())),
                Route::Matrix(id) => lazy::lazy(screens::with_cases(state, screens::matrix(id))),
                Route::Sources(code) => lazy::lazy(screens::sources(code)),
                Route::Training => lazy::lazy(screens::training_list()),
                Route::TrainingStep { slug, step } => lazy::lazy(screens::training_step(slug, step)),
                Route::TrainingExercise(slug) => lazy::lazy(screens::training_exercise(slug)),
                Route::TrainingTally => lazy::lazy(screens::training_tally()),
                Route::NotFound => view! { <route::NotFound/> }.into_any(),
            }}}
        </main>
        <Show when=move || !training.get()>
        <footer class="site-footer">
            <p>
                "入力したデータはこのパソコンのブラウザ内にだけ保存され、インターネットには送信されません。"
                "ほかの人と共用するパソコンでは、合言葉を設定して（設定 → データの保護）、離れるときはロックしてください。"
                " "<a href="#/guide">"使い方を読む"</a>
            </p>
            <p><a href="#/sources">"出典の資料"</a>"（チェックやヒントのもとにした公開資料の一覧）"</p>
            <p><a href="#/training">"研修モード"</a>"（研修の講師用：架空のケースでケアマネジメントの流れを大きな文字で示します。ケースのデータには触れません）"</p>
            <p class="site-footer__version">"相談支援ワークベンチ " {state::APP_VERSION}</p>
        </footer>
        </Show>
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

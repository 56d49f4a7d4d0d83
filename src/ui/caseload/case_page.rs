//! One case: the cycle-step navigation and each step's screen. インテーク holds the
//! case's basic fields; 計画案 has its own sub-screens (目標表, 週間計画表, 確認・確定);
//! 計画 shows the final plans; 担当者会議, モニタリング and 評価 have their screens in `follow_up`.

use crate::ui::caseload::calendar::DecisionForm;
use crate::ui::follow_up::evaluation::EvaluationStep;
use crate::ui::follow_up::meeting::MeetingStep;
use crate::ui::follow_up::monitoring::MonitoringStep;
use crate::ui::caseload::case_list::CategorySelect;
use crate::ui::planning::confirm::{remember_change, CheckPage, FinalPlansPage, PlanSummary};
use crate::ui::route::{case_href, part_href, set_title, Part};
use crate::ui::planning::schedule::SchedulePage;
use crate::ui::widgets::{focus_by_id, focus_in_view, keyed};
use crate::ui::assessment::AssessmentPage;
use crate::ui::assessment::ecomap::EcoMapPage;
use crate::ui::planning::check_panel::CheckPanel;
use crate::ui::planning::review::ReviewPage;
use crate::ui::planning::draft::PlanDraftPage;
use crate::ui::state::AppState;
use crate::ui::widgets::AutoTextarea;
use crate::domain::case::{certificate_no_problem, fold_certificate_no};
use crate::domain::wareki::format_date_time;
use crate::domain::{CaseId, CaseName, PlanStatus, Stage, SupportCategory, INTAKE_FIELDS};
use leptos::prelude::*;

#[component]
pub fn CasePage(id: CaseId, step: Stage, part: Part) -> impl IntoView {
    let state = expect_context::<AppState>();
    // A memo, so typing (which changes the case) does not re-create the page under the cursor.
    let exists = {
        let id = id.clone();
        Memo::new(move |_| state.cases.with(|cs| cs.iter().any(|c| c.id == id)))
    };
    let page = move || {
        if !exists.get() {
            set_title("ケースが見つかりません");
            return view! {
                <h1 tabindex="-1">"ケースが見つかりません"</h1>
                <p>"このケースは削除されたか、別のタブで変更された可能性があります。"</p>
                <p><a href="#/">"ケース一覧に戻る"</a></p>
            }
            .into_any();
        }
        let id = id.clone();
        let name = {
            let id = id.clone();
            move || state.with_case(&id, |c| c.name.as_str().to_owned()).unwrap_or_default()
        };
        let summary = {
            let id = id.clone();
            move || {
                state.with_case(&id, |c| {
                    format!("今の段階：{} ／ 最終更新：{}", c.stage.label(), format_date_time(c.updated_at))
                })
            }
        };
        let screen = match (&part, step) {
            (Part::Schedule, _) => "週間計画表",
            (Part::Check, _) => "計画案の確認",
            (Part::Review, _) => "評価・助言",
            (Part::EcoMap, _) => "エコマップ",
            _ => step.label(),
        };
        // No name in the title: titles stay in the browser's history after a lock or a wipe.
        set_title(&format!("{screen}（ケース）"));
        let part = part.clone();
        view! {
            <p class="back-link"><a href="#/">"ケース一覧に戻る"</a></p>
            <h1 tabindex="-1">{name} <span class="h1-suffix">"さんのケース"</span></h1>
            <div class="case-summary">
                <p>{summary}</p>
                {let export_id = id.clone();
                move || (!state.security.with(|s| s.shared_pc)).then(|| {
                    let export_id = export_id.clone();
                    view! {
                        <button type="button" class="button button--secondary button--small"
                            on:click=move |_| state.export_case(&export_id)>"このケースを書き出す"</button>
                    }
                })}
            </div>
            <StepNav id=id.clone() current=step/>
            // Not a landmark of its own: <main> is one already, and on 週間計画表 it would share
            // its name with the grid's section (axe landmark-unique).
            <div class="section">
                <h2 id="step-heading">{screen}</h2>
                // Re-created, not patched, when another tab's version is loaded
                // (`generation`): a patched `value` attribute would not change what a field
                // the user typed in shows.
                {keyed(move || vec![(u64::from(state.generation.get()), 0u64)], move |_| {
                    let id = id.clone();
                    match step {
                        Stage::Intake => view! { <BasicInfo id=id.clone()/> }.into_any(),
                        Stage::Assessment => view! { <AssessmentStep id=id.clone() part=part.clone()/> }.into_any(),
                        Stage::Planning => view! { <PlanningStep id=id.clone() part=part.clone()/> }.into_any(),
                        Stage::Plan => view! { <FinalPlansPage id=id.clone()/> }.into_any(),
                        Stage::TeamMeeting => view! { <MeetingStep id=id.clone()/> }.into_any(),
                        Stage::Monitoring => view! { <MonitoringStep id=id.clone()/> }.into_any(),
                        Stage::Evaluation => view! { <EvaluationStep id=id.clone()/> }.into_any(),
                    }
                })}
            </div>
        }
        .into_any()
    };
    view! { {page} }
}

/// アセスメント and its エコマップ.
#[component]
fn AssessmentStep(id: CaseId, part: Part) -> impl IntoView {
    let tabs = [(Part::Main, "アセスメント表"), (Part::EcoMap, "エコマップ")];
    let href = |p: &Part| if *p == Part::Main { case_href(&id, Stage::Assessment) } else { part_href(&id, p) };
    view! {
        <nav class="subnav" aria-label="アセスメントの画面">
            <ul class="subnav__list">
                {tabs.into_iter().map(|(p, label)| view! {
                    <li><a class="subnav__link" href=href(&p) aria-current=(p == part).then_some("page")>{label}</a></li>
                }).collect_view()}
            </ul>
        </nav>
        {if part == Part::EcoMap {
            view! { <EcoMapPage id=id.clone()/> }.into_any()
        } else {
            view! { <AssessmentPage id=id.clone()/> }.into_any()
        }}
    }
}

/// 計画案 and its sub-screens. A final plan is shown, not edited.
#[component]
fn PlanningStep(id: CaseId, part: Part) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
    let frozen = case.plan.status == PlanStatus::Final;
    let tabs = [(Part::Main, "目標表（計画案）"), (Part::Schedule, "週間計画表"), (Part::Check, "確認・確定"), (Part::Review, "評価・助言")];
    let current = match &part {
        Part::Change(f) if f.starts_with("schedule-") => Part::Schedule,
        Part::Change(_) => Part::Main,
        other => other.clone(),
    };
    let nav = view! {
        <nav class="subnav" aria-label="計画案の画面">
            <ul class="subnav__list">
                {tabs.into_iter().map(|(p, label)| view! {
                    <li><a class="subnav__link" href=part_href(&id, &p) aria-current=(p == current).then_some("page")>{label}</a></li>
                }).collect_view()}
            </ul>
        </nav>
    };
    let body = match part {
        Part::Schedule => view! { <SchedulePage id=id.clone()/> }.into_any(),
        Part::Check => view! { <CheckPage id=id.clone()/> }.into_any(),
        Part::Review => view! { <ReviewPage id=id.clone()/> }.into_any(),
        _ if frozen => view! {
            <div class="notice notice--info">
                <p>"この計画は確定しています。内容を変えるときは、「計画」の段階で「計画を変更する」を選びます。"</p>
                <p><a href=case_href(&id, Stage::Plan)>"確定した計画を見る"</a></p>
            </div>
            <PlanSummary case=case.clone() plan=case.plan.clone() change=false/>
        }.into_any(),
        Part::Change(field) => {
            remember_change(&field);
            let screen = if field.starts_with("schedule-") {
                view! { <SchedulePage id=id.clone()/> }.into_any()
            } else {
                view! { <PlanDraftPage id=id.clone()/> }.into_any()
            };
            // After the route's own focus (the page heading), move to the field to change and
            // bring it into view (a need far down is laid out only once on screen).
            request_animation_frame(move || {
                request_animation_frame(move || {
                    use wasm_bindgen::JsCast;
                    if let Some(el) = document().get_element_by_id(&field).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                        focus_in_view(&el);
                    }
                })
            });
            let back = part_href(&id, &Part::Check);
            view! {
                <p class="notice notice--info"><a href=back.clone()>"確認ページに戻る"</a></p>
                {screen}
                <p><a class="button" href=back>"確認ページに戻る"</a></p>
            }.into_any()
        }
        Part::Main | Part::EcoMap => view! { <PlanDraftPage id=id.clone()/> }.into_any(),
    };
    // The check panel stands beside the screens where the plan is written (sticky, so a
    // finding and its field are on screen together). It comes after the form in the page:
    // Tab reaches the first field without passing every finding, and a skip link at the
    // top leads to the panel in one step.
    let with_panel = matches!(current, Part::Main | Part::Schedule);
    let panel = with_panel.then(|| view! { <CheckPanel id=id.clone()/> });
    let skip = with_panel.then(|| view! {
        <p class="skip-to-panel">
            <a href="#check-panel-heading" on:click=|ev| {
                ev.prevent_default();
                focus_by_id("check-panel-heading");
            }>"計画チェックへ移動"</a>
        </p>
    });
    view! {
        {nav}
        <div class:with-panel=with_panel>
            <div class="with-panel__main">{skip}{body}</div>
            {panel}
        </div>
    }.into_any()
}

#[component]
fn StepNav(id: CaseId, current: Stage) -> impl IntoView {
    view! {
        <nav class="steps" aria-label="支援の流れ">
            <ol class="steps__list">
                {Stage::ALL.into_iter().enumerate().map(|(i, s)| view! {
                    <li class="steps__item">
                        <a href=case_href(&id, s) class="steps__link"
                            aria-current=(s == current).then_some("page")>
                            <span class="steps__number" aria-hidden="true">{i + 1}</span>
                            {s.label()}
                        </a>
                    </li>
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// Puts the folded 受給者証番号 (what is stored) into the field, when it differs.
fn show_folded(ev: &web_sys::Event) {
    use wasm_bindgen::JsCast;
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
    let folded = fold_certificate_no(&input.value());
    if folded != input.value() {
        input.set_value(&folded);
    }
}

/// The case's basic fields and intake information, autosaved while typing. Inputs are
/// uncontrolled: their value is never rewritten while the user types, which keeps IME
/// composition intact.
#[component]
fn BasicInfo(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    {
        let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
        let name_error = RwSignal::new(None::<&'static str>);
        let cert_error = RwSignal::new(certificate_no_problem(&case.certificate_no));
        let category = RwSignal::new(case.support_category.map(|c| c.code().to_owned()).unwrap_or_default());
        let for_child = RwSignal::new(case.for_child);
        let (id1, id2, id3, id4, id5) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
        Effect::new(move |prev: Option<()>| {
            let code = category.get();
            if prev.is_some() {
                state.edit(&id3, |c| c.support_category = SupportCategory::from_code(&code));
            }
        });
        view! {
            <form class="form" on:submit=|ev| ev.prevent_default()>
                <p class="hint">"入力した内容は自動で保存されます。"</p>
                <div class="field">
                    <label for="case-name">"氏名（仮名・イニシャル）" <span class="required">"※必須"</span></label>
                    <p class="field__error" id="case-name-error" hidden=move || name_error.get().is_none()>
                        {move || name_error.get()}
                    </p>
                    <input id="case-name" class="input" type="text" autocomplete="off"
                        value=case.name.as_str().to_owned()
                        aria-invalid=move || if name_error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || name_error.get().map(|_| "case-name-error")
                        on:input=move |ev| match CaseName::parse(&event_target_value(&ev)) {
                            Ok(name) => {
                                name_error.set(None);
                                state.edit(&id1, |c| c.name = name);
                            }
                            // The stored name stays until a valid one is typed.
                            Err(message) => name_error.set(Some(message)),
                        }/>
                </div>
                <div class="field">
                    <label for="case-certificate-no">"受給者証番号"</label>
                    <p class="field__hint" id="case-certificate-no-hint">"数字で入力（任意）"</p>
                    <p class="field__error" id="case-certificate-no-error" hidden=move || cert_error.get().is_none()>
                        {move || cert_error.get()}
                    </p>
                    <input id="case-certificate-no" class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                        value=case.certificate_no.clone()
                        aria-invalid=move || if cert_error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || if cert_error.get().is_some() {
                            "case-certificate-no-hint case-certificate-no-error"
                        } else {
                            "case-certificate-no-hint"
                        }
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            cert_error.set(certificate_no_problem(&value));
                            // Kept even when it needs fixing (nothing typed is lost), full-width digits folded.
                            state.edit(&id2, |c| c.set_certificate_no(&value));
                        }
                        // The field shows the folded number once typing is done: never while the IME composes.
                        on:blur=move |ev| show_folded(&ev)
                        on:compositionend=move |ev| show_folded(&ev)/>
                </div>
                <div class="field">
                    <label for="case-support-category">"障害支援区分"</label>
                    <CategorySelect id="case-support-category" value=category/>
                </div>
                <div class="checkbox">
                    <input id="case-for-child" type="checkbox" checked=case.for_child
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            for_child.set(checked);
                            state.edit(&id4, |c| c.for_child = checked);
                        }/>
                    <label for="case-for-child">"障害児（障害児支援利用計画）"</label>
                </div>
                <div class="field">
                    <label for="case-stage">"現在の段階"</label>
                    <p class="field__hint" id="case-stage-hint">"アセスメントや計画案を入力すると、その段階まで自動で進みます（自動で戻ることはありません）。ここで選んで変えることもできます。"</p>
                    <select id="case-stage" class="select" aria-describedby="case-stage-hint" on:change=move |ev| {
                        if let Some(stage) = Stage::from_slug(&event_target_value(&ev)) {
                            state.edit(&id5, |c| c.stage = stage);
                        }
                    }>
                        {Stage::ALL.into_iter().map(|s| view! {
                            <option value=s.slug() selected=s == case.stage>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <DecisionForm id=id.clone()/>
                <h3>"基本情報"</h3>
                <p class="hint">"すべて任意です。わかったことから書きます。本人の言葉はそのまま「」で残します。"</p>
                {INTAKE_FIELDS.iter().map(|field| {
                    let id = id.clone();
                    // Read when (re)created: a field hidden and shown again shows what is stored now.
                    let textarea = move || {
                        let id = id.clone();
                        let value = untrack(|| state.case(&id)).map(|c| field.get(&c.intake).to_owned()).unwrap_or_default();
                        view! {
                            <AutoTextarea id=format!("intake-{}", field.key) label=field.label hint=field.hint
                                value=value
                                on_input=move |v| state.edit_text(&id, |c| field.set(&mut c.intake, v))/>
                        }
                    };
                    if field.child_only {
                        view! { <Show when=move || for_child.get()>{textarea.clone()}</Show> }.into_any()
                    } else {
                        textarea().into_any()
                    }
                }).collect_view()}
            </form>
        }
        .into_any()
    }
}

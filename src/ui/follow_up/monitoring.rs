//! The モニタリング step: the monitorings recorded on the plan in force, and recording one.

use crate::domain::monitoring::MonitoringVisit;
use crate::domain::wareki::{format_seireki, format_wareki};
use crate::domain::CaseId;
use crate::ui::caseload::calendar::next_due_text;
use crate::ui::state::{now, AppState};
use crate::ui::widgets::{error_link, focus_later, value_of};
use leptos::prelude::*;

/// The モニタリング step: the monitorings recorded, and a minimal form to record one held
/// (実施日, 実施場所, 居宅訪問か) on the plan in force.
#[component]
pub fn MonitoringStep(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let done = RwSignal::new(None::<String>);
    let has_final = {
        let id = id.clone();
        move || state.with_case(&id, |c| !c.final_plans.is_empty()).unwrap_or(false)
    };
    let recorded = {
        let id = id.clone();
        move || {
            state
                .with_case(&id, |c| {
                    c.recorded_monitorings()
                        .into_iter()
                        .map(|r| {
                            let on = r.held_on.map(|d| format!("{}（{}）", format_wareki(d), format_seireki(d))).unwrap_or_default();
                            let visit = if r.home_visit { "居宅訪問" } else { "居宅訪問ではない" };
                            (on, format!("{}・{visit}・計画 第{}版", r.place, r.plan_version))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        }
    };
    let next = {
        let id = id.clone();
        move || {
            let lead = state.calendar.with(|o| o.renewal_lead_months);
            state.with_case(&id, |c| next_due_text(c, lead)).unwrap_or_default()
        }
    };
    let field_id = |f: &str| if f == "place" { "monitoring-place" } else { "monitoring-held-on" };
    let record = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let visit = MonitoringVisit {
                held_on: value_of("monitoring-held-on"),
                place: value_of("monitoring-place"),
                home_visit: document()
                    .get_element_by_id("monitoring-home-visit")
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
                    .is_some_and(|i| i.checked()),
            };
            let mut result = Err(Vec::new());
            state.edit_if(&id, |c| {
                result = c.record_monitoring(&visit);
                result.is_ok()
            });
            match result {
                Ok(_) => {
                    state.flush();
                    errors.set(Vec::new());
                    // Ready for the next one; the recorded one is listed above.
                    for field in ["monitoring-held-on", "monitoring-place"] {
                        if let Some(i) = document().get_element_by_id(field).and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok()) {
                            i.set_value("");
                        }
                    }
                    done.set(Some(format!("{}のモニタリングを記録しました。", visit.held_on.trim())));
                    focus_later("monitoring-done".to_owned());
                }
                Err(e) => {
                    done.set(None);
                    errors.set(e.into_iter().map(|e| (field_id(e.field), e.message.to_owned())).collect());
                    focus_later("monitoring-errors".to_owned());
                }
            }
        }
    };
    let error_for = move |f: &'static str| move || errors.with(|e| e.iter().find(|(k, _)| *k == f).map(|(_, m)| m.clone()));
    let invalid = move |f: &'static str| move || if errors.with(|e| e.iter().any(|(k, _)| *k == f)) { "true" } else { "false" };
    let today = format_wareki(now().date_naive());
    view! {
        <p>{move || format!("次の予定：{}", next())}" "<a href="#/calendar">"予定（すべてのケース）"</a></p>
        <h3 id="monitoring-list-heading">"記録したモニタリング"</h3>
        {move || {
            let list = recorded();
            if list.is_empty() {
                view! { <p class="empty">"まだ記録していません。"</p> }.into_any()
            } else {
                view! {
                    <ul class="monitoring-list">
                        {list.into_iter().map(|(on, what)| view! { <li><strong>{on}</strong>" "{what}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
        <Show when=has_final fallback=|| view! {
            <p class="notice notice--info">"確定した計画がまだありません。モニタリングは、確定した計画（「計画」の段階）について記録します。"</p>
        }>
            <form class="form card" on:submit=record.clone() novalidate>
                <h3>"モニタリングを記録する"</h3>
                <p class="hint">"行ったモニタリングの日と場所を記録します。記録すると、その月の予定が済みになります。記録は後から変えられません（訂正は新しい記録にします）。"</p>
                <Show when=move || !errors.with(Vec::is_empty)>
                    <div class="error-summary" id="monitoring-errors" tabindex="-1" role="alert">
                        <h4>"記録できませんでした"</h4>
                        <ul>{move || errors.get().into_iter().map(|(f, m)| error_link(f.to_owned(), m)).collect_view()}</ul>
                    </div>
                </Show>
                <div class="field">
                    <label for="monitoring-held-on">"実施日"</label>
                    <p class="field__hint" id="monitoring-held-on-hint">{format!("例：{today}、2027-04-10")}</p>
                    <p class="field__error" hidden=move || error_for("monitoring-held-on")().is_none()>{error_for("monitoring-held-on")}</p>
                    <input id="monitoring-held-on" class="input input--short" type="text" autocomplete="off"
                        aria-describedby="monitoring-held-on-hint" aria-invalid=invalid("monitoring-held-on")/>
                </div>
                <div class="field">
                    <label for="monitoring-place">"実施場所"</label>
                    <p class="field__hint" id="monitoring-place-hint">"例：自宅、通所先の面談室"</p>
                    <p class="field__error" hidden=move || error_for("monitoring-place")().is_none()>{error_for("monitoring-place")}</p>
                    <input id="monitoring-place" class="input" type="text" autocomplete="off"
                        aria-describedby="monitoring-place-hint" aria-invalid=invalid("monitoring-place")/>
                </div>
                <div class="checkbox">
                    <input id="monitoring-home-visit" type="checkbox"/>
                    <label for="monitoring-home-visit">"居宅訪問で行った"</label>
                </div>
                <button type="submit" class="button">"モニタリングを記録する"</button>
                <p id="monitoring-done" tabindex="-1" class="notice notice--success" hidden=move || done.get().is_none()>{move || done.get()}</p>
            </form>
        </Show>
    }
}

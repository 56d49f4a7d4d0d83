//! 地域課題: the section of the 計画案 where a case's community issues are recorded, and the
//! nameless report of all cases for the 協議会 (print, CSV, JSON). The rules (no personal
//! details, dates, the report's content) are in `domain::community`.

use crate::ui::download::download_typed;
use crate::ui::widgets::value_of;
use crate::ui::route::set_title;
use crate::ui::state::{now, AppState};
use crate::domain::community::{IssueCategory, IssueForm, Report};
use crate::domain::wareki::{format_seireki, format_wareki};
use crate::domain::{CaseId, NeedId};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn clear(id: &str) {
    if let Some(t) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        t.set_value("");
    }
}

/// The element id of a form field named by `IssueError::field`.
fn field_id(field: &str) -> &'static str {
    match field {
        "category" => "community-category",
        "recorded_on" => "community-recorded-on",
        _ => "community-description",
    }
}

#[component]
pub fn CommunityIssues(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let listed = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .with_case(&id, |c| {
                    c.community_issues
                        .iter()
                        .map(|i| {
                            let need = i.need.and_then(|n| c.plan.priority(n)).map(|p| format!("優先順位{p}")).unwrap_or_default();
                            (i.id, i.category.label(), i.description.clone(), format_wareki(i.recorded_on), need)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // Needs the author marked as unmet and has not recorded yet: offered first in the form.
    let needs = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .with_case(&id, |c| {
                    c.plan
                        .needs()
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            let open = n.unmet && !c.community_issues.iter().any(|x| x.need == Some(n.id));
                            let text: String = n.need.chars().take(24).collect();
                            (n.id, format!("優先順位{}：{}", i + 1, text), open)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let candidates = move || needs.with(|ns| ns.iter().filter(|(_, _, open)| *open).map(|(_, l, _)| l.clone()).collect::<Vec<_>>());
    let record = {
        let id = id.clone();
        move |_| {
            let form = IssueForm {
                category: IssueCategory::from_code(&value_of("community-category")),
                description: value_of("community-description"),
                recorded_on: value_of("community-recorded-on"),
                need: value_of("community-need").parse::<u32>().ok().map(NeedId),
            };
            let mut result = Ok(());
            state.edit_if(&id, |c| match c.add_community_issue(&form) {
                Ok(_) => true,
                Err(e) => {
                    result = Err(e);
                    false
                }
            });
            match result {
                Ok(()) => {
                    errors.set(Vec::new());
                    clear("community-description");
                    crate::ui::widgets::focus_later("community-list-heading".to_owned());
                }
                Err(e) => {
                    errors.set(e.into_iter().map(|e| (field_id(e.field), e.message)).collect());
                    crate::ui::widgets::focus_later("community-errors".to_owned());
                }
            }
        }
    };
    let error_for = move |field: &'static str| move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));
    let invalid = move |field: &'static str| move || if errors.with(|e| e.iter().any(|(f, _)| *f == field)) { "true" } else { "false" };
    let today = format_seireki(now().date_naive());
    view! {
        <section class="section card" aria-labelledby="plan-community-heading">
            <h3 id="plan-community-heading">"地域課題"</h3>
            <p class="hint">
                "今ある資源では満たせないニーズを、個人が分からない形で記録します。すべてのケースの地域課題は "
                <a href="#/community-issues">"地域課題の一覧（協議会用）"</a>" にまとまります。"
            </p>
            <Show when=move || !candidates().is_empty()>
                <div class="notice notice--warning">
                    <p>"「今ある資源では満たせない」としたニーズで、まだ記録していないもの："</p>
                    <ul>{move || candidates().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <h4 id="community-list-heading" tabindex="-1">{move || format!("このケースの地域課題（{}件）", listed.with(Vec::len))}</h4>
            <Show when=move || listed.with(Vec::is_empty)>
                <p class="empty">"まだ記録していません。"</p>
            </Show>
            <ul class="issue-list">
                {
                    let id = id.clone();
                    move || listed.get().into_iter().map(|(issue, category, description, on, need)| {
                        let id = id.clone();
                        let label = format!("この地域課題を削除（{category}：{description}）");
                        view! {
                            <li class="issue">
                                <p><span class="tag">{category}</span>" "{description}</p>
                                <p class="hint">{format!("{on}に記録")}{(!need.is_empty()).then(|| format!("・{need}から"))}</p>
                                <button type="button" class="button button--danger button--small"
                                    aria-label=label
                                    on:click=move |_| {
                                        state.edit(&id, |c| { c.remove_community_issue(issue); });
                                        crate::ui::widgets::focus_later("community-list-heading".to_owned());
                                    }>"削除"</button>
                            </li>
                        }
                    }).collect_view()
                }
            </ul>
            <h4>"地域課題を記録する"</h4>
            <div id="community-errors" class="notice notice--error" tabindex="-1" role="alert" hidden=move || errors.with(Vec::is_empty)>
                <h5 class="notice__title">"入力を確認してください"</h5>
                <ul>{move || errors.get().into_iter().map(|(f, m)| crate::ui::widgets::error_link(f.to_owned(), m)).collect_view()}</ul>
            </div>
            <div class="grid-2">
                <div class="field">
                    <label for="community-category">"分類"</label>
                    <p class="field__error" id="community-category-error" hidden=move || error_for("community-category")().is_none()>{error_for("community-category")}</p>
                    <select id="community-category" class="select" aria-invalid=invalid("community-category")
                        aria-describedby="community-category-error">
                        <option value="">"選んでください"</option>
                        {IssueCategory::ALL.into_iter().map(|c| view! { <option value=c.code()>{c.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="community-need">"もとになったニーズ（任意）"</label>
                    <select id="community-need" class="select">
                        <option value="">"なし"</option>
                        {move || {
                            let first_open = needs.with(|ns| ns.iter().find(|(_, _, open)| *open).map(|(n, _, _)| *n));
                            needs.get().into_iter().map(|(n, label, _)| view! {
                                <option value=n.0.to_string() selected=first_open == Some(n)>{label}</option>
                            }).collect_view()
                        }}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="community-description">"足りない資源（氏名など個人が分かることは書きません）"</label>
                <p class="field__hint" id="community-description-hint">"例：単身で入れる保証人不要の住まいが市内に少ない。"</p>
                <p class="field__error" id="community-description-error" hidden=move || error_for("community-description")().is_none()>{error_for("community-description")}</p>
                <textarea id="community-description" class="textarea" rows="2" aria-invalid=invalid("community-description")
                    aria-describedby="community-description-hint community-description-error"></textarea>
            </div>
            <div class="field">
                <label for="community-recorded-on">"記録日"</label>
                <p class="field__hint" id="community-recorded-on-hint">"西暦でも和暦でも（例：2026年11月27日、R8.11.27）。"</p>
                <p class="field__error" id="community-recorded-on-error" hidden=move || error_for("community-recorded-on")().is_none()>{error_for("community-recorded-on")}</p>
                <input id="community-recorded-on" type="text" class="input input--short" autocomplete="off" value=today
                    aria-invalid=invalid("community-recorded-on") aria-describedby="community-recorded-on-hint community-recorded-on-error"/>
            </div>
            <button type="button" class="button" on:click=record>"地域課題として記録する"</button>
        </section>
    }
}

/// 地域課題の一覧: every case's issues, no names, counted by category; print, CSV, JSON.
#[component]
pub fn CommunityReportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    set_title("地域課題の一覧");
    let report = Memo::new(move |_| state.cases.with(|cs| Report::gather(cs.iter())));
    let stamp = move || {
        use chrono::Datelike;
        let d = now().date_naive();
        format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
    };
    view! {
        <h1 tabindex="-1">"地域課題の一覧（協議会用）"</h1>
        <p class="lead">"すべてのケースで記録した地域課題を、氏名やケースが分からない形でまとめています。協議会での共有に使えます。"</p>
        <div class="print-toolbar">
            <button type="button" class="button" on:click=|_| { let _ = window().print(); }>"印刷する"</button>
            <button type="button" class="button button--secondary"
                on:click=move |_| download_typed(&format!("地域課題_{}.csv", stamp()), &report.with_untracked(Report::to_csv), "text/csv;charset=utf-8")>"CSV で書き出す"</button>
            <button type="button" class="button button--secondary"
                on:click=move |_| download_typed(&format!("地域課題_{}.json", stamp()), &report.with_untracked(Report::to_json), "application/json")>"JSON で書き出す"</button>
        </div>
        <Show when=move || report.with(|r| r.rows.is_empty())>
            <p class="empty">"まだ地域課題が記録されていません。各ケースの計画案の「地域課題」で記録します。"</p>
        </Show>
        <div hidden=move || report.with(|r| r.rows.is_empty())>
            <h2 id="community-counts-heading">"分類ごとの件数"</h2>
            <table class="case-table community-counts" aria-labelledby="community-counts-heading">
                <thead><tr><th scope="col">"分類"</th><th scope="col">"件数"</th></tr></thead>
                <tbody>
                    {move || report.with(|r| r.counts()).into_iter().map(|(c, n)| view! {
                        <tr><th scope="row">{c.label()}</th><td>{n}</td></tr>
                    }).collect_view()}
                    <tr><th scope="row">"合計"</th><td>{move || report.with(|r| r.rows.len())}</td></tr>
                </tbody>
            </table>
            <h2 id="community-list-heading">"地域課題"</h2>
            <table class="case-table" aria-labelledby="community-list-heading">
                <thead><tr><th scope="col">"記録日"</th><th scope="col">"分類"</th><th scope="col">"内容"</th></tr></thead>
                <tbody>
                    {move || report.get().rows.into_iter().map(|r| view! {
                        <tr><td>{format_wareki(r.recorded_on)}</td><td>{r.category.label()}</td><td>{r.description}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

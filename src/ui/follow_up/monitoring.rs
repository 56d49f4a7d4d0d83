//! The モニタリング step: the モニタリング報告書 recorded (read-only, each with 印刷,
//! 「この記録を訂正する」 and, when a row says 計画変更の必要性 有, 「計画を変更する」), and the
//! report being written — prefilled from the plan in force, autosaved as typed (the draft is
//! stored from the first keystroke), frozen by 「モニタリングを記録する」.

use crate::domain::monitoring::{ChangeRefused, MonitoringId, MonitoringReport, MonitoringRow, ReportStatus};
use crate::domain::wareki::{format_seireki, format_wareki, wareki_day_or_month};
use crate::domain::{CaseId, PlanStatus, Stage};
use crate::ui::caseload::calendar::next_due_text;
use crate::ui::route::{case_href, monitoring_print_href};
use crate::ui::state::{now, AppState};
use crate::ui::widgets::{checkbox, error_link, focus_later, keyed, text_area, OnInput};
use leptos::prelude::*;

/// What the list offers for a recorded report's 計画変更の必要性.
#[derive(Clone, PartialEq)]
enum ChangeOffer {
    None,
    /// 「計画を変更する」
    Offer,
    /// The change it asked for is being drafted.
    Drafting,
    /// Made final as this version.
    Done(usize),
    /// 有, but the plan has moved on since.
    Older,
}

#[derive(Clone)]
struct Listed {
    id: MonitoringId,
    on: String,
    what: String,
    notes: Vec<String>,
    change: ChangeOffer,
}

fn listed(c: &crate::domain::Case) -> Vec<Listed> {
    c.recorded_monitorings()
        .into_iter()
        .map(|r| {
            let on = r.held_on.map(|d| format!("{}（{}）", format_wareki(d), format_seireki(d))).unwrap_or_default();
            let visit = if r.home_visit { "居宅訪問" } else { "居宅訪問ではない" };
            let mut notes = Vec::new();
            if let Some(old) = r.corrects.and_then(|old| c.monitoring(old)) {
                notes.push(format!("{}の記録の訂正", old.name()));
            }
            if let Some(newer) = c.corrected_by(r.id) {
                notes.push(format!("{}で訂正済み", newer.name()));
            }
            let done = c.final_plans.iter().position(|p| p.requested_by == Some(r.id));
            let change = if !r.needs_change() {
                ChangeOffer::None
            } else if let Some(i) = done {
                ChangeOffer::Done(i + 1)
            } else if c.plan.status == PlanStatus::Draft && c.plan.requested_by == Some(r.id) {
                ChangeOffer::Drafting
            } else if r.plan_version as usize == c.final_plans.len() {
                ChangeOffer::Offer
            } else {
                ChangeOffer::Older
            };
            if r.needs_change() {
                notes.push("計画変更の必要性：有".to_owned());
            }
            Listed { id: r.id, on, what: format!("{}・{visit}・計画 第{}版", r.place, r.plan_version), notes, change }
        })
        .collect()
}

/// The モニタリング step.
#[component]
pub fn MonitoringStep(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let done = RwSignal::new(None::<String>);
    let list_problem = RwSignal::new(None::<String>);
    // Bumped to re-create the form from what is stored (after recording or a correction).
    let form_key = RwSignal::new(0u64);
    let recorded = {
        let id = id.clone();
        move || state.with_case(&id, listed).unwrap_or_default()
    };
    let next = {
        let id = id.clone();
        move || {
            let lead = state.calendar.with(|o| o.renewal_lead_months);
            state.with_case(&id, |c| next_due_text(&c.summary(), lead)).unwrap_or_default()
        }
    };
    let correct = {
        let id = id.clone();
        move |report: MonitoringId| {
            let mut result = Err("");
            state.edit_if(&id, |c| {
                result = c.correct_monitoring(report);
                result.is_ok()
            });
            match result {
                Ok(_) => {
                    state.flush();
                    list_problem.set(None);
                    errors.set(Vec::new());
                    done.set(None);
                    form_key.update(|k| *k += 1);
                    focus_later("monitoring-form-heading".to_owned());
                }
                Err(message) => {
                    list_problem.set(Some(message.to_owned()));
                    focus_later("monitoring-list-problem".to_owned());
                }
            }
        }
    };
    let change_plan = {
        let id = id.clone();
        move |report: MonitoringId| {
            let mut result = Err(ChangeRefused::NotRecorded);
            state.edit_if(&id, |c| {
                result = c.change_plan_after(report);
                result.is_ok()
            });
            match result {
                Ok(()) => {
                    state.flush();
                    let _ = window().location().set_hash(&case_href(&id, Stage::Planning));
                }
                Err(refused) => {
                    list_problem.set(Some(refused.message().to_owned()));
                    focus_later("monitoring-list-problem".to_owned());
                }
            }
        }
    };
    let planning = case_href(&id, Stage::Planning);
    let list = {
        let id = id.clone();
        move || {
            let items = recorded();
            if items.is_empty() {
                return view! { <p class="empty">"まだ記録していません。"</p> }.into_any();
            }
            let id = id.clone();
            let planning = planning.clone();
            let correct = correct.clone();
            let change_plan = change_plan.clone();
            view! {
                <ul class="monitoring-list">
                    {items.into_iter().map(|item| {
                        let report = item.id;
                        let correct = correct.clone();
                        let change_plan = change_plan.clone();
                        let change = match item.change {
                            ChangeOffer::Offer => Some(view! {
                                <button type="button" class="button button--small" on:click=move |_| change_plan(report)>
                                    "計画を変更する"<span class="visually-hidden">{format!("（{}）", item.on)}</span>
                                </button>
                            }.into_any()),
                            ChangeOffer::Drafting => Some(view! { <a href=planning.clone()>"この報告書を受けた計画の変更案を開く"</a> }.into_any()),
                            ChangeOffer::Done(v) => Some(view! { <span>{format!("計画 第{v}版に反映済み")}</span> }.into_any()),
                            ChangeOffer::Older => Some(view! { <span>"（前の版の計画についての報告書です）"</span> }.into_any()),
                            ChangeOffer::None => None,
                        };
                        view! {
                            <li class="monitoring-list__item">
                                <p><strong>{item.on.clone()}</strong>" "{item.what}</p>
                                {(!item.notes.is_empty()).then(|| view! { <p class="hint">{item.notes.join("／")}</p> })}
                                <div class="button-row">
                                    <a class="button button--secondary button--small" href=monitoring_print_href(&id, report)>
                                        "印刷"<span class="visually-hidden">{format!("（{}）", item.on)}</span>
                                    </a>
                                    <button type="button" class="button button--secondary button--small" on:click=move |_| correct(report)>
                                        "この記録を訂正する"<span class="visually-hidden">{format!("（{}）", item.on)}</span>
                                    </button>
                                    {change}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    let form = {
        let id = id.clone();
        keyed(move || vec![(form_key.get(), 0u64)], move |_| {
            let report = untrack(|| state.with_case(&id, |c| c.monitoring_draft().cloned().or_else(|| c.new_monitoring_report()))).flatten();
            match report {
                Some(report) => report_form(state, id.clone(), report, errors, done, form_key),
                None => view! {
                    <p class="notice notice--info">"確定した計画がまだありません。モニタリングは、確定した計画（「計画」の段階）について記録します。"</p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <p>{move || format!("次の予定：{}", next())}" "<a href="#/calendar">"予定（すべてのケース）"</a></p>
        <h3 id="monitoring-list-heading">"記録したモニタリング"</h3>
        <p id="monitoring-list-problem" tabindex="-1" class="notice notice--warning" role="alert" hidden=move || list_problem.get().is_none()>{move || list_problem.get()}</p>
        {list}
        <p id="monitoring-done" tabindex="-1" class="notice notice--success" hidden=move || done.get().is_none()>{move || done.get()}</p>
        {form}
    }
}

/// A text field's callback that writes one text of the report being written.
fn draft_text(state: AppState, id: CaseId, set: fn(&mut MonitoringReport, String)) -> OnInput {
    Box::new(move |v| state.edit_text(&id, |c| if let Some(d) = c.monitoring_draft_mut() { set(d, v) }))
}

/// The same for one row's text (`i`: the row's position, which never changes in a report).
fn row_text(state: AppState, id: CaseId, i: usize, set: fn(&mut MonitoringRow, String)) -> OnInput {
    Box::new(move |v| state.edit_text(&id, |c| if let Some(r) = c.monitoring_draft_mut().and_then(|d| d.rows.get_mut(i)) { set(r, v) }))
}

fn row_check(state: AppState, id: CaseId, i: usize, set: fn(&mut MonitoringRow, bool)) -> Box<dyn Fn(bool)> {
    Box::new(move |v| state.edit_text(&id, |c| if let Some(r) = c.monitoring_draft_mut().and_then(|d| d.rows.get_mut(i)) { set(r, v) }))
}

/// The report being written (or, before the first keystroke, the one a keystroke would
/// start), every field uncontrolled and autosaved.
fn report_form(
    state: AppState,
    id: CaseId,
    report: MonitoringReport,
    errors: RwSignal<Vec<(&'static str, String)>>,
    done: RwSignal<Option<String>>,
    form_key: RwSignal<u64>,
) -> AnyView {
    debug_assert_eq!(report.status, ReportStatus::Draft);
    let (version_text, corrects) = untrack(|| {
        state
            .with_case(&id, |c| {
                let made = (report.plan_version as usize).checked_sub(1).and_then(|i| c.final_plans.get(i)).and_then(|p| p.consent.as_ref()).map(|k| format_wareki(k.made_on)).unwrap_or_default();
                let corrects = report.corrects.and_then(|old| c.monitoring(old)).map(|old| format!("{}の記録の訂正", old.name()));
                (format!("計画 第{}版（計画作成日 {made}）", report.plan_version), corrects)
            })
            .unwrap_or_default()
    });
    let record = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut result = Err(Vec::new());
            state.edit_if(&id, |c| {
                result = c.record_monitoring_draft();
                result.is_ok()
            });
            match result {
                Ok(report) => {
                    state.flush();
                    errors.set(Vec::new());
                    let on = untrack(|| state.with_case(&id, |c| c.monitoring(report).and_then(|r| r.held_on).map(format_wareki))).flatten().unwrap_or_default();
                    done.set(Some(format!("{on}のモニタリングを記録しました。")));
                    // A fresh form for the next one; the recorded one is listed above.
                    form_key.update(|k| *k += 1);
                    focus_later("monitoring-done".to_owned());
                }
                Err(e) => {
                    done.set(None);
                    let field_id = |f: &str| if f == "place" { "monitoring-place" } else { "monitoring-held-on" };
                    errors.set(e.into_iter().map(|e| (field_id(e.field), e.message.to_owned())).collect());
                    focus_later("monitoring-errors".to_owned());
                }
            }
        }
    };
    let error_for = move |f: &'static str| move || errors.with(|e| e.iter().find(|(k, _)| *k == f).map(|(_, m)| m.clone()));
    let invalid = move |f: &'static str| move || if errors.with(|e| e.iter().any(|(k, _)| *k == f)) { "true" } else { "false" };
    let today = format_wareki(now().date_naive());
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    let rows = report.rows.iter().enumerate().map(|(i, row)| {
        let legend = format!("優先順位{}", i + 1);
        let f = |key: &str| format!("monitoring-row-{i}-{key}");
        view! {
            <fieldset class="monitoring-row card">
                <legend>{legend}</legend>
                <dl class="summary-list">
                    <div class="summary-list__row"><dt class="summary-list__key">"支援目標"</dt><dd class="summary-list__value">{row.goal.clone()}</dd></div>
                    <div class="summary-list__row"><dt class="summary-list__key">"達成時期"</dt><dd class="summary-list__value">{wareki_day_or_month(&row.target_date)}</dd></div>
                </dl>
                {text_area(f("service"), "サービス提供状況（事業者からの聞き取り）", "", row.service_status.clone(), row_text(state, id.clone(), i, |r, v| r.service_status = v))}
                {text_area(f("persons-view"), "本人の感想・満足度", "本人の言葉をそのまま「」で書きます。", row.persons_view.clone(), row_text(state, id.clone(), i, |r, v| r.persons_view = v))}
                {text_area(f("achievement"), "支援目標の達成度（ニーズの充足度）", "", row.achievement.clone(), row_text(state, id.clone(), i, |r, v| r.achievement = v))}
                {text_area(f("next-steps"), "今後の課題・解決方法", "", row.next_steps.clone(), row_text(state, id.clone(), i, |r, v| r.next_steps = v))}
                <fieldset class="monitoring-row__change">
                    <legend>"計画変更の必要性（有のものにチェック）"</legend>
                    {checkbox(f("kind"), "種類", row.change_needed.kind, row_check(state, id.clone(), i, |r, v| r.change_needed.kind = v))}
                    {checkbox(f("amount"), "量", row.change_needed.amount, row_check(state, id.clone(), i, |r, v| r.change_needed.amount = v))}
                    {checkbox(f("weekly"), "週間（週間計画表）", row.change_needed.weekly, row_check(state, id.clone(), i, |r, v| r.change_needed.weekly = v))}
                </fieldset>
                {text_area(f("notes"), "その他留意事項", "", row.notes.clone(), row_text(state, id.clone(), i, |r, v| r.notes = v))}
            </fieldset>
        }
    }).collect_view();
    view! {
        <form class="form card" on:submit=record novalidate>
            <h3 id="monitoring-form-heading" tabindex="-1">"モニタリング報告書を書く"{corrects.map(|t| format!("（{t}）"))}</h3>
            <p class="hint">{format!("{version_text}から、優先順位ごとの支援目標と達成時期、総合的な援助の方針を写してあります。")}
                "入力した内容は自動で保存されます。「モニタリングを記録する」で記録すると、その月の予定が済みになり、記録は後から変えられません（訂正は新しい記録にします）。"</p>
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
                <input id="monitoring-held-on" class="input input--short" type="text" autocomplete="off" value=report.held_on_typed.clone()
                    aria-describedby="monitoring-held-on-hint" aria-invalid=invalid("monitoring-held-on")
                    on:input=move |ev| { let v = event_target_value(&ev); state.edit_text(&id1, |c| if let Some(d) = c.monitoring_draft_mut() { d.held_on_typed = v }) }/>
            </div>
            <div class="field">
                <label for="monitoring-place">"実施場所"</label>
                <p class="field__hint" id="monitoring-place-hint">"例：自宅、通所先の面談室"</p>
                <p class="field__error" hidden=move || error_for("monitoring-place")().is_none()>{error_for("monitoring-place")}</p>
                <input id="monitoring-place" class="input" type="text" autocomplete="off" value=report.place.clone()
                    aria-describedby="monitoring-place-hint" aria-invalid=invalid("monitoring-place")
                    on:input=move |ev| { let v = event_target_value(&ev); state.edit_text(&id2, |c| if let Some(d) = c.monitoring_draft_mut() { d.place = v }) }/>
            </div>
            {checkbox("monitoring-home-visit".to_owned(), "居宅訪問で行った", report.home_visit,
                Box::new(move |v| state.edit_text(&id3, |c| if let Some(d) = c.monitoring_draft_mut() { d.home_visit = v })))}
            {text_area("monitoring-support-policy".to_owned(), "総合的な援助の方針", "計画から写しています。", report.support_policy.clone(), draft_text(state, id.clone(), |d, v| d.support_policy = v))}
            {text_area("monitoring-overall".to_owned(), "全体の状況", "", report.overall.clone(), draft_text(state, id.clone(), |d, v| d.overall = v))}
            {rows}
            <button type="submit" class="button">"モニタリングを記録する"</button>
        </form>
    }
    .into_any()
}


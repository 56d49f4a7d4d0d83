//! Making the plan final. 確認 (check answers, ux.md): every section of the draft with a
//! 「変更」 link that returns here, empty items shown as 「未記入」, then 計画作成日 and the
//! consent; `Case::make_final` freezes a copy. The 計画 step shows the final plans and
//! starts a new draft (計画の変更) from the latest.

use super::route::{case_href, part_href, plan_print_href, schedule_print_href, Part};
use super::state::AppState;
use super::widgets::{error_link, focus_by_id};
use crate::domain::schedule::disagreements;
use crate::domain::wareki::{format_wareki, wareki_month_or_raw, wareki_or_raw};
use crate::domain::{Case, CaseId, FinalForm, Formality, PlanStatus, ServicePlan, Stage};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// What was typed on a case's 確認 page: kept while the user follows a 変更 link and
    /// comes back (the page is re-created on return).
    static TYPED: RefCell<HashMap<CaseId, FinalForm>> = RefCell::new(HashMap::new());
    /// The field a 変更 link was followed to, so focus can return to that link.
    static CHANGED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Called by the 変更 screen: remember where to put focus back on the 確認 page.
pub fn remember_change(field: &str) {
    CHANGED.with(|c| *c.borrow_mut() = Some(field.to_owned()));
}

/// One row of the summary: label, value (「未記入」 when empty) and, on the check page, a
/// 変更 link to the field.
fn row(case: &CaseId, change: bool, label: String, value: String, field: &str) -> impl IntoView {
    let field = field.to_owned();
    let empty = value.trim().is_empty();
    let href = part_href(case, &Part::Change(field.clone()));
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{label.clone()}</dt>
            <dd class="summary-list__value prewrap" class:summary-list__value--empty=empty>
                {if empty { "未記入".to_owned() } else { value }}
            </dd>
            {change.then(|| view! {
                <dd class="summary-list__action">
                    <a href=href id=format!("change-{field}")>"変更"<span class="visually-hidden">{format!("（{label}）")}</span></a>
                </dd>
            })}
        </div>
    }
}

/// The whole plan as a check-answers list. `change` adds the 変更 links (draft only).
#[component]
pub fn PlanSummary(case: Case, plan: ServicePlan, change: bool) -> impl IntoView {
    let id = &case.id;
    let h = &plan.header;
    let family = if case.for_child { "保護者の意向" } else { "家族の意向" };
    let monitoring = plan.monitoring.interval_text();
    let r = |label: &str, value: &str, field: &str| row(id, change, label.to_owned(), value.to_owned(), field);
    let needs = plan.needs().iter().enumerate().map(|(i, n)| {
        let supports = n.supports.iter().filter(|s| !(s.kind.trim().is_empty() && s.content.trim().is_empty())).map(|s| {
            let tag = if s.formality == Formality::Informal { "（インフォーマル）" } else { "" };
            let reason = if s.reason.trim().is_empty() { String::new() } else { format!("（理由）{}", s.reason.trim()) };
            [format!("{}{tag}", s.kind.trim()), s.content.trim().to_owned(), s.amount.describe(), reason, s.provider.trim().to_owned()]
                .into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("　")
        }).collect::<Vec<_>>().join("\n");
        let f = |key: &str| format!("need-{}-{key}", n.id.0);
        view! {
            <h4>{format!("優先順位{}", i + 1)}</h4>
            <dl class="summary-list">
                {row(id, change, "解決すべき課題（本人のニーズ）".into(), n.need.clone(), &f("need"))}
                {row(id, change, "支援目標".into(), n.goal.clone(), &f("goal"))}
                {row(id, change, "達成時期".into(), wareki_or_raw(&n.target_date), &f("target-date"))}
                {row(id, change, "福祉サービス等".into(), supports, &f("support-0-kind"))}
                {row(id, change, "課題解決のための本人の役割".into(), n.persons_role.clone(), &f("persons-role"))}
                {row(id, change, "評価時期".into(), wareki_or_raw(&n.review_date), &f("review-date"))}
                {row(id, change, "その他留意事項".into(), n.notes.clone(), &f("notes"))}
            </dl>
        }
    }).collect_view();
    let slots = plan.schedule.slots().len();
    let found = disagreements(&plan);
    let schedule_state = match (slots, found.len()) {
        (0, _) => String::new(),
        (n, 0) => format!("{n}枠。目標表の量と合っています。"),
        (n, k) => format!("{n}枠。目標表と合わないところが{k}件あります。"),
    };
    let schedule_href = part_href(id, &Part::Schedule);
    view! {
        <h3>"計画の基本事項"</h3>
        <dl class="summary-list">
            {r("相談支援事業者名", &h.office_name, "plan-office-name")}
            {r("計画作成担当者", &h.planner, "plan-planner")}
            {row(id, change, "計画案作成日".into(), wareki_or_raw(&h.drafted_on), "plan-drafted-on")}
            {row(id, change, "モニタリング期間（開始年月）".into(), wareki_month_or_raw(&h.monitoring_start), "plan-monitoring-start")}
            {r("利用者負担上限額", &h.burden_cap, "plan-burden-cap")}
            {r("地域相談支援受給者証番号", &h.regional_certificate_no, "plan-regional-certificate-no")}
            {r("通所受給者証番号", &h.day_service_certificate_no, "plan-day-service-certificate-no")}
        </dl>
        <h3>"生活に対する意向と目標"</h3>
        <dl class="summary-list">
            {r("本人の意向", &plan.person_wishes, "plan-person-wishes")}
            {r(family, &plan.family_wishes, "plan-family-wishes")}
            {r("総合的な援助の方針", &plan.support_policy, "plan-support-policy")}
            {r("長期目標", &plan.long_term_goal, "plan-long-term-goal")}
            {r("短期目標", &plan.short_term_goal, "plan-short-term-goal")}
        </dl>
        <h3>"解決すべき課題と支援"</h3>
        {if plan.needs().is_empty() {
            view! { <p class="summary-list__value--empty">"未記入（ニーズがありません）"</p> }.into_any()
        } else {
            needs.into_any()
        }}
        <h3>"モニタリング期間の提案"</h3>
        <dl class="summary-list">
            {r("提案する期間", &monitoring, "plan-monitoring-interval")}
            {r("その期間を提案する理由", &plan.monitoring.reason, "plan-monitoring-reason")}
        </dl>
        <h3>"週間計画表"</h3>
        <dl class="summary-list">
            {row(id, change, "計画開始年月".into(), wareki_month_or_raw(&plan.schedule.start_month), "schedule-start-month")}
            {r("週単位以外のサービス", &plan.schedule.non_weekly, "schedule-non-weekly")}
            {r("サービス提供によって実現する生活の全体像", &plan.schedule.whole_life, "schedule-whole-life")}
            <div class="summary-list__row">
                <dt class="summary-list__key">"枠"</dt>
                <dd class="summary-list__value" class:summary-list__value--empty=slots == 0>
                    {if slots == 0 { "未記入".to_owned() } else { schedule_state }}
                </dd>
                {change.then(|| view! {
                    <dd class="summary-list__action"><a href=schedule_href>"変更"<span class="visually-hidden">"（週間計画表）"</span></a></dd>
                })}
            </div>
        </dl>
    }
}

#[component]
pub fn CheckPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
    if case.plan.status == PlanStatus::Final {
        return view! {
            <p>"この計画はすでに確定しています。"</p>
            <p><a href=case_href(&id, Stage::Plan)>"確定した計画を見る"</a></p>
        }
        .into_any();
    }
    let plan = case.plan.clone();
    let typed = TYPED.with(|t| t.borrow().get(&id).cloned()).unwrap_or_default();
    let form = RwSignal::new(typed.clone());
    {
        let id = id.clone();
        Effect::new(move |_| {
            let f = form.get();
            TYPED.with(|t| t.borrow_mut().insert(id.clone(), f));
        });
    }
    // Back from a 変更 link: focus that link again (after the route's own focus).
    if let Some(field) = CHANGED.with(|c| c.borrow_mut().take()) {
        request_animation_frame(move || request_animation_frame(move || focus_by_id(&format!("change-{field}"))));
    }
    let found = disagreements(&plan).len();
    let errors = RwSignal::new(Vec::<(&'static str, &'static str)>::new());
    let error_for = move |field: &'static str| move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| *m));
    let submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut result = Ok(());
            state.edit_if(&id, |c| {
                result = c.make_final(&form.get_untracked());
                result.is_ok()
            });
            match result {
                Ok(()) => {
                    // A final plan is saved now, not after the typing pause.
                    state.flush();
                    TYPED.with(|t| t.borrow_mut().remove(&id));
                    errors.set(Vec::new());
                    let _ = window().location().set_hash(&case_href(&id, Stage::Plan));
                }
                Err(found) => {
                    errors.set(found.into_iter().map(|e| (field_id(e.field), e.message)).collect());
                    request_animation_frame(|| focus_by_id("final-error-summary"));
                }
            }
        }
    };
    let field = move |key: &'static str, label: &'static str, hint: &'static str, value: String, set: fn(&mut FinalForm, String)| {
        let dom_id = field_id(key);
        let (hint_id, error_id) = (format!("{dom_id}-hint"), format!("{dom_id}-error"));
        let error = error_for(dom_id);
        let described = {
            let hint_id = hint_id.clone();
            let error_id = error_id.clone();
            move || if error().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
        };
        view! {
            <div class="field">
                <label for=dom_id>{label}" "<span class="required">"※必須"</span></label>
                <p class="field__hint" id=hint_id>{hint}</p>
                <p class="field__error" id=error_id hidden=move || error().is_none()>{error}</p>
                <input id=dom_id class="input input--short" type="text" autocomplete="off" value=value
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=described
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
            </div>
        }
    };
    view! {
        <p>"計画として確定する前に、内容を確認します。直すところは「変更」から入力画面に戻れます。"</p>
        <PlanSummary case=case.clone() plan change=true/>
        <section class="section card" aria-labelledby="final-heading">
            <h3 id="final-heading">"計画として確定する"</h3>
            <p>"本人（または代理人）に説明し、同意を得てから確定します。確定した計画は変更できません。変えるときは新しい計画案を作ります。"</p>
            {(found > 0).then(|| view! {
                <div class="notice notice--warning">
                    <p>{format!("週間計画表と目標表の量が合っていないところが{found}件あります。確定する前に確かめてください。")}" "
                        <a href=part_href(&id, &Part::Schedule)>"週間計画表を確かめる"</a></p>
                </div>
            })}
            <form class="form" novalidate on:submit=submit>
                <Show when=move || errors.with(|e| !e.is_empty())>
                    <div class="error-summary" id="final-error-summary" tabindex="-1" role="alert">
                        <h4 class="error-summary__title">"入力を確認してください"</h4>
                        <ul>{
                            let plan_href = part_href(&id, &Part::Main);
                            move || errors.get().into_iter().map(|(f, m)| if f == "final-needs" {
                                // Not a field of this form: the goal table is on its own screen.
                                view! { <li><a href=plan_href.clone()>{m}</a></li> }.into_any()
                            } else {
                                error_link(f.to_owned(), m.to_owned())
                            }).collect_view()
                        }</ul>
                    </div>
                </Show>
                {field("made_on", "計画作成日", "例：2026年12月1日、R8.12.1", typed.made_on.clone(), |f, v| f.made_on = v)}
                {field("consented_on", "同意日", "本人（または代理人）が同意し、署名した日", typed.consented_on.clone(), |f, v| f.consented_on = v)}
                {field("signer", "同意した人", "本人、または代理人の続柄と氏名（例：母 〇〇）", typed.signer.clone(), |f, v| f.signer = v)}
                <button type="submit" class="button">"計画として確定する"</button>
            </form>
        </section>
    }
    .into_any()
}

fn field_id(field: &str) -> &'static str {
    match field {
        "needs" => "final-needs",
        "made_on" => "final-made-on",
        "consented_on" => "final-consented-on",
        _ => "final-signer",
    }
}

/// The 計画 step: the final plans, printing them, and starting a change.
#[component]
pub fn FinalPlansPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let case = {
        let id = id.clone();
        Memo::new(move |_| state.case(&id))
    };
    let revise = move |_| {
        state.edit(&id, Case::revise_plan);
        let _ = window().location().set_hash(&case_href(&id, Stage::Planning));
    };
    view! {
        {move || case.get().map(|c| {
            let Some(latest) = c.final_plans.last().cloned() else {
                return view! {
                    <p>"まだ確定した計画はありません。"</p>
                    <p><a href=part_href(&c.id, &Part::Check)>"計画案を確認して確定する"</a></p>
                }.into_any();
            };
            let current = c.plan.status == PlanStatus::Final;
            let consent = latest.consent.clone();
            view! {
                {if current {
                    view! {
                        <div class="notice notice--success">
                            <p>"計画は確定しています。"</p>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <div class="notice notice--info">
                            <p>"計画の変更案を作成中です。下は最後に確定した計画です。"</p>
                            <p><a href=case_href(&c.id, Stage::Planning)>"変更案の入力に戻る"</a></p>
                        </div>
                    }.into_any()
                }}
                <dl class="summary-list">
                    <div class="summary-list__row"><dt class="summary-list__key">"計画作成日"</dt>
                        <dd class="summary-list__value">{consent.as_ref().map(|k| format_wareki(k.made_on))}</dd></div>
                    <div class="summary-list__row"><dt class="summary-list__key">"同意日"</dt>
                        <dd class="summary-list__value">{consent.as_ref().map(|k| format_wareki(k.consented_on))}</dd></div>
                    <div class="summary-list__row"><dt class="summary-list__key">"同意した人"</dt>
                        <dd class="summary-list__value">{consent.as_ref().map(|k| k.signer.clone())}</dd></div>
                </dl>
                {current.then(|| view! {
                    <div class="button-row">
                        <a class="button button--secondary" href=plan_print_href(&c.id)>"計画を印刷する"</a>
                        <a class="button button--secondary" href=schedule_print_href(&c.id)>"週間計画表を印刷する"</a>
                        <button type="button" class="button" on:click=revise.clone()>"計画を変更する（新しい計画案を作る）"</button>
                    </div>
                })}
                <h3>"確定した計画の内容"</h3>
                <PlanSummary case=c.clone() plan=latest change=false/>
                {(c.final_plans.len() > 1).then(|| view! {
                    <h3>"これまでに確定した計画"</h3>
                    <table class="table">
                        <thead><tr><th scope="col">"回"</th><th scope="col">"計画作成日"</th><th scope="col">"同意日"</th><th scope="col">"同意した人"</th></tr></thead>
                        <tbody>{c.final_plans.iter().enumerate().map(|(i, p)| {
                            let k = p.consent.clone();
                            view! { <tr>
                                <td>{i + 1}</td>
                                <td>{k.as_ref().map(|k| format_wareki(k.made_on))}</td>
                                <td>{k.as_ref().map(|k| format_wareki(k.consented_on))}</td>
                                <td>{k.map(|k| k.signer)}</td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table>
                })}
            }.into_any()
        })}
    }
}

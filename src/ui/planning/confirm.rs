//! Making the plan final. 確認 (check answers, ux.md): every section of the draft with a
//! 「変更」 link that returns here, empty items shown as 「未記入」, then 計画作成日 and the
//! consent; `Case::make_final` freezes a copy. The 計画 step shows the final plans and
//! starts a new draft (計画の変更) from the latest.

use crate::ui::route::{case_href, part_href, plan_print_href, schedule_print_href, Part};
use crate::ui::state::AppState;
use crate::ui::planning::check_panel::finding_link;
use crate::ui::widgets::{error_link, focus_by_id};
use crate::domain::check::{open_findings, Severity};
use crate::domain::plan::OpenItems;
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

/// One row of the check-answers list: label, value as shown (empty = 「未記入」), the field a
/// 「変更」 link returns to, and whether the operating standards require it (forms.md: 意向,
/// 総合的な援助の方針, 課題, 目標と達成時期, 福祉サービス等, モニタリング時期), so an empty one
/// counts as 未記入 when the plan is made final.
struct SummaryRow {
    label: String,
    /// Says whose row it is in the 「変更」 link's name (「優先順位2の」), empty outside the needs.
    context: String,
    value: String,
    field: String,
    required: bool,
}

/// A heading (h3, or h4 for a need) and its rows.
struct SummarySection {
    heading: String,
    need: bool,
    rows: Vec<SummaryRow>,
}

/// The 週間計画表's grid row: its 「変更」 goes to the 週間計画表 screen, not to a field.
const SCHEDULE_FIELD: &str = "@schedule";

/// The whole plan as check-answers data, in the 様式例's order.
fn summary(case: &Case, plan: &ServicePlan) -> Vec<SummarySection> {
    let row = |label: &str, value: String, field: &str, required: bool| SummaryRow {
        label: label.to_owned(),
        context: String::new(),
        value,
        field: field.to_owned(),
        required,
    };
    let h = &plan.header;
    let family = if case.for_child { "保護者の意向" } else { "家族の意向" };
    let mut sections = vec![
        SummarySection {
            heading: "計画の基本事項".into(),
            need: false,
            rows: vec![
                row("相談支援事業者名", h.office_name.clone(), "plan-office-name", false),
                row("計画作成担当者", h.planner.clone(), "plan-planner", false),
                row("計画案作成日", wareki_or_raw(&h.drafted_on), "plan-drafted-on", false),
                row("モニタリング期間（開始年月）", wareki_month_or_raw(&h.monitoring_start), "plan-monitoring-start", false),
                row("利用者負担上限額", h.burden_cap.clone(), "plan-burden-cap", false),
                row("地域相談支援受給者証番号", h.regional_certificate_no.clone(), "plan-regional-certificate-no", false),
                row("通所受給者証番号", h.day_service_certificate_no.clone(), "plan-day-service-certificate-no", false),
            ],
        },
        SummarySection {
            heading: "生活に対する意向と目標".into(),
            need: false,
            rows: vec![
                row("本人の意向", plan.person_wishes.clone(), "plan-person-wishes", true),
                row(family, plan.family_wishes.clone(), "plan-family-wishes", false),
                row("総合的な援助の方針", plan.support_policy.clone(), "plan-support-policy", true),
                row("長期目標", plan.long_term_goal.clone(), "plan-long-term-goal", true),
                row("短期目標", plan.short_term_goal.clone(), "plan-short-term-goal", true),
            ],
        },
    ];
    for (i, n) in plan.needs().iter().enumerate() {
        let supports = n.supports.iter().filter(|s| !(s.kind.trim().is_empty() && s.content.trim().is_empty())).map(|s| {
            let tag = if s.formality == Formality::Informal { "（インフォーマル）" } else { "" };
            let reason = if s.reason.trim().is_empty() { String::new() } else { format!("（理由）{}", s.reason.trim()) };
            [format!("{}{tag}", s.kind.trim()), s.content.trim().to_owned(), s.amount.describe(), reason, s.provider.trim().to_owned()]
                .into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("　")
        }).collect::<Vec<_>>().join("\n");
        let f = |key: &str| format!("need-{}-{key}", n.id.0);
        let heading = format!("優先順位{}", i + 1);
        let mut rows = vec![
            row("解決すべき課題（本人のニーズ）", n.need.clone(), &f("need"), true),
            row("支援目標", n.goal.clone(), &f("goal"), true),
            row("達成時期", wareki_or_raw(&n.target_date), &f("target-date"), true),
            row("福祉サービス等", supports, &f("support-0-kind"), true),
            row("課題解決のための本人の役割", n.persons_role.clone(), &f("persons-role"), true),
            row("評価時期", wareki_or_raw(&n.review_date), &f("review-date"), true),
            row("その他留意事項", n.notes.clone(), &f("notes"), false),
        ];
        for r in &mut rows {
            r.context = format!("{heading}の");
        }
        sections.push(SummarySection { heading, need: true, rows });
    }
    sections.push(SummarySection {
        heading: "モニタリング期間の提案".into(),
        need: false,
        rows: vec![
            row("提案する期間", plan.monitoring.interval_text(), "plan-monitoring-interval", true),
            row("その期間を提案する理由", plan.monitoring.reason.clone(), "plan-monitoring-reason", false),
        ],
    });
    let slots = plan.schedule.slots().len();
    let schedule_state = match (slots, disagreements(plan).len()) {
        (0, _) => String::new(),
        (n, 0) => format!("{n}枠。目標表の量と合っています。"),
        (n, k) => format!("{n}枠。目標表と合わないところが{k}件あります。"),
    };
    sections.push(SummarySection {
        heading: "週間計画表".into(),
        need: false,
        rows: vec![
            row("計画開始年月", wareki_month_or_raw(&plan.schedule.start_month), "schedule-start-month", false),
            row("週単位以外のサービス", plan.schedule.non_weekly.clone(), "schedule-non-weekly", false),
            row("サービス提供によって実現する生活の全体像", plan.schedule.whole_life.clone(), "schedule-whole-life", false),
            row("枠", schedule_state, SCHEDULE_FIELD, false),
        ],
    });
    sections
}

/// The required rows left empty: (label with its section, field).
fn unfilled(case: &Case, plan: &ServicePlan) -> Vec<(String, String)> {
    summary(case, plan)
        .into_iter()
        .flat_map(|s| {
            let heading = s.heading;
            s.rows.into_iter().filter(|r| r.required && r.value.trim().is_empty()).map(move |r| (format!("{}：{}", heading, r.label), r.field))
        })
        .collect()
}

/// The whole plan as a check-answers list. `change` adds the 変更 links (draft only).
#[component]
pub fn PlanSummary(case: Case, plan: ServicePlan, change: bool) -> impl IntoView {
    let id = case.id.clone();
    let no_needs = plan.needs().is_empty();
    summary(&case, &plan)
        .into_iter()
        .map(|section| {
            let heading = if section.need {
                view! { <h4>{section.heading.clone()}</h4> }.into_any()
            } else {
                view! { <h3>{section.heading.clone()}</h3> }.into_any()
            };
            // The goal table's place: 「未記入」 when it has no need at all.
            let before_monitoring = section.heading == "モニタリング期間の提案";
            let needs_gap = (before_monitoring && no_needs).then(|| view! {
                <h3>"解決すべき課題と支援"</h3>
                <p class="summary-list__value--empty">"未記入（ニーズがありません）"</p>
            });
            let first_need = section.need && section.heading == "優先順位1";
            let rows = section.rows.into_iter().map(|r| {
                let empty = r.value.trim().is_empty();
                let href = if r.field == SCHEDULE_FIELD { part_href(&id, &Part::Schedule) } else { part_href(&id, &Part::Change(r.field.clone())) };
                let link_id = (r.field != SCHEDULE_FIELD).then(|| format!("change-{}", r.field));
                // The grid row's 変更 opens the 週間計画表 screen: say so.
                let label = if r.field == SCHEDULE_FIELD { "週間計画表".to_owned() } else { format!("{}{}", r.context, r.label) };
                view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{r.label}</dt>
                        <dd class="summary-list__value prewrap" class:summary-list__value--empty=empty>
                            {if empty { "未記入".to_owned() } else { r.value }}
                        </dd>
                        {change.then(|| view! {
                            <dd class="summary-list__action">
                                <a href=href id=link_id>"変更"<span class="visually-hidden">{format!("（{label}）")}</span></a>
                            </dd>
                        })}
                    </div>
                }
            }).collect_view();
            view! {
                {needs_gap}
                {first_need.then(|| view! { <h3>"解決すべき課題と支援"</h3> })}
                {heading}
                <dl class="summary-list">{rows}</dl>
            }
        })
        .collect_view()
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
    // What is still open: findings above 助言 without a mark, and required rows left empty.
    let findings = open_findings(&case, &state.settings.get_untracked());
    let missing = unfilled(&case, &plan);
    let count = |s: Severity| findings.iter().filter(|f| f.rule.severity == s).count() as u32;
    let open = OpenItems { required: count(Severity::Required), warning: count(Severity::Warning), unfilled: missing.len() as u32 };
    let open_list = open.any().then(|| {
        let items = findings
            .iter()
            .map(|f| view! { <li>{finding_link(&case, &f.location, format!("{}：{}", f.rule.severity.label(), f.message))}</li> }.into_any())
            .chain(missing.iter().map(|(label, field)| {
                let href = part_href(&id, &Part::Change(field.clone()));
                view! { <li><a href=href>{format!("未記入：{label}")}</a></li> }.into_any()
            }))
            .collect_view();
        view! {
            <div class="notice notice--warning" id="final-open" aria-labelledby="final-open-heading">
                <h4 id="final-open-heading">"まだ残っているもの（"{open.describe()}"）"</h4>
                <p>"直すときは、それぞれのリンクから入力画面へ移れます。このまま確定するときは、下の「確かめました」にチェックを入れてください。残っていた数は確定した計画と一緒に記録されます。"</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let errors = RwSignal::new(Vec::<(&'static str, &'static str)>::new());
    let error_for = move |field: &'static str| move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| *m));
    let submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut result = Ok(());
            let typed = FinalForm { open, ..form.get_untracked() };
            state.edit_if(&id, |c| {
                result = c.make_final(&typed);
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
            {open_list}
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
                {open.any().then(|| {
                    let error = error_for("final-acknowledged");
                    view! {
                        <div class="field">
                            <p class="field__error" id="final-acknowledged-error" hidden=move || error().is_none()>{error}</p>
                            <span class="checkbox">
                                <input type="checkbox" id="final-acknowledged" prop:checked=typed.acknowledged
                                    aria-describedby="final-acknowledged-error"
                                    on:change=move |ev| form.update(|f| f.acknowledged = event_target_checked(&ev))/>
                                <label for="final-acknowledged">{format!("まだ残っているもの（{}）を確かめました。このまま確定します。", open.describe())}</label>
                            </span>
                        </div>
                    }
                })}
                <button type="submit" class="button">"計画として確定する"</button>
            </form>
        </section>
    }
    .into_any()
}

fn field_id(field: &str) -> &'static str {
    match field {
        "needs" => "final-needs",
        "acknowledged" => "final-acknowledged",
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
            let linked = c.final_plans.iter().any(|p| p.requested_by.is_some());
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
                    {consent.as_ref().and_then(|k| k.open).map(|o| view! {
                        <div class="summary-list__row"><dt class="summary-list__key">"確定したときに残っていたもの"</dt>
                            <dd class="summary-list__value">{o.describe()}"（作成者が確かめて確定）"</dd></div>
                    })}
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
                // Which monitoring asked for a version, when one did (「計画を変更する」 on its report).
                {(c.final_plans.len() > 1).then(|| view! {
                    <h3>"これまでに確定した計画"</h3>
                    <table class="table">
                        <thead><tr><th scope="col">"回"</th><th scope="col">"計画作成日"</th><th scope="col">"同意日"</th><th scope="col">"同意した人"</th>{linked.then(|| view! { <th scope="col">"変更のきっかけ"</th> })}</tr></thead>
                        <tbody>{c.final_plans.iter().enumerate().map(|(i, p)| {
                            let k = p.consent.clone();
                            view! { <tr>
                                <td>{i + 1}</td>
                                <td>{k.as_ref().map(|k| format_wareki(k.made_on))}</td>
                                <td>{k.as_ref().map(|k| format_wareki(k.consented_on))}</td>
                                <td>{k.map(|k| k.signer)}</td>
                                {linked.then(|| view! { <td>{c.requested_by_text(p)}</td> })}
                            </tr> }
                        }).collect_view()}</tbody>
                    </table>
                })}
            }.into_any()
        })}
    }
}

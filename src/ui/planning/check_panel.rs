//! The check panel beside the plan: the findings of `domain::check` at the level chosen in
//! 設定, grouped by severity, updating as the author types. A finding jumps to its field,
//! shows its source on demand, and can be marked 対応済み or 該当しない（理由） for this
//! version of the plan. The rules live in the domain; this file only shows them.

use crate::ui::route::{case_href, part_href, Part};
use crate::ui::state::AppState;
use crate::ui::widgets::{focus_by_id, focus_in_view};
use crate::domain::check::{check_case, DecisionField, Location, NeedField, PlanField, Severity, SupportField};
use crate::domain::role_matrix::Level;
use crate::domain::sources::cited_document;
use crate::domain::{Case, CaseId, MarkStatus, PlanStatus, Stage};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long typing may pause before the check runs again: keeps keystrokes free of it.
const RECHECK_DELAY: Duration = Duration::from_millis(120);

/// One finding as the panel shows it (plain data, so the list diffs cheaply).
#[derive(Clone, Debug, PartialEq)]
struct Row {
    key: String,
    severity: Severity,
    title: &'static str,
    message: String,
    suggestion: &'static str,
    quote: &'static str,
    /// 厚生労働省「…」（令和6年3月） Ⅲ-3-(2)-③ …
    citation: String,
    /// 資料001（001_….txt）
    file: String,
    cells: String,
    /// Where the finding's field is: the screen, and the element to focus there.
    href: String,
    anchor: String,
    mark: Option<(MarkStatus, String)>,
    /// Leads' advice on this finding, for this plan version: 「山田：…」.
    advice: Vec<(String, String)>,
}

/// The element id of a finding's field on its screen, and that screen's address.
fn target(case: &Case, location: &Location) -> (String, String) {
    let id = &case.id;
    let main = part_href(id, &Part::Main);
    match *location {
        Location::Plan(field) => {
            let anchor = match field {
                PlanField::PersonWishes => "plan-person-wishes",
                PlanField::FamilyWishes => "plan-family-wishes",
                PlanField::SupportPolicy => "plan-support-policy",
                PlanField::LongTermGoal => "plan-long-term-goal",
                PlanField::ShortTermGoal => "plan-short-term-goal",
                PlanField::Needs => "plan-needs-heading",
                PlanField::MonitoringInterval => "plan-monitoring-interval",
                PlanField::MonitoringReason => "plan-monitoring-reason",
                PlanField::DifficultyEmergency => "plan-difficulty-emergency",
                PlanField::DifficultyTeam => "plan-difficulty-team",
                PlanField::DifficultyMeetings => "plan-difficulty-meetings",
                PlanField::Schedule => return (part_href(id, &Part::Schedule), "schedule-grid-heading".into()),
            };
            (main, anchor.into())
        }
        Location::Need { need, field } => {
            let key = match field {
                NeedField::Need => "need",
                NeedField::Goal => "goal",
                NeedField::TargetDate => "target-date",
                NeedField::PersonsRole => "persons-role",
                NeedField::ReviewDate => "review-date",
                NeedField::RestsOn => "rests-on-hint",
                NeedField::Supports => "add-support",
                NeedField::Unmet => "unmet",
            };
            (main, format!("need-{}-{key}", need.0))
        }
        Location::Support { need, support, field } => {
            let index = case.plan.need(need).and_then(|n| n.supports.iter().position(|s| s.id == support)).unwrap_or(0);
            let key = match field {
                SupportField::Kind => "kind",
                SupportField::Content => "content",
                SupportField::Amount => "times",
                SupportField::Reason => "reason",
                SupportField::Corporation => "corporation",
            };
            (main, format!("need-{}-support-{index}-{key}", need.0))
        }
        Location::Schedule(_) => (part_href(id, &Part::Schedule), "schedule-grid-heading".into()),
        // The 担当者会議 step: its list's heading, or the meeting's record (frozen: the fix is
        // a correcting record, made on that screen).
        Location::Meetings => (case_href(id, Stage::TeamMeeting), "meeting-list-heading".into()),
        Location::Meeting { meeting, .. } => (case_href(id, Stage::TeamMeeting), format!("meeting-{}", meeting.0)),
        Location::DecidedInterval => (case_href(id, Stage::Intake), "decision-interval".into()),
        Location::DecisionSupport(field) => {
            let anchor = match field {
                DecisionField::Participation => "ds-participation",
                DecisionField::EstimatedBy => "ds-estimated-by",
                DecisionField::EstimationReason => "ds-reason",
            };
            (case_href(id, Stage::Assessment), anchor.into())
        }
    }
}

fn rows(case: &Case, settings: &crate::domain::check::CheckOptions) -> Vec<Row> {
    check_case(case, settings)
        .into_iter()
        .map(|f| {
            let key = f.key();
            let (href, anchor) = target(case, &f.location);
            let rule = f.rule;
            let cells = rule
                .cells
                .iter()
                .map(|(area, level)| format!("{}（{}）", area.label(), level.label()))
                .collect::<Vec<_>>()
                .join("、");
            let advice = case
                .current_reviews()
                .into_iter()
                .flat_map(|r| r.comments.iter().filter(|c| c.finding == key).map(move |c| (r.reviewer.clone(), c.comment.clone())))
                .collect();
            Row {
                advice,
                mark: case.plan.mark(&key).map(|m| (m.status, m.reason.clone())),
                key,
                severity: rule.severity,
                title: rule.title,
                message: f.message,
                suggestion: rule.suggestion,
                quote: rule.source.quote,
                citation: format!("{} {}", cited_document(rule.source.file), rule.source.heading),
                file: match rule.source.document() {
                    Some(d) => format!("資料{}（{}）", d.code, d.file),
                    None => rule.source.file.to_owned(),
                },
                cells,
                href,
                anchor,
            }
        })
        .collect()
}

/// Moves focus to a finding's field and brings it into view near the top: the element
/// itself when it takes focus, else the first control of the group it stands in (a
/// fieldset's hint, a need's add button), else the group (made focusable for this).
fn focus_field(anchor: &str) {
    let Some(el) = document().get_element_by_id(anchor) else { return };
    let control = if el.matches("input, textarea, select, button, [tabindex]").unwrap_or(false) {
        el.clone()
    } else {
        let group = el.closest("fieldset, .field").ok().flatten();
        match group.as_ref().and_then(|g| g.query_selector("input, textarea, select, button").ok().flatten()) {
            Some(c) => c,
            None => {
                let target = group.unwrap_or(el);
                let _ = target.set_attribute("tabindex", "-1");
                target
            }
        }
    };
    if let Some(html) = control.dyn_ref::<web_sys::HtmlElement>() {
        focus_in_view(html);
    }
}

/// Focuses a field of a screen being opened: once its element is there (the route changes
/// on `hashchange`, a task later), and after the screen has focused its own heading.
fn focus_when_shown(anchor: String, tries: u32) {
    if document().get_element_by_id(&anchor).is_some() {
        request_animation_frame(move || request_animation_frame(move || focus_field(&anchor)));
    } else if tries > 0 {
        set_timeout(move || focus_when_shown(anchor, tries - 1), Duration::from_millis(16));
    }
}

/// After a mark is set or taken off, the finding moves between the open list and 「対応済み・
/// 該当しない」: focus follows it there (opening that list), so the keyboard stays on it.
fn focus_finding(dom_key: String, answered: bool) {
    request_animation_frame(move || {
        request_animation_frame(move || {
            if answered {
                if let Some(d) = document().get_element_by_id("check-panel-answered") {
                    if let Some(d) = d.dyn_ref::<web_sys::HtmlDetailsElement>() {
                        d.set_open(true);
                    }
                }
            }
            if let Some(el) = document().get_element_by_id(&format!("finding-{dom_key}")) {
                // Plain focus: the panel scrolls itself to it, the plan stays where it is.
                if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    });
}

#[component]
pub fn CheckPanel(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Re-run the check when the case or the settings change, and shortly after typing.
    let typed = RwSignal::new(0u32);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        state.text_edits.track();
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(set_timeout_with_handle(move || typed.update(|n| *n += 1), RECHECK_DELAY).ok());
    });
    let elapsed_ms = RwSignal::new(0.0f64);
    let check_runs = RwSignal::new(0u32); // data-check-runs: lets scripts/bench see every run
    let findings = {
        let id = id.clone();
        Memo::new(move |_| {
            typed.track();
            let settings = state.settings.get();
            let started = now_ms();
            let out = state.with_case(&id, |c| rows(c, &settings)).unwrap_or_default();
            elapsed_ms.set(now_ms() - started);
            check_runs.update(|n| *n = n.wrapping_add(1));
            out
        })
    };
    let reviews = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| c.current_reviews().len()).unwrap_or(0))
    };
    let frozen = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| c.plan.status == PlanStatus::Final).unwrap_or(false))
    };
    let open = move |sev: Severity| move || findings.with(|f| f.iter().filter(|r| r.severity == sev && r.mark.is_none()).count());
    let answered = move || findings.with(|f| f.iter().filter(|r| r.mark.is_some()).count());
    let level = move || state.settings.with(|s| s.level.label());
    let summary = move || {
        let counts: Vec<String> = Severity::ALL
            .into_iter()
            .map(|s| format!("{} {}件", s.label(), open(s)()))
            .collect();
        counts.join("・")
    };
    view! {
        <aside class="check-panel" aria-labelledby="check-panel-heading" data-check-ms=move || format!("{:.3}", elapsed_ms.get()) data-check-runs=move || check_runs.get()>
            <h2 id="check-panel-heading" class="check-panel__heading" tabindex="-1">"計画チェック"</h2>
            <p class="check-panel__level">{move || format!("{}の目安で確認しています。", level())}</p>
            // The level, switched here (a trainer showing the plan at each level): the same
            // setting as 設定's, saved at once.
            <fieldset class="check-panel__levels">
                <legend>"確認するレベル"</legend>
                {Level::ALL.into_iter().map(|l| {
                    let radio_id = format!("check-level-{}", l.code());
                    view! {
                        <span class="radio">
                            <input type="radio" id=radio_id.clone() name="check-level"
                                prop:checked=move || state.settings.with(|s| s.level == l)
                                on:change=move |_| {
                                    let mut s = state.settings.get_untracked();
                                    s.level = l;
                                    state.set_settings(s);
                                }/>
                            <label for=radio_id>{l.label()}</label>
                        </span>
                    }
                }).collect_view()}
                <a class="check-panel__settings" href="#/settings">"その他の設定"</a>
            </fieldset>
            <p class="check-panel__matrix"><a href=crate::ui::route::matrix_href(Some(&id))>"役割の目安の表で見る"</a></p>
            <p class="check-panel__summary" role="status" aria-live="polite">{summary}</p>
            <p class="check-panel__reviews" hidden=move || reviews.get() == 0>
                <a href=part_href(&id, &Part::Review)>{move || format!("主任からの評価・助言（{}件）を見る", reviews.get())}</a>
            </p>
            <Show when=move || findings.with(Vec::is_empty)>
                <p class="check-panel__none">"指摘はありません。"</p>
            </Show>
            {Severity::ALL.into_iter().map(|sev| {
                let id = id.clone();
                let list = Memo::new(move |_| findings.with(|f| f.iter().filter(|r| r.severity == sev && r.mark.is_none()).cloned().collect::<Vec<_>>()));
                view! {
                    <section class="check-panel__group" hidden=move || list.with(Vec::is_empty)>
                        <h3 class=format!("check-panel__severity check-panel__severity--{}", sev.code())>
                            {format!("{}（", sev.label())}{move || list.with(Vec::len)}"件）"
                        </h3>
                        <ul class="findings">
                            {move || list.get().into_iter().map(|row| view! { <FindingItem id=id.clone() row frozen/> }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
            <details class="check-panel__answered" id="check-panel-answered" hidden=move || answered() == 0>
                <summary>{move || format!("対応済み・該当しない（{}件）", answered())}</summary>
                <ul class="findings">
                    {move || findings.get().into_iter().filter(|r| r.mark.is_some()).map(|row| view! { <FindingItem id=id.clone() row frozen/> }).collect_view()}
                </ul>
            </details>
        </aside>
    }
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

#[component]
fn FindingItem(id: CaseId, row: Row, frozen: Memo<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Row { key, severity, title, message, suggestion, quote, citation, file, cells, href, anchor, mark, advice } = row;
    let dom_key: String = key.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let reason_id = format!("mark-{dom_key}-reason");
    let id = StoredValue::new(id);
    let key = StoredValue::new(key);
    let set_mark = move |status: Option<MarkStatus>, reason: String| {
        let mut result = Ok(());
        id.with_value(|id| {
            key.with_value(|k| {
                state.edit(id, |c| result = c.plan.set_mark(k, status, &reason));
            })
        });
        result
    };
    let go = {
        let anchor = anchor.clone();
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            jump(&href, &anchor);
        }
    };
    let mark_label = mark.as_ref().map(|(status, reason)| match status {
        MarkStatus::Done => "対応済み".to_owned(),
        MarkStatus::NotApplicable => format!("該当しない（{reason}）"),
    });
    let marked = mark.is_some();
    let reason_input = reason_id.clone();
    // Buttons and the 出典 toggle repeat for every finding: each names its finding, for
    // screen readers going through the buttons (the visible text stays short).
    let about = format!("（{message}）");
    let hidden = |text: &str| view! { <span class="visually-hidden">{text.to_owned()}</span> };
    let dom_key = StoredValue::new(dom_key);
    let refocus = move |answered: bool| focus_finding(dom_key.get_value(), answered);
    view! {
        <li class=format!("finding finding--{}", severity.code()) id=format!("finding-{}", dom_key.get_value()) tabindex="-1">
            <p class="finding__title">
                <span class="finding__severity">{severity.label()}</span>" "{title}
            </p>
            <p class="finding__message"><a href="#" class="finding__jump" data-field=anchor on:click=go>{message}</a></p>
            <p class="finding__suggestion">{suggestion}</p>
            {advice.into_iter().map(|(who, text)| view! { <p class="finding__advice">{format!("主任の助言（{who}）：{text}")}</p> }).collect_view()}
            {mark_label.map(|l| view! { <p class="finding__mark">"印："{l}</p> })}
            <details class="finding__source">
                <summary>"出典"{hidden(&about)}</summary>
                <blockquote class="finding__quote">{format!("「{quote}」")}</blockquote>
                <p class="finding__citation">{citation}</p>
                <p class="finding__file">{file}" "<a href="#/sources">"出典の資料の一覧"</a></p>
                <p class="finding__cells">{format!("役割の目安：{cells}")}</p>
            </details>
            <div class="finding__actions" hidden=move || frozen.get()>
                {if marked {
                    view! {
                        <button type="button" class="button button--secondary button--small"
                            on:click=move |_| { if set_mark(None, String::new()).is_ok() { refocus(false); } }>"印を外す"{hidden(&about)}</button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button button--secondary button--small"
                            on:click=move |_| { if set_mark(Some(MarkStatus::Done), String::new()).is_ok() { refocus(true); } }>"対応済みにする"{hidden(&about)}</button>
                        <button type="button" class="button button--secondary button--small" aria-expanded=move || asking.get().to_string()
                            on:click=move |_| {
                                asking.set(true);
                                let input = reason_input.clone();
                                request_animation_frame(move || focus_by_id(&input));
                            }>"該当しない…"{hidden(&about)}</button>
                    }.into_any()
                }}
            </div>
            <Show when=move || asking.get()>
                <div class="finding__reason">
                    <label for=reason_id.clone()>"該当しない理由"</label>
                    <p class="field__error" id=format!("{reason_id}-error") hidden=move || error.get().is_none()>{move || error.get()}</p>
                    <textarea id=reason_id.clone() class="textarea" rows="2"
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby=format!("{reason_id}-error")></textarea>
                    <div class="finding__actions">
                        <button type="button" class="button button--small" on:click={
                            let reason_id = reason_id.clone();
                            move |_| {
                                let reason = crate::ui::widgets::value_of(&reason_id);
                                match set_mark(Some(MarkStatus::NotApplicable), reason) {
                                    Ok(()) => {
                                        asking.set(false);
                                        refocus(true);
                                    }
                                    Err(message) => {
                                        error.set(Some(message));
                                        focus_by_id(&reason_id);
                                    }
                                }
                            }
                        }>"該当しないにする"</button>
                        <button type="button" class="button button--secondary button--small" on:click=move |_| { asking.set(false); error.set(None); }>"やめる"</button>
                    </div>
                </div>
            </Show>
        </li>
    }
}

/// A link that jumps to a finding's field like the panel's own (also on another screen):
/// the 確定 step lists the open findings with it.
pub fn finding_link(case: &Case, location: &Location, text: String) -> impl IntoView {
    let (href, anchor) = target(case, location);
    let go = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        jump(&href, &anchor);
    };
    view! { <a href="#" on:click=go>{text}</a> }
}

/// Goes to a finding's field: opens its screen first when it is on another one.
fn jump(href: &str, anchor: &str) {
    let here = window().location().hash().unwrap_or_default();
    if href.trim_start_matches('#') != here.trim_start_matches('#') {
        let _ = window().location().set_hash(href);
        focus_when_shown(anchor.to_owned(), 60);
    } else {
        focus_field(anchor);
    }
}

//! 週間計画表: the grid (月〜日・祝 × time of day, and 主な日常生活上の活動), a form that
//! places the goal table's supports (or daily activities) on it, the two boxes below it,
//! and — always in view above the grid — where the grid and the goal table's amounts
//! disagree (`domain::schedule::disagreements`).

use crate::ui::route::schedule_print_href;
use crate::ui::state::AppState;
use crate::ui::widgets::{error_link, focus_by_id, focus_later, text_area, text_input, OnInput};
use crate::domain::schedule::{disagreements, Disagreement, GRID_START_HOUR};
use crate::domain::{CaseId, GridColumn, PlanStatus, ServicePlan, SlotId, SupportId, TimeOfDay, WeeklySchedule};
use leptos::prelude::*;

#[component]
pub fn SchedulePage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
    let frozen = case.plan.status == PlanStatus::Final;
    let plan = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| c.plan.clone()).unwrap_or_default())
    };
    let found = Memo::new(move |_| plan.with(disagreements));
    let schedule = case.plan.schedule.clone();
    let edit_text = move |f: fn(&mut WeeklySchedule) -> &mut String| -> OnInput {
        let id = id.clone();
        Box::new(move |v: String| state.edit_text(&id, |c| *f(&mut c.plan.schedule) = v))
    };
    view! {
        <div class="print-link">
            <p class="hint">"目標表の支援を、曜日と時間の枠に置きます。目標表の量（週○回・1回○時間）と合わないところは、すぐ下に表示されます。"</p>
            <a class="button button--secondary" href=schedule_print_href(&case.id)>"週間計画表を印刷する"</a>
        </div>
        <Agreement found/>
        {if frozen {
            view! {
                <p class="notice notice--info">"この計画は確定しています。週間計画表を変えるときは、「計画」の段階で「計画を変更する」を選びます。"</p>
            }.into_any()
        } else {
            text_input("schedule-start-month".to_owned(), "計画開始年月", "例：令和8年12月", schedule.start_month.clone(), true, "",
                edit_text(|s| &mut s.start_month))
        }}
        <section class="section" aria-labelledby="schedule-grid-heading">
            <h3 id="schedule-grid-heading" tabindex="-1">"週間計画表"</h3>
            // Narrow screens get the same slots day by day instead (style/main.css).
            <div class="week-grid-wrap">
                {move || plan.with(|p| view! { <WeekGrid plan=p.clone() found=found.get()/> })}
            </div>
            {move || plan.with(|p| view! { <WeekList plan=p.clone() found=found.get()/> })}
        </section>
        {(!frozen).then(|| {
            let editing = RwSignal::new(None::<SlotId>);
            view! {
                <SlotList id=case.id.clone() plan found editing/>
                <SlotForm id=case.id.clone() plan editing/>
            }
        })}
        <section class="section card" aria-labelledby="schedule-footer-heading">
            <h3 id="schedule-footer-heading">"表の下の欄"</h3>
            {if frozen {
                view! {
                    <h4>"週単位以外のサービス"</h4><p class="prewrap">{schedule.non_weekly.clone()}</p>
                    <h4>"サービス提供によって実現する生活の全体像"</h4><p class="prewrap">{schedule.whole_life.clone()}</p>
                }.into_any()
            } else {
                view! {
                    {text_area("schedule-non-weekly".to_owned(), "週単位以外のサービス",
                        "月単位のサービス（短期入所、月1回の外出支援など）や通院を書きます。",
                        schedule.non_weekly.clone(), edit_text(|s| &mut s.non_weekly))}
                    {text_area("schedule-whole-life".to_owned(), "サービス提供によって実現する生活の全体像", "",
                        schedule.whole_life.clone(), edit_text(|s| &mut s.whole_life))}
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// Where the grid and the goal table disagree, or that they agree. A live region: the
/// message changes as slots are added, so screen readers hear it too.
#[component]
fn Agreement(found: Memo<Vec<Disagreement>>) -> impl IntoView {
    view! {
        <div aria-live="polite" aria-atomic="true">
            {move || {
                let found = found.get();
                if found.is_empty() {
                    view! { <p class="notice notice--success" id="schedule-agreement">"目標表の量と週間計画表は合っています。"</p> }.into_any()
                } else {
                    view! {
                        <div class="notice notice--warning" id="schedule-agreement">
                            <h3 class="notice__title">{format!("目標表と合わないところが{}件あります", found.len())}</h3>
                            <ul>{found.iter().map(|d| view! { <li>{d.message()}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// How a slot is named in the grid and the list: its text, else its support's kind.
fn slot_text(plan: &ServicePlan, text: &str, support: Option<SupportId>) -> String {
    let text = text.trim();
    if !text.is_empty() {
        return text.to_owned();
    }
    support.and_then(|s| plan.support(s)).map(|(_, s)| s.kind.trim().to_owned()).unwrap_or_default()
}

/// What a slot that disagrees with the goal table says, on the grid, the day list and 置いた枠.
const MISMATCH: &str = "（目標表と合いません）";

/// The grid as on the form: a CSS grid of half-hour rows from 6:00 to the next 6:00, one
/// column per day and 主な日常生活上の活動. Used on the screen and in print.
#[component]
pub fn WeekGrid(plan: ServicePlan, found: Vec<Disagreement>) -> impl IntoView {
    const ROW_MINUTES: u16 = 30;
    let bands = (0..12u16).map(|i| {
        let hour = (GRID_START_HOUR + i * 2) % 24;
        let row = i * 4 + 2;
        view! {
            <div class="week-grid__time" style:grid-row=format!("{row} / span 4")>{format!("{hour}:00")}</div>
            {GridColumn::ALL.iter().map(|c| view! {
                <div class="week-grid__cell" style:grid-row=format!("{row} / span 4") style:grid-column=(c.index() + 2).to_string()></div>
            }).collect_view()}
        }
    }).collect_view();
    let slots = plan.schedule.slots().iter().flat_map(|slot| {
        let (top, bottom) = slot.grid_span();
        let start = top / ROW_MINUTES + 2;
        let end = bottom.div_ceil(ROW_MINUTES).max(top / ROW_MINUTES + 1) + 2;
        let text = slot_text(&plan, &slot.text, slot.support);
        let bad = found.iter().any(|d| d.concerns(slot));
        slot.columns.iter().map(move |c| view! {
            <div class="week-grid__slot" class:week-grid__slot--activity=*c == GridColumn::Activities
                class:week-grid__slot--mismatch=bad
                style:grid-row=format!("{start} / {end}") style:grid-column=(c.index() + 2).to_string()>
                <span class="visually-hidden">{c.label()}" "</span>
                <span class="week-grid__slot-time">{slot.time_label()}</span>
                " "{text.clone()}
                // Said in words, not by the red border alone.
                {bad.then(|| view! { <span class="week-grid__slot-warning">{MISMATCH}</span> })}
            </div>
        }).collect::<Vec<_>>()
    }).collect_view();
    view! {
        <div class="week-grid" role="group" aria-label="週間計画表の表">
            <div class="week-grid__head week-grid__corner" style:grid-column="1"></div>
            {GridColumn::ALL.iter().map(|c| view! {
                <div class="week-grid__head" style:grid-column=(c.index() + 2).to_string()>{c.label()}</div>
            }).collect_view()}
            {bands}
            {slots}
        </div>
    }
}

/// The week day by day, for narrow screens where the grid's nine columns cannot be read:
/// each column of the grid in order, its slots top to bottom (the CSS shows either this or
/// the grid).
#[component]
fn WeekList(plan: ServicePlan, found: Vec<Disagreement>) -> impl IntoView {
    let days = GridColumn::ALL.iter().map(|&c| {
        let slots: Vec<_> = plan.schedule.in_column(c).map(|slot| {
            let bad = found.iter().any(|d| d.concerns(slot));
            view! {
                <li class:week-list__slot--mismatch=bad>
                    <span class="week-list__time">{slot.time_label()}</span>" "{slot_text(&plan, &slot.text, slot.support)}
                    {bad.then(|| view! { <span class="week-grid__slot-warning">{MISMATCH}</span> })}
                </li>
            }
        }).collect();
        let empty = slots.is_empty();
        view! {
            <h4 class="week-list__day">{c.label()}</h4>
            {if empty {
                view! { <p class="week-list__none">"枠はありません"</p> }.into_any()
            } else {
                view! { <ul class="week-list__slots">{slots}</ul> }.into_any()
            }}
        }
    }).collect_view();
    view! { <div class="week-list" id="week-list">{days}</div> }
}

/// The placed slots as a list, each with 変更 and 削除 (the grid itself is not focusable).
#[component]
fn SlotList(id: CaseId, plan: Memo<ServicePlan>, found: Memo<Vec<Disagreement>>, editing: RwSignal<Option<SlotId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(id);
    view! {
        <section class="section" aria-labelledby="slot-list-heading">
            <h3 id="slot-list-heading">"置いた枠"</h3>
            {move || plan.with(|p| {
                let slots = p.schedule.slots();
                if slots.is_empty() {
                    return view! { <p id="slot-list-empty">"まだ枠がありません。下の「枠を追加する」から置きます。"</p> }.into_any();
                }
                let found = found.get();
                view! {
                    <table class="table slot-table">
                        <thead><tr>
                            <th scope="col">"曜日・列"</th><th scope="col">"時間"</th><th scope="col">"内容"</th>
                            <th scope="col">"目標表の支援"</th><th scope="col">"操作"</th>
                        </tr></thead>
                        <tbody>
                            {slots.iter().map(|s| {
                                let columns = s.columns.iter().map(|c| c.label()).collect::<Vec<_>>().join("・");
                                let text = slot_text(p, &s.text, s.support);
                                let support = s.support.map(|sid| match p.support(sid) {
                                    Some((need, _)) => p.support_label(need.id, sid),
                                    None => "（目標表にありません）".to_owned(),
                                }).unwrap_or_else(|| "なし".to_owned());
                                let bad = found.iter().any(|d| d.concerns(s));
                                let slot = s.id;
                                let name = format!("{columns} {}", s.time_label());
                                view! {
                                    <tr class:slot-table__row--mismatch=bad class:slot-table__row--editing=editing.get() == Some(slot)>
                                        <td data-label="曜日・列">{columns.clone()}</td>
                                        <td data-label="時間">{s.time_label()}</td>
                                        <td data-label="内容">{text}</td>
                                        <td data-label="目標表の支援">{support}{bad.then_some(MISMATCH)}</td>
                                        <td class="slot-table__actions">
                                            <button type="button" class="button button--secondary button--small" id=format!("slot-edit-{}", slot.0)
                                                aria-label=format!("この枠を変更（{name}）")
                                                on:click=move |_| editing.set(Some(slot))>"変更"</button>
                                            <button type="button" class="button button--danger button--small"
                                                aria-label=format!("この枠を削除（{name}）")
                                                on:click=move |_| {
                                                    id.with_value(|id| state.edit(id, |c| { c.plan.schedule.remove_slot(slot); }));
                                                    if editing.get_untracked() == Some(slot) {
                                                        editing.set(None);
                                                    }
                                                    focus_later("slot-day-mon".to_owned());
                                                }>"削除"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </section>
    }
}

/// Adds a slot, or changes the one chosen with 「変更」 (`editing`; its id stays): columns
/// (checkboxes), start and end times, a support of the goal table or none, and the text for
/// the cell. Errors are summarised at the top of the form. After a slot is added or changed
/// the form is empty again, so nothing of the last slot (its days, its support) is carried
/// into the next one unseen.
#[component]
fn SlotForm(id: CaseId, plan: Memo<ServicePlan>, editing: RwSignal<Option<SlotId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let columns = RwSignal::new(Vec::<GridColumn>::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let support = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    // The text fields are uncontrolled (IME composition is never disturbed); these fill and
    // clear them when a slot is loaded or the form is reset.
    let (start_ref, end_ref, text_ref) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    let errors = RwSignal::new(Vec::<(&'static str, &'static str)>::new());
    let error_for = move |field: &'static str| move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| *m));
    let fill = move |cols: Vec<GridColumn>, times: [String; 2], sup: String, what: String| {
        columns.set(cols);
        support.set(sup);
        let [a, b] = times;
        for (signal, node, value) in [(start, start_ref, a), (end, end_ref, b), (text, text_ref, what)] {
            if let Some(input) = node.get_untracked() {
                let input: web_sys::HtmlInputElement = input;
                input.set_value(&value);
            }
            signal.set(value);
        }
    };
    let reset = move || fill(Vec::new(), [String::new(), String::new()], String::new(), String::new());
    // 「変更」 in the list: the slot's values into the form, and the user to the form.
    Effect::new(move |_| {
        let Some(slot_id) = editing.get() else { return };
        let Some(slot) = plan.with_untracked(|p| p.schedule.slot(slot_id).cloned()) else {
            editing.set(None);
            return;
        };
        errors.set(Vec::new());
        fill(
            slot.columns.clone(),
            [slot.start.to_string(), slot.end.to_string()],
            slot.support.map(|s| s.0.to_string()).unwrap_or_default(),
            slot.text.clone(),
        );
        focus_later("slot-form-heading".to_owned());
    });
    let stop_editing = move || {
        let was = editing.get_untracked();
        editing.set(None);
        errors.set(Vec::new());
        reset();
        match was {
            Some(slot) => focus_later(format!("slot-edit-{}", slot.0)),
            None => focus_by_id("slot-day-mon"),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        let cols = columns.get_untracked();
        if cols.is_empty() {
            found.push(("slot-day-mon", "曜日または「主な日常生活上の活動」を1つ以上選んでください。"));
        }
        let s = TimeOfDay::parse(&start.get_untracked());
        let e = TimeOfDay::parse(&end.get_untracked());
        if let Err(m) = s { found.push(("slot-start", m)); }
        if let Err(m) = e { found.push(("slot-end", m)); }
        if let (Ok(a), Ok(b)) = (s, e) {
            if a == b { found.push(("slot-end", "終わりの時刻は始まりと違う時刻にしてください。")); }
        }
        let sid = support.get_untracked().parse::<u32>().ok().map(SupportId);
        if sid.is_none() && text.get_untracked().trim().is_empty() {
            found.push(("slot-text", "目標表の支援を選ぶか、枠に書く内容を入力してください。"));
        }
        if !found.is_empty() {
            errors.set(found);
            focus_later("slot-error-summary".to_owned());
            return;
        }
        errors.set(Vec::new());
        let (Ok(s), Ok(e)) = (s, e) else { return };
        let what = text.get_untracked().trim().to_owned();
        match editing.get_untracked() {
            Some(slot) => {
                // Gone meanwhile (deleted in another tab): said, and nothing is added instead.
                if !state.edit_if(&id, |c| c.plan.schedule.replace_slot(slot, &cols, s, e, what, sid)) {
                    state.status.set("変更しようとした枠はもうありません。".into());
                }
                stop_editing();
            }
            None => {
                if !state.edit_if(&id, |c| c.plan.schedule.add_slot(&cols, s, e, what, sid).is_some()) {
                    return state.status.set(crate::domain::id_limit_message("週間計画表の枠"));
                }
                reset();
                focus_by_id("slot-day-mon");
            }
        }
    };
    let day_id = |c: GridColumn| format!("slot-day-{}", match c {
        GridColumn::Mon => "mon", GridColumn::Tue => "tue", GridColumn::Wed => "wed", GridColumn::Thu => "thu",
        GridColumn::Fri => "fri", GridColumn::Sat => "sat", GridColumn::SunHoliday => "sun", GridColumn::Activities => "activities",
    });
    let is_editing = move || editing.with(Option::is_some);
    view! {
        <section class="section card" class:card--editing=is_editing aria-labelledby="slot-form-heading">
            <h3 id="slot-form-heading" tabindex="-1">{move || if is_editing() { "枠を変更する" } else { "枠を追加する" }}</h3>
            <form class="form" novalidate on:submit=submit>
                <Show when=move || errors.with(|e| !e.is_empty())>
                    <div class="error-summary" id="slot-error-summary" tabindex="-1" role="alert">
                        <h4 class="error-summary__title">"入力を確認してください"</h4>
                        <ul>{move || errors.get().into_iter().map(|(f, m)| error_link(f.to_owned(), m.to_owned())).collect_view()}</ul>
                    </div>
                </Show>
                <fieldset class="fieldset" aria-describedby="slot-days-hint">
                    <legend>"どこに置くか"</legend>
                    <p class="field__hint" id="slot-days-hint">"同じ時間の枠は、曜日をまとめて選べます。"</p>
                    <p class="field__error" hidden=move || error_for("slot-day-mon")().is_none()>{error_for("slot-day-mon")}</p>
                    <div class="checkbox-row">
                        {GridColumn::ALL.into_iter().map(|c| view! {
                            <span class="checkbox">
                                <input type="checkbox" id=day_id(c)
                                    prop:checked=move || columns.with(|cs| cs.contains(&c))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        columns.update(|cs| { cs.retain(|x| *x != c); if on { cs.push(c); } });
                                    }/>
                                <label for=day_id(c)>{c.label()}</label>
                            </span>
                        }).collect_view()}
                    </div>
                    <button type="button" class="button button--secondary button--small" on:click=move |_| columns.update(|cs| {
                        cs.retain(|c| !matches!(c, GridColumn::Mon | GridColumn::Tue | GridColumn::Wed | GridColumn::Thu | GridColumn::Fri));
                        cs.extend([GridColumn::Mon, GridColumn::Tue, GridColumn::Wed, GridColumn::Thu, GridColumn::Fri]);
                    })>"月〜金を選ぶ"</button>
                </fieldset>
                <div class="grid-2">
                    <TimeField id="slot-start" label="始まり" value=start node=start_ref error=Signal::derive(error_for("slot-start"))/>
                    <TimeField id="slot-end" label="終わり" value=end node=end_ref error=Signal::derive(error_for("slot-end"))/>
                </div>
                <div class="field">
                    <label for="slot-support">"目標表の支援"</label>
                    <p class="field__hint" id="slot-support-hint">"選ぶと、目標表の量と比べます。日常の活動なら「なし」のままにします。"</p>
                    <select id="slot-support" class="select" aria-describedby="slot-support-hint"
                        prop:value=move || support.get()
                        on:change=move |ev| support.set(event_target_value(&ev))>
                        <option value="">"なし"</option>
                        {move || plan.with(|p| p.needs().iter().flat_map(|n| n.supports.iter().map(move |s| (n, s))).map(|(n, s)| {
                            let amount = s.amount.describe();
                            let label = if amount.is_empty() { p.support_label(n.id, s.id) } else { format!("{}（{amount}）", p.support_label(n.id, s.id)) };
                            let value = s.id.0.to_string();
                            // Selected by attribute too: the options are re-created after the
                            // select's value was set.
                            let selected = support.get_untracked() == value;
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view())}
                    </select>
                </div>
                <div class="field">
                    <label for="slot-text">"枠に書く内容"</label>
                    <p class="field__hint" id="slot-text-hint">"空欄なら支援の種類を書きます（例：起床・朝食、作業所）。"</p>
                    <p class="field__error" hidden=move || error_for("slot-text")().is_none()>{error_for("slot-text")}</p>
                    <input id="slot-text" class="input" type="text" autocomplete="off"
                        aria-describedby="slot-text-hint"
                        aria-invalid=move || if error_for("slot-text")().is_some() { "true" } else { "false" }
                        node_ref=text_ref
                        on:input=move |ev| text.set(event_target_value(&ev))/>
                </div>
                <div class="button-row">
                    <button type="submit" class="button">{move || if is_editing() { "変更を保存する" } else { "枠を追加する" }}</button>
                    <Show when=is_editing>
                        <button type="button" class="button button--secondary" on:click=move |_| stop_editing()>"変更をやめる"</button>
                    </Show>
                </div>
            </form>
        </section>
    }
}

#[component]
fn TimeField(id: &'static str, label: &'static str, value: RwSignal<String>, node: NodeRef<leptos::html::Input>, error: Signal<Option<&'static str>>) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="field__hint" id=hint_id.clone()>"例：9:00、13:30（夜中をまたぐときは 22:00 から 6:00 のように）"</p>
            <p class="field__error" id=error_id.clone() hidden=move || error.get().is_none()>{move || error.get()}</p>
            <input id=id class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=move || if error.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
                node_ref=node
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

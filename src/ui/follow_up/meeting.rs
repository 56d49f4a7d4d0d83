//! The 担当者会議 step: the サービス担当者会議 recorded for this case, a form to record one
//! (attendees a repeatable list), and the printed 会議録 (A4 portrait). A recorded meeting is
//! frozen (`domain::meeting`); 「この記録を訂正する」 fills the form from it and the new record
//! names it as the one it corrects.
//!
//! The form is uncontrolled (IME-safe). Every input or change in it reads the whole form into
//! the case's `meeting_draft` (`AppState::edit_text`, saved like any typing), so a half-typed
//! 会議録 survives leaving the step, a reload or a lock, and comes back when the step opens;
//! recording clears it, a refused record keeps it. 「下書きを消す」 and a correction over typed
//! text ask first, in the page.

use crate::domain::meeting::{plan_label, AttendeeForm, AttendeeRole, MeetingForm, MeetingId, TeamMeeting};
use crate::domain::wareki::{format_seireki, format_wareki};
use crate::domain::{Case, CaseId, Stage};
use crate::ui::planning::print::print_toolbar_for;
use crate::ui::route::{case_href, meeting_print_href, set_title};
use crate::ui::state::{now, AppState};
use crate::ui::widgets::{error_link, focus_later, keyed, value_of};
use leptos::prelude::*;

/// A question asked in the page before typed text is thrown away.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ask {
    /// 「下書きを消す」
    Clear,
    /// 「この記録を訂正する」 while a draft holds typing.
    Replace(MeetingId),
}

/// One attendee row of the form: its stable key (element ids) and what it starts with.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    key: u64,
    role: &'static str,
    affiliation: String,
    name: String,
    present: bool,
    absence_note: String,
}

fn row(key: u64, role: AttendeeRole, affiliation: &str, name: &str) -> Row {
    Row { key, role: role.code(), affiliation: affiliation.to_owned(), name: name.to_owned(), present: true, absence_note: String::new() }
}

/// A new form's rows: 本人, 家族, a サービス事業所, and the planner from the plan's header.
fn starting_rows(case: &Case) -> Vec<Row> {
    let h = &case.plan.header;
    vec![
        row(1, AttendeeRole::Person, "", ""),
        row(2, AttendeeRole::Family, "", ""),
        row(3, AttendeeRole::Provider, "", ""),
        row(4, AttendeeRole::Planner, h.office_name.trim(), h.planner.trim()),
    ]
}

/// The rows of a stored draft, keyed from `first`.
fn draft_rows(draft: &MeetingForm, first: u64) -> Vec<Row> {
    draft
        .attendees
        .iter()
        .zip(first..)
        .map(|(a, key)| Row {
            key,
            role: AttendeeRole::from_code(&a.role).map_or("", AttendeeRole::code),
            affiliation: a.affiliation.clone(),
            name: a.name.clone(),
            present: a.present,
            absence_note: a.absence_note.clone(),
        })
        .collect()
}

/// The whole form as it stands on screen (rows in `keys` order).
fn read_form(keys: &[u64]) -> MeetingForm {
    let att = |k: u64, f: &str| value_of(&format!("meeting-att-{k}-{f}"));
    MeetingForm {
        held_on: value_of("meeting-held-on"),
        time: value_of("meeting-time"),
        place: value_of("meeting-place"),
        attendees: keys
            .iter()
            .map(|&k| AttendeeForm {
                role: att(k, "role"),
                affiliation: att(k, "affiliation"),
                name: att(k, "name"),
                present: checked(&format!("meeting-att-{k}-present")),
                absence_note: att(k, "note"),
            })
            .collect(),
        items: value_of("meeting-items"),
        discussion: value_of("meeting-discussion"),
        conclusion: value_of("meeting-conclusion"),
        remaining_issues: value_of("meeting-remaining"),
        next_meeting: value_of("meeting-next"),
        corrects: value_of("meeting-corrects").parse::<u32>().ok().map(MeetingId),
    }
}

fn date_text(d: chrono::NaiveDate) -> String {
    format!("{}（{}）", format_wareki(d), format_seireki(d))
}

/// 「本人（出席）、母 佐伯（出席）…」: the attendees in one line.
fn attendee_line(case: &Case, m: &TeamMeeting) -> String {
    m.attendees
        .iter()
        .map(|a| {
            let who = if a.role == AttendeeRole::Person && a.name.is_empty() { format!("本人（{}）", case.name.as_str()) } else {
                let parts: Vec<&str> = [a.affiliation.as_str(), a.name.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
                format!("{}：{}", a.role.label(), parts.join(" "))
            };
            format!("{who}（{}）", if a.present { "出席" } else { "欠席" })
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn checked(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        .is_some_and(|i| i.checked())
}

#[component]
pub fn MeetingStep(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let done = RwSignal::new(None::<String>);
    let ask = RwSignal::new(None::<Ask>);
    // What the form is built from: the stored draft, or a new form.
    let init = RwSignal::new(case.meeting_draft.clone().unwrap_or_default());
    let has_draft = RwSignal::new(case.meeting_draft.is_some());
    // Bumped to re-create the form (after a record, a cleared draft, or to start a correction).
    let form_generation = RwSignal::new(0u64);
    let rows = RwSignal::new(match &case.meeting_draft {
        Some(d) => draft_rows(d, 1),
        None => starting_rows(&case),
    });
    let next_key = StoredValue::new(rows.with_untracked(|r| r.len() as u64) + 5);

    // The form rebuilt from the stored draft (or, with none, a new one).
    let reload_form = {
        let id = id.clone();
        move || {
            let Some((draft, start)) = state.with_case(&id, |c| (c.meeting_draft.clone(), starting_rows(c))) else { return };
            let base = next_key.get_value();
            let new_rows = match &draft {
                Some(d) => draft_rows(d, base),
                None => start.into_iter().map(|r| Row { key: r.key + base, ..r }).collect(),
            };
            next_key.set_value(base + new_rows.len() as u64 + 5);
            has_draft.set(draft.is_some());
            init.set(draft.unwrap_or_default());
            rows.set(new_rows);
            errors.set(Vec::new());
            form_generation.update(|g| *g += 1);
        }
    };
    // Each keystroke or choice: the whole form into the draft. Quiet (`edit_text`): nothing
    // else on the screen shows the draft.
    let save_draft = {
        let id = id.clone();
        move || {
            let keys: Vec<u64> = rows.with_untracked(|r| r.iter().map(|r| r.key).collect());
            let form = read_form(&keys);
            state.edit_text(&id, |c| c.meeting_draft = Some(form));
            if !has_draft.get_untracked() {
                has_draft.set(true);
            }
        }
    };

    let tie = {
        let id = id.clone();
        move || {
            state
                .with_case(&id, |c| {
                    let (version, on_draft) = c.meeting_plan_version();
                    let label = plan_label(version, on_draft);
                    if on_draft {
                        format!("ここで記録する会議は、今の「{label}」を話し合った会議として記録します。")
                    } else {
                        format!("計画は確定しています。ここで記録する会議は「{label}」（今の計画）についての会議になります。計画の変更案を話し合うときは、先に「計画」の画面で計画の変更を始めてください。")
                    }
                })
                .unwrap_or_default()
        }
    };
    // (id, title, what, corrected, correction of)
    let recorded = {
        let id = id.clone();
        move || {
            state
                .with_case(&id, |c| {
                    let mut list: Vec<&TeamMeeting> = c.team_meetings.iter().collect();
                    list.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
                    list.into_iter()
                        .map(|m| {
                            let fixes = m.corrects.and_then(|o| c.team_meeting(o)).map(|o| format!("{}の記録の訂正", format_wareki(o.held_on)));
                            (m.id, m.held_on, c.meeting_number(m.id), m.plan_label(), format!("{}{}", m.place, if m.time.is_empty() { String::new() } else { format!("・{}", m.time) }), attendee_line(c, m), m.conclusion.clone(), c.meeting_corrected(m.id), fixes)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        }
    };

    let start_correction = {
        let id = id.clone();
        let reload_form = reload_form.clone();
        move |meeting: MeetingId, agreed: bool| {
            ask.set(None);
            let mut started = false;
            state.edit_if(&id, |c| {
                started = c.start_meeting_correction(meeting, agreed);
                started
            });
            if !started {
                // Typing in the draft: ask before it is replaced.
                ask.set(Some(Ask::Replace(meeting)));
                focus_later("meeting-ask".to_owned());
                return;
            }
            state.flush();
            done.set(None);
            reload_form();
            focus_later("meeting-form-heading".to_owned());
        }
    };
    let clear_draft = {
        let id = id.clone();
        let reload_form = reload_form.clone();
        move || {
            ask.set(None);
            state.edit_if(&id, |c| c.meeting_draft.take().is_some());
            state.flush();
            done.set(Some("下書きを消しました。".to_owned()));
            reload_form();
            focus_later("meeting-done".to_owned());
        }
    };

    let record = {
        let id = id.clone();
        let reload_form = reload_form.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            ask.set(None);
            let keys: Vec<u64> = rows.with_untracked(|r| r.iter().map(|r| r.key).collect());
            let form = read_form(&keys);
            // Into the draft first: a refused record keeps exactly what was typed.
            state.edit_text(&id, |c| c.meeting_draft = Some(form.clone()));
            let mut result = Err(Vec::new());
            state.edit_if(&id, |c| {
                result = c.record_meeting_draft();
                result.is_ok()
            });
            match result {
                Ok(_) => {
                    state.flush();
                    errors.set(Vec::new());
                    let what = if form.corrects.is_some() { "訂正の記録" } else { "会議" };
                    done.set(Some(format!("{}の{what}を記録しました。上の「記録した会議」から会議録を印刷できます。", form.held_on.trim())));
                    reload_form();
                    focus_later("meeting-done".to_owned());
                }
                Err(e) => {
                    state.flush();
                    done.set(None);
                    let field_id = |f: &str| -> String {
                        let row_part = |rest: &str| -> Option<String> {
                            let (i, what) = rest.split_once('-')?;
                            let key = keys.get(i.parse::<usize>().ok()?)?;
                            Some(format!("meeting-att-{key}-{}", if what == "role" { "role" } else { "affiliation" }))
                        };
                        match f {
                            "held_on" => "meeting-held-on".into(),
                            "place" => "meeting-place".into(),
                            "attendees" => "meeting-add-attendee".into(),
                            "items" => "meeting-items".into(),
                            "conclusion" => "meeting-conclusion".into(),
                            "corrects" => "meeting-corrects".into(),
                            other => other.strip_prefix("attendee-").and_then(row_part).unwrap_or_else(|| "meeting-held-on".into()),
                        }
                    };
                    errors.set(e.into_iter().map(|e| (field_id(&e.field), e.message)).collect());
                    focus_later("meeting-errors".to_owned());
                }
            }
        }
    };

    let error_for = move |f: String| move || errors.with(|e| e.iter().find(|(k, _)| *k == f).map(|(_, m)| m.clone()));
    let invalid = move |f: String| move || if errors.with(|e| e.iter().any(|(k, _)| *k == f)) { "true" } else { "false" };
    let today = format_wareki(now().date_naive());

    // One text field with its label, hint and error (uncontrolled; read on submit).
    let field = move |fid: &'static str, label: &'static str, hint: String, value: String, multiline: bool, short: bool| -> AnyView {
        let hint_id = format!("{fid}-hint");
        let has_hint = !hint.is_empty();
        let err = error_for(fid.to_owned());
        let err2 = error_for(fid.to_owned());
        let control = if multiline {
            view! { <textarea id=fid class="textarea" rows="3" aria-describedby=has_hint.then(|| hint_id.clone()) aria-invalid=invalid(fid.to_owned())>{value}</textarea> }.into_any()
        } else {
            view! { <input id=fid type="text" class="input" class:input--short=short autocomplete="off" value=value
                aria-describedby=has_hint.then(|| hint_id.clone()) aria-invalid=invalid(fid.to_owned())/> }.into_any()
        };
        view! {
            <div class="field">
                <label for=fid>{label}</label>
                {has_hint.then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
                <p class="field__error" hidden=move || err().is_none()>{err2}</p>
                {control}
            </div>
        }
        .into_any()
    };

    let save_on_remove = save_draft.clone();
    let attendee_row = move |r: Row| -> AnyView {
        let save_draft = save_on_remove.clone();
        let k = r.key;
        let fid = move |f: &str| format!("meeting-att-{k}-{f}");
        let number = move || rows.with(|rs| rs.iter().position(|x| x.key == k).map_or(0, |i| i + 1));
        let role_err = error_for(fid("role"));
        let role_err2 = error_for(fid("role"));
        let name_err = error_for(fid("affiliation"));
        let name_err2 = error_for(fid("affiliation"));
        let remove = move |_| {
            rows.update(|rs| rs.retain(|x| x.key != k));
            save_draft();
            focus_later("meeting-add-attendee".to_owned());
        };
        view! {
            <fieldset class="fieldset attendee">
                <legend>{move || format!("出席者{}", number())}</legend>
                <p class="field__error" hidden=move || role_err().is_none()>{role_err2}</p>
                <p class="field__error" hidden=move || name_err().is_none()>{name_err2}</p>
                <div class="attendee__fields">
                    <div class="field">
                        <label for=fid("role")>"立場"</label>
                        <select id=fid("role") class="select" aria-invalid=invalid(fid("role"))>
                            <option value="" selected=r.role.is_empty()>"選んでください"</option>
                            {AttendeeRole::ALL.into_iter().map(|role| view! {
                                <option value=role.code() selected=r.role == role.code()>{role.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=fid("affiliation")>"所属（職種）・続柄"</label>
                        <input id=fid("affiliation") type="text" class="input" autocomplete="off" value=r.affiliation.clone() aria-invalid=invalid(fid("affiliation"))/>
                    </div>
                    <div class="field">
                        <label for=fid("name")>"氏名"</label>
                        <input id=fid("name") type="text" class="input" autocomplete="off" value=r.name.clone()/>
                    </div>
                </div>
                <div class="checkbox">
                    <input id=fid("present") type="checkbox" checked=r.present/>
                    <label for=fid("present")>"出席した"</label>
                </div>
                <div class="field">
                    <label for=fid("note")>"欠席のとき：理由（本人）／事前に照会した内容と回答"</label>
                    <input id=fid("note") type="text" class="input" autocomplete="off" value=r.absence_note.clone()/>
                </div>
                <button type="button" class="button button--secondary button--small" on:click=remove>
                    {move || format!("出席者{}を削除", number())}
                </button>
            </fieldset>
        }
        .into_any()
    };

    let add_row = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|rs| rs.push(Row { key, role: "", affiliation: String::new(), name: String::new(), present: true, absence_note: String::new() }));
        focus_later(format!("meeting-att-{key}-role"));
    };

    let correctable = {
        let id = id.clone();
        move || state.with_case(&id, |c| c.current_meetings().into_iter().map(|m| (m.id, format!("{}の会議（{}）", format_wareki(m.held_on), m.place))).collect::<Vec<_>>()).unwrap_or_default()
    };

    let form = move || {
        let i = init.get_untracked();
        let correctable = correctable.clone();
        let (on_input, on_change) = (save_draft.clone(), save_draft.clone());
        view! {
            <form class="form card" on:submit=record.clone() on:input=move |_| on_input() on:change=move |_| on_change() novalidate>
                <h3 id="meeting-form-heading" tabindex="-1">{if i.corrects.is_some() { "会議の記録を訂正する" } else { "担当者会議を記録する" }}</h3>
                <p class="hint">"入力した内容は下書きとして自動で保存され、ほかの画面に移っても残ります。記録した会議録は後から変えられません。訂正するときは、記録の「この記録を訂正する」から新しい記録を作ります（元の記録は「訂正前」として残ります）。"</p>
                <Show when=move || !errors.with(Vec::is_empty)>
                    <div class="error-summary" id="meeting-errors" tabindex="-1" role="alert">
                        <h4>"記録できませんでした"</h4>
                        <ul>{move || errors.get().into_iter().map(|(f, m)| error_link(f, m)).collect_view()}</ul>
                    </div>
                </Show>
                {field("meeting-held-on", "開催日", format!("例：{today}、2027-04-10"), i.held_on.clone(), false, true)}
                {field("meeting-time", "開催時間（任意）", "例：14:00〜15:00".into(), i.time.clone(), false, true)}
                {field("meeting-place", "開催場所", "例：本人の自宅、事業所の面談室".into(), i.place.clone(), false, false)}
                <h4 id="meeting-attendees-heading">"会議出席者"</h4>
                <p class="hint">"本人と家族も入れます。欠席した人も載せ、本人が欠席したときはその理由を、出られなかった事業所などには事前に照会した内容と回答を書きます。空の行は記録されません。"</p>
                {keyed(move || rows.get().into_iter().map(|r| (r.key, r)).collect(), attendee_row.clone())}
                <p class="field__error" hidden=move || error_for("meeting-add-attendee".into())().is_none()>{error_for("meeting-add-attendee".into())}</p>
                <button type="button" id="meeting-add-attendee" class="button button--secondary" on:click=add_row>"出席者を追加"</button>
                {field("meeting-items", "検討した項目", String::new(), i.items.clone(), true, false)}
                {field("meeting-discussion", "検討内容（任意）", String::new(), i.discussion.clone(), true, false)}
                {field("meeting-conclusion", "結論", String::new(), i.conclusion.clone(), true, false)}
                {field("meeting-remaining", "残された課題（任意）", "次の計画か地域課題に引き継ぎます（計画チェックが確かめます）。".into(), i.remaining_issues.clone(), true, false)}
                {field("meeting-next", "次回の開催時期（任意）", "例：3か月後のモニタリングの頃".into(), i.next_meeting.clone(), false, false)}
                {move || {
                    let list = correctable();
                    (!list.is_empty()).then(|| view! {
                        <div class="field">
                            <label for="meeting-corrects">"訂正する記録"</label>
                            <p class="field__hint" id="meeting-corrects-hint">"新しい会議なら「訂正ではない」のままにします。"</p>
                            <select id="meeting-corrects" class="select" aria-describedby="meeting-corrects-hint">
                                <option value="" selected=i.corrects.is_none()>"訂正ではない（新しい会議）"</option>
                                {list.into_iter().map(|(mid, label)| view! { <option value=mid.0.to_string() selected=i.corrects == Some(mid)>{label}</option> }).collect_view()}
                            </select>
                        </div>
                    })
                }}
                <div class="button-row">
                    <button type="submit" class="button">{if i.corrects.is_some() { "訂正を記録する" } else { "会議を記録する" }}</button>
                    <Show when=move || has_draft.get()>
                        <button type="button" id="meeting-clear-draft" class="button button--secondary" on:click=move |_| {
                            ask.set(Some(Ask::Clear));
                            focus_later("meeting-ask".to_owned());
                        }>"下書きを消す"</button>
                    </Show>
                </div>
            </form>
        }
    };

    let case_id = id.clone();
    let start_listed = start_correction.clone();
    view! {
        <p>{tie}</p>
        <h3 id="meeting-list-heading" tabindex="-1">"記録した会議"</h3>
        {move || {
            let list = recorded();
            if list.is_empty() {
                return view! { <p class="empty">"まだ記録していません。"</p> }.into_any();
            }
            let case_id = case_id.clone();
            view! {
                <div class="meeting-list">
                    {list.into_iter().map(|(mid, held_on, number, plan, place, attendees, conclusion, corrected, fixes)| {
                        let start = start_listed.clone();
                        let start = move |m| start(m, false);
                        let title_id = format!("meeting-{}-title", mid.0);
                        let labelled_by = title_id.clone();
                        let day = format_wareki(held_on);
                        view! {
                            <article class="card meeting" id=format!("meeting-{}", mid.0) tabindex="-1" aria-labelledby=labelled_by>
                                <h4 id=title_id>{format!("{}の会議", date_text(held_on))}
                                    " "<span class="tag">{format!("第{number}回")}</span>
                                    " "<span class="tag">{plan}</span>
                                    {corrected.then(|| view! { " "<span class="tag tag--muted">"訂正前（新しい記録があります）"</span> })}
                                    {fixes.map(|f| view! { " "<span class="tag">{f}</span> })}
                                </h4>
                                <dl class="meeting__facts">
                                    <dt>"開催場所"</dt><dd>{place}</dd>
                                    <dt>"出席者"</dt><dd>{attendees}</dd>
                                    <dt>"結論"</dt><dd class="meeting__text">{conclusion}</dd>
                                </dl>
                                <p class="meeting__actions">
                                    <a href=meeting_print_href(&case_id, mid)>{format!("{day}の会議録を印刷する")}</a>
                                    {(!corrected).then(|| view! {
                                        <button type="button" class="button button--secondary button--small" on:click=move |_| start(mid)>
                                            {format!("{day}の記録を訂正する")}
                                        </button>
                                    })}
                                </p>
                            </article>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }}
        <p id="meeting-done" tabindex="-1" class="notice notice--success" hidden=move || done.get().is_none()>{move || done.get()}</p>
        {move || ask.get().map(|q| {
            let (title, text, yes) = match q {
                Ask::Clear => ("下書きを消しますか", "この会議録の下書きに入力した内容がすべて消えます。元に戻せません。".to_owned(), "下書きを消す"),
                Ask::Replace(mid) => {
                    let day = state.with_case(&id, |c| c.team_meeting(mid).map(|m| format_wareki(m.held_on))).flatten().unwrap_or_default();
                    ("書きかけの下書きがあります", format!("{day}の記録の訂正を始めると、今の下書きは訂正する記録の内容に置き換わり、入力した内容は消えます。"), "下書きを置き換えて訂正する")
                }
            };
            let (clear, start) = (clear_draft.clone(), start_correction.clone());
            view! {
                <div class="notice notice--warning" id="meeting-ask" tabindex="-1" role="alert">
                    <h3 class="notice__title">{title}</h3>
                    <p>{text}</p>
                    <div class="button-row">
                        <button type="button" class="button button--danger" on:click=move |_| match q {
                            Ask::Clear => clear(),
                            Ask::Replace(mid) => start(mid, true),
                        }>{yes}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| {
                            ask.set(None);
                            focus_later(if q == Ask::Clear { "meeting-clear-draft" } else { "meeting-form-heading" }.to_owned());
                        }>"やめる"</button>
                    </div>
                </div>
            }
        })}
        // Keyed on the generation so a new form is new elements: a re-run closure would patch
        // the old ones, and an unchanged `value` attribute leaves the typed text in place.
        {keyed(move || vec![(form_generation.get(), ())], move |()| form().into_any())}
    }
    .into_any()
}

/// The printed 会議録 of one meeting: A4 portrait, laid out like 第4表「サービス担当者会議の
/// 要点」 — the header (利用者名, 計画作成者, 開催日・場所・時間・回数, the plan discussed), the
/// attendees, then 検討した項目, 検討内容, 結論, 残された課題, 次回.
#[component]
pub fn MeetingPrintPage(id: CaseId, meeting: MeetingId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let found = untrack(|| state.case(&id)).and_then(|c| c.team_meeting(meeting).cloned().map(|m| (c, m)));
    let Some((case, m)) = found else {
        set_title("会議録が見つかりません");
        return view! { <h1 tabindex="-1">"会議録が見つかりません"</h1><p><a href="#/">"ケース一覧に戻る"</a></p> }.into_any();
    };
    set_title("サービス担当者会議の要点 印刷");
    // The version discussed, once final (a draft discussed became it), else the working plan.
    let plan = case.final_plans.get(m.plan_version as usize - 1).unwrap_or(&case.plan);
    let planner = plan.header.planner.trim().to_owned();
    let office = plan.header.office_name.trim().to_owned();
    let corrected = case.meeting_corrected(m.id);
    let fixes = m.corrects.and_then(|o| case.team_meeting(o)).map(|o| format!("{}の記録を訂正したもの", format_wareki(o.held_on)));
    let number = case.meeting_number(m.id);
    let rows = m.attendees.iter().map(|a| {
        let (affiliation, name) = if a.role == AttendeeRole::Person {
            ("本人".to_owned(), if a.name.is_empty() { case.name.as_str().to_owned() } else { a.name.clone() })
        } else {
            let aff = if a.affiliation.is_empty() { a.role.label().to_owned() } else { format!("{}（{}）", a.affiliation, a.role.label()) };
            (aff, a.name.clone())
        };
        view! {
            <tr>
                <td>{affiliation}</td>
                <td>{name}</td>
                <td class="sheet__num">{if a.present { "出席" } else { "欠席" }}</td>
                <td>{a.absence_note.clone()}</td>
            </tr>
        }
    }).collect_view();
    let back = case_href(&id, Stage::TeamMeeting);
    view! {
        {print_toolbar_for(back, "担当者会議の画面に戻る", "会議録の印刷".to_owned(), "A4縦")}
        {corrected.then(|| view! {
            <div class="notice notice--warning print-hide"><p>"この記録には訂正した新しい記録があります。"</p></div>
        })}
        <article class="sheet sheet--meeting" aria-label="印刷される会議録">
            <h2 class="sheet__title">"サービス担当者会議の要点"</h2>
            <table class="sheet__header">
                <tbody>
                    <tr>
                        <th scope="row">"利用者名"</th><td>{case.name.as_str().to_owned()}</td>
                        <th scope="row">"計画作成担当者"</th><td>{[office, planner].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("　")}</td>
                    </tr>
                    <tr>
                        <th scope="row">"開催日"</th><td>{format_wareki(m.held_on)}</td>
                        <th scope="row">"開催場所"</th><td>{m.place.clone()}</td>
                    </tr>
                    <tr>
                        <th scope="row">"開催時間"</th><td>{m.time.clone()}</td>
                        <th scope="row">"開催回数"</th><td>{format!("第{number}回")}</td>
                    </tr>
                    <tr>
                        <th scope="row">"検討した計画"</th><td colspan="3">{m.plan_label()}{fixes.map(|f| format!("　※{f}"))}</td>
                    </tr>
                </tbody>
            </table>
            <table class="sheet__attendees">
                <caption>"会議出席者"</caption>
                <thead>
                    <tr>
                        <th scope="col">"所属（職種）"</th>
                        <th scope="col">"氏名"</th>
                        <th scope="col" class="sheet__num">"出欠"</th>
                        <th scope="col">"欠席の理由・照会の内容"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <table class="sheet__narrative sheet__minutes">
                <tbody>
                    <tr><th scope="row">"検討した項目"</th><td>{m.items.clone()}</td></tr>
                    <tr><th scope="row">"検討内容"</th><td>{m.discussion.clone()}</td></tr>
                    <tr><th scope="row">"結論"</th><td>{m.conclusion.clone()}</td></tr>
                    <tr><th scope="row">"残された課題"</th><td>{m.remaining_issues.clone()}</td></tr>
                    <tr><th scope="row">"次回の開催時期"</th><td>{m.next_meeting.clone()}</td></tr>
                </tbody>
            </table>
        </article>
    }
    .into_any()
}

//! アセスメント: life domains × 本人の願い・希望 / 家族の願い・希望 / 今の状況 / 強み・資源, and
//! the decision-support record. All edits go through `AppState::edit`; inputs are
//! uncontrolled (IME-safe) and keyed by entry id, so adding a row never re-creates others.

pub mod ecomap;

use crate::ui::state::AppState;
use crate::ui::widgets::{checkbox, focus_later, keyed, text_area, OnInput};
use crate::domain::{Column, EntryId, Speaker, StrengthKind};
use crate::domain::sources::{OWN_WORDS_FIRST, PERSON_NOT_FAMILY};
use crate::domain::{CaseId, DecisionSupport};
use leptos::prelude::*;

#[component]
pub fn AssessmentPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let domain_indices = {
        let id = id.clone();
        Memo::new(move |_| {
            state.with_case(&id, |c| {
                c.assessment.domains().iter().enumerate().map(|(i, d)| (i, d.hidden)).collect::<Vec<_>>()
            }).unwrap_or_default()
        })
    };
    let shown = move || domain_indices.get().into_iter().filter(|(_, h)| !h).map(|(i, _)| i).collect::<Vec<_>>();
    let hidden = move || domain_indices.get().into_iter().filter(|(_, h)| *h).map(|(i, _)| i).collect::<Vec<_>>();
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id);

    view! {
        <p class="hint">
            "本人の願い・希望から聞き始めます。本人の言葉は言い換えずにそのまま書き、「言葉をそのまま記録」に印をつけると「」で表示されます。"
            "本人の願いと家族の願いは分けて書きます。入力した内容は自動で保存されます。"
        </p>
        <p class="source">"出典：" {OWN_WORDS_FIRST.citation()} "／" {PERSON_NOT_FAMILY.citation()}</p>
        {keyed(move || shown().into_iter().map(|i| (i as u64, i)).collect(),
            move |index| view! { <DomainSection id=id1.clone() index/> }.into_any())}
        <AddDomain id=id2/>
        <Show when=move || !hidden().is_empty()>
            <section class="section" aria-labelledby="hidden-domains-heading">
                <h3 id="hidden-domains-heading" tabindex="-1">"隠している領域"</h3>
                <p class="hint">"隠しても、書いた内容は消えません。"</p>
                <ul class="plain-list">
                    {
                        let id = id3.clone();
                        move || hidden().into_iter().map(|i| {
                            let id = id.clone();
                            let label = state.with_case(&id, |c| c.assessment.domains()[i].domain.label().to_owned()).unwrap_or_default();
                            view! {
                                <li>
                                    {label.clone()} " "
                                    <button type="button" class="button button--secondary button--small"
                                        aria-label=format!("再表示（{label}）")
                                        on:click=move |_| {
                                            state.edit(&id, |c| c.assessment.set_hidden(i, false));
                                            focus_later(format!("domain-{i}-heading"));
                                        }>
                                        "再表示"
                                    </button>
                                </li>
                            }
                        }).collect_view()
                    }
                </ul>
            </section>
        </Show>
        <DecisionSupportForm id=id4/>
    }
}

#[component]
fn DomainSection(id: CaseId, index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let label = untrack(|| state.case(&id)).map(|c| c.assessment.domains()[index].domain.label().to_owned()).unwrap_or_default();
    let heading_id = format!("domain-{index}-heading");
    let labelled_by = heading_id.clone();
    let hide_id = id.clone();
    view! {
        <section class="domain card" aria-labelledby=labelled_by>
            <div class="domain__head">
                <h3 id=heading_id tabindex="-1">{label.clone()}</h3>
                <button type="button" class="button button--secondary button--small"
                    aria-label=format!("この領域を隠す（{label}）")
                    on:click=move |_| {
                        state.edit(&hide_id, |c| c.assessment.set_hidden(index, true));
                        focus_later("hidden-domains-heading".to_owned());
                    }>
                    "この領域を隠す"
                </button>
            </div>
            <div class="domain__columns">
                {Column::ALL.into_iter().map(|column| view! {
                    <ColumnEntries id=id.clone() index column domain_label=label.clone()/>
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn ColumnEntries(id: CaseId, index: usize, column: Column, domain_label: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let entries = {
        let id = id.clone();
        move || {
            state
                .case(&id)
                .map(|c| c.assessment.domains()[index].column(column).iter().map(|e| e.id).collect::<Vec<_>>())
                .unwrap_or_default()
        }
    };
    let add_id = id.clone();
    let add_label = format!("{}を追加（{domain_label}）", column.label_short());
    view! {
        <div class=format!("domain__column domain__column--{}", column.slug())>
            <h4>{column.label()}</h4>
            <ol class="entries">
                {keyed(move || entries().into_iter().map(|e| (u64::from(e.0), u64::from(e.0))).collect(), {
                    let id = id.clone();
                    move |e| view! {
                        <EntryEditor id=id.clone() entry=EntryId(e as u32) column add_button=format!("add-{index}-{}", column.slug())/>
                    }.into_any()
                })}
            </ol>
            <button type="button" id=format!("add-{index}-{}", column.slug()) class="button button--secondary button--small" aria-label=add_label
                on:click=move |_| {
                    let mut added = None;
                    state.edit_if(&add_id, |c| {
                        added = c.assessment.add_entry(index, column);
                        added.is_some()
                    });
                    match added {
                        Some(entry) => focus_later(format!("entry-{}-text", entry.0)),
                        None => state.status.set(crate::domain::id_limit_message("アセスメントの記入")),
                    }
                }>
                "＋ 追加"
            </button>
        </div>
    }
}

#[component]
fn EntryEditor(id: CaseId, entry: EntryId, column: Column, add_button: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(initial) = untrack(|| state.case(&id)).and_then(|c| c.assessment.entry(entry).cloned()) else {
        return ().into_any();
    };
    let base = format!("entry-{}", entry.0);
    let (id1, id2, id3, id4, id5) = (id.clone(), id.clone(), id.clone(), id.clone(), id);
    let speaker_id = format!("{base}-speaker");
    let kind_id = format!("{base}-kind");
    view! {
        <li class="entry">
            {text_area(format!("{base}-text"), "内容", "", initial.text.clone(),
                Box::new(move |v| state.edit_text(&id1, |c| if let Some(e) = c.assessment.entry_mut(entry) { e.text = v })))}
            <div class="entry__meta">
                {checkbox(format!("{base}-own-words"), "言葉をそのまま記録（「」で表示）", initial.own_words,
                    Box::new(move |v| state.edit(&id2, |c| if let Some(e) = c.assessment.entry_mut(entry) { e.own_words = v })))}
                <div class="field field--inline">
                    <label for=speaker_id.clone()>"話した人"</label>
                    <select id=speaker_id class="select select--small" on:change=move |ev| {
                        if let Some(s) = Speaker::from_code(&event_target_value(&ev)) {
                            state.edit(&id3, |c| if let Some(e) = c.assessment.entry_mut(entry) { e.speaker = s });
                        }
                    }>
                        {Speaker::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=s == initial.speaker>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {(column == Column::Strengths).then(|| view! {
                    <div class="field field--inline">
                        <label for=kind_id.clone()>"強みの種類"</label>
                        <select id=kind_id class="select select--small" on:change=move |ev| {
                            let kind = StrengthKind::from_code(&event_target_value(&ev));
                            state.edit(&id4, |c| if let Some(e) = c.assessment.entry_mut(entry) { e.strength_kind = kind });
                        }>
                            <option value="" selected=initial.strength_kind.is_none()>"未選択"</option>
                            {StrengthKind::ALL.into_iter().map(|k| view! {
                                <option value=k.code() selected=Some(k) == initial.strength_kind>{k.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <button type="button" class="button button--danger button--small"
                    aria-label=format!("{}のこの記入を削除", column.label_short())
                    on:click=move |_| {
                        state.edit(&id5, |c| { c.assessment.remove_entry(entry); });
                        focus_later(add_button.clone());
                    }>
                    "削除"
                </button>
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn AddDomain(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    view! {
        <section class="section" aria-labelledby="add-domain-heading">
            <h3 id="add-domain-heading">"領域を追加"</h3>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                let mut result = Ok(0);
                state.edit_if(&id, |c| {
                    result = c.assessment.add_domain(&name.get_untracked());
                    result.is_ok()
                });
                match result {
                    Ok(index) => {
                        name.set(String::new());
                        error.set(None);
                        focus_later(format!("domain-{index}-heading"));
                    }
                    Err(m) => {
                        error.set(Some(m));
                        focus_later("new-domain-name".to_owned());
                    }
                }
            }>
                <div class="field">
                    <label for="new-domain-name">"追加する領域の名前"</label>
                    <p class="field__error" id="new-domain-error" hidden=move || error.get().is_none()>{move || error.get()}</p>
                    <input id="new-domain-name" class="input" type="text" autocomplete="off"
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || error.get().map(|_| "new-domain-error")
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button--secondary">"領域を追加"</button>
            </form>
        </section>
    }
}

#[component]
fn DecisionSupportForm(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let initial = untrack(|| state.case(&id)).map(|c| c.assessment.decision_support).unwrap_or_default();
    let estimated = RwSignal::new(initial.estimated);
    let id = StoredValue::new(id);
    // Every field here writes one slot of the record.
    let edit = move |f: fn(&mut DecisionSupport, String)| -> OnInput {
        Box::new(move |v: String| id.with_value(|id| state.edit_text(id, |c| f(&mut c.assessment.decision_support, v))))
    };
    view! {
        <section class="section card" aria-labelledby="decision-support-heading">
            <h3 id="decision-support-heading">"意思決定支援の記録"</h3>
            <p class="hint">"本人が自分で決められるよう、どのように支援したかを記録します。本人の意思を推定した部分があれば、誰がどのような根拠で推定したかも書きます。"</p>
            {text_area("ds-participation".to_owned(), "本人がどのように参加したか", "", initial.participation,
                edit(|d, v| d.participation = v))}
            {text_area("ds-supports".to_owned(), "使った支援（説明の工夫、時間、場所、同席者など）", "", initial.supports_used,
                edit(|d, v| d.supports_used = v))}
            {checkbox("ds-estimated".to_owned(), "本人の意思を推定した部分がある", initial.estimated,
                Box::new(move |v| {
                    estimated.set(v);
                    id.with_value(|id| state.edit(id, |c| c.assessment.decision_support.estimated = v));
                }))}
            <Show when=move || estimated.get()>
                {move || {
                    // Read when shown: hiding and showing again must not bring back old text.
                    let now = id.with_value(|id| untrack(|| state.case(id))).map(|c| c.assessment.decision_support).unwrap_or_default();
                    view! {
                        {text_area("ds-estimated-by".to_owned(), "推定した人（本人をよく知る人）", "", now.estimated_by,
                            edit(|d, v| d.estimated_by = v))}
                        {text_area("ds-reason".to_owned(), "推定の根拠", "", now.estimation_reason,
                            edit(|d, v| d.estimation_reason = v))}
                    }
                }}
            </Show>
        </section>
    }
}

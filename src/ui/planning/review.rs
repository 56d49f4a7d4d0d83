//! 評価・助言: the reviews a case's plan has received (by plan version), and, for a lead
//! (設定: 主任), the form to write one — advice per finding of the plan check and overall —
//! saved as typed and sent back as a small file. The rules are in `domain::review`.

use crate::ui::download::download;
use crate::ui::state::{now, AppState};
use crate::domain::check::check_case;
use crate::domain::review::{review_file, ReviewDraft};
use crate::domain::role_matrix::Level;
use crate::domain::wareki::{format_seireki, format_wareki};
use crate::domain::CaseId;
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub fn ReviewPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let is_lead = move || state.settings.with(|s| s.level == Level::Lead);
    let received = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .with_case(&id, |c| {
                    let current = c.plan_version();
                    let mut rs: Vec<_> = c.reviews.iter().map(|r| (r.clone(), r.plan_version == current)).collect();
                    rs.sort_by(|a, b| b.0.plan_version.cmp(&a.0.plan_version).then(b.0.reviewed_on.cmp(&a.0.reviewed_on)));
                    rs
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="section" aria-labelledby="review-received-heading">
            <h3 id="review-received-heading" tabindex="-1">"受け取った評価・助言"</h3>
            <Show when=move || received.with(Vec::is_empty)>
                <p class="empty">"まだありません。主任相談支援専門員から届いた評価・助言のファイルは、ケース一覧の「ファイルから読み込む」で読み込みます。"</p>
            </Show>
            {move || received.get().into_iter().map(|(r, current)| view! {
                <article class="card review">
                    <h4>{format!("第{}版の計画への評価・助言（{}、{}）", r.plan_version, r.reviewer, format_wareki(r.reviewed_on))}
                        {(!current).then(|| view! { <span class="tag tag--muted">"前の版"</span> })}
                    </h4>
                    {(!r.overall.is_empty()).then(|| view! { <p class="review__overall">{r.overall.clone()}</p> })}
                    <ul class="review__comments">
                        {r.comments.iter().map(|c| view! {
                            <li><p class="hint">{format!("指摘：{}", c.message)}</p><p>{c.comment.clone()}</p></li>
                        }).collect_view()}
                    </ul>
                </article>
            }).collect_view()}
        </section>
        <Show when=is_lead fallback=|| view! {
            <p class="hint">"評価・助言を書くのは主任相談支援専門員です（設定でレベルを「主任」にすると、ここで書けます）。"</p>
        }>
            <ReviewForm id=id.clone()/>
        </Show>
    }
}

/// The lead's form. Every field is saved into the case's `review_draft` as typed.
#[component]
fn ReviewForm(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
    let draft = case.review_draft.clone().unwrap_or_else(|| ReviewDraft {
        reviewed_on: format_seireki(now().date_naive()),
        ..ReviewDraft::default()
    });
    let settings = state.settings.get_untracked();
    let findings: Vec<(String, String, &'static str)> =
        check_case(&case, &settings).into_iter().map(|f| (f.key(), f.message, f.rule.title)).collect();
    let errors = RwSignal::new(Vec::<(&'static str, &'static str)>::new());
    let done = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    // The draft is stored from the first keystroke, starting with the date shown.
    let started_on = StoredValue::new(draft.reviewed_on.clone());
    let edit = move |f: Box<dyn FnOnce(&mut ReviewDraft)>| {
        id.with_value(|id| {
            state.edit_text(id, |c| {
                let d = c.review_draft.get_or_insert_with(|| ReviewDraft {
                    reviewed_on: started_on.get_value(),
                    ..ReviewDraft::default()
                });
                f(d);
            })
        })
    };
    let text = |key: &'static str, label: &'static str, value: String, long: bool, f: fn(&mut ReviewDraft, String)| {
        let dom = format!("review-{key}");
        let on_input = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            edit(Box::new(move |d| f(d, v)))
        };
        let invalid = move || if errors.with(|e| e.iter().any(|(f, _)| f.replace('_', "-") == key)) { "true" } else { "false" };
        if long {
            view! {
                <div class="field">
                    <label for=dom.clone()>{label}</label>
                    <textarea id=dom class="textarea" rows="3" aria-invalid=invalid on:input=on_input>{value}</textarea>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="field">
                    <label for=dom.clone()>{label}</label>
                    <input id=dom type="text" class="input input--short" autocomplete="off" value=value aria-invalid=invalid on:input=on_input/>
                </div>
            }
            .into_any()
        }
    };
    let comments = findings
        .into_iter()
        .map(|(key, message, title)| {
            let dom: String = key.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
            let dom = format!("review-comment-{dom}");
            let value = draft.comment(&key).unwrap_or_default().to_owned();
            let label = format!("助言（{title}）");
            let on_input = {
                let (key, message) = (key.clone(), message.clone());
                move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    let (key, message) = (key.clone(), message.clone());
                    edit(Box::new(move |d| d.set_comment(&key, &message, v)))
                }
            };
            view! {
                <li class="review__finding">
                    <p>{message}</p>
                    <label for=dom.clone() class="review__label">{label}</label>
                    <textarea id=dom class="textarea" rows="2" on:input=on_input>{value}</textarea>
                </li>
            }
        })
        .collect_view();
    let finish = move |_| {
        let mut result = Err(Vec::new());
        id.with_value(|id| {
            state.edit_if(id, |c| {
                result = c.finish_review().map(|r| (c.id.clone(), r));
                result.is_ok()
            });
        });
        match result {
            Ok((case_id, review)) => {
                errors.set(Vec::new());
                let d = review.reviewed_on;
                let stamp = format!("{:04}{:02}{:02}", d.year(), d.month(), d.day());
                download(&format!("評価・助言_{stamp}.json"), &review_file(&case_id, &review));
                done.set(Some(format!(
                    "第{}版への評価・助言を記録し、ファイルに書き出しました。計画を書いた人に渡してください。",
                    review.plan_version
                )));
                crate::ui::widgets::focus_later("review-done".to_owned());
            }
            Err(e) => {
                errors.set(e);
                crate::ui::widgets::focus_later("review-errors".to_owned());
            }
        }
    };
    let dom_of = |field: &str| format!("review-{}", field.replace('_', "-"));
    view! {
        <section class="section card" aria-labelledby="review-form-heading">
            <h3 id="review-form-heading">"評価・助言を書く（主任）"</h3>
            <p class="hint">{format!("第{}版の計画について書きます。入力は自動で保存されます。", case.plan_version())}</p>
            <p class="review-done" id="review-done" tabindex="-1" role="status">{move || done.get()}</p>
            <div id="review-errors" class="notice notice--error" tabindex="-1" role="alert" hidden=move || errors.with(Vec::is_empty)>
                <h4 class="notice__title">"入力を確認してください"</h4>
                <ul>{move || errors.get().into_iter().map(|(f, m)| crate::ui::widgets::error_link(dom_of(f), m.to_owned())).collect_view()}</ul>
            </div>
            <div class="grid-2">
                {text("reviewer", "評価・助言をした人", draft.reviewer.clone(), false, |d, v| d.reviewer = v)}
                {text("reviewed-on", "日付", draft.reviewed_on.clone(), false, |d, v| d.reviewed_on = v)}
            </div>
            {text("overall", "全体への評価・助言", draft.overall.clone(), true, |d, v| d.overall = v)}
            <h4>"指摘ごとの助言"</h4>
            <ul class="review__findings">{comments}</ul>
            <button type="button" class="button" on:click=finish>"評価・助言を記録してファイルに書き出す"</button>
        </section>
    }
    .into_any()
}

//! `#/training/<slug>/<step>`: one step of the walkthrough — what to do, why (quoted), the
//! common mistakes, and what the chosen case shows there with its teaching points. Keys as
//! a presentation clicker sends them: →/PageDown next, ←/PageUp back, Home/End.

use super::{Library, Pair};
use crate::domain::sources::cited_document;
use crate::domain::training::TrainingCase;
use crate::domain::walkthrough::{self, material, step_of, Material};
use crate::domain::Stage;
use crate::ui::route::{set_title, training_href};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The key's step, if it moves (never while typing in a field, or with a modifier).
fn target_of(ev: &web_sys::KeyboardEvent, step: Stage) -> Option<Stage> {
    if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.default_prevented() {
        return None;
    }
    let typing = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || e.has_attribute("contenteditable"));
    if typing {
        return None;
    }
    let to = match ev.key().as_str() {
        "ArrowRight" | "PageDown" => walkthrough::next(step),
        "ArrowLeft" | "PageUp" => walkthrough::previous(step),
        "Home" => Some(Stage::Intake),
        "End" => Some(Stage::Evaluation),
        _ => None,
    };
    to.filter(|s| *s != step)
}

#[component]
pub fn TrainingStepPage(slug: String, step: Stage) -> impl IntoView {
    set_title("研修モード");
    let library = expect_context::<Library>();
    library.load_index();
    library.load_case(slug.clone());
    let s = walkthrough::step(step);

    let keys_slug = slug.clone();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if let Some(to) = target_of(&ev, step) {
            ev.prevent_default();
            let _ = window().location().set_hash(&training_href(&keys_slug, to));
        }
    });
    on_cleanup(move || keys.remove());

    let case_slug = slug.clone();
    let case = move || -> Option<Result<TrainingCase, String>> {
        library.index.with(|i| {
            i.as_ref().map(|i| match i {
                Ok(i) => i.cases.iter().find(|c| c.slug == case_slug).cloned().ok_or_else(|| "この研修ケースはありません。".to_owned()),
                Err(m) => Err(m.clone()),
            })
        })
    };
    let pair_slug = slug.clone();
    let pair = move || library.cases.with(|c| c.iter().find(|(s, _)| *s == pair_slug).map(|(_, p)| p.clone()));

    let prev = walkthrough::previous(step).map(|p| training_href(&slug, p));
    let next = walkthrough::next(step).map(|p| training_href(&slug, p));
    let title = case.clone();
    view! {
        <p class="training-step__case">{move || match title() { Some(Ok(c)) => c.title, _ => String::new() }}</p>
        <h1 tabindex="-1" class="training-step__heading">{step.label()}</h1>
        <ol class="training-progress" aria-label="ケアマネジメントの流れ">
            {Stage::ALL.into_iter().map(|st| {
                let current = (st == step).then_some("step");
                view! { <li aria-current=current>{st.label()}</li> }
            }).collect_view()}
        </ol>
        <section class="training-section" aria-labelledby="training-todo">
            <h2 id="training-todo">"すること"</h2>
            <ul>{s.todo.iter().map(|t| view! { <li>{*t}</li> }).collect_view()}</ul>
        </section>
        <section class="training-section" aria-labelledby="training-why">
            <h2 id="training-why">"なぜ"</h2>
            <blockquote class="training-quote">
                <p>{format!("「{}」", s.why.quote)}</p>
                <p class="training-quote__source">{format!("{} {}", cited_document(s.why.file), s.why.heading)}</p>
            </blockquote>
        </section>
        <section class="training-section" aria-labelledby="training-mistakes">
            <h2 id="training-mistakes">"よくあるまちがい"</h2>
            <ul>{s.mistakes.iter().map(|t| view! { <li>{*t}</li> }).collect_view()}</ul>
        </section>
        <section class="training-section" aria-labelledby="training-case">
            <h2 id="training-case">"このケースでは"</h2>
            {move || match (case(), pair()) {
                (Some(Err(m)), _) | (_, Some(Err(m))) => view! {
                    <p class="field__error" role="alert">{m}</p>
                    <p><a href="#/training">"研修ケースを選び直す"</a></p>
                }.into_any(),
                (Some(Ok(c)), Some(Ok(p))) => case_at(step, &c, &p).into_any(),
                _ => view! { <p>"読み込んでいます…"</p> }.into_any(),
            }}
        </section>
        <nav class="training-nav" aria-label="ステップの移動">
            {prev.map(|h| view! { <a class="button button--secondary" href=h>"前へ"</a> })}
            {match next {
                Some(h) => view! { <a class="button" href=h>"次へ"</a> }.into_any(),
                None => view! { <a class="button" href="#/training">"研修ケースの一覧へ"</a> }.into_any(),
            }}
        </nav>
    }
}

fn blocks(m: Material) -> impl IntoView {
    let class = if m.compare { "training-blocks training-blocks--compare" } else { "training-blocks" };
    view! {
        <div class=class>
            {m.blocks.into_iter().map(|b| view! {
                <div class="training-block">
                    <h3>{b.title}</h3>
                    <ul>{b.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            }).collect_view()}
        </div>
    }
}

/// The case's material at this step, then its teaching points that belong here.
fn case_at(step: Stage, case: &TrainingCase, pair: &Pair) -> impl IntoView {
    let points: Vec<_> = case.points.iter().filter(|p| step_of(p) == step).cloned().collect();
    let material = material(step, &pair.draft, &pair.model);
    let empty = material.blocks.is_empty() && points.is_empty();
    view! {
        {(!material.blocks.is_empty()).then(|| blocks(material))}
        {(!points.is_empty()).then(|| view! {
            <h3>"このステップの学びどころ"</h3>
            <ul class="training-points">
                {points.into_iter().map(|p| view! {
                    <li>
                        <strong>{p.title}</strong>
                        {p.checked.then(|| view! { <span class="training-points__checked">"（計画チェックで見つかる）"</span> })}
                        <details>
                            <summary>"講師向けの説明"</summary>
                            <p>{p.explanation}</p>
                            <p class="training-quote__source">{format!("「{}」（{} {}）", p.source.quote,
                                p.source.document().map(|d| d.label()).unwrap_or_default(), p.source.heading)}</p>
                        </details>
                    </li>
                }).collect_view()}
            </ul>
        })}
        {empty.then(|| view! { <p>"このケースの資料にはこのステップの記録がありません。上の「すること」を、ケースに当てはめて話し合いましょう。"</p> })}
    }
}

//! Fictional sample cases (public/samples/) for training and practice: listed on demand,
//! each loaded as a new case. Fetched from the app's own files only, or, in the single-file
//! build (scripts/single.mjs, opened from file:// where nothing can be fetched), read from
//! the page itself.

use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, Deserialize)]
struct Sample {
    file: String,
    title: String,
    #[serde(default)]
    summary: String,
}

#[derive(Deserialize)]
struct Index {
    samples: Vec<Sample>,
}

/// The single-file build carries each sample file in the page as
/// `<script type="application/json" id="embedded:samples/…">` (a data block, never run).
/// The text of a script element is its `innerHTML` as written.
fn embedded_text(url: &str) -> Option<String> {
    let element = window().document()?.get_element_by_id(&format!("embedded:{url}"))?;
    Some(element.inner_html())
}

async fn fetch_text(url: &str) -> Result<String, String> {
    fetch_own_file(url, "サンプル").await
}

/// One of the app's own files (`samples/…`, `training/…`), from the page in the single-file
/// build, else fetched; the message names `what` could not be read.
pub(crate) async fn fetch_own_file(url: &str, what: &str) -> Result<String, String> {
    if let Some(text) = embedded_text(url) {
        return Ok(text);
    }
    let failed = || format!("{what}を読み込めませんでした。");
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(|_| failed())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed())?;
    if !response.ok() {
        return Err(format!("{what}を読み込めませんでした（{}）。", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| failed())?).await.map_err(|_| failed())?;
    text.as_string().ok_or_else(failed)
}

/// The 「サンプルケース」 section of the case list: closed at first; opening it fetches
/// the list, shown by [`SampleList`] (in the chunk `cases`, with what reads a sample in).
#[component]
pub fn SampleCases() -> impl IntoView {
    // How many times the list was asked for: on the first opening, and again on an opening
    // after the part could not be loaded (the message says to open it again).
    let asked = RwSignal::new(0u32);
    let failed = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        if event_target::<web_sys::HtmlDetailsElement>(&ev).open() && (asked.get_untracked() == 0 || failed.get_untracked()) {
            failed.set(false);
            asked.update(|n| *n += 1);
        }
    };
    let unavailable = move || {
        failed.set(true);
        view! { <p class="field__error" role="alert">"サンプルを読み込む機能を読み込めませんでした。ネットワークに接続してから、もう一度開いてください。"</p> }.into_any()
    };
    view! {
        <details class="samples section" on:toggle=on_toggle>
            <summary>"サンプルケース（研修・練習用）を読み込む"</summary>
            <p>"架空の人物のケースです。読み込むと新しいケースとして一覧に加わります（今あるケースは変わりません）。"</p>
            {move || (asked.get() > 0).then(|| crate::ui::lazy::lazy_part(crate::ui::screens::sample_list(), unavailable))}
        </details>
    }
}

/// The sample cases listed, each with 「読み込む」.
#[component]
pub fn SampleList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let samples = RwSignal::new(None::<Vec<Sample>>);
    let error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match fetch_text("samples/index.json").await.and_then(|t| {
            serde_json::from_str::<Index>(&t).map_err(|_| "サンプルの一覧が壊れています。".to_owned())
        }) {
            Ok(index) => samples.set(Some(index.samples)),
            Err(m) => error.set(Some(m)),
        }
    });
    let load = move |sample: Sample| {
        spawn_local(async move {
            let added = match (fetch_text(&format!("samples/{}", sample.file)).await, state.whole().await) {
                (Ok(text), Ok(())) => crate::ui::screens::add_sample(state, text)
                    .await
                    .unwrap_or_else(|_| Err("サンプルを読み込む機能を読み込めませんでした。ネットワークに接続してから、もう一度選んでください。".to_owned())),
                (Err(m), _) | (_, Err(m)) => Err(m),
            };
            match added {
                Ok(()) => {
                    error.set(None);
                    state.status.set(format!("サンプル「{}」を読み込みました", sample.title));
                }
                Err(m) => error.set(Some(m)),
            }
        });
    };
    view! {
        {move || error.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
        <ul class="plain-list">
            {move || samples.get().unwrap_or_default().into_iter().map(|s| {
                let label = format!("読み込む（{}）", s.title);
                let (title, summary) = (s.title.clone(), s.summary.clone());
                view! {
                    <li class="sample">
                        <strong>{title}</strong>
                        {(!summary.is_empty()).then(|| view! { <span class="sample__summary">{summary}</span> })}
                        <button type="button" class="button button--secondary button--small" aria-label=label
                            on:click=move |_| load(s.clone())>"読み込む"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

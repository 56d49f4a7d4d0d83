//! 出典の資料 (`#/sources`): the public documents the app's checks, hints and role matrix
//! cite — publisher, title, year, file, what each is, and the passages the app quotes from
//! it. A 出典 names a document by its publisher and title; this page says what that is.

use crate::ui::route::set_title;
use crate::domain::role_matrix::{FILE_000, FILE_003, RECOMMENDATION_FORM_TITLE, TABLE_HEADING, BASIC_VIEWPOINTS, LEAD_ROLES};
use crate::domain::sources::{Document, ALL, DOCUMENTS};
use leptos::prelude::*;

/// The headings of a document the app quotes, each once, in the order first cited.
fn cited_headings(d: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |h: String| {
        if !out.contains(&h) {
            out.push(h);
        }
    };
    if d.file == FILE_000 {
        add(format!("表「{TABLE_HEADING}」（役割の目安の表）"));
        add(format!("「{RECOMMENDATION_FORM_TITLE}」（主任研修の推薦申出書の確認）"));
    }
    if d.file == FILE_003 {
        for s in BASIC_VIEWPOINTS.iter().chain(LEAD_ROLES.iter().map(|r| &r.source)) {
            add(s.heading.to_owned());
        }
    }
    for s in ALL.iter().filter(|s| s.file == d.file) {
        add(s.heading.to_owned());
    }
    out
}

#[component]
pub fn SourcesPage(code: Option<String>) -> impl IntoView {
    set_title("出典の資料");
    // Opened at one document (a 「000」 link on 役割の目安): its heading takes focus and the
    // top of the window, after the route has focused the page heading.
    if let Some(code) = code {
        request_animation_frame(move || {
            request_animation_frame(move || {
                use wasm_bindgen::JsCast;
                if let Some(h) = document().get_element_by_id(&format!("source-doc-{code}")) {
                    if let Some(h) = h.dyn_ref::<web_sys::HtmlElement>() {
                        crate::ui::widgets::focus_in_view(h);
                    }
                }
            })
        });
    }
    view! {
        <h1 tabindex="-1">"出典の資料"</h1>
        <p>"計画チェックの指摘、入力欄のヒント、役割の目安の表は、次の公開資料をもとにしています。"
            "指摘の「出典」には、資料の発行元・題名・年と、その中の見出しを示しています。"</p>
        <p class="hint">"資料の文章はこのアプリには入っていません。番号（000〜004）とファイル名は、開発に使った資料の控えの名前です。"</p>
        {DOCUMENTS.iter().map(|d| {
            let heading_id = format!("source-doc-{}", d.code);
            let labelled_by = heading_id.clone();
            let cited = cited_headings(d);
            let count = cited.len();
            view! {
                <section class="section card source-doc" aria-labelledby=labelled_by>
                    <h2 id=heading_id tabindex="-1">{format!("資料{}　{}", d.code, d.title)}</h2>
                    <dl class="source-doc__facts">
                        <dt>"発行"</dt><dd>{d.publisher}</dd>
                        <dt>"年"</dt><dd>{if d.issued.is_empty() { "資料に記載がありません" } else { d.issued }}</dd>
                        <dt>"ファイル"</dt><dd>{d.file}</dd>
                    </dl>
                    <p>{d.about}</p>
                    <details class="source-doc__cited">
                        <summary>{format!("このアプリが引用している箇所（{count}件）")}<span class="visually-hidden">{format!("：資料{}", d.code)}</span></summary>
                        <ul>{cited.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
                    </details>
                </section>
            }
        }).collect_view()}
        <p><a href="#/">"ケース一覧に戻る"</a></p>
    }
}

//! 使い方 (`#/guide`): the user guide, shown from `crate::guide` (docs/guide.md itself).

use crate::ui::route::set_title;
use crate::guide::{blocks, Block, Inline, TEXT};
use leptos::prelude::*;

fn line(inlines: &[Inline<'static>]) -> impl IntoView {
    inlines
        .iter()
        .map(|i| match *i {
            Inline::Text(t) => view! { {t} }.into_any(),
            Inline::Link { text, href } => view! { <a href=href>{text}</a> }.into_any(),
        })
        .collect_view()
}

#[component]
pub fn GuidePage() -> impl IntoView {
    set_title("使い方");
    // A native test reads the same text with the same reader: an error here is impossible in
    // a build whose tests pass, but the page still shows the text rather than nothing.
    let blocks = blocks(TEXT).unwrap_or_else(|_| vec![Block::Paragraph(vec![Inline::Text(TEXT)])]);
    let mut section = 0;
    let body = blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading { level: 1, text } => view! { <h1 tabindex="-1">{text}</h1> }.into_any(),
            Block::Heading { text, .. } => {
                section += 1;
                view! { <h2 id=format!("guide-{section}")>{text}</h2> }.into_any()
            }
            Block::Paragraph(p) => view! { <p>{line(&p)}</p> }.into_any(),
            Block::List(items) => view! {
                <ul class="guide__list">
                    {items.into_iter().map(|it| view! {
                        <li>
                            {line(&it.text)}
                            {(!it.sub.is_empty()).then(|| view! {
                                <ul>{it.sub.iter().map(|s| view! { <li>{line(s)}</li> }).collect_view()}</ul>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <article class="guide">{body}</article>
        <p><a href="#/">"ケースの一覧に戻る"</a></p>
    }
}

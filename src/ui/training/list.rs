//! `#/training`: the training cases to walk through, by kind and level (fictional people).

use super::Library;
use crate::domain::Stage;
use crate::ui::route::{set_title, training_href};
use leptos::prelude::*;

#[component]
pub fn TrainingList() -> impl IntoView {
    set_title("研修モード");
    let library = expect_context::<Library>();
    library.load_index();
    view! {
        <h1 tabindex="-1">"研修ケースを選ぶ"</h1>
        <p>"架空の人物のケースで、インテークから評価までを順にたどります。ここで見たものは保存されず、ケースのデータにも触れません。"</p>
        {move || match library.index.get() {
            None => view! { <p>"読み込んでいます…"</p> }.into_any(),
            Some(Err(m)) => view! { <p class="field__error" role="alert">{m}</p> }.into_any(),
            Some(Ok(index)) => view! {
                <ul class="training-cases">
                    {index.cases.into_iter().map(|c| view! {
                        <li class="training-case">
                            <h2><a href=training_href(&c.slug, Stage::Intake)>{c.title}</a></h2>
                            <p class="training-case__meta">{format!("{} ・ {}", c.kind.label(), c.level.label())}</p>
                            <p>{c.summary}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

//! `#/training`: the training cases to walk through, by kind and level (fictional people).

use super::Library;
use crate::domain::Stage;
use crate::ui::route::{exercise_href, set_title, training_href};
use leptos::prelude::*;

#[component]
pub fn TrainingList() -> impl IntoView {
    set_title("研修モード");
    let library = expect_context::<Library>();
    library.load_index();
    view! {
        <h1 tabindex="-1">"研修ケースを選ぶ"</h1>
        <p>"架空の人物のケースで、インテークから評価までを順にたどります。ここで見たものは保存されず、ケースのデータにも触れません。"</p>
        <p>"演習の解答はこのタブの中だけに置かれ、「研修データを消す」か研修モードを終えると消えます。講師は受講者の解答のファイルを"<a href="#/training/tally">"解答を集計する"</a>"で集計できます。"</p>
        {move || match library.index.get() {
            None => view! { <p>"読み込んでいます…"</p> }.into_any(),
            Some(Err(m)) => view! { <p class="field__error" role="alert">{m}</p> }.into_any(),
            Some(Ok(index)) => view! {
                <ul class="training-cases">
                    {index.cases.into_iter().map(|c| { let exercise_label = format!("演習：下書きの弱いところを挙げる（{}）", c.title); view! {
                        <li class="training-case">
                            <h2><a href=training_href(&c.slug, Stage::Intake)>{c.title}</a></h2>
                            <p class="training-case__meta">{format!("{} ・ {}", c.kind.label(), c.level.label())}</p>
                            <p>{c.summary}</p>
                            <p><a href=exercise_href(&c.slug) aria-label=exercise_label>"演習：下書きの弱いところを挙げる"</a></p>
                        </li>
                    }}).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

//! Messages about storage that stay until resolved: a full store, records set aside,
//! and cases another tab changed while this one had unsaved edits.

use crate::ui::state::{AppState, SaveProblem};
use leptos::prelude::*;

#[component]
pub fn StorageAlerts() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || state.save_problem.get().map(|problem| {
            let detail = match problem {
                SaveProblem::Full => "このパソコンのブラウザの保存容量がいっぱいです。".to_owned(),
                SaveProblem::Unavailable(_) => "このブラウザの設定により保存できません。".to_owned(),
                SaveProblem::Locked => "別のタブで合言葉が変更されたため、このタブからは保存できません。".to_owned(),
            };
            view! {
                <div class="notice notice--error" role="alert">
                    <h2 class="notice__title">"保存できませんでした"</h2>
                    <p>{detail} "入力した内容は画面に残っていて、失われていません。"</p>
                    <p>"「すべてのケースを書き出す」でファイルに保存してから、不要なケースを削除するか、ほかのデータを整理してください。空きができると、次の入力で自動的に保存されます。"</p>
                    <button type="button" class="button" on:click=move |_| state.export_all()>
                        "すべてのケースを書き出す"
                    </button>
                </div>
            }
        })}
        // From 80% full on (not when a save already failed: the alert above says so).
        {move || {
            let usage = state.usage.get()?;
            if state.save_problem.with(Option::is_some) {
                return None;
            }
            let archived = state.summaries().iter().filter(|c| c.archived).count();
            let warning = usage.warning(archived)?;
            Some(view! {
                <div class="notice notice--warning" role="status">
                    <h2 class="notice__title">{format!("保存容量の{}%を使っています", usage.percent())}</h2>
                    <p>{warning}</p>
                    <button type="button" class="button" on:click=move |_| state.export_all()>
                        "すべてのケースを書き出す"
                    </button>
                </div>
            })
        }}
        {move || {
            let n = state.set_aside.with(Vec::len);
            (n > 0).then(|| view! {
                <div class="notice notice--warning" role="alert">
                    <h2 class="notice__title">{format!("読み込めないデータが{n}件あります")}</h2>
                    <p>"このデータは消さずに、そのまま保管しています。ほかのケースは通常どおり使えます。"</p>
                    <ul>
                        {move || state.set_aside.get().into_iter().map(|r| view! {
                            <li>{r.reason.message()}</li>
                        }).collect_view()}
                    </ul>
                    <p>"ファイルに書き出して、新しいバージョンのアプリで開くか、管理者に相談してください。"</p>
                    <button type="button" class="button" on:click=move |_| state.export_set_aside()>
                        "読み込めないデータを書き出す"
                    </button>
                </div>
            })
        }}
        // Rare and small: re-rendered whole when the list changes.
        {move || state.conflicts.get().into_iter().map(|id| view! { <ConflictNotice id/> }).collect_view()}
    }
}

#[component]
fn ConflictNotice(id: crate::domain::CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = {
        let id = id.clone();
        move || state.with_case(&id, |c| c.name.as_str().to_owned()).unwrap_or_default()
    };
    let (theirs, mine, export) = (id.clone(), id.clone(), id);
    view! {
        <div class="notice notice--error" role="alert">
            <h2 class="notice__title">"このケースは別のタブで変更されました（" {name} "）"</h2>
            <p>"このタブにも保存前の入力があります。どちらの内容を残すか選んでください。選ぶまで、このケースは自動保存しません。"</p>
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| state.take_theirs(&theirs)>
                    "別のタブの内容を読み込む"
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| state.keep_mine(&mine)>
                    "この画面の内容で上書き保存"
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| state.export_case(&export)>
                    "この画面の内容を書き出す"
                </button>
            </div>
        </div>
    }
}

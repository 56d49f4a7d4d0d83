//! 設定: the author's level (初任者 / 現任 / 主任), office type and own corporation, which
//! the plan check follows. Saved at once; kept in this browser only.

use super::route::set_title;
use super::state::AppState;
use crate::domain::check::CheckOptions;
use crate::domain::role_matrix::{Level, OfficeType};
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    set_title("設定");
    let initial = state.settings.get_untracked();
    let change = move |f: &dyn Fn(&mut CheckOptions)| {
        let mut s = state.settings.get_untracked();
        f(&mut s);
        state.set_settings(s);
    };
    view! {
        <h1 id="page-heading" tabindex="-1">"設定"</h1>
        <p class="lead">"計画チェックは、ここで選んだレベルと事業所の種別に合わせて指摘します。設定はこのブラウザにだけ保存されます。"</p>
        <form class="form" on:submit=|ev| ev.prevent_default()>
            <fieldset class="fieldset">
                <legend>"あなたのレベル"</legend>
                <p class="field__hint">"相談支援従事者研修の段階です。上のレベルほど、確認する項目が増えます。"</p>
                {Level::ALL.into_iter().map(|level| {
                    let radio_id = format!("settings-level-{}", level.code());
                    view! {
                        <div class="radio">
                            <input type="radio" id=radio_id.clone() name="settings-level" checked=initial.level == level
                                on:change=move |_| change(&|s| s.level = level)/>
                            <label for=radio_id>{level.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="fieldset">
                <legend>"事業所の種別"</legend>
                <p class="field__hint">"主任相談支援専門員の役割は、事業所の種別で変わります（大阪市の資料による）。"</p>
                {OfficeType::ALL.into_iter().map(|office| {
                    let radio_id = format!("settings-office-{}", office.code());
                    view! {
                        <div class="radio">
                            <input type="radio" id=radio_id.clone() name="settings-office" checked=initial.office == office
                                on:change=move |_| change(&|s| s.office = office)/>
                            <label for=radio_id>{format!("{}（{}）", office.label(), office.long_name())}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="settings-own-corporation">"あなたの事業所の法人名"</label>
                <p class="field__hint" id="settings-own-corporation-hint">"中立・公正の確認で、計画のサービスが自法人に偏っていないかを見るのに使います（任意）。"</p>
                <input id="settings-own-corporation" type="text" class="input" autocomplete="organization"
                    aria-describedby="settings-own-corporation-hint" value=initial.own_corporation
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(&|s| s.own_corporation = v.trim().to_owned());
                    }/>
            </div>
        </form>
        <p><a href="#/">"ケースの一覧に戻る"</a></p>
    }
}

//! 設定: the author's level (初任者 / 現任 / 主任), office type and own corporation, which
//! the plan check follows. Saved at once; kept in this browser only. At the end, removing
//! every trace of the app from this browser (a typed confirmation), and the notice the case
//! list shows afterwards.

use crate::ui::route::set_title;
use crate::ui::state::AppState;
use crate::domain::calendar::{CalendarOptions, RENEWAL_LEAD_CHOICES};
use crate::domain::check::CheckOptions;
use crate::domain::role_matrix::{Level, OfficeType};
use crate::store::{wipe_confirmed, WIPE_PHRASE, WIPE_PHRASE_ERROR};
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    set_title("設定");
    let initial = state.settings.get_untracked();
    let lead = state.calendar.get_untracked().renewal_lead_months;
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
        <form class="form" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="settings-renewal-lead">"更新の準備を始める時期"</label>
                <p class="field__hint" id="settings-renewal-lead-hint">"支給決定の有効期間が終わる月の何か月前から、予定に「更新の準備」を出すか。"</p>
                <select id="settings-renewal-lead" class="select" aria-describedby="settings-renewal-lead-hint"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                            state.set_calendar_options(CalendarOptions { renewal_lead_months: n });
                        }
                    }>
                    {RENEWAL_LEAD_CHOICES.into_iter().map(|n| view! {
                        <option value=n.to_string() selected=n == lead>{format!("{n}か月前")}</option>
                    }).collect_view()}
                </select>
            </div>
        </form>
        <crate::ui::shell::lock::ProtectionSection/>
        <WipeSection/>
        <p><a href="#/">"ケースの一覧に戻る"</a></p>
    }
}

/// 「このブラウザからデータをすべて消す」: the user types 「すべて消す」 (read on click, so an IME
/// composition is never interfered with); anything else shows an error and removes nothing.
#[component]
pub fn WipeSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let input = NodeRef::<html::Input>::new();
    let summary = NodeRef::<html::Div>::new();
    let wrong = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        if !wipe_confirmed(&typed) {
            wrong.set(true);
            request_animation_frame(move || {
                if let Some(s) = summary.get_untracked() {
                    let _ = s.focus();
                }
            });
            return;
        }
        wrong.set(false);
        state.wipe();
        // The case list takes the notice and moves focus to it.
        let _ = window().location().set_hash("/");
    };
    view! {
        <section class="section danger-zone" aria-labelledby="wipe-heading">
            <h2 id="wipe-heading">"このブラウザからデータをすべて消す"</h2>
            <Show when=move || wrong.get()>
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="wipe-error-summary-title">
                    <h3 id="wipe-error-summary-title">"入力内容を確認してください"</h3>
                    <ul>
                        {crate::ui::widgets::error_link("wipe-confirm".to_owned(), WIPE_PHRASE_ERROR.to_owned())}
                    </ul>
                </div>
            </Show>
            <p>"共用のパソコンを使い終わるときなどに、このブラウザに保存した相談支援ワークベンチのデータを、次のものを含めてすべて消します。"</p>
            <ul>
                <li>"すべてのケース（アーカイブしたもの、読み込めずに保留しているものを含む）"</li>
                <li>"設定（レベル、事業所の種別、法人名）"</li>
                <li>"役割の目安の自己評価・チェックリスト"</li>
                <li>"合言葉と暗号化の設定、オフラインで使うために保存したアプリのファイル"</li>
            </ul>
            <p>"ほかのサイトやアプリのデータは消しません。"</p>
            <div class="notice notice--warning" id="wipe-keep">
                <p><strong>"重要："</strong>"消したデータは元に戻せません。残したいデータは、先に"
                    <a href="#/">"ケース一覧の「暗号化したバックアップを書き出す」"</a>
                    "でファイルに保存してください。バックアップには、すべてのケース、役割の目安の自己評価・チェックリスト、設定が入ります。"</p>
                // 共用PCモード hides the plain export: only name it where it exists.
                {move || (!state.security.with(|s| s.shared_pc)).then(|| view! {
                    <p>"「すべてのケースを書き出す」のファイルにはケースだけが入り（自己評価・チェックリストと設定は入りません）、暗号化されません。"</p>
                })}
            </div>
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="wipe-confirm">{format!("確認のため「{WIPE_PHRASE}」と入力してください")}</label>
                    <p class="field__error" id="wipe-confirm-error" hidden=move || !wrong.get()>{WIPE_PHRASE_ERROR}</p>
                    <input id="wipe-confirm" class="input input--short" type="text" autocomplete="off" spellcheck="false"
                        node_ref=input
                        aria-invalid=move || if wrong.get() { "true" } else { "false" }
                        aria-describedby=move || wrong.get().then_some("wipe-confirm-error")/>
                </div>
                <button type="submit" class="button button--danger">"すべて消す"</button>
            </form>
        </section>
    }
}

/// What a wipe left for the case list: shown once at the top, with focus on it.
#[component]
pub fn ListNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let mut notice = None;
    state.notice.update_untracked(|n| notice = n.take());
    let Some(notice) = notice else { return None };
    let node = NodeRef::<html::Div>::new();
    // Two frames: after the route change has put focus on the heading.
    request_animation_frame(move || {
        request_animation_frame(move || {
            if let Some(n) = node.try_get_untracked().flatten() {
                let _ = n.focus();
            }
        })
    });
    let class = if notice.ok { "notice notice--success" } else { "notice notice--error" };
    Some(view! {
        <div class=class id="list-notice" tabindex="-1" node_ref=node>
            <p>{notice.text}</p>
        </div>
    })
}

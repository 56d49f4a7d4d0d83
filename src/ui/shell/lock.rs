//! Protecting the data on a shared PC: the unlock screen, the 「ロック」 button with the line
//! that says the data is encrypted and where, the first-use suggestion to set a passphrase,
//! 設定's 「データの保護」 (passphrase, auto-lock minutes, 共用PCモード), the encrypted backup
//! export, and the idle and clipboard watches. The rules (passphrase length, minutes,
//! sealing) live in `store`; this module only asks and shows.

use crate::ui::state::AppState;
use crate::ui::widgets::{error_link, focus_later};
use crate::store::webcrypto::{self, INSECURE_CONTEXT};
use crate::store::{parse_idle_minutes, passphrase_problem, PassphraseField, Security, MIN_PASSPHRASE_CHARS};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Where the data is, for the user: 「このブラウザー（http://127.0.0.1:8080）」.
pub fn storage_place() -> String {
    let location = window().location();
    if location.protocol().unwrap_or_default() == "file:" {
        "このブラウザーの、file:// で開いたページに共通の保存領域".into()
    } else {
        format!("このブラウザーの {} 用の保存領域", location.origin().unwrap_or_default())
    }
}

fn input_value(node: NodeRef<html::Input>) -> String {
    node.get_untracked().map(|i| i.value()).unwrap_or_default()
}

fn clear_inputs(nodes: &[NodeRef<html::Input>]) {
    for n in nodes {
        if let Some(i) = n.get_untracked() {
            i.set_value("");
        }
    }
}

/// An error summary for one form: a title and links to the fields.
pub(crate) fn error_summary(id: &'static str, errors: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" tabindex="-1" id=id>
                    <h3>"入力内容を確認してください"</h3>
                    <ul>{list.into_iter().map(|(field, message)| error_link(field, message)).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// A password field with its own error line (read on submit through `node`).
pub(crate) fn passphrase_field(
    id: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    node: NodeRef<html::Input>,
    errors: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let error = move || errors.with(|e| e.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone()));
    let error_id = format!("{id}-error");
    let error_id2 = error_id.clone();
    // New passphrases carry the rule of how long they must be.
    let hint = (autocomplete == "new-password" && !id.ends_with("-confirm")).then(|| {
        format!("{MIN_PASSPHRASE_CHARS}文字以上。数字だけ、12345678 のような並び、password のようなよく使われる言葉は使えません。覚えやすく、ほかの人に推測されにくい短い文がおすすめです。")
    });
    let hint_id = format!("{id}-hint");
    let described = {
        let hint_id = hint_id.clone();
        let has_hint = hint.is_some();
        move || {
            let mut ids: Vec<String> = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id2.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
            {move || error().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            <input id=id class="input" type="password" autocomplete=autocomplete spellcheck="false" node_ref=node
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=described/>
        </div>
    }
}

/// The whole screen while locked: nothing of the cases, only the passphrase form (and, for
/// a forgotten passphrase, the wipe).
#[component]
pub fn LockScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    crate::ui::route::set_title("ロック中");
    let node = NodeRef::<html::Input>::new();
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let passphrase = input_value(node);
        if passphrase.is_empty() {
            errors.set(vec![("unlock-passphrase".into(), "合言葉を入力してください。".into())]);
            focus_later("unlock-errors".into());
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = state.unlock(passphrase).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    errors.set(Vec::new());
                    crate::ui::route::focus_main_heading();
                }
                Err(message) => {
                    clear_inputs(&[node]);
                    errors.set(vec![("unlock-passphrase".into(), message)]);
                    focus_later("unlock-errors".into());
                }
            }
        });
    };
    // The screen may be gone by the next frame (the route changed at once): no element then.
    request_animation_frame(move || {
        if let Some(i) = node.try_get_untracked().flatten() {
            let _ = i.focus();
        }
    });
    view! {
        <h1 id="page-heading" tabindex="-1">"ロック中"</h1>
        <p class="lead">"データは暗号化して、" {storage_place()} "に保存されています。続けるには合言葉を入力してください。"</p>
        {move || (state.kept_count.get() > 0).then(|| view! {
            <div class="notice notice--warning" id="kept-edits">
                <h2 class="notice__title">{format!("保存できなかった変更（{}件のケース）を保持しています", state.kept_count.get())}</h2>
                <p>"ロックの前に保存できなかった変更を、暗号化してこのタブの中に保持しています。合言葉を入力して開くと元に戻り、保存できるものは保存します。"
                   "このタブを閉じたり再読み込みしたりすると、この変更は失われます。"</p>
            </div>
        })}
        {error_summary("unlock-errors", errors)}
        <form class="form" on:submit=on_submit novalidate>
            {passphrase_field("unlock-passphrase", "合言葉", "current-password", node, errors)}
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { "確認しています…" } else { "開く" }}
            </button>
        </form>
        <details class="details">
            <summary>"合言葉を忘れたとき"</summary>
            <p>"合言葉がなければ、このデータは誰にも開けません（作った人にも、管理者にも戻せません）。"
               "暗号化したバックアップファイルがあれば、ここでデータをすべて消してから、そのファイルを読み込み直せます。"</p>
            <crate::ui::shell::settings::WipeSection/>
        </details>
    }
}

/// In the header: that the data is encrypted and where, and the lock button; or, without a
/// passphrase, that it is not.
#[component]
pub fn ProtectionStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        if state.locked.get() {
            return None;
        }
        Some(if state.has_passphrase.get() {
            let mode = move || state.security.with(|s| s.shared_pc).then_some("共用PCモード・");
            // Short here; the full place is on 設定 and on the lock screen (and in the tooltip).
            view! {
                <p class="protection" id="protection-status" title=storage_place()>
                    {mode} "暗号化して保存（このブラウザー内）"
                </p>
                <button type="button" class="button button--small button--on-dark" id="lock-button"
                    on:click=move |_| {
                        if state.lock("") {
                            crate::ui::route::focus_main_heading();
                        }
                    }>"ロック"</button>
            }
            .into_any()
        } else {
            view! {
                <p class="protection protection--off" id="protection-status">
                    "暗号化なし："
                    <a href="#/settings" class="site-header__link">"合言葉を設定する"</a>
                </p>
            }
            .into_any()
        })
    }
}

/// On the case list until a passphrase is set or the user puts it aside.
#[component]
pub fn FirstUsePrompt() -> impl IntoView {
    let state = expect_context::<AppState>();
    let show = move || !state.has_passphrase.get() && !state.security.with(|s| s.prompt_dismissed);
    view! {
        <Show when=show>
            <div class="notice notice--info" id="passphrase-prompt">
                <h2 class="notice__title">"合言葉の設定をおすすめします"</h2>
                <p>"合言葉を設定すると、ケースのデータを暗号化してこのブラウザーに保存し、離席中は自動でロックします。"
                   "ほかの人も使うパソコンでは必ず設定してください。"</p>
                <div class="button-row">
                    <a class="button" href="#/settings">"合言葉を設定する"</a>
                    <button type="button" class="button button--secondary" on:click=move |_| {
                        let mut s = state.security.get_untracked();
                        s.prompt_dismissed = true;
                        state.set_security(s);
                    }>"今は設定しない"</button>
                </div>
            </div>
        </Show>
    }
}

/// 設定 → データの保護: the passphrase, auto-lock minutes, 共用PCモード.
#[component]
pub fn ProtectionSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let available = webcrypto::available();
    let (current, new, confirm) = (NodeRef::<html::Input>::new(), NodeRef::<html::Input>::new(), NodeRef::<html::Input>::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let has = move || state.has_passphrase.get();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        done.set(None);
        let had = state.has_passphrase.get_untracked();
        let (cur, a, b) = (input_value(current), input_value(new), input_value(confirm));
        let mut list = Vec::new();
        if had && cur.is_empty() {
            list.push(("passphrase-current".to_owned(), "今の合言葉を入力してください。".to_owned()));
        }
        if let Some((field, problem)) = passphrase_problem(&a, &b) {
            let id = if field == PassphraseField::New { "passphrase-new" } else { "passphrase-confirm" };
            list.push((id.to_owned(), problem));
        }
        if !list.is_empty() {
            errors.set(list);
            focus_later("passphrase-errors".into());
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = state.set_passphrase(had.then_some(cur), a).await;
            busy.set(false);
            clear_inputs(&[current, new, confirm]);
            match result {
                Ok(message) => {
                    errors.set(Vec::new());
                    done.set(Some(message));
                    focus_later("passphrase-done".into());
                }
                Err(message) => {
                    let field = if had { "passphrase-current" } else { "passphrase-new" };
                    errors.set(vec![(field.to_owned(), message)]);
                    focus_later("passphrase-errors".into());
                }
            }
        });
    };
    let minutes_error = RwSignal::new(None::<String>);
    let on_minutes = move |ev: leptos::ev::Event| match parse_idle_minutes(&event_target_value(&ev)) {
        Ok(m) => {
            minutes_error.set(None);
            let mut s = state.security.get_untracked();
            s.idle_lock_minutes = m;
            state.set_security(s);
        }
        Err(message) => minutes_error.set(Some(message)),
    };
    let on_shared = move |ev: leptos::ev::Event| {
        let mut s: Security = state.security.get_untracked();
        s.shared_pc = event_target_checked(&ev);
        state.set_security(s);
    };
    view! {
        <section class="section" aria-labelledby="protection-heading" id="protection">
            <h2 id="protection-heading">"データの保護（合言葉と自動ロック）"</h2>
            <p id="protection-state">{move || if has() {
                format!("暗号化：オン。ケースと役割の目安の記録は、{}に AES-256-GCM で暗号化して保存しています（鍵は合言葉から PBKDF2-SHA256 で作ります）。", storage_place())
            } else {
                format!("暗号化：オフ。ケースは{}に暗号化せずに保存しています。", storage_place())
            }}</p>
            {(!available).then(|| view! { <p class="notice notice--error" id="protection-unavailable">{INSECURE_CONTEXT}</p> })}
            {error_summary("passphrase-errors", errors)}
            {move || done.get().map(|m| view! { <p class="notice notice--success" id="passphrase-done" tabindex="-1">{m}</p> })}
            <h3 class="form-group-title">"合言葉"</h3>
            <p>"合言葉を忘れると、データは開けなくなります（作った人にも、管理者にも戻せません）。"
               "共用のパソコンでは、ブラウザーが「パスワードを保存しますか」とたずねても保存しないでください。"</p>
            <form class="form" on:submit=on_submit novalidate>
                <Show when=has>
                    {passphrase_field("passphrase-current", "今の合言葉", "current-password", current, errors)}
                </Show>
                {passphrase_field("passphrase-new", "新しい合言葉", "new-password", new, errors)}
                {passphrase_field("passphrase-confirm", "新しい合言葉（確認のためもう一度）", "new-password", confirm, errors)}
                <button type="submit" class="button" disabled=move || busy.get() || !available>
                    {move || match (busy.get(), has()) {
                        (true, _) => "暗号化しています…",
                        (false, true) => "合言葉を変更する",
                        (false, false) => "合言葉を設定して暗号化する",
                    }}
                </button>
            </form>
            <h3 class="form-group-title">"自動ロックと共用PCモード"</h3>
            <div class="field">
                <label for="idle-minutes">"自動ロックまでの時間（分）"</label>
                <p class="field__hint" id="idle-minutes-hint">"操作がないまま、この時間がたつとロックします（合言葉を設定しているとき）。"</p>
                {move || minutes_error.get().map(|m| view! { <p class="field__error" id="idle-minutes-error">{m}</p> })}
                <input id="idle-minutes" class="input input--short" type="text" inputmode="numeric"
                    value=state.security.get_untracked().idle_lock_minutes.to_string()
                    aria-invalid=move || if minutes_error.get().is_some() { "true" } else { "false" }
                    aria-describedby=move || if minutes_error.get().is_some() { "idle-minutes-hint idle-minutes-error" } else { "idle-minutes-hint" }
                    on:change=on_minutes/>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="shared-pc" prop:checked=move || state.security.with(|s| s.shared_pc)
                    disabled=move || !has() aria-describedby="shared-pc-hint" on:change=on_shared/>
                <label for="shared-pc">"共用PCモード"</label>
            </div>
            <p class="field__hint" id="shared-pc-hint">{move || if has() {
                "ほかの人も使うパソコン向けです。暗号化しないファイルは書き出さず（書き出しは暗号化したバックアップだけ）、ロックするときに、このアプリでコピーした文字をクリップボードから消します。"
            } else {
                "共用PCモードには合言葉が必要です。先に合言葉を設定してください。"
            }}</p>
        </section>
    }
}

/// 「暗号化したバックアップを書き出す」: a passphrase for the file, typed twice.
#[component]
pub fn BackupExport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (new, confirm) = (NodeRef::<html::Input>::new(), NodeRef::<html::Input>::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let available = webcrypto::available();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        done.set(None);
        let (a, b) = (input_value(new), input_value(confirm));
        if let Some((field, problem)) = passphrase_problem(&a, &b) {
            let id = if field == PassphraseField::New { "backup-passphrase" } else { "backup-passphrase-confirm" };
            errors.set(vec![(id.to_owned(), problem)]);
            focus_later("backup-errors".into());
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = state.export_backup(a).await;
            busy.set(false);
            clear_inputs(&[new, confirm]);
            match result {
                Ok(()) => {
                    errors.set(Vec::new());
                    done.set(Some("暗号化したバックアップファイルを書き出しました。読み込むときは、いま入力した合言葉が必要です。".into()));
                }
                Err(message) => {
                    errors.set(vec![("backup-passphrase".into(), message)]);
                    focus_later("backup-errors".into());
                }
            }
        });
    };
    view! {
        <details class="details" id="backup-export">
            <summary>"暗号化したバックアップを書き出す"</summary>
            <p>"すべてのケース・役割の目安の記録・設定を、合言葉で暗号化した1つのファイルにします。ほかのパソコンの「ファイルから読み込む」で、同じ合言葉を入力して読み込めます。"</p>
            {(!available).then(|| view! { <p class="notice notice--error">{INSECURE_CONTEXT}</p> })}
            {error_summary("backup-errors", errors)}
            {move || done.get().map(|m| view! { <p class="notice notice--success" role="status">{m}</p> })}
            <form class="form" on:submit=on_submit novalidate>
                {passphrase_field("backup-passphrase", "ファイルの合言葉", "new-password", new, errors)}
                {passphrase_field("backup-passphrase-confirm", "ファイルの合言葉（確認のためもう一度）", "new-password", confirm, errors)}
                <button type="submit" class="button" disabled=move || busy.get() || !available>
                    {move || if busy.get() { "暗号化しています…" } else { "バックアップを書き出す" }}
                </button>
            </form>
        </details>
    }
}

/// While edits are kept sealed in this tab (locked), leaving the page would lose them: the
/// browser asks first.
pub fn warn_before_leaving_kept(state: AppState) {
    let on = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if state.kept_count.get_untracked() > 0 {
            ev.prevent_default();
        }
    });
    std::mem::forget(on);
}

/// The idle watch (auto-lock) and, for 共用PCモード, the note of copies made in the app.
/// Input of any kind counts as activity; a check every few seconds locks once the user's
/// minutes have passed (also after the PC slept: the time is compared, not counted).
pub fn watch_idle(state: AppState) {
    let last = StoredValue::new(js_sys::Date::now());
    for name in ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "input"] {
        let on = Closure::<dyn Fn()>::new(move || last.set_value(js_sys::Date::now()));
        let _ = document().add_event_listener_with_callback(name, on.as_ref().unchecked_ref());
        on.forget();
    }
    for name in ["copy", "cut"] {
        let on = Closure::<dyn Fn()>::new(move || state.note_copy());
        let _ = document().add_event_listener_with_callback(name, on.as_ref().unchecked_ref());
        on.forget();
    }
    let check = Closure::<dyn Fn()>::new(move || {
        if state.locked.get_untracked() || !state.has_passphrase.get_untracked() {
            last.set_value(js_sys::Date::now());
            return;
        }
        let minutes = f64::from(state.security.with_untracked(|s| s.idle_lock_minutes));
        if js_sys::Date::now() - last.get_value() >= minutes * 60_000.0 {
            state.lock("操作がなかったため、");
        }
    });
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(check.as_ref().unchecked_ref(), 5_000);
    check.forget();
}

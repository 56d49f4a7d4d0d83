//! Reading an export file back in (on the case list). The file is read whole first
//! (`store::read_export_file`: all or nothing, Japanese reasons with the field); nothing is
//! stored until it reads cleanly, and then it is stored whole or not at all
//! (`Store::import_all`: a full store changes nothing, and the message says so); cases that
//! are already here are only replaced after the user chooses to. Text that is not UTF-8 is
//! refused (`store::file_text`).

use crate::ui::state::AppState;
use crate::ui::widgets::focus_later;
use crate::domain::review::read_review_file;
use crate::domain::wareki::format_date_time;
use crate::domain::Case;
use crate::store::read_export_file;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone)]
struct Pending {
    /// The file's name, for the message.
    name: String,
    cases: Vec<Case>,
    /// An opened backup's text: its profile and settings are taken with the cases.
    backup: Option<String>,
    /// For each case already here: how it reads here and in the file.
    clashing: Vec<String>,
}

/// 「同じ C（最終更新 …）→ ファイル：同じ C（ファイルの版）（最終更新 …）」
fn clash_line(here: &Case, file: &Case) -> String {
    format!(
        "このパソコン：{}（最終更新 {}）／ファイル：{}（最終更新 {}）",
        here.name.as_str(),
        format_date_time(here.updated_at),
        file.name.as_str(),
        format_date_time(file.updated_at)
    )
}

/// The file input, on the case list (so the list never waits for a chunk). What happens
/// to a chosen file — reading, checking, the questions, storing — is [`ImportFlow`], in the
/// wasm chunk `import`, fetched when a file is picked; if that fetch fails the message says
/// so in place and nothing changed (the input is emptied, so the same file can be picked
/// again, which retries).
#[component]
pub fn ImportSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let input = NodeRef::<leptos::html::Input>::new();
    // One flow per pick: a new pick drops the last one's messages and questions.
    let picks = RwSignal::new(0u32);
    let file = StoredValue::new_local(None::<web_sys::File>);
    // What was read, said by a live region that is there from the start (so it is read out).
    let done = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(chosen) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        file.set_value(Some(chosen));
        done.set(None);
        picks.update(|n| *n += 1);
    };
    let unavailable = move || {
        if let Some(el) = input.get_untracked() {
            el.set_value("");
        }
        focus_later("import-error".to_owned());
        view! {
            <div class="notice notice--error" id="import-error" tabindex="-1" role="alert">
                <h3 class="notice__title">"読み込めませんでした"</h3>
                <p>"ファイルを読み込む機能を読み込めませんでした。ネットワークに接続してから、もう一度ファイルを選んでください。"</p>
                <p>"保存されているデータは変わっていません。"</p>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for="import-file">"ファイルから読み込む"</label>
            <p class="field__hint" id="import-file-hint">
                "「すべてのケースを書き出す」「このケースを書き出す」で作ったファイル（.json）、暗号化したバックアップ、または主任から届いた評価・助言のファイルを選びます。ファイル全体を確かめてから読み込み、問題があれば何も変えません。"
            </p>
            <input type="file" id="import-file" class="file-input" accept=".json,application/json"
                aria-describedby="import-file-hint" node_ref=input on:change=on_change/>
        </div>
        {move || {
            picks.get();
            file.get_value().map(|f| crate::ui::lazy::lazy_part(crate::ui::screens::with_cases(state, crate::ui::screens::import_file(f, input, done)), unavailable))
        }}
        <p class="import-done" role="status">{move || done.get()}</p>
    }
}

/// One chosen file, from reading it to storing it (or the reason it was not stored).
#[component]
pub fn ImportFlow(file: web_sys::File, input: NodeRef<leptos::html::Input>, done: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let clear_input = move || {
        if let Some(el) = input.get_untracked() {
            el.set_value("");
        }
    };
    // An export file's text (or an opened backup's): read whole, then imported or asked about.
    let take_text = move |name: String, text: String, backup: Option<String>| {
        match read_export_file(&text) {
            Err(message) => {
                error.set(Some(format!("「{name}」は読み込みませんでした。{message}")));
                clear_input();
                focus_later("import-error".to_owned());
            }
            Ok(cases) if cases.is_empty() => {
                error.set(Some(format!("「{name}」にはケースがありません。")));
                clear_input();
                focus_later("import-error".to_owned());
            }
            Ok(cases) => {
                let clashing: Vec<String> = state
                    .already_here(&cases)
                    .iter()
                    .filter_map(|here| cases.iter().find(|f| f.id == here.id).map(|file| clash_line(here, file)))
                    .collect();
                if clashing.is_empty() {
                    match state.import(cases, false) {
                        Ok(imported) => {
                            let extras = backup.as_deref().map(|b| state.take_extras(b)).unwrap_or_default();
                            done.set(Some(format!(
                                "{}件のケースを読み込みました。{}{}",
                                imported.count,
                                kept_aside_note(imported.kept_aside),
                                extras_note(&extras)
                            )));
                        }
                        Err(message) => {
                            error.set(Some(format!("「{name}」は読み込みませんでした。{message}")));
                            focus_later("import-error".to_owned());
                        }
                    }
                    clear_input();
                } else {
                    pending.set(Some(Pending { name, cases, backup, clashing }));
                    focus_later("import-confirm".to_owned());
                }
            }
        }
    };
    // A backup file waiting for its passphrase.
    let locked_file = RwSignal::new(None::<(String, String)>);
    // An opened backup waiting for this browser's passphrase.
    let protect = RwSignal::new(None::<Unprotected>);
    let name = file.name();
    leptos::task::spawn_local(async move {
            // The bytes, not `file.text()`: that would turn text in another encoding
            // (Shift_JIS) into replacement characters without a word.
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    error.set(Some(format!("「{name}」を開けませんでした。")));
                    return;
                }
            };
            let text = match crate::store::file_text(&bytes) {
                Ok(text) => text.to_owned(),
                Err(message) => {
                    error.set(Some(format!("「{name}」は読み込みませんでした。{message}")));
                    clear_input();
                    focus_later("import-error".to_owned());
                    return;
                }
            };
            // A lead's 評価・助言 for a case that is here.
            if let Some(result) = read_review_file(&text) {
                match result.and_then(|(id, review)| state.attach_review(&id, review)) {
                    Ok(message) => done.set(Some(message)),
                    Err(message) => {
                        error.set(Some(format!("「{name}」は読み込みませんでした。{message}")));
                        focus_later("import-error".to_owned());
                    }
                }
                clear_input();
                return;
            }
            if crate::store::backup::is_backup(&text) {
                locked_file.set(Some((name, text)));
                focus_later("import-backup-passphrase".to_owned());
                return;
            }
        take_text(name, text, None);
    });
    let choose = move |overwrite: Option<bool>| {
        let Some(p) = pending.get_untracked() else { return };
        pending.set(None);
        clear_input();
        match overwrite {
            Some(overwrite) => match state.import(p.cases, overwrite) {
                Ok(imported) => {
                    let extras = p.backup.as_deref().map(|b| state.take_extras(b)).unwrap_or_default();
                    let how = if overwrite { "を上書き" } else { "は別のケースとして追加" };
                    done.set(Some(format!(
                        "{}件のケースを読み込みました（{}件{how}）。{}{}",
                        imported.count,
                        p.clashing.len(),
                        kept_aside_note(imported.kept_aside),
                        extras_note(&extras)
                    )));
                }
                Err(message) => {
                    error.set(Some(format!("「{}」は読み込みませんでした。{message}", p.name)));
                    focus_later("import-error".to_owned());
                    return;
                }
            },
            None => done.set(Some("読み込みをやめました。データは変わっていません。".to_owned())),
        }
        focus_later("import-file".to_owned());
    };
    view! {
        {move || error.get().map(|m| view! {
            <div class="notice notice--error" id="import-error" tabindex="-1" role="alert">
                <h3 class="notice__title">"読み込めませんでした"</h3>
                <p>{m}</p>
                <p>"保存されているデータは変わっていません。"</p>
            </div>
        })}
        {move || locked_file.get().map(|(name, _)| view! { <BackupPassphrase name locked_file on_open=take_text error protect/> })}
        {move || protect.get().map(|u| view! { <ProtectBeforeImport name=u.name protect on_open=take_text/> })}
        {move || pending.get().map(|p| view! {
            <div class="notice notice--warning" id="import-confirm" tabindex="-1" role="alert">
                <h3 class="notice__title">"このパソコンにすでにあるケースが含まれています"</h3>
                <p>{format!("ファイルの{}件のうち、次の{}件は、このパソコンにすでにあります。", p.cases.len(), p.clashing.len())}</p>
                <ul>{p.clashing.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                <p>"上書きすると、このパソコンにある内容はファイルの内容に置き換わります。"</p>
                <div class="button-row">
                    <button type="button" class="button button--danger" on:click=move |_| choose(Some(true))>"上書きする"</button>
                    <button type="button" class="button" on:click=move |_| choose(Some(false))>"別のケースとして追加する"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| choose(None)>"読み込まない"</button>
                </div>
            </div>
        })}
    }
}

/// An opened backup, not yet stored, in a browser without a passphrase. The backup's
/// passphrase is held (in memory only) until the user chooses, so it can be offered as this
/// browser's own without being typed again; it goes with this value.
#[derive(Clone)]
struct Unprotected {
    name: String,
    contents: String,
    passphrase: String,
}

/// Before an encrypted backup's cases are written into a browser that stores in the clear:
/// set a passphrase first (the backup's own, or a new one), or say plainly that they will
/// be stored unencrypted. Nothing is written until one is chosen.
#[component]
fn ProtectBeforeImport(
    name: String,
    protect: RwSignal<Option<Unprotected>>,
    on_open: impl Fn(String, String, Option<String>) + Copy + 'static,
) -> impl IntoView {
    use crate::ui::shell::lock::{error_summary, passphrase_field};
    use crate::store::{passphrase_problem, PassphraseField};
    let state = expect_context::<AppState>();
    let same = RwSignal::new(true);
    let (new, confirm) = (NodeRef::<leptos::html::Input>::new(), NodeRef::<leptos::html::Input>::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let value = |n: NodeRef<leptos::html::Input>| n.get_untracked().map(|i| i.value()).unwrap_or_default();
    let import = move |u: Unprotected| on_open(u.name, u.contents.clone(), Some(u.contents));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(u) = protect.get_untracked() else { return };
        if busy.get_untracked() {
            return;
        }
        let (pass, again, field) = if same.get_untracked() {
            (u.passphrase.clone(), u.passphrase.clone(), "import-protect-same")
        } else {
            (value(new), value(confirm), "import-protect-new")
        };
        if let Some((which, problem)) = passphrase_problem(&pass, &again) {
            let field = if which == PassphraseField::Confirm { "import-protect-confirm" } else { field };
            let problem = if field == "import-protect-same" {
                format!("バックアップの合言葉は、このブラウザーの合言葉には使えません。{problem} 「新しい合言葉を決める」を選んでください。")
            } else {
                problem
            };
            errors.set(vec![(field.to_owned(), problem)]);
            focus_later("import-protect-errors".to_owned());
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = state.set_passphrase(None, pass).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    protect.set(None);
                    import(u);
                }
                Err(message) => {
                    errors.set(vec![("import-protect-same".to_owned(), format!("{message} ケースはまだ読み込んでいません。"))]);
                    focus_later("import-protect-errors".to_owned());
                }
            }
        });
    };
    let plain = move |_| {
        if let Some(u) = protect.get_untracked() {
            protect.set(None);
            import(u);
        }
    };
    view! {
        <form class="form notice notice--warning" id="import-protect" tabindex="-1" on:submit=on_submit novalidate
            aria-labelledby="import-protect-title">
            <h3 class="notice__title" id="import-protect-title">"このブラウザーには合言葉が設定されていません"</h3>
            <p>{format!("「{name}」は暗号化したバックアップですが、このまま読み込むと、ケースはこのブラウザーに暗号化せずに保存されます。読み込む前に、このブラウザーの合言葉を設定してください。")}</p>
            {error_summary("import-protect-errors", errors)}
            <fieldset class="fieldset">
                <legend>"このブラウザーの合言葉"</legend>
                <div class="radio">
                    <input type="radio" id="import-protect-same" name="import-protect" prop:checked=move || same.get()
                        on:change=move |_| same.set(true)/>
                    <label for="import-protect-same">"バックアップと同じ合言葉にする"</label>
                </div>
                <div class="radio">
                    <input type="radio" id="import-protect-other" name="import-protect" prop:checked=move || !same.get()
                        on:change=move |_| same.set(false)/>
                    <label for="import-protect-other">"新しい合言葉を決める"</label>
                </div>
            </fieldset>
            <div hidden=move || same.get()>
                {passphrase_field("import-protect-new", "新しい合言葉", "new-password", new, errors)}
                {passphrase_field("import-protect-confirm", "新しい合言葉（確認のためもう一度）", "new-password", confirm, errors)}
            </div>
            <div class="button-row">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { "暗号化しています…" } else { "合言葉を設定して読み込む" }}
                </button>
                <button type="button" class="button button--secondary" on:click=plain>"暗号化せずに読み込む"</button>
                <button type="button" class="button button--secondary" on:click=move |_| {
                    protect.set(None);
                    focus_later("import-file".to_owned());
                }>"読み込まない"</button>
            </div>
        </form>
    }
}

/// What became of records that could not be read under the restored cases' keys.
fn kept_aside_note(kept: usize) -> String {
    if kept == 0 {
        String::new()
    } else {
        format!("同じケースの読み込めなかった記録（{kept}件）は消さずに別に保管しています（「読み込めないデータを書き出す」で書き出せます）。")
    }
}

/// 「（設定も読み込みました）」: what an opened backup brought besides the cases.
fn extras_note(taken: &[&str]) -> String {
    if taken.is_empty() {
        String::new()
    } else {
        format!("{}も読み込みました。", taken.join("と"))
    }
}

/// The passphrase of a backup file; a wrong one (or a damaged file) is said and nothing
/// changes. The opened text goes on to the usual all-or-nothing reading.
#[component]
fn BackupPassphrase(
    name: String,
    locked_file: RwSignal<Option<(String, String)>>,
    on_open: impl Fn(String, String, Option<String>) + Copy + 'static,
    error: RwSignal<Option<String>>,
    protect: RwSignal<Option<Unprotected>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let node = NodeRef::<leptos::html::Input>::new();
    let busy = RwSignal::new(false);
    let wrong = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((name, text)) = locked_file.get_untracked() else { return };
        let passphrase = node.get_untracked().map(|i| i.value()).unwrap_or_default();
        if passphrase.is_empty() {
            wrong.set(Some("バックアップを書き出したときの合言葉を入力してください。".into()));
            focus_later("import-backup-passphrase".to_owned());
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let opened = AppState::open_backup(&text, &passphrase).await;
            busy.set(false);
            match opened {
                // This browser keeps its data in the clear: the cases of an encrypted backup
                // would land there unencrypted. Ask first (offering the backup's passphrase).
                Ok(contents) if !state.has_passphrase.get_untracked() => {
                    locked_file.set(None);
                    error.set(None);
                    protect.set(Some(Unprotected { name, contents, passphrase }));
                    focus_later("import-protect".to_owned());
                }
                Ok(contents) => {
                    locked_file.set(None);
                    error.set(None);
                    on_open(name, contents.clone(), Some(contents));
                }
                Err(message) => {
                    // After the await the form may be gone: nothing to clear then.
                    if let Some(i) = node.try_get_untracked().flatten() {
                        i.set_value("");
                    }
                    wrong.set(Some(message));
                    focus_later("import-backup-passphrase".to_owned());
                }
            }
        });
    };
    view! {
        <form class="form notice notice--info" id="import-backup" on:submit=on_submit novalidate>
            <h3 class="notice__title">{format!("「{name}」は暗号化したバックアップです")}</h3>
            <div class="field">
                <label for="import-backup-passphrase">"バックアップの合言葉"</label>
                {move || wrong.get().map(|m| view! { <p class="field__error" id="import-backup-error" role="alert">{m}</p> })}
                <input id="import-backup-passphrase" class="input" type="password" autocomplete="off" node_ref=node
                    aria-invalid=move || if wrong.get().is_some() { "true" } else { "false" }
                    aria-describedby=move || wrong.get().map(|_| "import-backup-error")/>
            </div>
            <div class="button-row">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { "確認しています…" } else { "開いて読み込む" }}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| {
                    locked_file.set(None);
                    focus_later("import-file".to_owned());
                }>"読み込まない"</button>
            </div>
        </form>
    }
}

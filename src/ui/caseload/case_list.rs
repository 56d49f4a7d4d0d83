//! The case list: create, search, archive, delete. It shows each case's summary
//! (`AppState::summaries`); creating and archiving wait for the cases to be read whole.

use crate::ui::route::{case_href, set_title};
use crate::ui::state::AppState;
use crate::ui::widgets::keyed;
use crate::domain::case::{fold_certificate_no, FieldError};
use crate::domain::summary::{sort_for_list, CaseSummary};
use crate::domain::wareki::format_date_time;
use crate::domain::{CaseId, NewCase, Stage, SupportCategory};
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn CaseList() -> impl IntoView {
    set_title("ケース一覧");
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    let show_archived = RwSignal::new(false);
    let to_delete = RwSignal::new(None::<(CaseId, String)>);
    let list_heading = NodeRef::<html::H2>::new();

    let visible = Memo::new(move |_| {
        let q = query.get();
        let archived = show_archived.get();
        let mut v: Vec<CaseSummary> = state.summaries();
        v.retain(|c| (archived || !c.archived) && c.matches_search(&q));
        sort_for_list(&mut v);
        v
    });
    let total = Memo::new(move |_| state.summaries().len());
    let total = move || total.get();
    let focus_list = move || {
        if let Some(h) = list_heading.get() {
            let _ = h.focus();
        }
    };
    // What is below the list (samples, export and import, the delete dialog) is built in the
    // task after the frame that shows the list: at startup every part of the wasm that runs
    // is compiled first (V8 compiles a function when it first runs), so the list shows
    // sooner; nothing above the list moves when the rest comes. Only at startup: opened
    // again later, the list comes whole at once.
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let rest = RwSignal::new(STARTED.swap(true, std::sync::atomic::Ordering::Relaxed));
    if !rest.get_untracked() {
        request_animation_frame(move || set_timeout(move || rest.set(true), std::time::Duration::ZERO));
    }

    view! {
        <h1 tabindex="-1">"ケース一覧"</h1>
        <crate::ui::shell::settings::ListNotice/>
        <crate::ui::shell::lock::FirstUsePrompt/>
        <NewCaseForm/>
        <section class="section" aria-labelledby="case-list-heading">
            <h2 id="case-list-heading" tabindex="-1" node_ref=list_heading>"ケース"</h2>
            <div class="filters">
                <div class="field">
                    <label for="case-search">"名前で検索"</label>
                    <input id="case-search" type="search" class="input" autocomplete="off"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))/>
                </div>
                <div class="checkbox">
                    <input id="show-archived" type="checkbox"
                        prop:checked=move || show_archived.get()
                        on:change=move |ev| show_archived.set(event_target_checked(&ev))/>
                    <label for="show-archived">"アーカイブしたケースも表示"</label>
                </div>
            </div>
            <Show
                when=move || !visible.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">{move || if total() == 0 {
                        "ケースはまだありません。上の「新しいケースを作成」から作成してください。"
                    } else {
                        "条件に合うケースはありません。"
                    }}</p>
                }
            >
                <table class="case-table">
                    <caption>"ケース（最終更新の新しい順）"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"氏名"</th>
                            <th scope="col">"段階"</th>
                            <th scope="col">"最終更新"</th>
                            <th scope="col">"次の予定"</th>
                            <th scope="col">"操作"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {keyed(move || visible.get().into_iter().map(|c| (row_key(&c), c)).collect(),
                            move |case| view! { <CaseRow case to_delete on_archived=focus_list/> }.into_any())}
                    </tbody>
                </table>
            </Show>
        </section>
        {move || rest.get().then(|| view! {
        <crate::ui::caseload::samples::SampleCases/>
        <section class="section" aria-labelledby="export-heading">
            <h2 id="export-heading">"データの書き出しと読み込み"</h2>
            <p>"すべてのケース（アーカイブしたものを含む）を1つのファイル（JSON）に保存します。"</p>
            <Show when=move || !state.security.with(|s| s.shared_pc)
                fallback=|| view! { <p class="notice notice--info" id="plain-export-off">"共用PCモードでは、暗号化しないファイルは書き出しません。下の「暗号化したバックアップを書き出す」を使ってください。"</p> }>
                <p class="notice notice--warning">
                    "書き出したファイルは暗号化されていません。個人の情報を含むため、保存先と受け渡しに注意してください。"
                </p>
                <button type="button" class="button button--secondary" disabled=move || total() == 0
                    on:click=move |_| state.export_all()>"すべてのケースを書き出す"</button>
            </Show>
            <crate::ui::shell::lock::BackupExport/>
            <crate::ui::caseload::import::ImportSection/>
        </section>
        <DeleteDialog to_delete on_deleted=focus_list/>
        })}
    }
}

#[component]
fn CaseRow(
    case: CaseSummary,
    to_delete: RwSignal<Option<(CaseId, String)>>,
    on_archived: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = case.name.as_str().to_owned();
    let id = case.id.clone();
    let archived = case.archived;
    let archive_label = if archived { "アーカイブを解除" } else { "アーカイブ" };
    let (archive_id, delete_id, delete_name, archive_name) = (id.clone(), id.clone(), name.clone(), name.clone());
    view! {
        <tr class:case-table__archived=archived>
            <th scope="row">
                <a href=case_href(&id, Stage::Intake)>{name.clone()}</a>
                {case.for_child.then(|| view! { <span class="tag">"障害児"</span> })}
                {archived.then(|| view! { <span class="tag tag--muted">"アーカイブ済み"</span> })}
            </th>
            <td class="case-table__stage">{case.stage.label()}</td>
            <td>{format_date_time(case.updated_at)}</td>
            <td class="case-table__due">{crate::ui::caseload::calendar::next_due_text(&case, state.calendar.get_untracked().renewal_lead_months)}</td>
            <td class="case-table__actions">
                <button type="button" class="button button--secondary button--small"
                    aria-label=format!("{archive_label}（{name}）") on:click=move |_| {
                    let (archive_id, archive_name) = (archive_id.clone(), archive_name.clone());
                    leptos::task::spawn_local(async move {
                        if state.set_archived(archive_id, !archived).await {
                            state.status.set(if archived {
                                format!("「{archive_name}」のアーカイブを解除しました")
                            } else {
                                format!("「{archive_name}」をアーカイブしました")
                            });
                            on_archived();
                        }
                    });
                }>
                    {archive_label}
                </button>
                <button type="button" class="button button--danger button--small"
                    aria-label=format!("削除（{name}）") on:click=move |_| to_delete.set(Some((delete_id.clone(), delete_name.clone())))>
                    "削除"
                </button>
            </td>
        </tr>
    }
}

#[component]
fn DeleteDialog(
    to_delete: RwSignal<Option<(CaseId, String)>>,
    on_deleted: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let open = to_delete.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let name = move || to_delete.with(|t| t.as_ref().map(|(_, n)| n.clone()).unwrap_or_default());
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby="delete-title" aria-describedby="delete-desc"
            on:close=move |_| to_delete.set(None)>
            <h2 id="delete-title">"ケースを削除しますか"</h2>
            <p id="delete-desc">
                "「" {name} "」さんのケースを、このパソコンから削除します。削除すると元に戻せません。"
                "残しておきたい場合は、削除せずに「アーカイブ」を使ってください。"
            </p>
            <div class="button-row">
                <button type="button" class="button button--danger" on:click=move |_| {
                    if let Some((id, name)) = to_delete.get_untracked() {
                        state.delete(&id);
                        state.status.set(format!("「{name}」のケースを削除しました"));
                    }
                    to_delete.set(None);
                    on_deleted();
                }>"削除する"</button>
                <button type="button" class="button button--secondary" autofocus
                    on:click=move |_| to_delete.set(None)>"キャンセル"</button>
            </div>
        </dialog>
    }
}

#[component]
fn NewCaseForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let certificate_no = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let for_child = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = NodeRef::<html::Div>::new();
    // The case just made: said where focus is (the form stays for the next one), with a
    // link into it; the header's status line is often scrolled out of view.
    let created = RwSignal::new(None::<(CaseId, String)>);
    let created_notice = NodeRef::<html::Div>::new();
    // The first case made in a visit waits for the cases to be read whole (a chunk that may
    // need fetching): a second press meanwhile is ignored, and a failed fetch is said here.
    let pending = StoredValue::new(false);
    let unavailable = RwSignal::new(None::<String>);

    let error_for = move |field: &'static str| {
        move || errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.message))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = NewCase {
            name: name.get_untracked(),
            certificate_no: certificate_no.get_untracked(),
            support_category: SupportCategory::from_code(&category.get_untracked()),
            for_child: for_child.get_untracked(),
        };
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        // Making a case adds it to the cases read whole (the list shows them from then on).
        leptos::task::spawn_local(async move {
            let made = state.create(form).await;
            pending.set_value(false);
            if let Err(Err(message)) = &made {
                unavailable.set(Some(message.clone()));
                return;
            }
            unavailable.set(None);
            match made {
                Err(Err(_)) => {}
                Ok(case) => {
                    errors.set(Vec::new());
                    name.set(String::new());
                    certificate_no.set(String::new());
                    category.set(String::new());
                    for_child.set(false);
                    if state.save_problem.get_untracked().is_none() {
                        state.status.set(format!("「{}」のケースを作成しました", case.name.as_str()));
                    }
                    created.set(Some((case.id.clone(), case.name.as_str().to_owned())));
                    request_animation_frame(move || {
                        if let Some(n) = created_notice.get() {
                            let _ = n.focus();
                        }
                    });
                }
                Err(Ok(e)) => {
                    errors.set(e);
                    created.set(None);
                    request_animation_frame(move || {
                        if let Some(s) = summary.get() {
                            let _ = s.focus();
                        }
                    });
                }
            }
        });
    };

    view! {
        <section class="section card" aria-labelledby="new-case-heading">
            <h2 id="new-case-heading">"新しいケースを作成"</h2>
            {move || created.get().map(|(id, name)| view! {
                <div class="notice notice--success" id="new-case-created" tabindex="-1" node_ref=created_notice>
                    <p>{format!("「{name}」さんのケースを作成しました。")}</p>
                    <p><a href=case_href(&id, Stage::Intake)>{format!("{name}さんのケースを開く")}</a></p>
                </div>
            })}
            {move || unavailable.get().map(|m| view! { <p class="field__error" id="new-case-unavailable" role="alert">{m}</p> })}
            <Show when=move || !errors.with(Vec::is_empty)>
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                    <h3 id="error-summary-title">"入力内容を確認してください"</h3>
                    <ul>
                        {move || errors.get().into_iter().map(|e| {
                            crate::ui::widgets::error_link(format!("new-case-{}", e.field.replace('_', "-")), e.message.to_owned())
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
            <form on:submit=on_submit novalidate>
                <p class="hint">"「※必須」以外は空欄のままでかまいません。個人が特定されないよう、仮名かイニシャルで入力できます。"</p>
                <div class="field">
                    <label for="new-case-name">"氏名（仮名・イニシャル）" <span class="required">"※必須"</span></label>
                    <p class="field__error" id="new-case-name-error" hidden=move || error_for("name")().is_none()>
                        {error_for("name")}
                    </p>
                    <input id="new-case-name" class="input" type="text" autocomplete="off"
                        aria-invalid=move || if error_for("name")().is_some() { "true" } else { "false" }
                        aria-describedby=move || error_for("name")().map(|_| "new-case-name-error")
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="new-case-certificate-no">"受給者証番号"</label>
                    <p class="field__hint" id="new-case-certificate-no-hint">"数字で入力（任意）"</p>
                    <p class="field__error" id="new-case-certificate-no-error" hidden=move || error_for("certificate_no")().is_none()>
                        {error_for("certificate_no")}
                    </p>
                    <input id="new-case-certificate-no" class="input input--short" type="text" inputmode="numeric" autocomplete="off"
                        aria-invalid=move || if error_for("certificate_no")().is_some() { "true" } else { "false" }
                        aria-describedby=move || if error_for("certificate_no")().is_some() {
                            "new-case-certificate-no-hint new-case-certificate-no-error"
                        } else {
                            "new-case-certificate-no-hint"
                        }
                        prop:value=move || certificate_no.get()
                        on:input=move |ev| certificate_no.set(event_target_value(&ev))
                        // Full-width digits folded once typing is done: never while the IME composes.
                        on:blur=move |_| certificate_no.update(|v| *v = fold_certificate_no(v))
                        on:compositionend=move |_| certificate_no.update(|v| *v = fold_certificate_no(v))/>
                </div>
                <div class="field">
                    <label for="new-case-support-category">"障害支援区分"</label>
                    <CategorySelect id="new-case-support-category" value=category/>
                </div>
                <div class="checkbox">
                    <input id="new-case-for-child" type="checkbox"
                        prop:checked=move || for_child.get()
                        on:change=move |ev| for_child.set(event_target_checked(&ev))/>
                    <label for="new-case-for-child">"障害児（障害児支援利用計画）"</label>
                </div>
                <button type="submit" class="button">"ケースを作成"</button>
            </form>
        </section>
    }
}

/// 障害支援区分 as a select; `value` holds a [`SupportCategory`] code or "" for 未記入.
#[component]
pub fn CategorySelect(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <select id=id class="select" on:change=move |ev| value.set(event_target_value(&ev))>
            <option value="" prop:selected=move || value.with(String::is_empty)>"未記入"</option>
            {SupportCategory::ALL.into_iter().map(|c| view! {
                <option value=c.code() prop:selected=move || value.with(|v| v == c.code())>{c.label()}</option>
            }).collect_view()}
        </select>
    }
}

/// A row is re-created when its case changes (new name, stage, archive state).
fn row_key(c: &CaseSummary) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&c.id, c.updated_at, c.archived).hash(&mut h);
    h.finish()
}

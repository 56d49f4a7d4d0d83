//! 役割の目安: Osaka City's role matrix verbatim (eight areas × 初任者 / 現任 / 主任・基幹 /
//! 地活 / 指定), the user's column from 設定, a case's plan laid over it (cells the plan gives
//! evidence for or against, from `check::matrix_evidence`), a self-assessment per cell kept
//! with its history, the 主任 roles of `003`, and the 推薦申出書 checklist. The words, the
//! evidence and the counts come from the domain; this file only shows them.

use crate::ui::route::{matrix_href, part_href, set_title, Part};
use crate::ui::state::{now, AppState};
use crate::ui::widgets::value_of;
use crate::domain::check::matrix_evidence;
use crate::domain::profile::{Profile, Rating, RatingStatus};
use crate::domain::role_matrix::{
    self, cell, lead_roles, Area, ChecklistItem, Column, Group, ItemKind, OfficeType, Section, BASIC_VIEWPOINTS, FILE_000,
    RECOMMENDATION_CHECKLIST, RECOMMENDATION_DECLARATION, RECOMMENDATION_FORM_TITLE, TABLE_HEADING,
};
use crate::domain::wareki::{format_seireki, format_wareki};
use crate::domain::CaseId;
use crate::domain::sources::cited_document;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a plan shows about one cell: titles of the rules it met, messages of the findings.
#[derive(Clone, Debug, Default, PartialEq)]
struct Lit {
    met: Vec<&'static str>,
    against: Vec<String>,
}

/// A mention of a reference document (「000」「003」) as a link to its entry on the 出典の資料
/// page, which says what the document is.
fn doc_link(code: &str) -> impl IntoView {
    let title = crate::domain::sources::DOCUMENTS.iter().find(|d| d.code == code).map(|d| d.label()).unwrap_or_default();
    view! { <a href=format!("#/sources/{code}")>{code.to_owned()}<span class="visually-hidden">{format!("：{title}")}</span></a> }
}

fn short_file(file: &str) -> &str {
    file.split('_').next().unwrap_or(file)
}

/// `novice`, `practitioner`, `lead-core` …: for element ids.
fn column_code(column: Column) -> String {
    match column {
        Column::Lead(office) => format!("lead-{}", office.code()),
        other => other.level().code().to_owned(),
    }
}

fn both_calendars(date: chrono::NaiveDate) -> String {
    format!("{}（{}）", format_wareki(date), format_seireki(date))
}

/// Puts the chosen case in the address without a `hashchange` (which would re-create the
/// screen and move focus away from the select the user is on).
fn replace_address(hash: &str) {
    let Ok(history) = js_sys::Reflect::get(&window(), &"history".into()) else { return };
    let Ok(replace) = js_sys::Reflect::get(&history, &"replaceState".into()) else { return };
    if let Some(f) = replace.dyn_ref::<js_sys::Function>() {
        let _ = f.call3(&history, &wasm_bindgen::JsValue::NULL, &"".into(), &hash.into());
    }
}

#[component]
pub fn MatrixPage(id: Option<CaseId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    set_title("役割の目安");
    let missing = id.as_ref().is_some_and(|id| state.with_case(id, |_| ()).is_none());
    let chosen = RwSignal::new(if missing { None } else { id });
    let evidence = Memo::new(move |_| {
        let settings = state.settings.get();
        let Some(id) = chosen.get() else { return Vec::new() };
        state
            .with_case(&id, |c| {
                matrix_evidence(c, &settings)
                    .into_iter()
                    .map(|e| {
                        let lit = Lit {
                            met: e.met.iter().map(|r| r.title).collect(),
                            against: e.against.iter().map(|f| format!("{}：{}", f.rule.title, f.message)).collect(),
                        };
                        ((e.area, Column::new(e.level, settings.office)), lit)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let mine = Memo::new(move |_| state.settings.with(|s| Column::new(s.level, s.office)));
    let level_label = move || state.settings.with(|s| match s.level {
        role_matrix::Level::Lead => format!("主任・{}", s.office.label()),
        other => other.label().to_owned(),
    });
    let cases = move || {
        state.cases.with(|cs| {
            cs.iter()
                .filter(|c| !c.archived || Some(&c.id) == chosen.get_untracked().as_ref())
                .map(|c| (c.id.clone(), c.name.as_str().to_owned()))
                .collect::<Vec<_>>()
        })
    };
    let chosen_name = move || chosen.get().and_then(|id| state.with_case(&id, |c| c.name.as_str().to_owned()));
    let lit_counts = move || {
        evidence.with(|e| {
            (e.iter().filter(|(_, l)| !l.met.is_empty()).count(), e.iter().filter(|(_, l)| !l.against.is_empty()).count())
        })
    };

    view! {
        <h1 id="page-heading" tabindex="-1">"相談支援専門員の役割の目安"</h1>
        <p class="lead">
            "大阪市の資料（" {doc_link("000")} "）の表「" {TABLE_HEADING} "」を、資料の言葉のまま載せています。"
            "「ー」は、その段階では求められていないことを表します。"
        </p>
        <p class="print-hide">
            "表の太枠の列が、設定で選んだあなたの段階（" {level_label} "）です。 "
            <a href="#/settings">"段階や事業所の種別を変える"</a>
        </p>
        <p class="print-hide">"各欄の「自己評価」を開くと、今の自分の状態を日付とともに記録できます。記録はこのブラウザにだけ保存され、ケースの書き出しには含まれません。"</p>
        {missing.then(|| view! {
            <div class="notice notice--warning" role="alert">
                <p>"指定されたケースが見つかりません。削除されたか、アドレスが正しくない可能性があります。"</p>
            </div>
        })}
        <Show when=move || state.profile_unreadable.get()>
            <div class="notice notice--error" role="alert">
                <h2 class="notice__title">"保存されている自己評価を読み込めません"</h2>
                <p>"このブラウザに保存されている自己評価・チェックの記録は、形式が違うか壊れているため読み込めません。消さずにそのまま残しています。そのため、この画面で記録しても保存されません。"</p>
            </div>
        </Show>

        <div class="matrix-controls print-hide">
            <div class="field">
                <label for="matrix-case">"重ねる計画"</label>
                <p class="field__hint" id="matrix-case-hint">"ケースを選ぶと、その計画案を計画チェックと同じ確認で見て、根拠や課題のある欄に印をつけます（あなたの段階の確認）。"</p>
                <select id="matrix-case" class="select" aria-describedby="matrix-case-hint"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let id = CaseId::parse(&v);
                        replace_address(&matrix_href(id.as_ref()));
                        chosen.set(id);
                    }>
                    <option value="" selected=move || chosen.with_untracked(Option::is_none)>"重ねない"</option>
                    {move || cases().into_iter().map(|(id, name)| {
                        let selected = chosen.with_untracked(|c| c.as_ref() == Some(&id));
                        view! { <option value=id.as_str().to_owned() selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || chosen.get().map(|id| {
                let (met, against) = lit_counts();
                view! {
                    <p class="matrix-controls__summary" role="status">
                        {format!("「{}」の計画：根拠あり {met}欄・課題あり {against}欄（{}の確認）。 ", chosen_name().unwrap_or_default(), level_label())}
                        <a href=part_href(&id, &Part::Main)>{format!("{}の計画案を開く", chosen_name().unwrap_or_default())}</a>
                    </p>
                }
            })}
        </div>
        <p class="print-only">{move || chosen_name().map(|n| format!("重ねた計画：{n}（{}の確認）", level_label()))}</p>

        <div class="matrix-scroll" role="region" aria-labelledby="matrix-caption" tabindex="0">
            <table class="matrix">
                <caption id="matrix-caption">{format!("{TABLE_HEADING}（000）")}</caption>
                <colgroup span="2"></colgroup>
                <col/>
                <col/>
                <colgroup span="3"></colgroup>
                <thead>
                    <tr>
                        <th scope="col" colspan="2" rowspan="2">"項目"</th>
                        {[Column::Novice, Column::Practitioner].into_iter().map(|c| view! {
                            <th scope="col" rowspan="2" class=move || if mine.get() == c { "matrix__mine" } else { "" }>
                                {c.label()}<MineTag column=c mine/>
                            </th>
                        }).collect_view()}
                        <th scope="colgroup" colspan="3">"主任"</th>
                    </tr>
                    <tr>
                        {OfficeType::ALL.into_iter().map(|o| {
                            let c = Column::Lead(o);
                            view! {
                                <th scope="col" class=move || if mine.get() == c { "matrix__mine" } else { "" }>
                                    {o.label()}<MineTag column=c mine/>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                {Group::ALL.into_iter().map(|group| {
                    let areas: Vec<Area> = Area::ALL.into_iter().filter(|a| a.group() == group).collect();
                    let n = areas.len();
                    view! {
                        <tbody>
                            {areas.into_iter().enumerate().map(|(i, area)| view! {
                                <tr>
                                    {(i == 0).then(|| view! { <th scope="rowgroup" rowspan=n class="matrix__group">{group.label()}</th> })}
                                    <th scope="row" class="matrix__area">{area.label()}</th>
                                    {Column::ALL.into_iter().map(|column| view! { <MatrixCell area column mine evidence/> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    }
                }).collect_view()}
            </table>
        </div>
        <p class="source">"出典：" {cited_document(FILE_000)} {format!("（表「{TABLE_HEADING}」）")} " " {doc_link("000")}</p>

        <Progress/>
        <LeadRoles/>
        <Checklist/>
        <p class="print-hide"><a href="#/">"ケースの一覧に戻る"</a></p>
    }
}

#[component]
fn MineTag(column: Column, mine: Memo<Column>) -> impl IntoView {
    view! {
        <Show when=move || mine.get() == column>
            <span class="matrix__mine-tag">"あなたの段階"</span>
        </Show>
    }
}

#[component]
fn MatrixCell(area: Area, column: Column, mine: Memo<Column>, evidence: Memo<Vec<((Area, Column), Lit)>>) -> impl IntoView {
    let c = cell(area, column);
    let lit = Memo::new(move |_| evidence.with(|e| e.iter().find(|(k, _)| *k == (area, column)).map(|(_, l)| l.clone())));
    let class = move || {
        let mut class = String::from("matrix__cell");
        if c.is_empty() {
            class.push_str(" matrix__cell--empty");
        }
        if mine.get() == column {
            class.push_str(" matrix__mine");
        }
        class
    };
    let context = format!("（{}・{}）", area.label(), column_name(column));
    view! {
        <td class=class>
            {match c.text {
                Some(text) => view! { <p class="matrix__text">{text}</p> }.into_any(),
                None => view! {
                    <p class="matrix__text matrix__text--none">
                        <span aria-hidden="true">{role_matrix::Cell::EMPTY_MARK}</span>
                        <span class="matrix__none">"（この段階では求められていません）"</span>
                    </p>
                }.into_any(),
            }}
            {move || lit.get().map(|lit| {
                let (met, against) = (lit.met.len(), lit.against.len());
                view! {
                    <div class="evidence">
                        {(against > 0).then(|| view! {
                            <details class="evidence__item evidence__item--against">
                                <summary><span aria-hidden="true">"▲ "</span>{format!("計画に課題あり（{against}）")}</summary>
                                <ul>{lit.against.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        {(met > 0).then(|| view! {
                            <details class="evidence__item evidence__item--for">
                                <summary><span aria-hidden="true">"○ "</span>{format!("計画に根拠あり（{met}）")}</summary>
                                <p>"指摘のなかった確認："</p>
                                <ul>{lit.met.iter().map(|t| view! { <li>{*t}</li> }).collect_view()}</ul>
                            </details>
                        })}
                    </div>
                }
            })}
            {(!c.is_empty()).then(|| view! { <RateCell area column context/> })}
        </td>
    }
}

/// 初任者, 現任, 主任・基幹 …
fn column_name(column: Column) -> String {
    match column {
        Column::Lead(office) => format!("主任・{}", office.label()),
        other => other.label().to_owned(),
    }
}

#[component]
fn RateCell(area: Area, column: Column, context: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let base = format!("rate-{}-{}", area.code(), column_code(column));
    let (status_id, note_id) = (format!("{base}-status"), format!("{base}-note"));
    let history = Memo::new(move |_| {
        state.profile.with(|p| p.history(area, column).into_iter().cloned().collect::<Vec<Rating>>())
    });
    let initial = state.profile.with_untracked(|p| p.latest(area, column).map(|r| r.status)).unwrap_or(RatingStatus::NotYet);
    let latest = move || {
        history.with(|h| match h.last() {
            Some(r) => format!("{}（{}）", r.status.label(), format_wareki(r.on)),
            None => "未記録".to_owned(),
        })
    };
    let record = {
        let (status_id, note_id) = (status_id.clone(), note_id.clone());
        move |_| {
            let status = RatingStatus::from_code(&value_of(&status_id)).unwrap_or(RatingStatus::NotYet);
            let note = value_of(&note_id);
            let today = now().date_naive();
            if state.edit_profile(|p| p.rate(area, column, today, status, &note)) {
                if let Some(i) = document().get_element_by_id(&note_id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    i.set_value("");
                }
            }
        }
    };
    view! {
        <details class=move || if history.with(Vec::is_empty) { "rate rate--none" } else { "rate" }>
            <summary class="rate__summary">
                "自己評価：" <span class="rate__latest">{latest}</span>
                <span class="visually-hidden">{context.clone()}</span>
            </summary>
            <div class="rate__form">
                <div class="field field--compact">
                    <label for=status_id.clone()>"今の状態"</label>
                    <select id=status_id.clone() class="select select--small">
                        {RatingStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=s == initial>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field field--compact">
                    <label for=note_id.clone()>"メモ（任意）"</label>
                    <input id=note_id.clone() type="text" class="input"/>
                </div>
                <button type="button" class="button button--small" on:click=record>
                    "記録する"<span class="visually-hidden">{context}</span>
                </button>
            </div>
            <Show when=move || history.with(|h| !h.is_empty())>
                <p class="rate__history-label">"これまでの記録（古い順）"</p>
                <ol class="rate__history">
                    {move || history.get().into_iter().map(|r| view! {
                        <li>
                            {format!("{} {}", both_calendars(r.on), r.status.label())}
                            {(!r.note.is_empty()).then(|| format!("：{}", r.note))}
                        </li>
                    }).collect_view()}
                </ol>
            </Show>
        </details>
    }
}

/// Counts per status on each day a rating was recorded.
#[component]
fn Progress() -> impl IntoView {
    let state = expect_context::<AppState>();
    let progress = Memo::new(move |_| state.profile.with(Profile::progress));
    view! {
        <section class="section matrix-progress" aria-labelledby="progress-heading">
            <h2 id="progress-heading">"自己評価の移り変わり"</h2>
            <Show when=move || !progress.with(Vec::is_empty)
                fallback=|| view! { <p>"まだ記録がありません。表の各欄の「自己評価」から記録できます。"</p> }>
                <table class="table">
                    <caption>"記録した日ごとの欄の数（各欄はその日までの最新の記録で数えています）"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"日付"</th>
                            {RatingStatus::ALL.into_iter().rev().map(|s| view! { <th scope="col">{s.label()}</th> }).collect_view()}
                            <th scope="col">"記録のある欄"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || progress.get().into_iter().map(|p| view! {
                            <tr>
                                <th scope="row">{both_calendars(p.on)}</th>
                                {RatingStatus::ALL.into_iter().rev().map(|s| view! { <td>{p.count(s)}</td> }).collect_view()}
                                <td>{p.counts.iter().sum::<usize>()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// `003`'s roles for the office type chosen in 設定.
#[component]
fn LeadRoles() -> impl IntoView {
    let state = expect_context::<AppState>();
    let office = Memo::new(move |_| state.settings.with(|s| s.office));
    view! {
        <section class="section lead-roles" aria-labelledby="lead-roles-heading">
            <h2 id="lead-roles-heading">
                {move || format!("主任相談支援専門員に望まれる役割（{}：{}）", office.get().label(), office.get().long_name())}
            </h2>
            <p>"大阪市の資料（" {doc_link("003")} "）が、主任の役割を事業所の種別ごとに書いたものです。事業所の種別は" <a href="#/settings">"設定"</a> "で変えられます。"</p>
            <h3>"基本的な視点（すべての主任）"</h3>
            <ul class="plain-list">
                {BASIC_VIEWPOINTS.iter().map(|v| view! { <li>{v.quote}</li> }).collect_view()}
            </ul>
            <p class="source">{format!("出典：{} {}", short_file(BASIC_VIEWPOINTS[0].file), BASIC_VIEWPOINTS[0].heading)} " " {doc_link(short_file(BASIC_VIEWPOINTS[0].file))}</p>
            {move || lead_roles(office.get()).map(|role| view! {
                <div class="lead-role">
                    <h3>{role.area.label()}</h3>
                    <p>{role.text()}</p>
                    <p class="source">{format!("出典：{} {}", short_file(role.source.file), role.source.heading)}</p>
                    {(!role.examples.is_empty()).then(|| view! {
                        <details class="lead-role__examples">
                            <summary>{format!("例（{}）", role.examples.len())}<span class="visually-hidden">{format!("：{}", role.area.label())}</span></summary>
                            <ul class="plain-list">{role.examples.iter().map(|e| view! { <li>{*e}</li> }).collect_view()}</ul>
                        </details>
                    })}
                </div>
            }).collect_view()}
        </section>
    }
}

/// The 推薦申出書 items as a checklist, saved at once.
#[component]
fn Checklist() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = Memo::new(move |_| state.profile.with(Profile::checklist_summary));
    let initial = state.profile.get_untracked();
    view! {
        <section class="section checklist" aria-labelledby="checklist-heading">
            <h2 id="checklist-heading">"主任研修の推薦申出書の確認"</h2>
            <p>"大阪市の資料（" {doc_link("000")} "）の「" {RECOMMENDATION_FORM_TITLE} "」の項目です。当てはまるものに印をつけておくと、このブラウザに保存されます（申出書の提出にはなりません）。"</p>
            <details class="checklist__declaration">
                <summary>"申出書の前文"</summary>
                {RECOMMENDATION_DECLARATION.iter().map(|d| view! { <p>{*d}</p> }).collect_view()}
            </details>
            <p class="checklist__count" role="status" aria-live="polite">
                {move || summary.with(|s| format!(
                    "○をつけた項目：{}／{}　誓約：{}／{}　１．の記入：{}／{}",
                    s.circled, s.circle_items, s.pledged, s.pledges, s.entered, s.entries
                ))}
            </p>
            <p class="checklist__note">
                "申出書は各項目に「※該当するものすべてに○を選択。」とするだけで、○の数の下限は書かれていません（１．の年数も空欄です）。"
                {move || if summary.with(|s| s.all_pledged()) {
                    "誓約事項は３つとも確認済みです。"
                } else {
                    "誓約事項は、すべて誓約しないと推薦されません。"
                }}
            </p>
            <form class="form" on:submit=|ev| ev.prevent_default()>
                {Section::ALL.into_iter().map(|section| view! {
                    <fieldset class="fieldset checklist__section">
                        <legend>{section.heading()}</legend>
                        <p class="field__hint">{section.note()}</p>
                        {inferred_note(section).map(|n| view! { <p class="field__hint">{n}</p> })}
                        {RECOMMENDATION_CHECKLIST.iter().filter(|i| i.section == section).map(|item| checklist_item(state, item, &initial)).collect_view()}
                    </fieldset>
                }).collect_view()}
            </form>
        </section>
    }
}

/// Which items of a section were placed by their topic (the extracted form is interleaved).
fn inferred_note(section: Section) -> Option<String> {
    let numbers: String = RECOMMENDATION_CHECKLIST
        .iter()
        .filter(|i| i.section == section && i.placement_inferred)
        .filter_map(|i| i.text.chars().next())
        .collect();
    (!numbers.is_empty()).then(|| format!("（この節の{numbers}は、資料の文字の並びが乱れているため、内容からこの節に置いています）"))
}

fn checklist_item(state: AppState, item: &'static ChecklistItem, profile: &Profile) -> AnyView {
    let id = format!("checklist-{}", item.id());
    let text_id = format!("{id}-text");
    let answer = profile.answer(item).cloned().unwrap_or_default();
    let save_text = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        state.edit_profile(|p| p.set_text(item, &v));
    };
    match item.kind {
        ItemKind::Entry => {
            // Section １ is its own question: its heading is the legend already.
            let is_heading = item.text == item.section.heading();
            let label = if is_heading { "従事した期間".to_owned() } else { item.text.split('：').next().unwrap_or(item.text).trim_start_matches('・').to_owned() };
            view! {
                <div class="field">
                    <label for=text_id.clone()>{label}</label>
                    {(!is_heading).then(|| view! { <p class="field__hint" id=format!("{text_id}-hint")>"例：令和3年3月31日"</p> })}
                    <input id=text_id.clone() type="text" class="input input--short" value=answer.text on:change=save_text
                        inputmode=is_heading.then_some("numeric")
                        aria-describedby=(!is_heading).then(|| format!("{text_id}-hint"))/>
                    {item.answer.map(|a| view! { <span class="checklist__suffix">{a}</span> })}
                </div>
            }
            .into_any()
        }
        ItemKind::Circle | ItemKind::Pledge => view! {
            <div class="checklist__item">
                <div class="checkbox checkbox--top">
                    <input type="checkbox" id=id.clone() checked=answer.checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.edit_profile(|p| p.set_checked(item, on));
                        }/>
                    <label for=id>{item.text}{item.required().then(|| view! { <span class="required">"（必須）"</span> })}</label>
                </div>
                {item.answer.map(|a| {
                    let label = a.trim_start_matches('→').trim_end_matches('：').to_owned();
                    view! {
                        <div class="field checklist__answer">
                            <label for=text_id.clone()>{label}</label>
                            <input id=text_id.clone() type="text" class="input" value=answer.text.clone() on:change=save_text/>
                        </div>
                    }
                })}
            </div>
        }
        .into_any(),
    }
}

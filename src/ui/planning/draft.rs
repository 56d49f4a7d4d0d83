//! 計画案: the サービス等利用計画（案） in the national form's order — header, the person's
//! and family's wishes apart, policy and goals, then the needs in priority order with their
//! supports and the assessment entries they rest on, and the monitoring proposal.

use crate::ui::route::{case_href, plan_print_href};
use crate::ui::state::AppState;
use crate::ui::reference::community::CommunityIssues;
use crate::ui::widgets::{checkbox, focus_later, keyed, text_area, text_input, OnInput};
use crate::domain::assessment::Column;
use crate::domain::plan::{interval_label, parse_hours, parse_times, MONITORING_INTERVALS, SERVICE_KINDS};
use crate::domain::sources::PERSON_NOT_FAMILY;
use crate::domain::{CaseId, EntryId, Formality, Need, NeedId, Per, ServicePlan, Stage, SupportItem};
use leptos::prelude::*;

/// One free-text field of the screen: the end of its DOM id, its label and hint, and its
/// shape. The fields are data (tables below), built by one function ([`text_field`]), so
/// each kind of field is compiled once rather than once per field.
struct Field {
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    /// A multi-line field (else one line).
    long: bool,
    /// A short one-line field.
    short: bool,
    /// The id of a `<datalist>` of suggestions.
    list: &'static str,
}

const fn long(key: &'static str, label: &'static str, hint: &'static str) -> Field {
    Field { key, label, hint, long: true, short: false, list: "" }
}

const fn line(key: &'static str, label: &'static str, hint: &'static str) -> Field {
    Field { key, label, hint, long: false, short: false, list: "" }
}

fn text_field(id: String, field: &Field, value: String, on_input: OnInput) -> AnyView {
    if field.long {
        text_area(id, field.label, field.hint, value, on_input)
    } else {
        text_input(id, field.label, field.hint, value, field.short, field.list, on_input)
    }
}

type PlanText = fn(&mut ServicePlan) -> &mut String;

/// 計画の基本事項 (DOM ids `plan-<key>`).
const HEADER_FIELDS: [(Field, PlanText); 7] = [
    (line("office-name", "相談支援事業者名", ""), |p| &mut p.header.office_name),
    (line("planner", "計画作成担当者", ""), |p| &mut p.header.planner),
    (line("drafted-on", "計画案作成日", ""), |p| &mut p.header.drafted_on),
    (line("monitoring-start", "モニタリング期間（開始年月）", ""), |p| &mut p.header.monitoring_start),
    (line("burden-cap", "利用者負担上限額", ""), |p| &mut p.header.burden_cap),
    (line("regional-certificate-no", "地域相談支援受給者証番号", ""), |p| &mut p.header.regional_certificate_no),
    (line("day-service-certificate-no", "通所受給者証番号", ""), |p| &mut p.header.day_service_certificate_no),
];

/// 意向, 方針 and 目標 after the person's wishes (DOM ids `plan-<key>`); the family's
/// label depends on the case (child or not), see [`family_wishes`].
const NARRATIVE_FIELDS: [(Field, PlanText); 3] = [
    (long("support-policy", "総合的な援助の方針", ""), |p| &mut p.support_policy),
    (long("long-term-goal", "長期目標", ""), |p| &mut p.long_term_goal),
    (long("short-term-goal", "短期目標", ""), |p| &mut p.short_term_goal),
];
const PERSON_WISHES: (Field, PlanText) = (
    long("person-wishes", "本人の意向（希望する生活）", "本人の言葉をそのまま「」で書きます。家族の意向とは分けて書きます。"),
    |p| &mut p.person_wishes,
);
fn family_wishes(for_child: bool) -> (Field, PlanText) {
    let label = if for_child { "保護者の意向（希望する生活）" } else { "家族の意向（希望する生活）" };
    (long("family-wishes", label, ""), |p| &mut p.family_wishes)
}

/// Builds plan fields from a table, each showing what `plan` holds (taken out of it).
fn plan_fields(state: AppState, id: &CaseId, plan: &mut ServicePlan, fields: &[(Field, PlanText)]) -> Vec<AnyView> {
    fields
        .iter()
        .map(|(field, f)| {
            let (id, f) = (id.clone(), *f);
            let value = std::mem::take(f(plan));
            text_field(format!("plan-{}", field.key), field, value,
                Box::new(move |v| state.edit_text(&id, |c| *f(&mut c.plan) = v)))
        })
        .collect()
}

#[component]
pub fn PlanDraftPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
    // The monitoring this change answers (「計画を変更する」 on its report), with a way to it.
    let requested = case.requested_by_text(&case.plan).map(|text| view! {
        <p class="notice notice--info" id="plan-requested-by">{text}" "
            <a href=case_href(&id, Stage::Monitoring)>"モニタリング報告書を見る"</a></p>
    });
    let mut plan = case.plan;
    view! {
        {requested}
        <div class="print-link">
            <p class="hint">"国の様式例と同じ順に並んでいます。入力した内容は自動で保存されます。"</p>
            <a class="button button--secondary" href=plan_print_href(&id)>"印刷用の画面を開く"</a>
        </div>
        <section class="section card" aria-labelledby="plan-header-heading">
            <h3 id="plan-header-heading">"計画の基本事項"</h3>
            <div class="grid-2">
                {plan_fields(state, &id, &mut plan, &HEADER_FIELDS)}
            </div>
        </section>
        <section class="section card" aria-labelledby="plan-wishes-heading">
            <h3 id="plan-wishes-heading">"利用者及びその家族の生活に対する意向（希望する生活）"</h3>
            {plan_fields(state, &id, &mut plan, std::slice::from_ref(&PERSON_WISHES))}
            <OwnWords id=id.clone()/>
            <p class="source">"出典：" {PERSON_NOT_FAMILY.citation()}</p>
            {plan_fields(state, &id, &mut plan, &[family_wishes(case.for_child)])}
            {plan_fields(state, &id, &mut plan, &NARRATIVE_FIELDS)}
        </section>
        <Needs id=id.clone()/>
        <Monitoring id=id.clone()/>
        <Difficulty id=id.clone()/>
        <CommunityIssues id/>
        <datalist id="service-kinds">
            {SERVICE_KINDS.iter().map(|k| view! { <option value=*k></option> }).collect_view()}
        </datalist>
    }
    .into_any()
}

/// The person's own words recorded in the assessment (本人の願い), each with a button that
/// adds it to 本人の意向 in 「」: the plan quotes the person rather than retelling them.
#[component]
fn OwnWords(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    // (domain, words, already in 本人の意向)
    let words: Vec<(String, String, bool)> = untrack(|| {
        state.with_case(&id, |c| {
            c.assessment
                .persons_own_wishes()
                .into_iter()
                .map(|(d, e)| {
                    let text = e.text.trim().to_owned();
                    let there = c.plan.person_wishes.contains(&format!("「{text}」"));
                    (d.label().to_owned(), text, there)
                })
                .collect()
        })
    })
    .unwrap_or_default();
    if words.is_empty() {
        return view! {
            <p class="hint own-words__none">"アセスメントの「本人の願い」に本人の言葉を記録する（「言葉をそのまま記録」に印をつける）と、ここから本人の意向に「」のまま入れられます。"</p>
        }
        .into_any();
    }
    let done = RwSignal::new(String::new());
    let id = StoredValue::new(id);
    let insert = move |text: &str, there: RwSignal<bool>| {
        use wasm_bindgen::JsCast;
        let Some(area) = document().get_element_by_id("plan-person-wishes").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else {
            return;
        };
        let quoted = format!("「{text}」");
        let now = area.value();
        if now.contains(&quoted) {
            there.set(true);
            return done.set(format!("{quoted}は、もう本人の意向に入っています。"));
        }
        there.set(true);
        let joined = format!("{}{quoted}", now.trim_end());
        area.set_value(&joined);
        id.with_value(|id| state.edit_text(id, |c| c.plan.person_wishes = joined));
        done.set(format!("本人の意向の終わりに{quoted}を入れました。"));
    };
    view! {
        <div class="own-words">
            <p class="own-words__title" id="own-words-title">"アセスメントで記録した本人の言葉"</p>
            <ul class="own-words__list" aria-labelledby="own-words-title">
                {words.into_iter().map(|(place, text, there)| {
                    let quoted = format!("「{text}」");
                    let there = RwSignal::new(there);
                    view! {
                        <li class="own-words__item">
                            <span class="own-words__place">{place}</span>
                            <span class="own-words__text">{quoted.clone()}
                                <span class="tag tag--muted" hidden=move || !there.get()>"入っています"</span>
                            </span>
                            <button type="button" class="button button--secondary button--small"
                                on:click=move |_| insert(&text, there)>
                                "本人の意向に入れる"<span class="visually-hidden">{quoted}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="own-words__done" role="status">{move || done.get()}</p>
        </div>
    }
    .into_any()
}

#[component]
fn Needs(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    // The assessment entries a need can rest on (non-empty ones, with their place), once
    // for all needs: it is recomputed on each keystroke in the case, so not per need.
    let entries = {
        let id = id.clone();
        Memo::new(move |_| {
            state.with_case(&id, |c| {
                c.assessment
                    .domains()
                    .iter()
                    .flat_map(|d| {
                        Column::ALL.into_iter().flat_map(move |col| {
                            d.column(col).iter().filter(|e| !e.text.trim().is_empty()).map(move |e| {
                                (e.id, format!("{}・{}", d.domain.label(), col.label_short()), e.display_text())
                            })
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    };
    let order = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| c.plan.needs().iter().map(|n| n.id).collect::<Vec<_>>()).unwrap_or_default())
    };
    let add_id = id.clone();
    view! {
        <section class="section" aria-labelledby="plan-needs-heading">
            <h3 id="plan-needs-heading" tabindex="-1">"解決すべき課題と支援（優先順位の高い順）"</h3>
            <Show when=move || order.with(Vec::is_empty)>
                <p class="empty">"まだありません。「ニーズを追加」から、本人のニーズごとに1行ずつ作ります。"</p>
            </Show>
            <ol class="needs">
                {keyed(move || order.get().into_iter().map(|n| (u64::from(n.0), u64::from(n.0))).collect(),
                    move |n| view! { <NeedEditor id=id.clone() need=NeedId(n as u32) order entries/> }.into_any())}
            </ol>
            <button type="button" class="button" on:click=move |_| {
                let mut added = None;
                state.edit_if(&add_id, |c| {
                    added = c.plan.add_need();
                    added.is_some()
                });
                match added {
                    Some(n) => focus_later(format!("need-{}-need", n.0)),
                    None => state.status.set(crate::domain::id_limit_message("ニーズ")),
                }
            }>"＋ ニーズを追加"</button>
        </section>
    }
}

type NeedText = fn(&mut Need) -> &mut String;

/// A need's text fields (DOM ids `need-<n>-<key>`), in the order of the form: the first two,
/// then the two dates side by side, then (after the supports) the last two.
const NEED_FIELDS: [(Field, NeedText); 6] = [
    (long("need", "解決すべき課題（本人のニーズ）", ""), |n| &mut n.need),
    (long("goal", "支援目標", ""), |n| &mut n.goal),
    (Field { short: true, ..line("target-date", "達成時期", "") }, |n| &mut n.target_date),
    (Field { short: true, ..line("review-date", "評価時期", "") }, |n| &mut n.review_date),
    (long("persons-role", "課題解決のための本人の役割", ""), |n| &mut n.persons_role),
    (long("notes", "その他留意事項", ""), |n| &mut n.notes),
];

#[component]
fn NeedEditor(id: CaseId, need: NeedId, order: Memo<Vec<NeedId>>, entries: Memo<Vec<(EntryId, String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(initial) = untrack(|| state.case(&id)).and_then(|c| c.plan.need(need).cloned()) else {
        return ().into_any();
    };
    let priority = move || order.with(|o| o.iter().position(|n| *n == need).map_or(0, |i| i + 1));
    let base = format!("need-{}", need.0);
    let mut initial = initial;
    let mut fields = |fields: &[(Field, NeedText)]| {
        fields
            .iter()
            .map(|(field, f)| {
                let (id, f) = (id.clone(), *f);
                let value = std::mem::take(f(&mut initial));
                text_field(format!("need-{}-{}", need.0, field.key), field, value,
                    Box::new(move |v| state.edit_text(&id, |c| if let Some(n) = c.plan.need_mut(need) { *f(n) = v })))
            })
            .collect::<Vec<_>>()
    };
    let (before, dates, after) = (fields(&NEED_FIELDS[..2]), fields(&NEED_FIELDS[2..4]), fields(&NEED_FIELDS[4..]));
    let mover = |up: bool| {
        let id = id.clone();
        let button_id = format!("need-{}-{}", need.0, if up { "up" } else { "down" });
        let heading_id = format!("need-{}-heading", need.0);
        move |_| {
            state.edit(&id, |c| {
                c.plan.move_need(need, up);
            });
            // Keep the keyboard on the moved need: the same button, or its heading once the
            // need has reached the end and the button is disabled.
            let (button_id, heading_id) = (button_id.clone(), heading_id.clone());
            request_animation_frame(move || {
                let disabled = document()
                    .get_element_by_id(&button_id)
                    .is_none_or(|b| b.has_attribute("disabled"));
                focus_later(if disabled { heading_id } else { button_id });
            });
        }
    };
    let remove_id = id.clone();
    // 地域課題の候補: plain edit (the check panel and the 地域課題 section show it).
    let unmet = {
        let id = id.clone();
        checkbox(format!("{base}-unmet"), "今ある資源では満たせない（地域課題の候補）", initial.unmet,
            Box::new(move |on| state.edit(&id, |c| if let Some(n) = c.plan.need_mut(need) { n.unmet = on })))
    };
    view! {
        <li class="need card" id=base.clone()>
            <div class="need__head">
                <h4 id=format!("{base}-heading") tabindex="-1">"優先順位 " {priority}</h4>
                <div class="button-row button-row--tight">
                    <button type="button" id=format!("{base}-up") class="button button--secondary button--small"
                        aria-label=move || format!("優先順位{}を上へ", priority())
                        disabled=move || { priority() <= 1 } on:click=mover(true)>"↑ 上へ"</button>
                    <button type="button" id=format!("{base}-down") class="button button--secondary button--small"
                        aria-label=move || format!("優先順位{}を下へ", priority())
                        disabled=move || { priority() >= order.with(Vec::len) } on:click=mover(false)>"↓ 下へ"</button>
                    <button type="button" class="button button--danger button--small"
                        aria-label=move || format!("優先順位{}のニーズを削除", priority())
                        on:click=move |_| {
                            state.edit(&remove_id, |c| { c.plan.remove_need(need); });
                            focus_later("plan-needs-heading".to_owned());
                        }>"削除"</button>
                </div>
            </div>
            <div class="need__body">
                <div class="need__fields">
                    {before}
                    <div class="grid-2">
                        {dates}
                    </div>
                    <Supports id=id.clone() need/>
                    {after}
                    {unmet}
                </div>
                <RestsOn id need entries/>
            </div>
        </li>
    }
    .into_any()
}

/// The assessment entries a need rests on: pick them, and see them beside the row.
#[component]
fn RestsOn(id: CaseId, need: NeedId, entries: Memo<Vec<(EntryId, String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let legend_id = format!("need-{}-rests-on", need.0);
    let linked = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| c.plan.need(need).map(|n| n.rests_on.clone()).unwrap_or_default()).unwrap_or_default())
    };
    let list = Memo::new(move |_| {
        linked.with(|linked| {
            entries.with(|es| es.iter().map(|(e, place, text)| (*e, place.clone(), text.clone(), linked.contains(e))).collect::<Vec<_>>())
        })
    });
    view! {
        <fieldset class="rests-on" aria-describedby=format!("{legend_id}-hint")>
            <legend>"根拠にするアセスメント"</legend>
            <p class="field__hint" id=format!("{legend_id}-hint")>
                "このニーズのもとになった本人の願い・強みなどに印をつけます。"
            </p>
            <Show when=move || list.with(Vec::is_empty)>
                <p class="empty">"アセスメントに記入がまだありません。"</p>
            </Show>
            <ul class="rests-on__list">
                {move || list.get().into_iter().map(|(entry, place, text, linked)| {
                    let id = id.clone();
                    let box_id = format!("need-{}-entry-{}", need.0, entry.0);
                    view! {
                        <li class="checkbox checkbox--top" class:rests-on__linked=linked>
                            <input type="checkbox" id=box_id.clone() prop:checked=linked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    state.edit(&id, |c| c.plan.set_rests_on(need, entry, on));
                                }/>
                            <label for=box_id><span class="rests-on__place">{place}</span>" "{text}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

#[component]
fn Supports(id: CaseId, need: NeedId) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Rows have no identity of their own: every add or remove bumps `layout`, and the keyed
    // list then re-creates all rows, each reading what is stored at that moment (patching
    // would leave a removed row's typed text on screen over the next row's data).
    let layout = RwSignal::new(0u32);
    let rows = {
        let id = id.clone();
        move || {
            let n = state.with_case(&id, |c| c.plan.need(need).map_or(0, |n| n.supports.len())).unwrap_or(0);
            let layout = layout.get();
            (0..n).map(|i| (layout, i)).collect::<Vec<_>>()
        }
    };
    let rows = Memo::new(move |_| rows());
    let add_id = id.clone();
    let add_button = format!("need-{}-add-support", need.0);
    let add_button_id = add_button.clone();
    view! {
        <fieldset class="supports">
            <legend>"福祉サービス等（種類・内容・量（頻度・時間））"</legend>
            {keyed(move || rows.get().into_iter().map(|(l, i)| ((u64::from(l) << 32) | i as u64, i as u64)).collect(),
                move |index| view! { <SupportEditor id=id.clone() need index=index as usize layout add_button=add_button.clone()/> }.into_any())}
            <button type="button" id=add_button_id class="button button--secondary button--small" on:click=move |_| {
                let mut index = None;
                state.edit_if(&add_id, |c| {
                    index = c.plan.add_support(need).and_then(|_| c.plan.need(need)).map(|n| n.supports.len() - 1);
                    index.is_some()
                });
                let Some(index) = index else {
                    return state.status.set(crate::domain::id_limit_message("支援"));
                };
                layout.update(|l| *l += 1);
                focus_later(format!("need-{}-support-{index}-kind", need.0));
            }>"＋ 支援を追加"</button>
        </fieldset>
    }
}

type SupportText = fn(&mut SupportItem) -> &mut String;

/// A support's text fields (DOM ids `need-<n>-support-<i>-<key>`): 種類, 提供事業者名, 内容; the reason for it and 提供する法人 come after the amount.
const SUPPORT_FIELDS: [(Field, SupportText); 5] = [
    (
        Field { list: "service-kinds", ..line("kind", "種類", "サービス名を選ぶか、自由に書きます（例：家族、近所の喫茶店）。") },
        |s| &mut s.kind,
    ),
    (line("provider", "提供事業者名（担当者名・電話）", "計画案の段階では空欄でもかまいません。"), |s| &mut s.provider),
    (long("content", "内容", ""), |s| &mut s.content),
    (
        long("reason", "この支援・この量にした理由", "なぜこのサービスで、なぜこの回数・時間なのかを、本人の状況から書きます（市町村が支給を決めるときに読みます）。"),
        |s| &mut s.reason,
    ),
    (line("corporation", "提供する法人", "中立・公正の確認に使います（任意）。"), |s| &mut s.corporation),
];

/// A change to one support, made in place (typing: nothing else on the screen shows it).
type SupportChange = Box<dyn FnOnce(&mut SupportItem)>;

fn edit_support(state: AppState, id: StoredValue<CaseId>, support: crate::domain::SupportId, f: SupportChange) {
    id.with_value(|id| state.edit_text(id, |c| c.plan.update_support(support, f)))
}

/// 回数 or 1回の時間: checked as typed; a value that does not parse shows its message
/// above the field and leaves the stored amount as it was.
#[allow(clippy::too_many_arguments)]
fn amount_field(
    state: AppState,
    id: StoredValue<CaseId>,
    support: crate::domain::SupportId,
    dom_id: String,
    label: &'static str,
    inputmode: &'static str,
    value: String,
    parse: fn(&str) -> Result<SupportChange, &'static str>,
) -> AnyView {
    let error = RwSignal::new(None::<&'static str>);
    let err_id = format!("{dom_id}-error");
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            <p class="field__error" id=err_id.clone() hidden=move || error.get().is_none()>{move || error.get()}</p>
            <input id=dom_id class="input input--tiny" type="text" inputmode=inputmode autocomplete="off"
                value=value
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=move || error.get().map(|_| err_id.clone())
                on:input=move |ev| match parse(&event_target_value(&ev)) {
                    Ok(change) => { error.set(None); edit_support(state, id, support, change); }
                    Err(m) => error.set(Some(m)),
                }/>
        </div>
    }
    .into_any()
}

fn times_change(raw: &str) -> Result<SupportChange, &'static str> {
    parse_times(raw).map(|t| Box::new(move |s: &mut SupportItem| s.amount.times = t) as SupportChange)
}

fn hours_change(raw: &str) -> Result<SupportChange, &'static str> {
    parse_hours(raw).map(|h| Box::new(move |s: &mut SupportItem| s.amount.hours = h) as SupportChange)
}

#[component]
fn SupportEditor(id: CaseId, need: NeedId, index: usize, layout: RwSignal<u32>, add_button: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(mut item) = untrack(|| state.case(&id)).and_then(|c| c.plan.need(need).and_then(|n| n.supports.get(index).cloned())) else {
        return ().into_any();
    };
    let base = format!("need-{}-support-{index}", need.0);
    let id = StoredValue::new(id);
    let support = item.id;
    let edit = move |f: SupportChange| edit_support(state, id, support, f);
    let [kind, provider, content, reason, corporation] = SUPPORT_FIELDS.each_ref().map(|(field, f)| {
        let f = *f;
        let value = std::mem::take(f(&mut item));
        text_field(format!("{base}-{}", field.key), field, value, Box::new(move |v| edit(Box::new(move |s| *f(s) = v))))
    });
    let formality_name = format!("{base}-formality");
    view! {
        <div class="support">
            <fieldset class="support__formality">
                <legend>{format!("支援{} の区分", index + 1)}</legend>
                {[Formality::Formal, Formality::Informal].into_iter().map(|f| {
                    let radio_id = format!("{formality_name}-{}", if f == Formality::Formal { "formal" } else { "informal" });
                    view! {
                        <span class="radio">
                            <input type="radio" id=radio_id.clone() name=formality_name.clone() checked=item.formality == f
                                on:change=move |_| edit(Box::new(move |s| s.formality = f))/>
                            <label for=radio_id>{f.label()}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            // One to a row: 種類 holds names as long as 「日常生活自立支援事業（社会福祉協議会）」.
            {kind}
            {provider}
            {content}
            <div class="amount">
                <div class="field">
                    <label for=format!("{base}-per")>"頻度の単位"</label>
                    <select id=format!("{base}-per") class="select select--small" on:change=move |ev| {
                        let per = if event_target_value(&ev) == "month" { Per::Month } else { Per::Week };
                        edit(Box::new(move |s| s.amount.per = per));
                    }>
                        <option value="week" selected=item.amount.per == Per::Week>"週あたり"</option>
                        <option value="month" selected=item.amount.per == Per::Month>"月あたり"</option>
                    </select>
                </div>
                {amount_field(state, id, support, format!("{base}-times"), "回数", "numeric",
                    item.amount.times.map(|t| t.to_string()).unwrap_or_default(), times_change)}
                {amount_field(state, id, support, format!("{base}-hours"), "1回の時間（時間）", "decimal",
                    item.amount.hours.map(|h| h.to_string()).unwrap_or_default(), hours_change)}
            </div>
            {reason}
            {corporation}
            <button type="button" class="button button--danger button--small"
                aria-label=format!("この支援を削除（支援{}）", index + 1)
                on:click=move |_| {
                    id.with_value(|id| state.edit(id, |c| { c.plan.remove_support(support); }));
                    layout.update(|l| *l += 1);
                    focus_later(add_button.clone());
                }>"この支援を削除"</button>
        </div>
    }
    .into_any()
}

#[component]
fn Monitoring(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let initial = untrack(|| state.case(&id)).map(|c| c.plan.monitoring).unwrap_or_default();
    let select_id = id.clone();
    view! {
        <section class="section card" aria-labelledby="plan-monitoring-heading">
            <h3 id="plan-monitoring-heading">"モニタリング期間の提案"</h3>
            <div class="field">
                <label for="plan-monitoring-interval">"提案する期間"</label>
                <select id="plan-monitoring-interval" class="select" on:change=move |ev| {
                    let months = event_target_value(&ev).parse::<u8>().ok();
                    state.edit(&select_id, |c| c.plan.monitoring.interval_months = months);
                }>
                    <option value="" selected=initial.interval_months.is_none()>"未選択"</option>
                    {MONITORING_INTERVALS.into_iter().map(|m| view! {
                        <option value=m.to_string() selected=initial.interval_months == Some(m)>
                            {interval_label(m)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            {text_area("plan-monitoring-reason".to_owned(), "その期間を提案する理由", "", initial.reason,
                Box::new(move |v| state.edit_text(&id, |c| c.plan.monitoring.reason = v)))}
        </section>
    }
}

/// 支援困難ケースの備え: marked, then what happens in an emergency, the team, when it met.
#[component]
fn Difficulty(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let initial = untrack(|| state.case(&id)).map(|c| c.plan.difficulty).unwrap_or_default();
    let marked = RwSignal::new(initial.marked);
    let field = |key: &'static str, label: &'static str, hint: &'static str, value: String, f: fn(&mut crate::domain::plan::Difficulty) -> &mut String| {
        let id = id.clone();
        text_area(format!("plan-difficulty-{key}"), label, hint, value, Box::new(move |v| state.edit_text(&id, |c| *f(&mut c.plan.difficulty) = v)))
    };
    let fields = [
        field("emergency", "緊急時の対応", "体調の急変や家族の急病のとき、誰が何をし、どこに連絡するか。", initial.emergency, |d| &mut d.emergency),
        field("team", "支援チーム（顔ぶれと役割）", "", initial.team, |d| &mut d.team),
        field("meetings", "チームで集まった日", "サービス担当者会議や事例検討の日（これからの予定も）。", initial.meetings, |d| &mut d.meetings),
    ];
    let toggle = {
        let id = id.clone();
        checkbox("plan-difficulty-marked".to_owned(), "支援困難ケースとして扱う", initial.marked, Box::new(move |on| {
            marked.set(on);
            state.edit(&id, |c| c.plan.difficulty.marked = on);
        }))
    };
    view! {
        <section class="section card" aria-labelledby="plan-difficulty-heading">
            <h3 id="plan-difficulty-heading">"支援困難ケースの備え"</h3>
            <p class="hint">"複数の課題が重なり、チームで支えるケースのとき。主任相談支援専門員の計画チェックで確かめます。"</p>
            {toggle}
            <div hidden=move || !marked.get()>{fields}</div>
        </section>
    }
}

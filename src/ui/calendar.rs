//! The caseload calendar (`#/calendar`): every case's due monitorings and renewals —
//! 期限切れ, 今月, 来月 and the months after — from `domain::calendar`. Also the 支給決定
//! fields of the インテーク screen and the minimal 「モニタリングを記録する」 of the
//! モニタリング step (the full モニタリング報告書 screen is later work).

use super::route::{case_href, set_title};
use super::state::{now, AppState};
use super::widgets::{error_link, focus_later, value_of};
use crate::domain::calendar::{
    agenda, decision_problem, next_due, parse_interval, parse_start_month, parse_valid_date, AgendaRow, BenefitDecision,
    DueKind, Month,
};
use crate::domain::monitoring::MonitoringVisit;
use crate::domain::plan::interval_label;
use crate::domain::wareki::{format_seireki, format_wareki};
use crate::domain::{Case, CaseId, Stage};
use leptos::prelude::*;

/// How many months after this one the calendar lists (and the case list looks ahead).
const MONTHS_AHEAD: i64 = 13;

/// What the case list shows as a case's next due item: 「期限切れ：モニタリング（令和9年3月）」.
pub fn next_due_text(case: &Case, lead_months: u8) -> String {
    let today = now().date_naive();
    match next_due(case, today, lead_months, MONTHS_AHEAD) {
        Some(item) => {
            let when = if item.is_overdue(today) { format!("期限切れ：{}", item.month.wareki()) } else { item.month.wareki() };
            let what = match item.kind {
                DueKind::Monitoring => "モニタリング",
                DueKind::Renewal { .. } => "更新の準備",
            };
            format!("{what}（{when}）")
        }
        None if case.benefit_decision.monitoring_interval_months.is_none() => "—".to_owned(),
        None => "なし".to_owned(),
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    set_title("予定（モニタリングと更新）");
    let state = expect_context::<AppState>();
    let today = now().date_naive();
    let this = Month::of(today);
    let lead = move || state.calendar.with(|o| o.renewal_lead_months);
    let ag = Memo::new(move |_| {
        let lead = lead();
        state.cases.with(|cs| agenda(cs, today, lead, MONTHS_AHEAD))
    });
    let set_up = move || state.cases.with(|cs| cs.iter().filter(|c| !c.archived && c.benefit_decision.monitoring_interval_months.is_some()).count());
    let active = move || state.cases.with(|cs| cs.iter().filter(|c| !c.archived).count());
    let month_section = move |i: usize| {
        let (month, rows) = ag.with(|a| a.months[i].clone());
        let title = match i {
            0 => format!("今月（{}）", month.both()),
            1 => format!("来月（{}）", month.both()),
            _ => month.both(),
        };
        let empty = match i {
            0 => "今月の予定はありません。",
            1 => "来月の予定はありません。",
            _ => "予定はありません。",
        };
        section(format!("calendar-{month}"), title, rows, empty, false)
    };
    view! {
        <h1 tabindex="-1">"予定（モニタリングと更新）"</h1>
        <p>
            {format!("今日は{}（{}）です。", format_wareki(today), format_seireki(today))}
            "インテークの画面で入力した支給決定（有効期間・モニタリング期間・開始月）から、モニタリングの月と、有効期間が終わる"
            {lead}
            "か月前（"<a href="#/settings">"設定"</a>"で変えられます）からの更新の準備を並べます。その月に記録したモニタリングがあれば、その月の予定は消えます。"
        </p>
        {move || {
            let (n, total) = (set_up(), active());
            (n < total).then(|| view! {
                <p class="notice notice--info">{format!("支給決定のモニタリング期間が未入力のケースが {} 件あります（ケース一覧の「次の予定」が「—」のケース）。", total - n)}</p>
            })
        }}
        {move || {
            let overdue = ag.with(|a| a.overdue.clone());
            section("calendar-overdue".to_owned(), format!("期限切れ（{}より前）", this.both()), overdue, "期限切れはありません。", true)
        }}
        {move || (0..=MONTHS_AHEAD as usize).map(month_section).collect_view()}
    }
}

/// One section of the calendar: a heading and its rows, or a plain sentence when empty.
fn section(dom_id: String, title: String, rows: Vec<AgendaRow>, empty: &'static str, overdue: bool) -> AnyView {
    let heading_id = format!("{dom_id}-heading");
    let body = if rows.is_empty() {
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! {
            <ul class="calendar-list">
                {rows.into_iter().map(|r| row(r, overdue)).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="section calendar-section" class:calendar-section--overdue=overdue id=dom_id aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            {body}
        </section>
    }
    .into_any()
}

fn row(r: AgendaRow, overdue: bool) -> AnyView {
    let step = match r.item.kind {
        DueKind::Monitoring => Stage::Monitoring,
        DueKind::Renewal { .. } => Stage::Intake,
    };
    let href = case_href(&r.case_id, step);
    let when = if overdue { format!("{}の予定", r.item.month.both()) } else { String::new() };
    view! {
        <li class="calendar-row">
            <span class="calendar-row__case">
                <a href=href>{r.case_name.clone()}</a>
                {r.for_child.then(|| view! { <span class="tag">"障害児"</span> })}
            </span>
            <span class="calendar-row__what">{r.item.label()}</span>
            {(!when.is_empty()).then(|| view! { <span class="calendar-row__when">{when}</span> })}
        </li>
    }
    .into_any()
}

/// 支給決定 on the インテーク screen: typed in 西暦 or 和暦, checked as typed; a value that does
/// not read keeps what is stored and says why.
#[component]
pub fn DecisionForm(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else { return ().into_any() };
    let d = case.benefit_decision.clone();
    let id = StoredValue::new(id);
    let problem = RwSignal::new(decision_problem(&d));
    let field = move |dom_id: &'static str, label: &'static str, hint: &'static str, value: String, apply: fn(&str, &mut BenefitDecision) -> Result<(), &'static str>| {
        let error = RwSignal::new(None::<&'static str>);
        let (hint_id, err_id) = (format!("{dom_id}-hint"), format!("{dom_id}-error"));
        let described = {
            let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
            move || if error.get().is_some() { format!("{hint_id} {err_id}") } else { hint_id.clone() }
        };
        view! {
            <div class="field">
                <label for=dom_id>{label}</label>
                <p class="field__hint" id=hint_id>{hint}</p>
                <p class="field__error" id=err_id hidden=move || error.get().is_none()>{move || error.get()}</p>
                <input id=dom_id class="input input--short" type="text" autocomplete="off" value=value
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=described
                    on:input=move |ev| {
                        let raw = event_target_value(&ev);
                        let mut result = Ok(());
                        id.with_value(|id| state.edit_if(id, |c| {
                            let mut d = c.benefit_decision.clone();
                            result = apply(&raw, &mut d);
                            let changed = result.is_ok() && d != c.benefit_decision;
                            if changed {
                                problem.set(decision_problem(&d));
                                c.benefit_decision = d;
                            }
                            changed
                        }));
                        error.set(result.err());
                    }/>
            </div>
        }
    };
    let proposed = case.plan.monitoring.interval_months.map(interval_label);
    view! {
        <h3>"支給決定（受給者証から）"</h3>
        <p class="hint">"モニタリングの予定と、更新の準備の時期に使います。わかったものから入力します。"</p>
        {field("decision-valid-from", "有効期間（開始日）", "例：令和9年4月1日、2027-04-01", d.valid_from.map(format_wareki).unwrap_or_default(),
            |raw, d| parse_valid_date(raw).map(|v| d.valid_from = v))}
        {field("decision-valid-until", "有効期間（終了日）", "例：令和10年3月31日、2028-03-31", d.valid_until.map(format_wareki).unwrap_or_default(),
            |raw, d| parse_valid_date(raw).map(|v| d.valid_until = v))}
        <p class="field__error" id="decision-problem" role="status" hidden=move || problem.get().is_none()>{move || problem.get()}</p>
        {field("decision-interval", "モニタリング期間（市町村が決定した月数）", "1から12までの月数。例：3（3か月ごと）", d.monitoring_interval_months.map(|m| m.to_string()).unwrap_or_default(),
            |raw, d| parse_interval(raw).map(|v| d.monitoring_interval_months = v))}
        <p class="hint" id="decision-proposal">
            {match proposed {
                Some(p) => format!("計画案での提案：{p}。標準の期間やリスクに応じた期間は目安で、決めるのは市町村です。"),
                None => "計画案ではまだモニタリング期間を提案していません。標準の期間は目安で、決めるのは市町村です。".to_owned(),
            }}
        </p>
        {field("decision-start", "モニタリングの開始月", "例：令和9年4月、2027-04", d.monitoring_start.map(Month::wareki).unwrap_or_default(),
            |raw, d| parse_start_month(raw).map(|v| d.monitoring_start = v))}
    }
    .into_any()
}

/// The モニタリング step: the monitorings recorded, and a minimal form to record one held
/// (実施日, 実施場所, 居宅訪問か) on the plan in force.
#[component]
pub fn MonitoringStep(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let done = RwSignal::new(None::<String>);
    let has_final = {
        let id = id.clone();
        move || state.with_case(&id, |c| !c.final_plans.is_empty()).unwrap_or(false)
    };
    let recorded = {
        let id = id.clone();
        move || {
            state
                .with_case(&id, |c| {
                    c.recorded_monitorings()
                        .into_iter()
                        .map(|r| {
                            let on = r.held_on.map(|d| format!("{}（{}）", format_wareki(d), format_seireki(d))).unwrap_or_default();
                            let visit = if r.home_visit { "居宅訪問" } else { "居宅訪問ではない" };
                            (on, format!("{}・{visit}・計画 第{}版", r.place, r.plan_version))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        }
    };
    let next = {
        let id = id.clone();
        move || {
            let lead = state.calendar.with(|o| o.renewal_lead_months);
            state.with_case(&id, |c| next_due_text(c, lead)).unwrap_or_default()
        }
    };
    let field_id = |f: &str| if f == "place" { "monitoring-place" } else { "monitoring-held-on" };
    let record = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let visit = MonitoringVisit {
                held_on: value_of("monitoring-held-on"),
                place: value_of("monitoring-place"),
                home_visit: document()
                    .get_element_by_id("monitoring-home-visit")
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
                    .is_some_and(|i| i.checked()),
            };
            let mut result = Err(Vec::new());
            state.edit_if(&id, |c| {
                result = c.record_monitoring(&visit);
                result.is_ok()
            });
            match result {
                Ok(_) => {
                    state.flush();
                    errors.set(Vec::new());
                    // Ready for the next one; the recorded one is listed above.
                    for field in ["monitoring-held-on", "monitoring-place"] {
                        if let Some(i) = document().get_element_by_id(field).and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok()) {
                            i.set_value("");
                        }
                    }
                    done.set(Some(format!("{}のモニタリングを記録しました。", visit.held_on.trim())));
                    focus_later("monitoring-done".to_owned());
                }
                Err(e) => {
                    done.set(None);
                    errors.set(e.into_iter().map(|e| (field_id(e.field), e.message.to_owned())).collect());
                    focus_later("monitoring-errors".to_owned());
                }
            }
        }
    };
    let error_for = move |f: &'static str| move || errors.with(|e| e.iter().find(|(k, _)| *k == f).map(|(_, m)| m.clone()));
    let invalid = move |f: &'static str| move || if errors.with(|e| e.iter().any(|(k, _)| *k == f)) { "true" } else { "false" };
    let today = format_wareki(now().date_naive());
    view! {
        <p>{move || format!("次の予定：{}", next())}" "<a href="#/calendar">"予定（すべてのケース）"</a></p>
        <h3 id="monitoring-list-heading">"記録したモニタリング"</h3>
        {move || {
            let list = recorded();
            if list.is_empty() {
                view! { <p class="empty">"まだ記録していません。"</p> }.into_any()
            } else {
                view! {
                    <ul class="monitoring-list">
                        {list.into_iter().map(|(on, what)| view! { <li><strong>{on}</strong>" "{what}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
        <Show when=has_final fallback=|| view! {
            <p class="notice notice--info">"確定した計画がまだありません。モニタリングは、確定した計画（「計画」の段階）について記録します。"</p>
        }>
            <form class="form card" on:submit=record.clone() novalidate>
                <h3>"モニタリングを記録する"</h3>
                <p class="hint">"行ったモニタリングの日と場所を記録します。記録すると、その月の予定が済みになります。記録は後から変えられません（訂正は新しい記録にします）。"</p>
                <Show when=move || !errors.with(Vec::is_empty)>
                    <div class="error-summary" id="monitoring-errors" tabindex="-1" role="alert">
                        <h4>"記録できませんでした"</h4>
                        <ul>{move || errors.get().into_iter().map(|(f, m)| error_link(f.to_owned(), m)).collect_view()}</ul>
                    </div>
                </Show>
                <div class="field">
                    <label for="monitoring-held-on">"実施日"</label>
                    <p class="field__hint" id="monitoring-held-on-hint">{format!("例：{today}、2027-04-10")}</p>
                    <p class="field__error" hidden=move || error_for("monitoring-held-on")().is_none()>{error_for("monitoring-held-on")}</p>
                    <input id="monitoring-held-on" class="input input--short" type="text" autocomplete="off"
                        aria-describedby="monitoring-held-on-hint" aria-invalid=invalid("monitoring-held-on")/>
                </div>
                <div class="field">
                    <label for="monitoring-place">"実施場所"</label>
                    <p class="field__hint" id="monitoring-place-hint">"例：自宅、通所先の面談室"</p>
                    <p class="field__error" hidden=move || error_for("monitoring-place")().is_none()>{error_for("monitoring-place")}</p>
                    <input id="monitoring-place" class="input" type="text" autocomplete="off"
                        aria-describedby="monitoring-place-hint" aria-invalid=invalid("monitoring-place")/>
                </div>
                <div class="checkbox">
                    <input id="monitoring-home-visit" type="checkbox"/>
                    <label for="monitoring-home-visit">"居宅訪問で行った"</label>
                </div>
                <button type="submit" class="button">"モニタリングを記録する"</button>
                <p id="monitoring-done" tabindex="-1" class="notice notice--success" hidden=move || done.get().is_none()>{move || done.get()}</p>
            </form>
        </Show>
    }
}

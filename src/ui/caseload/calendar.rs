//! The caseload calendar (`#/calendar`): every case's due monitorings and renewals —
//! 期限切れ, 今月, 来月 and the months after — from `domain::calendar`. Also the 支給決定
//! fields of the インテーク screen, which the calendar is computed from.

use crate::ui::route::{case_href, set_title};
use crate::ui::state::{now, AppState};
use crate::domain::calendar::{
    agenda, decision_problem, parse_interval, parse_start_month, parse_valid_date, AgendaRow, BenefitDecision,
    DueKind, Month,
};
use crate::domain::plan::interval_label;
use crate::domain::wareki::{format_seireki, format_wareki};
use crate::domain::summary::CaseSummary;
use crate::domain::{CaseId, Stage};
use leptos::prelude::*;

/// How many months after this one the calendar lists (and the case list looks ahead).
const MONTHS_AHEAD: i64 = 13;

/// What the case list shows as a case's next due item: 「期限切れ：モニタリング（令和9年3月）」.
pub fn next_due_text(case: &CaseSummary, lead_months: u8) -> String {
    let today = now().date_naive();
    match case.next_due(today, lead_months, MONTHS_AHEAD) {
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
        {move || month_section(0)}
        {move || month_section(1)}
        // The months after: a run of empty months is one line, not a heading each.
        {move || {
            let months = ag.with(|a| a.months.clone());
            let mut out = Vec::new();
            let mut i = 2;
            while i < months.len() {
                if !months[i].1.is_empty() {
                    out.push(month_section(i));
                    i += 1;
                    continue;
                }
                let start = i;
                while i < months.len() && months[i].1.is_empty() {
                    i += 1;
                }
                let (first, last) = (months[start].0, months[i - 1].0);
                let title = if start == i - 1 { first.both() } else { format!("{}〜{}", first.both(), last.both()) };
                out.push(section(format!("calendar-{first}"), title, Vec::new(), "予定はありません。", false));
            }
            out.collect_view()
        }}
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

//! The printed サービス等利用計画（案）: A4 landscape, laid out like the national 様式例
//! (forms.md): header, narrative, the goal table continuing over pages with its heading
//! repeated, the consent-signature box; and the 週間計画表 on one A4 landscape page. Screens
//! of their own (print previews), so typing in the plan never pays for re-rendering them.

use crate::ui::route::{case_href, part_href, set_title, Part};
use crate::ui::planning::schedule::WeekGrid;
use crate::domain::schedule::disagreements;
use crate::ui::state::AppState;
use crate::domain::case::fold_certificate_no;
use crate::domain::wareki::{format_wareki, wareki_month_or_raw, wareki_or_raw};
use crate::domain::{Case, CaseId, Formality, PlanStatus, Stage};
use leptos::prelude::*;

#[component]
pub fn PlanPrintPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else {
        return view! { <h1 tabindex="-1">"ケースが見つかりません"</h1><p><a href="#/">"ケース一覧に戻る"</a></p> }.into_any();
    };
    let title = plan_title(&case);
    // No name in the title: titles stay in the browser's history (and become the PDF's
    // file name) after a lock or a wipe.
    set_title(&format!("{title} 印刷"));
    let back = if case.plan.status == PlanStatus::Final { case_href(&id, Stage::Plan) } else { case_href(&id, Stage::Planning) };
    view! {
        {print_toolbar(back, "入力画面に戻る", format!("{title}の印刷"))}
        <PlanSheet case/>
    }
    .into_any()
}

#[component]
pub fn SchedulePrintPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else {
        return view! { <h1 tabindex="-1">"ケースが見つかりません"</h1><p><a href="#/">"ケース一覧に戻る"</a></p> }.into_any();
    };
    set_title("週間計画表 印刷");
    let plan = case.plan.clone();
    let found = disagreements(&plan);
    let warn = (!found.is_empty()).then(|| view! {
        <div class="notice notice--warning print-hide">
            <p>{format!("目標表と合わないところが{}件あります。", found.len())}" "
                <a href=part_href(&id, &Part::Schedule)>"週間計画表の画面で確認する"</a></p>
        </div>
    });
    let sched = &plan.schedule;
    view! {
        {print_toolbar(part_href(&id, &Part::Schedule), "週間計画表の入力に戻る", "週間計画表の印刷".to_owned())}
        {warn}
        <article class="sheet sheet--schedule" aria-label="印刷される週間計画表">
            <h2 class="sheet__title">"週間計画表"</h2>
            <table class="sheet__header">
                <tbody>
                    {identity_rows(&case, view! { <th scope="row">"計画開始年月"</th><td>{wareki_month_or_raw(&sched.start_month)}</td> })}
                </tbody>
            </table>
            <WeekGrid plan=plan.clone() found=Vec::new()/>
            <table class="sheet__narrative sheet__schedule-footer">
                <tbody>
                    <tr><th scope="row">"週単位以外のサービス"</th><td>{or_blank(&sched.non_weekly)}</td></tr>
                    <tr><th scope="row">"サービス提供によって実現する生活の全体像"</th><td>{or_blank(&sched.whole_life)}</td></tr>
                </tbody>
            </table>
        </article>
    }
    .into_any()
}

/// The form's title: （案） until the plan is final.
fn plan_title(case: &Case) -> &'static str {
    match (case.for_child, case.plan.status) {
        (true, PlanStatus::Draft) => "障害児支援利用計画（案）",
        (true, PlanStatus::Final) => "障害児支援利用計画",
        (false, PlanStatus::Draft) => "サービス等利用計画（案）",
        (false, PlanStatus::Final) => "サービス等利用計画",
    }
}

pub(crate) fn print_toolbar(back: String, back_label: &'static str, title: String) -> impl IntoView {
    view! {
        <div class="print-toolbar">
            <p class="back-link"><a href=back>{back_label}</a></p>
            <h1 tabindex="-1">{title}</h1>
            <p class="hint">"A4横で印刷します。印刷画面で「送信先」を「PDFに保存」にすると PDF になります。"</p>
            <button type="button" class="button" on:click=|_| { let _ = window().print(); }>"印刷する"</button>
        </div>
    }
}

fn or_blank(s: &str) -> String {
    s.trim().to_owned()
}

/// The three header rows the plan and the 週間計画表 share (who, 区分, office, the
/// 受給者証番号s, 負担上限額, 担当者); `last` is the third row's last pair, which differs.
pub(crate) fn identity_rows(case: &Case, last: impl IntoView) -> impl IntoView {
    let h = &case.plan.header;
    let name_label = if case.for_child { "利用者氏名（児童氏名）" } else { "利用者氏名" };
    let category = case.support_category.map(|c| c.label()).unwrap_or("");
    view! {
        <tr>
            <th scope="row">{name_label}</th><td>{case.name.as_str().to_owned()}</td>
            <th scope="row">"障害支援区分"</th><td>{category}</td>
            <th scope="row">"相談支援事業者名"</th><td>{or_blank(&h.office_name)}</td>
        </tr>
        <tr>
            <th scope="row">"障害福祉サービス受給者証番号"</th><td>{fold_certificate_no(&case.certificate_no)}</td>
            <th scope="row">"利用者負担上限額"</th><td>{or_blank(&h.burden_cap)}</td>
            <th scope="row">"計画作成担当者"</th><td>{or_blank(&h.planner)}</td>
        </tr>
        <tr>
            <th scope="row">"地域相談支援受給者証番号"</th><td>{or_blank(&h.regional_certificate_no)}</td>
            <th scope="row">"通所受給者証番号"</th><td>{or_blank(&h.day_service_certificate_no)}</td>
            {last}
        </tr>
    }
}

#[component]
fn PlanSheet(case: Case) -> impl IntoView {
    let plan = &case.plan;
    let h = &plan.header;
    let family_label = if case.for_child { "保護者" } else { "家族" };
    let monitoring = plan.monitoring.interval_text();
    let monitoring_start = wareki_month_or_raw(&h.monitoring_start);
    let monitoring_text = [monitoring, monitoring_start].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("　");
    let rows = plan.needs().iter().enumerate().map(|(i, n)| {
        let supports = n.supports.iter().filter(|s| !(s.kind.trim().is_empty() && s.content.trim().is_empty())).map(|s| {
            let tag = if s.formality == Formality::Informal { "（インフォーマル）" } else { "" };
            let amount = s.amount.describe();
            view! {
                <p class="sheet__support">
                    <strong>{or_blank(&s.kind)}</strong>{tag}
                    {(!s.content.trim().is_empty()).then(|| view! { <br/>{or_blank(&s.content)} })}
                    {(!amount.is_empty()).then(|| view! { <br/>{amount} })}
                </p>
            }
        }).collect_view();
        let providers = n.supports.iter().map(|s| s.provider.trim()).filter(|p| !p.is_empty())
            .map(|p| view! { <p>{p.to_owned()}</p> }).collect_view();
        view! {
            <tr>
                <td class="sheet__num">{i + 1}</td>
                <td>{or_blank(&n.need)}</td>
                <td>{or_blank(&n.goal)}</td>
                <td>{wareki_or_raw(&n.target_date)}</td>
                <td>{supports}</td>
                <td>{providers}</td>
                <td>{or_blank(&n.persons_role)}</td>
                <td>{wareki_or_raw(&n.review_date)}</td>
                <td>{or_blank(&n.notes)}</td>
            </tr>
        }
    }).collect_view();
    // The reasons go after the goal table, not into its narrow 種類・量 cell: the table keeps the
    // 様式例's shape, and the municipality still reads the 「なぜ」.
    let reasons: Vec<_> = plan.needs().iter().enumerate().flat_map(|(i, n)| {
        n.supports.iter().filter(|s| !s.reason.trim().is_empty()).map(move |s| {
            let what = [s.kind.trim().to_owned(), s.amount.describe()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("　");
            view! { <tr><td class="sheet__num">{i + 1}</td><td>{what}</td><td>{s.reason.trim().to_owned()}</td></tr> }
        })
    }).collect();
    view! {
        <article class="sheet" aria-label="印刷される計画">
            <h2 class="sheet__title">{plan_title(&case)}</h2>
            <table class="sheet__header">
                <tbody>
                    {identity_rows(&case, match &plan.consent {
                        Some(k) => view! { <th scope="row">"計画作成日"</th><td>{format_wareki(k.made_on)}</td> }.into_any(),
                        None => view! { <th scope="row">"計画案作成日"</th><td>{wareki_or_raw(&h.drafted_on)}</td> }.into_any(),
                    })}
                    <tr>
                        <th scope="row">"モニタリング期間（開始年月）"</th><td colspan="3">{monitoring_text}</td>
                        <th scope="row">"利用者同意署名欄"</th>
                        // The date the person agreed; the rest of the box is left for their
                        // handwritten signature (the paper needs it, a typed name is no signature).
                        <td class="sheet__signature">
                            {plan.consent.as_ref().map(|k| view! { <span class="sheet__consent-date">{format!("同意日　{}", format_wareki(k.consented_on))}</span> })}
                            <span class="sheet__signature-space" aria-hidden="true"></span>
                        </td>
                    </tr>
                </tbody>
            </table>
            <table class="sheet__narrative">
                <tbody>
                    <tr>
                        <th scope="row">"利用者及びその家族の生活に対する意向（希望する生活）"</th>
                        <td>
                            <p><span class="sheet__who">"本人："</span>{or_blank(&plan.person_wishes)}</p>
                            <p><span class="sheet__who">{family_label}"："</span>{or_blank(&plan.family_wishes)}</p>
                        </td>
                    </tr>
                    <tr><th scope="row">"総合的な援助の方針"</th><td>{or_blank(&plan.support_policy)}</td></tr>
                    <tr><th scope="row">"長期目標"</th><td>{or_blank(&plan.long_term_goal)}</td></tr>
                    <tr><th scope="row">"短期目標"</th><td>{or_blank(&plan.short_term_goal)}</td></tr>
                </tbody>
            </table>
            <table class="sheet__goals">
                <thead>
                    <tr>
                        <th scope="col" class="sheet__num">"優先順位"</th>
                        <th scope="col">"解決すべき課題（本人のニーズ）"</th>
                        <th scope="col">"支援目標"</th>
                        <th scope="col">"達成時期"</th>
                        <th scope="col">"福祉サービス等"<br/>"種類・内容・量（頻度・時間）"</th>
                        <th scope="col">"提供事業者名（担当者名・電話）"</th>
                        <th scope="col">"課題解決のための本人の役割"</th>
                        <th scope="col">"評価時期"</th>
                        <th scope="col">"その他留意事項"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {(!reasons.is_empty()).then(|| view! {
                <table class="sheet__reasons">
                    <caption>"福祉サービス等の種類・量の理由"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="sheet__num">"優先順位"</th>
                            <th scope="col">"種類・量"</th>
                            <th scope="col">"理由（なぜこのサービス、なぜこの頻度か）"</th>
                        </tr>
                    </thead>
                    <tbody>{reasons}</tbody>
                </table>
            })}
        </article>
    }
}


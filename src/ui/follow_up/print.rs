//! The printed モニタリング報告書: A4 landscape like the 様式例 (forms.md) — the identity
//! fields of the plan version monitored, 計画作成日, モニタリング実施日, the consent-signature
//! box, 総合的な援助の方針 beside 全体の状況, then one row per priority with 計画変更の必要性
//! split into 種類 / 量 / 週間. A screen of its own, like the plan's print preview.

use crate::domain::monitoring::{MonitoringId, ReportStatus};
use crate::domain::wareki::{format_wareki, wareki_day_or_month};
use crate::domain::{CaseId, Stage};
use crate::ui::planning::print::{identity_rows, or_blank, print_toolbar};
use crate::ui::route::{case_href, set_title};
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn MonitoringPrintPage(id: CaseId, report: MonitoringId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let found = untrack(|| state.case(&id)).and_then(|case| {
        let r = case.monitoring(report)?.clone();
        let plan = case.final_plans.get((r.plan_version as usize).checked_sub(1)?)?.clone();
        Some((case, r, plan))
    });
    let Some((case, r, plan)) = found else {
        set_title("モニタリング報告書が見つかりません");
        return view! {
            <h1 tabindex="-1">"モニタリング報告書が見つかりません"</h1>
            <p><a href="#/">"ケース一覧に戻る"</a></p>
        }
        .into_any();
    };
    let title = if case.for_child { "モニタリング報告書（継続障害児支援利用援助）" } else { "モニタリング報告書（継続サービス利用支援）" };
    // No name in the title: titles stay in the browser's history (and name the PDF).
    set_title("モニタリング報告書 印刷");
    let draft = (r.status == ReportStatus::Draft).then(|| view! {
        <p class="notice notice--warning print-hide">"この報告書はまだ記録していません（作成中）。"</p>
    });
    let corrects = r.corrects.and_then(|old| case.monitoring(old)).map(|old| format!("{}の記録の訂正", old.name()));
    let place = match (r.place.trim(), r.home_visit) {
        ("", true) => "居宅訪問".to_owned(),
        (p, true) => format!("{p}（居宅訪問）"),
        (p, false) => p.to_owned(),
    };
    let made_on = plan.consent.as_ref().map(|k| format_wareki(k.made_on)).unwrap_or_default();
    let yes_no = |b: bool| if b { "有" } else { "無" };
    let rows = r.rows.iter().enumerate().map(|(i, row)| view! {
        <tr>
            <td class="sheet__num">{i + 1}</td>
            <td>{or_blank(&row.goal)}</td>
            <td>{wareki_day_or_month(&row.target_date)}</td>
            <td>{or_blank(&row.service_status)}</td>
            <td>{or_blank(&row.persons_view)}</td>
            <td>{or_blank(&row.achievement)}</td>
            <td>{or_blank(&row.next_steps)}</td>
            <td class="sheet__yes-no">{yes_no(row.change_needed.kind)}</td>
            <td class="sheet__yes-no">{yes_no(row.change_needed.amount)}</td>
            <td class="sheet__yes-no">{yes_no(row.change_needed.weekly)}</td>
            <td>{or_blank(&row.notes)}</td>
        </tr>
    }).collect_view();
    view! {
        {print_toolbar(case_href(&id, Stage::Monitoring), "モニタリングの画面に戻る", "モニタリング報告書の印刷".to_owned())}
        {draft}
        <article class="sheet sheet--monitoring" aria-label="印刷されるモニタリング報告書">
            <h2 class="sheet__title">{title}</h2>
            {corrects.map(|t| view! { <p class="sheet__note">{t}</p> })}
            <table class="sheet__header">
                <tbody>
                    {identity_rows(&case, &plan.header, view! { <th scope="row">"計画作成日"</th><td>{made_on}</td> })}
                    <tr>
                        <th scope="row">"モニタリング実施日"</th><td>{r.held_on.map(format_wareki)}</td>
                        <th scope="row">"実施場所"</th><td>{place}</td>
                        <th scope="row">"利用者同意署名欄"</th>
                        // Left for the person's handwritten signature, as on the plan.
                        <td class="sheet__signature"><span class="sheet__signature-space" aria-hidden="true"></span></td>
                    </tr>
                </tbody>
            </table>
            <table class="sheet__narrative sheet__boxes">
                <tbody>
                    <tr>
                        <th scope="row">"総合的な援助の方針"</th><td>{or_blank(&r.support_policy)}</td>
                        <th scope="row">"全体の状況"</th><td>{or_blank(&r.overall)}</td>
                    </tr>
                </tbody>
            </table>
            <table class="sheet__monitoring">
                <thead>
                    <tr>
                        <th scope="col" rowspan="2" class="sheet__num">"優先順位"</th>
                        <th scope="col" rowspan="2">"支援目標"</th>
                        <th scope="col" rowspan="2">"達成時期"</th>
                        <th scope="col" rowspan="2">"サービス提供状況（事業者からの聞き取り）"</th>
                        <th scope="col" rowspan="2">"本人の感想・満足度"</th>
                        <th scope="col" rowspan="2">"支援目標の達成度（ニーズの充足度）"</th>
                        <th scope="col" rowspan="2">"今後の課題・解決方法"</th>
                        <th scope="colgroup" colspan="3">"計画変更の必要性"</th>
                        <th scope="col" rowspan="2">"その他留意事項"</th>
                    </tr>
                    <tr>
                        <th scope="col" class="sheet__yes-no">"種類"</th>
                        <th scope="col" class="sheet__yes-no">"量"</th>
                        <th scope="col" class="sheet__yes-no">"週間"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </article>
    }
    .into_any()
}

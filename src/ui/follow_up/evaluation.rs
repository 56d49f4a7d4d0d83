//! The 評価 step: each plan version's needs with their monitorings' 達成度 and what the next
//! version did with them, then 計画の変更履歴 — any two versions side by side, each change
//! as a row with its kind written out (追加・削除・変更), never shown by colour alone. The
//! screen prints as it is (the print stylesheet hides the controls; the table's caption
//! names the versions compared). The logic is `domain::versions`.

use crate::domain::versions::{diff_plans, need_trails, plan_versions, Fate, PlanVersion};
use crate::domain::wareki::{format_wareki, wareki_month_or_raw};
use crate::domain::CaseId;
use crate::ui::route::part_href;
use crate::ui::route::Part;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// 「第1版（令和9年4月1日 確定）」「第3版（作成中の変更案）」
fn version_label(v: &PlanVersion) -> String {
    if v.draft {
        format!("第{}版（作成中の変更案）", v.number)
    } else {
        match v.made_on() {
            Some(d) => format!("第{}版（{} 作成）", v.number, format_wareki(d)),
            None => format!("第{}版", v.number),
        }
    }
}

fn or_unwritten(s: &str) -> String {
    if s.trim().is_empty() { "（未記入）".to_owned() } else { s.trim().to_owned() }
}

#[component]
pub fn EvaluationStep(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let labels = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| plan_versions(c).iter().map(version_label).collect::<Vec<_>>()).unwrap_or_default())
    };
    // Indexes into the versions; by default the last two (the latest change).
    let count = untrack(|| labels.with(Vec::len));
    let before = RwSignal::new(count.saturating_sub(2));
    let after = RwSignal::new(count.saturating_sub(1));
    let trails = {
        let id = id.clone();
        move || state.with_case(&id, need_trails).unwrap_or_default()
    };
    let changes = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .with_case(&id, |c| {
                    let versions = plan_versions(c);
                    let (a, b) = (versions.get(before.get())?, versions.get(after.get())?);
                    Some(diff_plans(a.plan, b.plan))
                })
                .flatten()
        })
    };
    let version_select = move |select_id: &'static str, label: &'static str, value: RwSignal<usize>| {
        view! {
            <div class="field field--inline">
                <label for=select_id>{label}</label>
                <select id=select_id class="select" on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        value.set(i);
                    }
                }>
                    {move || labels.get().into_iter().enumerate().map(|(i, l)| view! {
                        <option value=i.to_string() selected=move || value.get() == i>{l}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let check_href = part_href(&id, &Part::Check);
    view! {
        <p class="hint print-hide">"確定した計画の版ごとに、ニーズがモニタリングでどうだったか、次の版でどうしたかを並べます。下の「計画の変更履歴」では、2つの版を選んで違いを比べます。"</p>
        <p class="button-row print-hide">
            <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"この画面を印刷する"</button>
        </p>
        <section aria-labelledby="trail-heading">
            <h3 id="trail-heading">"ニーズごとの経過"</h3>
            {move || {
                let list = trails();
                if list.is_empty() {
                    return view! {
                        <p class="empty">"確定した計画がまだありません。計画を確定すると、ここに版ごとのニーズの経過が出ます。"</p>
                        <p class="print-hide"><a href=check_href.clone()>"計画案を確認して確定する"</a></p>
                    }.into_any();
                }
                list.into_iter().map(|v| {
                    let title = if v.draft {
                        format!("第{}版（作成中の変更案）", v.number)
                    } else {
                        let on = v.made_on.map(|d| format!("（{} 作成）", format_wareki(d))).unwrap_or_default();
                        format!("第{}版{on}：モニタリング{}回", v.number, v.monitoring_count)
                    };
                    let draft = v.draft;
                    view! {
                        <section class="trail" aria-label=title.clone()>
                            <h4>{title.clone()}</h4>
                            <table class="table trail__table stack-table">
                                <thead><tr>
                                    <th scope="col" class="nowrap">"優先順位"</th>
                                    <th scope="col">"解決すべき課題（本人のニーズ）"</th>
                                    <th scope="col">"支援目標（達成時期）"</th>
                                    <th scope="col">"モニタリングでの達成度"</th>
                                    <th scope="col" class="trail__fate">"次の版では"</th>
                                </tr></thead>
                                <tbody>
                                    {v.needs.into_iter().map(|n| {
                                        let monitorings = if draft {
                                            view! { <span>"（作成中の版です）"</span> }.into_any()
                                        } else if n.monitorings.is_empty() {
                                            view! { <span>"記録なし"</span> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="trail__list">
                                                    {n.monitorings.into_iter().map(|m| {
                                                        let on = m.held_on.map(format_wareki).unwrap_or_default();
                                                        let said = if m.achievement.is_empty() { "（達成度の記入なし）".to_owned() } else { m.achievement };
                                                        view! { <li>{format!("{on}：{said}")}</li> }
                                                    }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        };
                                        let fate = match &n.fate {
                                            Fate::Changed(what) => format!("変更（{}）", what.join("・")),
                                            Fate::Open if draft => "—".to_owned(),
                                            other => other.label().to_owned(),
                                        };
                                        let target = if n.target_date.is_empty() { String::new() } else { format!("（{}）", wareki_month_or_raw(&n.target_date)) };
                                        view! {
                                            <tr>
                                                <td data-label="優先順位">{n.priority}</td>
                                                <td data-label="ニーズ">{or_unwritten(&n.need_text)}{n.new.then(|| view! { <span class="tag">"この版で追加"</span> })}</td>
                                                <td data-label="支援目標">{or_unwritten(&n.goal)}{target}</td>
                                                <td data-label="達成度">{monitorings}</td>
                                                <td data-label="次の版では" class="trail__fate"><strong>{fate}</strong></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }
                }).collect_view().into_any()
            }}
        </section>
        <section aria-labelledby="history-heading" class="history">
            <h3 id="history-heading">"計画の変更履歴"</h3>
            {move || (labels.with(Vec::len) < 2).then(|| view! {
                <p class="empty">"比べる版がまだありません。計画を確定してから「計画」の段階で「計画を変更する」を選ぶと、その変更案や次に確定した版をここで比べられます。"</p>
            })}
            <Show when=move || { labels.with(Vec::len) >= 2 }>
                <div class="history__pick print-hide">
                    {version_select("history-before", "比べる版（変更前）", before)}
                    {version_select("history-after", "比べる版（変更後）", after)}
                </div>
                {move || {
                    let names = labels.get();
                    let (a, b) = (names.get(before.get()).cloned().unwrap_or_default(), names.get(after.get()).cloned().unwrap_or_default());
                    if before.get() == after.get() {
                        return view! { <p class="empty" role="status">"同じ版を選んでいます。違う版を選んでください。"</p> }.into_any();
                    }
                    let list = changes.get().unwrap_or_default();
                    let caption = format!("{a} から {b} への変更：{}件", list.len());
                    if list.is_empty() {
                        return view! { <p class="empty" role="status">{format!("{a} と {b} に違いはありません。")}</p> }.into_any();
                    }
                    view! {
                        <table class="table history__table stack-table">
                            <caption>{caption}</caption>
                            <thead><tr>
                                <th scope="col">"項目"</th>
                                <th scope="col" class="nowrap">"変更の種類"</th>
                                <th scope="col">"変更前"</th>
                                <th scope="col">"変更後"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|c| {
                                    let none = |s: String| if s.is_empty() { "（なし）".to_owned() } else { s };
                                    view! {
                                        <tr>
                                            <th scope="row">{c.place()}</th>
                                            <td data-label="変更の種類" class="nowrap"><strong>{c.kind.label()}</strong></td>
                                            <td data-label="変更前">{none(c.before)}</td>
                                            <td data-label="変更後">{none(c.after)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </Show>
        </section>
    }
}

//! エコマップ (`#/case/<id>/assessment/ecomap`): the drawing the app makes itself in SVG, the
//! same ties as a text list beside it, the editor of the selected node, 「記録から追加」, the
//! differences from a final plan's map, and the print (`#/case/<id>/print/ecomap`).
//!
//! Nodes are buttons in the drawing: Tab reaches each, Enter selects it, the arrow keys move
//! it (Shift: further), a pointer drags it. The drawing is a group of buttons, not one
//! `role="img"` (an image's children are hidden from assistive technology, and these must
//! be reachable); the printed one, with nothing to press, is an image with a title. Every
//! edit goes through `AppState::edit`, so it is saved like any other.

use crate::domain::ecomap::{
    diff, half_size, label_lines, propose, tie_line, zigzag, Direction, EcoMap, Node, NodeId, Point, Sector, TieKind,
    CENTRE, HEIGHT, PERSON_RADIUS, WIDTH,
};
use crate::domain::plan::Formality;
use crate::domain::{Case, CaseId};
use crate::ui::planning::print::{identity_rows, print_toolbar};
use crate::ui::route::{ecomap_print_href, part_href, set_title, Part};
use crate::ui::state::AppState;
use crate::ui::widgets::{focus_later, keyed, value_of};
use leptos::prelude::*;

/// How far one arrow key moves a node; with Shift, [`BIG_STEP`].
const STEP: i32 = 10;
const BIG_STEP: i32 = 50;

#[component]
pub fn EcoMapPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let map = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| c.eco_map.clone()).flatten())
    };
    let has_map = Memo::new(move |_| map.with(Option::is_some));
    let make = {
        let id = id.clone();
        move |_| {
            state.edit(&id, |c| c.eco_map = Some(propose(c)));
            focus_later("ecomap-drawing-heading".to_owned());
        }
    };
    let id2 = id.clone();
    view! {
        <p class="hint">
            "本人を真ん中に、家族・友人・近所・地域と、事業所・医療・学校・職場・行政を周りに置き、つながりの強さ（強い・ふつう・弱い・ストレス）と支えの向きを描きます。"
            "インテークの家族・通院先、アセスメントの強み・資源（環境）、計画案の支援から作り、そのあと自由に直せます。入力した内容は自動で保存されます。"
        </p>
        {move || if has_map.get() {
            view! { <EcoMapEditor id=id2.clone() map/> }.into_any()
        } else {
            view! {
                <div class="card">
                    <p>"このケースのエコマップはまだありません。記録されている人・機関から作ります（あとで追加・削除・名前の変更ができます）。"</p>
                    <button type="button" class="button" on:click=make.clone()>"記録からエコマップを作る"</button>
                </div>
            }.into_any()
        }}
    }
}

/// The node's place while a pointer drags it (not saved until the pointer is let go).
#[derive(Clone, Copy, PartialEq)]
struct Drag {
    node: NodeId,
    at: Point,
    /// Where in the node the pointer took hold, so the node does not jump under it.
    grip: (i32, i32),
    moved: bool,
}

#[component]
fn EcoMapEditor(id: CaseId, map: Memo<Option<EcoMap>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = RwSignal::new(None::<NodeId>);
    let drag = RwSignal::new(None::<Drag>);
    let message = RwSignal::new(String::new());
    let person = {
        let id = id.clone();
        Memo::new(move |_| state.with_case(&id, |c| c.name.as_str().to_owned()).unwrap_or_default())
    };
    let pos = move |node: NodeId| -> Option<Point> {
        match drag.get() {
            Some(d) if d.node == node => Some(d.at),
            _ => map.with(|m| m.as_ref().and_then(|m| m.position(node))),
        }
    };
    let ids = move || map.with(|m| m.as_ref().map(|m| m.nodes.iter().map(|n| (u64::from(n.id.0), n.id)).collect()).unwrap_or_default());
    let refresh = {
        let id = id.clone();
        move |_| {
            let mut added = 0;
            state.edit_if(&id, |c| {
                let case = c.clone();
                added = c.eco_map.as_mut().map_or(0, |m| m.refresh(&case));
                added > 0
            });
            message.set(if added > 0 {
                format!("記録から{added}件を追加しました。")
            } else {
                "新しく記録された人・機関はありません（外した人・機関は戻しません）。".to_owned()
            });
        }
    };
    let edit_map = {
        let id = id.clone();
        move |f: Box<dyn FnOnce(&mut EcoMap) -> bool>| {
            state.edit_if(&id, |c| c.eco_map.as_mut().is_some_and(f));
        }
    };
    // Set only on a change: the editor below is re-created whenever the selection is set.
    let select = move |node: NodeId| {
        if selected.get_untracked() != Some(node) {
            selected.set(Some(node));
        }
    };
    let on_key = {
        let edit_map = edit_map.clone();
        move |node: NodeId, ev: web_sys::KeyboardEvent| {
            let step = if ev.shift_key() { BIG_STEP } else { STEP };
            let (dx, dy) = match ev.key().as_str() {
                "ArrowLeft" => (-step, 0),
                "ArrowRight" => (step, 0),
                "ArrowUp" => (0, -step),
                "ArrowDown" => (0, step),
                "Enter" | " " => {
                    ev.prevent_default();
                    select(node);
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            select(node);
            edit_map(Box::new(move |m| m.nudge(node, dx, dy)));
        }
    };
    let on_up = {
        let edit_map = edit_map.clone();
        move |_ev: web_sys::PointerEvent| {
            if let Some(d) = drag.get_untracked() {
                drag.set(None);
                if d.moved {
                    edit_map(Box::new(move |m| m.place(d.node, d.at)));
                }
            }
        }
    };
    let on_up2 = on_up.clone();
    let on_move = move |ev: web_sys::PointerEvent| {
        if let Some(d) = drag.get_untracked() {
            if let Some(p) = svg_point(&ev) {
                let at = Point { x: p.x - d.grip.0, y: p.y - d.grip.1 };
                let moved = d.moved || (at.x - d.at.x).abs() + (at.y - d.at.y).abs() > 3;
                if moved {
                    drag.set(Some(Drag { at, moved, ..d }));
                }
            }
        }
    };
    let node_view = {
        let on_key = on_key.clone();
        move |node: NodeId| -> AnyView {
            let on_key = on_key.clone();
            let info = move || map.with(|m| m.as_ref().and_then(|m| m.node(node).cloned()));
            let transform = move || pos(node).map(|p| format!("translate({},{})", p.x, p.y)).unwrap_or_default();
            let aria = move || info().map(|n| format!("{}（{}、{}、{}）", n.label, n.sector.label(), n.tie.kind.label(), n.tie.direction.label())).unwrap_or_default();
            view! {
                <g class="ecomap__node" tabindex="0" role="button"
                    id=format!("ecomap-node-{}", node.0)
                    class:ecomap__node--selected=move || selected.get() == Some(node)
                    aria-pressed=move || if selected.get() == Some(node) { "true" } else { "false" }
                    aria-label=aria
                    aria-describedby="ecomap-keys"
                    transform=transform
                    on:keydown=move |ev| on_key(node, ev)
                    on:click=move |_| select(node)
                    on:pointerdown=move |ev: web_sys::PointerEvent| {
                        if ev.button() != 0 { return; }
                        select(node);
                        if let (Some(at), Some(p)) = (pos(node), svg_point(&ev)) {
                            drag.set(Some(Drag { node, at, grip: (p.x - at.x, p.y - at.y), moved: false }));
                        }
                        use wasm_bindgen::JsCast;
                        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let _ = el.set_pointer_capture(ev.pointer_id());
                        }
                    }
                    on:pointermove=on_move
                    on:pointerup=on_up.clone()
                    on:pointercancel=on_up.clone()>
                    {move || info().map(|n| node_shape(&n))}
                </g>
            }
            .into_any()
        }
    };
    let tie_view = move |node: NodeId| -> AnyView {
        (move || {
            let n = map.with(|m| m.as_ref().and_then(|m| m.node(node).cloned()))?;
            let p = pos(node)?;
            Some(tie_shape(&n, p))
        })
        .into_any()
    };
    let sel_id = id.clone();
    let add_id = id.clone();
    let cmp_id = id.clone();
    view! {
        <div class="ecomap-toolbar print-hide">
            <button type="button" class="button button--secondary" on:click=refresh>"記録から追加"</button>
            <a class="button button--secondary" href=ecomap_print_href(&id)>"印刷する"</a>
            <p class="ecomap-toolbar__message" role="status">{move || message.get()}</p>
        </div>
        <div class="ecomap">
            <section class="ecomap__figure" aria-labelledby="ecomap-drawing-heading">
                <h3 id="ecomap-drawing-heading" tabindex="-1">"図"</h3>
                <p class="hint" id="ecomap-keys">"人・機関を選ぶ：Tab で移り Enter。動かす：矢印キー（Shift と一緒で大きく）、またはドラッグ。"</p>
                <svg id="ecomap-svg" class="ecomap__svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="group"
                    aria-labelledby="ecomap-svg-title"
                    on:pointerup=on_up2>
                    <title id="ecomap-svg-title">{move || format!("{}さんのエコマップ", person.get())}</title>
                    {defs()}
                    <g class="ecomap__ties">{keyed(ids, move |n| tie_view(n))}</g>
                    {move || person_shape(&person.get())}
                    <g class="ecomap__nodes">{keyed(ids, node_view)}</g>
                </svg>
                {legend()}
            </section>
            <section class="ecomap__list" aria-labelledby="ecomap-list-heading">
                <h3 id="ecomap-list-heading">"つながりの一覧"</h3>
                {move || map.with(|m| m.as_ref().map(|m| tie_list(m, Some(selected))))}
            </section>
        </div>
        {move || selected.get().map(|node| view! { <NodeEditor id=sel_id.clone() node selected/> })}
        <AddNode id=add_id selected/>
        <Compare id=cmp_id map/>
    }
}

/// The pointer's place in the drawing's coordinates (the SVG keeps its aspect ratio, centred).
fn svg_point(ev: &web_sys::PointerEvent) -> Option<Point> {
    let svg = document().get_element_by_id("ecomap-svg")?;
    let r = svg.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    let s = (r.width() / WIDTH as f64).min(r.height() / HEIGHT as f64);
    let ox = (r.width() - WIDTH as f64 * s) / 2.0;
    let oy = (r.height() - HEIGHT as f64 * s) / 2.0;
    let x = (ev.client_x() as f64 - r.left() - ox) / s;
    let y = (ev.client_y() as f64 - r.top() - oy) / s;
    Some(Point { x: x.round() as i32, y: y.round() as i32 })
}

fn defs() -> impl IntoView {
    view! {
        <defs>
            // userSpaceOnUse: the arrowheads keep their size on every line style.
            <marker id="ecomap-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" markerHeight="14"
                markerUnits="userSpaceOnUse" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" class="ecomap__arrowhead"/>
            </marker>
        </defs>
    }
}

fn person_shape(name: &str) -> impl IntoView {
    let lines = label_lines(name);
    let top = CENTRE.y as f64 - (lines.len() as f64 - 1.0) * 9.0 + 14.0;
    view! {
        <g class="ecomap__person">
            <circle cx=CENTRE.x cy=CENTRE.y r=PERSON_RADIUS class="ecomap__person-circle"/>
            <text x=CENTRE.x y=CENTRE.y - 22 text-anchor="middle" class="ecomap__person-role">"本人"</text>
            <text x=CENTRE.x y=top text-anchor="middle" class="ecomap__label">
                {lines.into_iter().enumerate().map(|(i, l)| view! { <tspan x=CENTRE.x dy=if i == 0 { 0 } else { 18 }>{l}</tspan> }).collect_view()}
            </text>
        </g>
    }
}

/// A node's box and name, drawn around (0,0).
fn node_shape(n: &Node) -> impl IntoView {
    let (hw, hh) = half_size(&n.label);
    let lines = label_lines(&n.label);
    let top = -(lines.len() as f64 - 1.0) * 8.5 + 5.0;
    // Formal nodes are square-cornered, informal ones rounded: told apart without colour.
    let r = if n.sector.formality() == Formality::Formal { 2 } else { 14 };
    view! {
        <rect x=-hw y=-hh width=hw * 2.0 height=hh * 2.0 rx=r class="ecomap__box"/>
        <text x="0" y=top text-anchor="middle" class="ecomap__label">
            {lines.into_iter().enumerate().map(|(i, l)| view! { <tspan x="0" dy=if i == 0 { 0 } else { 17 }>{l}</tspan> }).collect_view()}
        </text>
    }
}

/// The tie between the person and a node at `p`: its line style, arrows and label.
fn tie_shape(n: &Node, p: Point) -> impl IntoView {
    let (a, b) = tie_line(p, half_size(&n.label));
    let d = format!("M{:.1},{:.1} L{:.1},{:.1}", a.0, a.1, b.0, b.1);
    let start = matches!(n.tie.direction, Direction::ToPerson | Direction::Both).then_some("url(#ecomap-arrow)");
    let end = matches!(n.tie.direction, Direction::FromPerson | Direction::Both).then_some("url(#ecomap-arrow)");
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (px, py) = (-dy / len * 3.5, dx / len * 3.5);
    let line = match n.tie.kind {
        TieKind::Strong => view! {
            <path d=format!("M{:.1},{:.1} L{:.1},{:.1}", a.0 + px, a.1 + py, b.0 + px, b.1 + py) class="ecomap__line ecomap__line--strong"/>
            <path d=format!("M{:.1},{:.1} L{:.1},{:.1}", a.0 - px, a.1 - py, b.0 - px, b.1 - py) class="ecomap__line ecomap__line--strong"/>
        }.into_any(),
        TieKind::Normal => view! { <path d=d.clone() class="ecomap__line"/> }.into_any(),
        TieKind::Weak => view! { <path d=d.clone() class="ecomap__line ecomap__line--weak"/> }.into_any(),
        TieKind::Stressful => view! { <path d=zigzag(a, b) class="ecomap__line ecomap__line--stress"/> }.into_any(),
    };
    let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    let mark = n.tie.kind.mark();
    view! {
        <g class="ecomap__tie" data-kind=n.tie.kind.code()>
            {line}
            // The arrows ride on an unstroked line, so every line style carries the same heads.
            <path d=d class="ecomap__arrows" marker-start=start marker-end=end/>
            {(!mark.is_empty()).then(|| view! {
                <text x=format!("{:.1}", mid.0) y=format!("{:.1}", mid.1 + 5.0) text-anchor="middle" class="ecomap__mark">{mark}</text>
            })}
        </g>
    }
}

fn legend() -> impl IntoView {
    view! {
        <ul class="ecomap-legend" aria-label="線の見かた">
            {TieKind::ALL.into_iter().map(|k| {
                let sample = match k {
                    TieKind::Strong => view! {
                        <path d="M2,6 L46,6" class="ecomap__line ecomap__line--strong"/>
                        <path d="M2,13 L46,13" class="ecomap__line ecomap__line--strong"/>
                    }.into_any(),
                    TieKind::Normal => view! { <path d="M2,10 L46,10" class="ecomap__line"/> }.into_any(),
                    TieKind::Weak => view! { <path d="M2,10 L46,10" class="ecomap__line ecomap__line--weak"/> }.into_any(),
                    TieKind::Stressful => view! { <path d=zigzag((2.0, 10.0), (46.0, 10.0)) class="ecomap__line ecomap__line--stress"/> }.into_any(),
                };
                view! {
                    <li><svg class="ecomap-legend__sample" viewBox="0 0 48 20" aria-hidden="true">{sample}</svg>
                        {format!("{}（{}）", k.label(), k.line())}</li>
                }
            }).collect_view()}
            <li>"矢印：支えの向き（→本人：本人が支えられる）"</li>
            <li>"四角：フォーマル（制度・機関）／角の丸い四角：インフォーマル"</li>
        </ul>
    }
}

/// The ties as text: informal then formal, by sector. With `select`, each row has a button
/// that opens the node's editor (the screen); without, it is the print's list.
fn tie_list(map: &EcoMap, select: Option<RwSignal<Option<NodeId>>>) -> impl IntoView {
    let group = |formality: Formality, title: &'static str| {
        let rows: Vec<&Node> = Sector::ALL
            .into_iter()
            .filter(|s| s.formality() == formality)
            .flat_map(|s| map.nodes.iter().filter(move |n| n.sector == s))
            .collect();
        let items = rows.into_iter().map(|n| {
            let id = n.id;
            let note = n.tie.note.trim().to_owned();
            view! {
                <li class="ecomap-list__item" data-node=id.0>
                    <span class="ecomap-list__name">{n.label.clone()}</span>
                    {format!("（{}）", n.sector.label())}
                    "："<span class="ecomap-list__kind">{n.tie.kind.label()}</span>
                    {format!("（{}）・{}", n.tie.kind.line(), n.tie.direction.label())}
                    {(!note.is_empty()).then(|| view! { <span class="ecomap-list__note">{format!("。{note}")}</span> })}
                    {select.map(|sel| view! {
                        " "<button type="button" class="button button--secondary button--small print-hide"
                            aria-label=format!("編集（{}）", n.label)
                            on:click=move |_| { sel.set(Some(id)); focus_later("ecomap-edit-heading".to_owned()); }>"編集"</button>
                    })}
                </li>
            }
        }).collect_view();
        view! {
            <h4>{title}</h4>
            <ul class="ecomap-list">{items}</ul>
        }
    };
    let empty = map.nodes.is_empty().then(|| view! { <p>"まだ誰もいません。下の「人・機関を追加」で加えます。"</p> });
    view! {
        {empty}
        {group(Formality::Informal, "インフォーマル（家族・友人・近所・地域）")}
        {group(Formality::Formal, "フォーマル（事業所・医療・学校・職場・行政）")}
    }
}

/// The selected node: name, sector, tie kind, direction, note; back to its automatic place;
/// off the map. Re-created when another node is selected, so its fields are uncontrolled.
#[component]
fn NodeEditor(id: CaseId, node: NodeId, selected: RwSignal<Option<NodeId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(n) = untrack(|| state.with_case(&id, |c| c.eco_map.as_ref().and_then(|m| m.node(node).cloned())).flatten()) else {
        return ().into_any();
    };
    let error = RwSignal::new(None::<String>);
    let edit = {
        let id = id.clone();
        move |f: Box<dyn FnOnce(&mut crate::domain::ecomap::Node)>| {
            state.edit(&id, |c| {
                if let Some(n) = c.eco_map.as_mut().and_then(|m| m.node_mut(node)) {
                    f(n);
                }
            });
        }
    };
    let rename = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            let mut problem = None;
            state.edit_if(&id, |c| match c.eco_map.as_mut().map(|m| m.rename(node, &value)) {
                Some(Ok(())) => true,
                Some(Err(m)) => {
                    problem = Some(m);
                    false
                }
                None => false,
            });
            // The field keeps what was typed; the map keeps the old name until a good one.
            error.set(problem);
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            state.edit_if(&id, |c| c.eco_map.as_mut().is_some_and(|m| m.remove(node)));
            selected.set(None);
            focus_later("ecomap-drawing-heading".to_owned());
        }
    };
    let unplace = {
        let id = id.clone();
        move |_| {
            state.edit_if(&id, |c| c.eco_map.as_mut().is_some_and(|m| m.unplace(node)));
        }
    };
    let (e1, e2, e3, e4) = (edit.clone(), edit.clone(), edit.clone(), edit);
    let kind_name = format!("ecomap-kind-{}", node.0);
    view! {
        <section class="card card--editing ecomap-editor" aria-labelledby="ecomap-edit-heading">
            <h3 id="ecomap-edit-heading" tabindex="-1">{format!("選んでいる人・機関：{}", n.label)}</h3>
            <div class="field">
                <label for="ecomap-edit-label">"名前"</label>
                <p class="field__error" id="ecomap-edit-label-error" hidden=move || error.get().is_none()>{move || error.get()}</p>
                <input id="ecomap-edit-label" class="input" type="text" autocomplete="off" value=n.label.clone()
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=move || error.get().map(|_| "ecomap-edit-label-error")
                    on:change=rename/>
            </div>
            <div class="field">
                <label for="ecomap-edit-sector">"分類"</label>
                <select id="ecomap-edit-sector" class="select" on:change=move |ev| {
                    if let Some(s) = Sector::from_code(&event_target_value(&ev)) { e1(Box::new(move |n| n.sector = s)); }
                }>
                    {Sector::ALL.into_iter().map(|s| view! { <option value=s.code() selected=s == n.sector>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="fieldset">
                <legend>"つながりの強さ"</legend>
                {TieKind::ALL.into_iter().map(|k| {
                    let e = e2.clone();
                    let input_id = format!("ecomap-kind-{}", k.code());
                    view! {
                        <div class="radio">
                            <input type="radio" id=input_id.clone() name=kind_name.clone() value=k.code() checked=k == n.tie.kind
                                on:change=move |_| e(Box::new(move |n| n.tie.kind = k))/>
                            <label for=input_id>{format!("{}（{}）", k.label(), k.line())}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="ecomap-edit-direction">"支えの向き"</label>
                <select id="ecomap-edit-direction" class="select" on:change=move |ev| {
                    if let Some(d) = Direction::from_code(&event_target_value(&ev)) { e3(Box::new(move |n| n.tie.direction = d)); }
                }>
                    {Direction::ALL.into_iter().map(|d| view! { <option value=d.code() selected=d == n.tie.direction>{d.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ecomap-edit-note">"メモ（このつながりについて）"</label>
                <input id="ecomap-edit-note" class="input" type="text" autocomplete="off" maxlength="200" value=n.tie.note.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); e4(Box::new(move |n| n.tie.note = v)); }/>
            </div>
            <p class="hint">{format!("もとの記録：{}", n.origin.label())}</p>
            <div class="button-row">
                <button type="button" class="button button--secondary button--small" on:click=unplace>"自動の位置に戻す"</button>
                <button type="button" class="button button--secondary button--small" on:click=remove>"エコマップから外す"</button>
                <button type="button" class="button button--secondary button--small" on:click=move |_| {
                    focus_later(format!("ecomap-node-{}", node.0));
                }>"図に戻る"</button>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn AddNode(id: CaseId, selected: RwSignal<Option<NodeId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<String>);
    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let label = value_of("ecomap-add-label");
        let sector = Sector::from_code(&value_of("ecomap-add-sector")).unwrap_or(Sector::Community);
        let mut result = None;
        state.edit_if(&id, |c| match c.eco_map.as_mut().map(|m| m.add(&label, sector)) {
            Some(r) => {
                let ok = r.is_ok();
                result = Some(r);
                ok
            }
            None => false,
        });
        match result {
            Some(Ok(node)) => {
                error.set(None);
                if let Some(el) = document().get_element_by_id("ecomap-add-label") {
                    use wasm_bindgen::JsCast;
                    if let Ok(i) = el.dyn_into::<web_sys::HtmlInputElement>() {
                        i.set_value("");
                    }
                }
                selected.set(Some(node));
            }
            Some(Err(m)) => {
                error.set(Some(m));
                focus_later("ecomap-add-label".to_owned());
            }
            None => {}
        }
    };
    view! {
        <section class="card ecomap-add print-hide" aria-labelledby="ecomap-add-heading">
            <h3 id="ecomap-add-heading">"人・機関を追加"</h3>
            <form class="form" on:submit=add>
                <div class="field">
                    <label for="ecomap-add-label">"名前"</label>
                    <p class="field__hint" id="ecomap-add-label-hint">"例：近所の喫茶店のマスター、○○病院。個人の連絡先は書きません。"</p>
                    <p class="field__error" id="ecomap-add-label-error" hidden=move || error.get().is_none()>{move || error.get()}</p>
                    <input id="ecomap-add-label" class="input" type="text" autocomplete="off"
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || if error.get().is_some() { "ecomap-add-label-hint ecomap-add-label-error" } else { "ecomap-add-label-hint" }/>
                </div>
                <div class="field">
                    <label for="ecomap-add-sector">"分類"</label>
                    <select id="ecomap-add-sector" class="select">
                        {Sector::ALL.into_iter().map(|s| view! { <option value=s.code()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">"追加する"</button>
            </form>
        </section>
    }
}

/// 「確定した計画の時点と比べる」: what changed in the network since a final plan's map.
#[component]
fn Compare(id: CaseId, map: Memo<Option<EcoMap>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let finals = Memo::new(move |_| state.with_case(&id, |c| c.final_eco_maps.iter().map(|f| (f.plan_version, f.map.clone())).collect::<Vec<_>>()).unwrap_or_default());
    let chosen = RwSignal::new(None::<u32>);
    move || {
        let fs = finals.get();
        let last = fs.last()?.0;
        let version = chosen.get().unwrap_or(last);
        let before = fs.iter().find(|(v, _)| *v == version).map(|(_, m)| m.clone())?;
        let changes = map.with(|m| m.as_ref().map(|m| diff(&before, m)).unwrap_or_default());
        Some(view! {
            <section class="card ecomap-compare" aria-labelledby="ecomap-compare-heading">
                <h3 id="ecomap-compare-heading">"確定した計画のときと比べる"</h3>
                <div class="field">
                    <label for="ecomap-compare-version">"比べる版"</label>
                    <select id="ecomap-compare-version" class="select" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                        {fs.iter().map(|(v, _)| view! { <option value=v.to_string() selected=*v == version>{format!("第{v}版の計画（確定時）")}</option> }).collect_view()}
                    </select>
                </div>
                {if changes.is_empty() {
                    view! { <p>"変わったところはありません。"</p> }.into_any()
                } else {
                    view! { <ul class="ecomap-changes">{changes.iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        })
    }
}

/// The drawing, not interactive (the print): an image with a title.
fn static_svg(case: &Case, map: &EcoMap) -> impl IntoView {
    let title = format!("{}さんのエコマップ", case.name.as_str());
    let ties = map.nodes.iter().filter_map(|n| map.position(n.id).map(|p| tie_shape(n, p))).collect_view();
    let nodes = map.nodes.iter().filter_map(|n| {
        map.position(n.id).map(|p| view! { <g class="ecomap__node" transform=format!("translate({},{})", p.x, p.y)>{node_shape(n)}</g> })
    }).collect_view();
    view! {
        <svg class="ecomap__svg ecomap__svg--print" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="ecomap-print-title">
            <title id="ecomap-print-title">{title}</title>
            {defs()}
            <g>{ties}</g>
            {person_shape(case.name.as_str())}
            <g>{nodes}</g>
        </svg>
    }
}

#[component]
pub fn EcoMapPrintPage(id: CaseId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(case) = untrack(|| state.case(&id)) else {
        return view! { <h1 tabindex="-1">"ケースが見つかりません"</h1><p><a href="#/">"ケース一覧に戻る"</a></p> }.into_any();
    };
    set_title("エコマップ 印刷");
    let back = part_href(&id, &Part::EcoMap);
    let Some(map) = case.eco_map.clone() else {
        return view! {
            {print_toolbar(back.clone(), "エコマップの画面に戻る", "エコマップの印刷".to_owned())}
            <p>"このケースのエコマップはまだありません。"</p>
        }.into_any();
    };
    let drafted = crate::domain::wareki::wareki_or_raw(&case.plan.header.drafted_on);
    view! {
        {print_toolbar(back, "エコマップの画面に戻る", "エコマップの印刷".to_owned())}
        <article class="sheet sheet--ecomap" aria-label="印刷されるエコマップ">
            <h2 class="sheet__title">"エコマップ"</h2>
            <table class="sheet__header">
                <tbody>
                    {identity_rows(&case, &case.plan.header, view! { <th scope="row">"計画案作成日"</th><td>{drafted}</td> })}
                </tbody>
            </table>
            <div class="sheet__ecomap">
                {static_svg(&case, &map)}
                {legend()}
            </div>
            <section class="sheet__ecomap-list" aria-label="つながりの一覧">
                <h3>"つながりの一覧"</h3>
                {tie_list(&map, None)}
            </section>
        </article>
    }
    .into_any()
}

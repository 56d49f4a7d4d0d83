//! `#/training/<slug>/exercise`: the exercise on a training case's novice draft — the
//! trainee lists what they think is weak (kinds from `domain::exercise::WEAKNESSES`, a note
//! each), then 「答え合わせ」 shows their list against the teaching points and the checker's
//! findings on the draft, and the draft beside the model (`versions::diff_plans`).
//! `#/training/tally`: the trainer reads many exercise files and sees, per teaching point,
//! how many found it, weakest first. Exercises live in the `Library` and in sessionStorage
//! (`store::training`) only; 「研修データを消す」 and leaving 研修モード remove them.

use super::Library;
use crate::domain::check::{check_case, CheckOptions};
use crate::domain::exercise::{read_exercise, reveal, tally, weakness_label, Exercise, WEAKNESSES};
use crate::domain::exercise::plan_sheet;
use crate::domain::versions::diff_plans;
use crate::ui::download::download;
use crate::ui::route::set_title;
use crate::ui::widgets::{focus_in_view, focus_later, text_input, value_of};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const KIND_ID: &str = "exercise-kind";
const NOTE_ID: &str = "exercise-note";

#[component]
pub fn TrainingExercisePage(slug: String) -> impl IntoView {
    set_title("研修モード：演習");
    let library = expect_context::<Library>();
    library.load_index();
    library.load_case(slug.clone());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let revealed = RwSignal::new(false);

    let s = slug.clone();
    let exercise = move || library.exercises.with(|all| all.iter().find(|e| e.case == s).cloned()).unwrap_or_else(|| Exercise::new(&s));
    let s = slug.clone();
    let update = move |f: &dyn Fn(&mut Exercise) -> Result<(), String>| -> Result<(), String> {
        let mut result = Ok(());
        library.exercises.update(|all| {
            if !all.iter().any(|e| e.case == s) {
                all.push(Exercise::new(&s));
            }
            if let Some(e) = all.iter_mut().find(|e| e.case == s) {
                result = f(e);
            }
            all.retain(|e| !e.items.is_empty() || !e.trainee.trim().is_empty());
        });
        library.save_exercises();
        library.exported.update(|x| x.retain(|c| *c != s));
        result
    };

    let s = slug.clone();
    let case = move || library.index.with(|i| match i {
        Some(Ok(i)) => i.cases.iter().find(|c| c.slug == s).cloned().map(Ok),
        Some(Err(m)) => Some(Err(m.clone())),
        None => None,
    });
    let s = slug.clone();
    let pair = move || library.cases.with(|c| c.iter().find(|(x, _)| *x == s).map(|(_, p)| p.clone()));

    let up = update.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (rule, note) = (value_of(KIND_ID), value_of(NOTE_ID));
        match up(&|e| e.add(&rule, &note)) {
            Ok(()) => {
                error.set(None);
                status.set(format!("「{}」を挙げました。", weakness_label(&rule).unwrap_or_default()));
                if let Some(i) = document().get_element_by_id(NOTE_ID).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    i.set_value("");
                }
            }
            Err(m) => {
                error.set(Some(m));
                focus_later(KIND_ID.to_owned());
            }
        }
    };
    let export = {
        let exercise = exercise.clone();
        let s = slug.clone();
        move |_| {
            let e = exercise();
            let who: String = e.trainee.trim().chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
            let name = if who.is_empty() { format!("exercise-{s}.json") } else { format!("exercise-{s}-{who}.json") };
            download(&name, &e.to_file());
            library.exported.update(|x| x.push(s.clone()));
            status.set(format!("解答を {name} に書き出しました。"));
        }
    };
    let reset = move |_| {
        library.reset_exercises();
        revealed.set(false);
        error.set(None);
        if let Some(i) = document().get_element_by_id("exercise-trainee").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            i.set_value("");
        }
        status.set("研修データを消しました。".to_owned());
    };
    let show = move |_| {
        revealed.set(true);
        // At the top of the screen, not on its bottom edge: the room reads it from there.
        request_animation_frame(|| {
            if let Some(h) = document().get_element_by_id("exercise-reveal").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                focus_in_view(&h);
            }
        });
    };

    let trainee = untrack(|| exercise().trainee);
    let on_trainee = update.clone();
    let items = exercise.clone();
    let unexported = {
        let exercise = exercise.clone();
        let s = slug.clone();
        move || !exercise().items.is_empty() && !library.exported.with(|x| x.contains(&s))
    };
    let title = case.clone();
    let sheet_pair = pair.clone();
    let sheet_title = case.clone();
    let reveal_view = {
        let exercise = exercise.clone();
        move || {
            if !revealed.get() {
                return None;
            }
            let (Some(Ok(c)), Some(Ok(p))) = (case(), pair()) else { return None };
            let options = CheckOptions { level: c.level, ..CheckOptions::default() };
            let findings = check_case(&p.draft, &options);
            let e = exercise();
            let r = reveal(&c, &e, &findings);
            let note_of = |rule: &str| e.items.iter().find(|i| i.rule == rule).map(|i| i.note.clone()).filter(|n| !n.is_empty());
            let point_li = move |p: crate::domain::training::TeachingPoint, note: Option<String>| {
                let kind = p.rule.as_deref().and_then(weakness_label).map(|l| format!("（{l}）")).unwrap_or_default();
                view! {
                    <li>
                        <strong>{p.title}</strong>{kind}
                        {note.map(|n| view! { <p>{format!("あなたのメモ：{n}")}</p> })}
                        <details><summary>"説明"</summary><p>{p.explanation}</p></details>
                    </li>
                }
            };
            let changes = diff_plans(&p.draft.plan, &p.model.plan);
            Some(view! {
                <section class="training-section" aria-labelledby="exercise-reveal">
                    <h2 id="exercise-reveal" tabindex="-1">"答え合わせ"</h2>
                    <h3>{format!("見つけたところ（{}）", r.found.len())}</h3>
                    <ul class="exercise-found">{r.found.into_iter().map(|p| { let n = p.rule.as_deref().and_then(note_of); point_li(p, n) }).collect_view()}</ul>
                    <h3>{format!("見落としたところ（{}）", r.missed.len())}</h3>
                    <ul class="exercise-missed">{r.missed.into_iter().map(|p| point_li(p, None)).collect_view()}</ul>
                    <h3>{format!("挙げたが計画チェックでは見つからないところ（{}）", r.fine.len())}</h3>
                    <ul class="exercise-fine">{r.fine.iter().map(|rule| view! { <li>{weakness_label(rule).unwrap_or_default()}</li> }).collect_view()}</ul>
                    {(!r.discuss.is_empty()).then(|| view! {
                        <h3>"計画チェックでは見つからない学びどころ（話し合いましょう）"</h3>
                        <ul>{r.discuss.into_iter().map(|p| point_li(p, None)).collect_view()}</ul>
                    })}
                    <h3>{format!("計画チェックの結果（下書き・{}）", c.level.label())}</h3>
                    <ul class="exercise-findings">{findings.iter().map(|f| view! { <li><strong>{f.rule.title}</strong>"："{f.message.clone()}</li> }).collect_view()}</ul>
                    <h3>"下書きと模範の計画の違い"</h3>
                    <table class="table stack-table exercise-diff">
                        <thead><tr><th scope="col">"項目"</th><th scope="col">"下書き"</th><th scope="col">"模範"</th></tr></thead>
                        <tbody>{changes.into_iter().map(|ch| view! {
                            <tr><th scope="row">{format!("{}（{}）", ch.place(), ch.kind.label())}</th><td>{ch.before}</td><td>{ch.after}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                </section>
            })
        }
    };

    view! {
        <p class="training-step__case">{move || match title() { Some(Ok(c)) => c.title, _ => String::new() }}</p>
        <h1 tabindex="-1">"演習：下書きの弱いところを挙げる"</h1>
        <p>"初任者が書いた計画案（下書き）を読み、弱いと思うところを種類から選んで挙げます。挙げ終わったら「答え合わせ」を押します。解答はこのタブの中だけに置かれ、ケースのデータには触れません。"</p>
        <section class="training-section" aria-labelledby="exercise-sheet">
            <h2 id="exercise-sheet">"下書きの計画案"</h2>
            {move || match (sheet_pair(), sheet_title()) {
                (Some(Err(m)), _) | (_, Some(Err(m))) => view! { <p class="field__error" role="alert">{m}</p> }.into_any(),
                (Some(Ok(p)), _) => view! {
                    <dl class="exercise-sheet">
                        {plan_sheet(&p.draft).into_iter().map(|(h, lines)| view! {
                            <dt>{h}</dt>
                            {lines.into_iter().map(|l| view! { <dd>{l}</dd> }).collect_view()}
                        }).collect_view()}
                    </dl>
                }.into_any(),
                _ => view! { <p>"読み込んでいます…"</p> }.into_any(),
            }}
        </section>
        <section class="training-section" aria-labelledby="exercise-list">
            <h2 id="exercise-list">"弱いと思うところ"</h2>
            {text_input("exercise-trainee".to_owned(), "仮名または番号", "本名は書きません。書き出すファイルに入ります。", trainee, true, "",
                Box::new(move |v: String| { let _ = on_trainee(&|e| { e.trainee = v.trim().to_owned(); Ok(()) }); }))}
            <form class="exercise-form" on:submit=add>
                <div class="field">
                    <label for=KIND_ID>"弱いところの種類"</label>
                    <select id=KIND_ID class="select">
                        <option value="">"選んでください"</option>
                        {WEAKNESSES.iter().map(|(rule, label)| view! { <option value=*rule>{*label}</option> }).collect_view()}
                    </select>
                </div>
                {text_input(NOTE_ID.to_owned(), "どこに・なぜ（メモ、任意）", "", String::new(), false, "", Box::new(|_| {}))}
                {move || error.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                <button type="submit" class="button button--secondary">"挙げる"</button>
            </form>
            {move || {
                let e = items();
                if e.items.is_empty() {
                    return view! { <p class="empty">"まだ何も挙げていません。"</p> }.into_any();
                }
                view! {
                    <ol class="exercise-items">
                        {e.items.into_iter().map(|i| {
                            let label = weakness_label(&i.rule).unwrap_or_default();
                            let rule = i.rule.clone();
                            let remove = update.clone();
                            view! {
                                <li>
                                    {label}{(!i.note.is_empty()).then(|| format!("：{}", i.note))}
                                    " "
                                    <button type="button" class="button button--small button--secondary" aria-label=format!("「{label}」を取り消す")
                                        on:click=move |_| { let r = rule.clone(); let _ = remove(&move |e| { e.items.retain(|x| x.rule != r); Ok(()) }); }>"取り消す"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <p class="button-row">
            <button type="button" class="button" on:click=show>"答え合わせ"</button>
            <button type="button" class="button button--secondary" on:click=export>"解答を書き出す"</button>
            <button type="button" class="button button--secondary" on:click=reset>"研修データを消す"</button>
        </p>
        <p role="status" class="exercise-status">{move || status.get()}</p>
        {move || unexported().then(|| view! {
            <p class="hint exercise-unexported">"研修モードを終わると、この解答は消えます。残すときは先に「解答を書き出す」を押してください。"</p>
        })}
        {reveal_view}
        <p><a href="#/training">"研修ケースの一覧へ"</a></p>
    }
}

/// `#/training/tally`: many trainees' exercise files in one table.
#[component]
pub fn TrainingTallyPage() -> impl IntoView {
    set_title("研修モード：解答の集計");
    let library = expect_context::<Library>();
    library.load_index();
    let read = RwSignal::new(Vec::<Exercise>::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let on_change = move |ev: leptos::ev::Event| {
        let Some(list) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files()) else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        leptos::task::spawn_local(async move {
            let (mut ok, mut bad) = (Vec::new(), Vec::new());
            for f in files {
                let name = f.name();
                let text = match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                    Ok(b) => crate::store::file_text(&js_sys::Uint8Array::new(&b).to_vec()).map(str::to_owned),
                    Err(_) => Err("開けませんでした。".to_owned()),
                };
                match text.and_then(|t| read_exercise(&t)) {
                    Ok(e) => ok.push(e),
                    Err(m) => bad.push(format!("「{name}」は集計に入れませんでした。{m}")),
                }
            }
            read.set(ok);
            errors.set(bad);
        });
    };
    view! {
        <h1 tabindex="-1">"解答を集計する"</h1>
        <p>"受講者が書き出した解答のファイルをまとめて選ぶと、学びどころごとに見つけた人数を、見つけた人が少ない順に並べます。"</p>
        <div class="field">
            <label for="tally-files">"解答のファイル（いくつでも選べます）"</label>
            <input id="tally-files" type="file" accept=".json,application/json" multiple on:change=on_change/>
        </div>
        {move || { let e = errors.get(); (!e.is_empty()).then(|| view! {
            <div class="field__error" role="alert"><ul>{e.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul></div>
        })}}
        {move || {
            let exercises = read.get();
            if exercises.is_empty() {
                return None;
            }
            let rows = library.index.with(|i| match i {
                Some(Ok(i)) => Some(tally(i, &exercises)),
                _ => None,
            })?;
            Some(match rows {
                Err(m) => view! { <p class="field__error" role="alert">{m}</p> }.into_any(),
                Ok(rows) => view! {
                    <p role="status">{format!("{}人分の解答を集計しました。", exercises.len())}</p>
                    <table class="table stack-table tally-table">
                        <thead><tr><th scope="col">"学びどころ"</th><th scope="col">"ケース"</th><th scope="col">"見つけた人"</th></tr></thead>
                        <tbody>{rows.into_iter().map(|r| view! {
                            <tr><th scope="row">{r.title}</th><td>{r.case_title}</td><td class="nowrap">{format!("{} / {}人", r.found, r.of)}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any(),
            })
        }}
        <p><a href="#/training">"研修ケースの一覧へ"</a></p>
    }
}

//! Hash routing (`#/`, `#/calendar`, `#/training[/<slug>/<step>]`, `#/case/<id>/<step>[/<part>]` — the
//! 計画案 step's parts and the アセスメント step's `ecomap` —, `#/case/<id>/print/<sheet>`,
//! `#/case/<id>/print/monitoring/<report id>`, `#/case/<id>/print/meeting/<n>`): works
//! from a server and from `file://`.

use crate::domain::meeting::MeetingId;
use crate::domain::monitoring::MonitoringId;
use crate::domain::{CaseId, Stage};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    CaseList,
    Case { id: CaseId, step: Stage, part: Part },
    /// The print preview of a case's plan.
    PlanPrint(CaseId),
    /// The print preview of a case's 週間計画表.
    SchedulePrint(CaseId),
    /// The print preview of one モニタリング報告書.
    MonitoringPrint(CaseId, MonitoringId),
    /// The print preview of one サービス担当者会議's 会議録.
    MeetingPrint(CaseId, MeetingId),
    /// The print preview of a case's エコマップ.
    EcoMapPrint(CaseId),
    /// 設定 (level and office type for the plan check).
    Settings,
    /// 使い方: the user guide (docs/guide.md).
    Guide,
    /// 予定: every case's due monitorings and renewals (the caseload calendar).
    Calendar,
    /// 地域課題の一覧: all cases' community issues, nameless, for the 協議会.
    CommunityIssues,
    /// 役割の目安 (the role matrix, self-assessment, 推薦申出書 checklist), optionally with a
    /// case's plan laid over it.
    Matrix(Option<CaseId>),
    /// 出典の資料: the reference documents the app cites, optionally opened at one (「001」).
    Sources(Option<String>),
    /// 研修モード: the training cases to choose from (presenter view).
    Training,
    /// 研修モード: one step of the guided walkthrough on a training case (by its slug).
    TrainingStep { slug: String, step: Stage },
    /// 研修モード: the exercise on a training case's draft, and its 答え合わせ.
    TrainingExercise(String),
    /// 研修モード: the trainer's tally of many exercise files.
    TrainingTally,
    NotFound,
}

/// The screens inside the 計画案 step.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// The step's main screen (for 計画案: header, narrative, goal table).
    Main,
    /// 週間計画表
    Schedule,
    /// 確認: every section with 変更 links, then making the plan final.
    Check,
    /// The main screen, opened from 確認 to change one field (its element id), with a way back.
    Change(String),
    /// 評価・助言: reviews received, and a lead's form to write one.
    Review,
    /// The アセスメント step's エコマップ.
    EcoMap,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::CaseList,
            ["settings"] => Route::Settings,
            ["guide"] => Route::Guide,
            ["calendar"] => Route::Calendar,
            ["community-issues"] => Route::CommunityIssues,
            ["matrix"] => Route::Matrix(None),
            ["sources"] => Route::Sources(None),
            ["sources", code] if crate::domain::sources::DOCUMENTS.iter().any(|d| d.code == *code) => Route::Sources(Some((*code).to_owned())),
            ["training"] => Route::Training,
            ["training", "tally"] => Route::TrainingTally,
            ["training", slug, "exercise"] if slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => Route::TrainingExercise((*slug).to_owned()),
            ["training", slug, rest @ ..] if slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
                let step = match rest {
                    [] => Some(Stage::Intake),
                    [step] => Stage::from_slug(step),
                    _ => None,
                };
                step.map_or(Route::NotFound, |step| Route::TrainingStep { slug: (*slug).to_owned(), step })
            }
            ["matrix", id] => CaseId::parse(id).map_or(Route::NotFound, |id| Route::Matrix(Some(id))),
            ["case", id] => CaseId::parse(id).map_or(Route::NotFound, |id| Route::Case { id, step: Stage::Intake, part: Part::Main }),
            ["case", id, "print", "plan"] => CaseId::parse(id).map_or(Route::NotFound, Route::PlanPrint),
            ["case", id, "print", "schedule"] => CaseId::parse(id).map_or(Route::NotFound, Route::SchedulePrint),
            ["case", id, "print", "monitoring", n] => match (CaseId::parse(id), n.parse::<u32>()) {
                (Some(id), Ok(number)) if number > 0 && n.chars().all(|c| c.is_ascii_digit()) => Route::MonitoringPrint(id, MonitoringId(number)),
                _ => Route::NotFound,
            },
            ["case", id, "print", "meeting", n] => match (CaseId::parse(id), n.parse::<u32>().ok().and_then(|n| MeetingId::try_from(n).ok())) {
                (Some(id), Some(n)) => Route::MeetingPrint(id, n),
                _ => Route::NotFound,
            },
            ["case", id, "print", "ecomap"] => CaseId::parse(id).map_or(Route::NotFound, Route::EcoMapPrint),
            ["case", id, step, rest @ ..] => {
                let part = match rest {
                    [] => Some(Part::Main),
                    ["schedule"] => Some(Part::Schedule),
                    ["check"] => Some(Part::Check),
                    ["review"] => Some(Part::Review),
                    ["ecomap"] => Some(Part::EcoMap),
                    ["change", field] if field.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => Some(Part::Change((*field).to_owned())),
                    _ => None,
                };
                match (CaseId::parse(id), Stage::from_slug(step), part) {
                    (Some(id), Some(step @ Stage::Assessment), Some(part @ Part::EcoMap)) => Route::Case { id, step, part },
                    (Some(id), Some(step @ Stage::Planning), Some(part)) if part != Part::EcoMap => Route::Case { id, step, part },
                    (Some(id), Some(step), Some(Part::Main)) => Route::Case { id, step, part: Part::Main },
                    _ => Route::NotFound,
                }
            }
            _ => Route::NotFound,
        }
    }
}

/// 役割の目安, with a case's plan laid over it when given.
pub fn matrix_href(id: Option<&CaseId>) -> String {
    match id {
        Some(id) => format!("#/matrix/{id}"),
        None => "#/matrix".to_owned(),
    }
}

/// A step of the walkthrough on a training case.
pub fn training_href(slug: &str, step: Stage) -> String {
    format!("#/training/{slug}/{}", step.slug())
}

/// The exercise on a training case.
pub fn exercise_href(slug: &str) -> String {
    format!("#/training/{slug}/exercise")
}

pub fn plan_print_href(id: &CaseId) -> String {
    format!("#/case/{id}/print/plan")
}

pub fn monitoring_print_href(id: &CaseId, report: MonitoringId) -> String {
    format!("#/case/{id}/print/monitoring/{}", report.0)
}

pub fn schedule_print_href(id: &CaseId) -> String {
    format!("#/case/{id}/print/schedule")
}

pub fn meeting_print_href(id: &CaseId, meeting: MeetingId) -> String {
    format!("#/case/{id}/print/meeting/{}", meeting.0)
}

pub fn ecomap_print_href(id: &CaseId) -> String {
    format!("#/case/{id}/print/ecomap")
}

pub fn part_href(id: &CaseId, part: &Part) -> String {
    let base = case_href(id, Stage::Planning);
    match part {
        Part::EcoMap => format!("{}/ecomap", case_href(id, Stage::Assessment)),
        Part::Main => base,
        Part::Schedule => format!("{base}/schedule"),
        Part::Check => format!("{base}/check"),
        Part::Review => format!("{base}/review"),
        Part::Change(field) => format!("{base}/change/{field}"),
    }
}

pub fn case_href(id: &CaseId, step: Stage) -> String {
    if step == Stage::Intake {
        format!("#/case/{id}")
    } else {
        format!("#/case/{id}/{}", step.slug())
    }
}

fn current() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// The current route, following `hashchange`; on each change, focus moves to the new
/// screen's heading so screen readers and keyboard users start at the top.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(current());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(current());
        focus_main_heading();
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    std::mem::forget(handle);
    route
}

pub fn focus_main_heading() {
    request_animation_frame(|| {
        if let Some(h1) = document().query_selector("main h1").ok().flatten() {
            use wasm_bindgen::JsCast;
            if let Some(h1) = h1.dyn_ref::<web_sys::HtmlElement>() {
                let _ = h1.focus();
            }
        }
    });
}

/// The document title: the screen's name only, never a person's name or number (the
/// browser keeps titles in its history, which a lock or a wipe does not clear).
pub fn set_title(screen: &str) {
    document().set_title(&format!("{screen} | 相談支援ワークベンチ"));
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_title("見つかりません");
    view! {
        <h1 tabindex="-1">"ページが見つかりません"</h1>
        <p>"アドレスが正しくないか、ケースが削除された可能性があります。"</p>
        <p><a href="#/">"ケース一覧に戻る"</a></p>
    }
}

//! 研修モード (issue 15, part 2): a projector view for trainers of 初任者研修 — `#/training`
//! lists the training cases of `public/training/`, `#/training/<slug>/<step>` walks the
//! cycle on one (`domain::walkthrough`). The cases are read into memory only, never into
//! the app's state or storage, and dropped when the trainer leaves 研修モード: nothing of
//! a training session is left in the browser, and nothing of the real cases is shown.

pub(crate) mod exercise;
pub(crate) mod list;
pub(crate) mod step;

use crate::domain::exercise::Exercise;
use crate::domain::training::{read_index, TrainingIndex};
use crate::domain::Case;
use crate::store::read_export_file;
use crate::ui::caseload::samples::fetch_own_file;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A training case's two plans: the novice's draft and the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub draft: Case,
    pub model: Case,
}

/// What 研修モード has read, in memory only (provided by the app frame, emptied on leaving).
#[derive(Clone, Copy)]
pub struct Library {
    pub index: RwSignal<Option<Result<TrainingIndex, String>>>,
    /// Pairs by slug, as they were read (or why not).
    pub cases: RwSignal<Vec<(String, Result<Pair, String>)>>,
    /// Counts the times 研修モード was left: a read that ends after leaving keeps nothing.
    left: StoredValue<u32>,
    /// Slugs whose files are being read or were read (so a step change reads nothing again).
    asked: StoredValue<Vec<String>>,
    /// The trainees' exercises (also in sessionStorage, so a reload keeps them).
    pub exercises: RwSignal<Vec<Exercise>>,
    /// Slugs whose exercise was written out since its last change.
    pub exported: RwSignal<Vec<String>>,
    /// Whether the exercises were read since entering 研修モード.
    entered: StoredValue<bool>,
}

const WHAT: &str = "研修ケース";

async fn read_case(file: &str) -> Result<Case, String> {
    let text = fetch_own_file(&format!("training/{file}"), WHAT).await?;
    let mut cases = read_export_file(&text)?;
    if cases.len() == 1 { Ok(cases.remove(0)) } else { Err(format!("{WHAT}のファイル {file} にケースが1件ではありません。")) }
}

impl Library {
    pub fn new() -> Library {
        Library { index: RwSignal::new(None), cases: RwSignal::new(Vec::new()), left: StoredValue::new(0), asked: StoredValue::new(Vec::new()), exercises: RwSignal::new(Vec::new()), exported: RwSignal::new(Vec::new()), entered: StoredValue::new(false) }
    }

    /// Reads `training/index.json` once.
    pub fn load_index(self) {
        if self.index.get_untracked().is_some() {
            return;
        }
        let left = self.left.get_value();
        spawn_local(async move {
            let read = fetch_own_file("training/index.json", WHAT).await.and_then(|t| read_index(&t));
            if self.left.get_value() == left {
                self.index.set(Some(read));
            }
        });
    }

    /// Reads a case's pair once (after the index, which names its files).
    pub fn load_case(self, slug: String) {
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) || self.asked.with_value(|a| a.contains(&slug)) {
                return true;
            }
            // Waits for the index (this effect runs again when it arrives).
            let Some(case) = self.index.with(|i| match i {
                Some(Ok(i)) => Some(i.cases.iter().find(|c| c.slug == slug).cloned()),
                _ => None,
            }) else {
                return false;
            };
            let Some(case) = case else { return true };
            self.asked.update_value(|a| a.push(slug.clone()));
            let (slug, left) = (slug.clone(), self.left.get_value());
            spawn_local(async move {
                let pair = match (read_case(&case.draft).await, read_case(&case.model).await) {
                    (Ok(draft), Ok(model)) => Ok(Pair { draft, model }),
                    (Err(m), _) | (_, Err(m)) => Err(m),
                };
                if self.left.get_value() == left {
                    self.cases.update(|c| c.push((slug, pair)));
                }
            });
            true
        });
    }

    /// Entering 研修モード (each training screen calls it; the first one reads): the
    /// exercises of this tab's session (after a reload). Called from the screens, not the
    /// app frame, so their reader is in the training chunk, not on the first page.
    pub fn enter(self) {
        if self.entered.get_value() {
            return;
        }
        self.entered.set_value(true);
        #[cfg(target_arch = "wasm32")]
        self.exercises.set(crate::store::training::load_exercises());
    }

    pub fn save_exercises(self) {
        #[cfg(target_arch = "wasm32")]
        self.exercises.with_untracked(|all| crate::store::training::save_exercises(all));
    }

    /// 「研修データを消す」: every exercise, in memory and in sessionStorage.
    pub fn reset_exercises(self) {
        self.exercises.set(Vec::new());
        self.exported.set(Vec::new());
        #[cfg(target_arch = "wasm32")]
        crate::store::training::clear_exercises();
    }

    /// Leaving 研修モード: forget everything read, and the exercises.
    pub fn clear(self) {
        self.reset_exercises();
        self.entered.set_value(false);
        self.left.update_value(|n| *n += 1);
        self.index.set(None);
        self.cases.set(Vec::new());
        self.asked.update_value(Vec::clear);
    }
}

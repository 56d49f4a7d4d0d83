//! 研修モード's exercises in `sessionStorage` (wasm only): they die with the tab, are never
//! under `soudan-workbench/` (so never read as a case, exported, or counted in the quota),
//! and are removed by 「研修データを消す」 and on leaving 研修モード.

use crate::domain::exercise::{read_exercise, Exercise};

/// The one key: every exercise of the session, as a JSON array.
pub const TRAINING_KEY: &str = "soudan-workbench-training/exercises";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The session's exercises; unreadable ones are dropped (training data is disposable).
pub fn load_exercises() -> Vec<Exercise> {
    let Some(text) = session().and_then(|s| s.get_item(TRAINING_KEY).ok().flatten()) else { return Vec::new() };
    let values: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    values.into_iter().filter_map(|v| read_exercise(&v.to_string()).ok()).collect()
}

/// Writes them (removes the key when there are none). Where sessionStorage is refused the
/// exercise lives in memory only.
pub fn save_exercises(all: &[Exercise]) {
    let Some(s) = session() else { return };
    if all.is_empty() {
        let _ = s.remove_item(TRAINING_KEY);
    } else if let Ok(text) = serde_json::to_string(all) {
        let _ = s.set_item(TRAINING_KEY, &text);
    }
}

pub fn clear_exercises() {
    if let Some(s) = session() {
        let _ = s.remove_item(TRAINING_KEY);
    }
}

//! 計画案 to 計画: the draft plan's 目標表 and 週間計画表, the checker's panel, 確認・確定,
//! 評価・助言 (review) and the printed plan.

pub(crate) mod check_panel;
pub(crate) mod confirm;
pub(crate) mod draft;
pub(crate) mod print;
pub(crate) mod review;
pub(crate) mod schedule;

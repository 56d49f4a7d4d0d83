//! After the plan is drafted: 担当者会議 (the meeting records and their 会議録 print) and, after
//! 確定, モニタリング.

pub(crate) mod evaluation;
pub(crate) mod meeting;
pub(crate) mod monitoring;
pub(crate) mod print;

//! After the plan is final: モニタリング (and, with it, 担当者会議 records and 評価).

pub(crate) mod evaluation;
pub(crate) mod monitoring;
pub(crate) mod print;

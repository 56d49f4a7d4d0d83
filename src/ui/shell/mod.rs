//! App-wide chrome: protection and lock, storage alerts, offline updates, the save lock
//! between tabs, and 設定.

pub(crate) mod alerts;
pub(crate) mod lock;
pub(crate) mod offline;
pub(crate) mod save_lock;
pub(crate) mod settings;

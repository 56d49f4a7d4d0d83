//! The browser's `localStorage` as a [`Backend`] (through gloo-storage's handle).

use super::{Backend, BackendError};
use gloo_storage::{LocalStorage as Gloo, Storage as _};
use wasm_bindgen::JsCast;

/// Stateless: fetches the storage handle on each call, so it is `Send + Sync` and can
/// live in a Leptos `StoredValue`.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStorage;

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Option<String> {
        Gloo::raw().get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        Gloo::raw().set_item(key, value).map_err(|e| {
            let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name()).unwrap_or_default();
            // Chromium and Safari say QuotaExceededError; Firefox once said NS_ERROR_DOM_QUOTA_REACHED.
            if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                BackendError::QuotaExceeded
            } else {
                BackendError::Unavailable(format!("{name}: {e:?}"))
            }
        })
    }

    fn remove(&mut self, key: &str) {
        let _ = Gloo::raw().remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let raw = Gloo::raw();
        let n = raw.length().unwrap_or(0);
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
    }
}

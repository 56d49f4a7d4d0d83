//! The browser's `localStorage` as a [`Backend`] (through gloo-storage's handle).

use super::{Backend, BackendError};
use gloo_storage::{LocalStorage as Gloo, Storage as _};
use wasm_bindgen::JsCast;

/// Stateless: fetches the storage handle on each call, so it is `Send + Sync` and can
/// live in a Leptos `StoredValue`.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStorage;

impl LocalStorage {
    /// gloo's handle panics where storage is refused (site data blocked by policy), so
    /// ask the browser first and treat "refused" like an empty, unwritable store.
    pub fn is_available() -> bool {
        web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
    }

    fn raw() -> Option<web_sys::Storage> {
        Self::is_available().then(Gloo::raw)
    }
}

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Option<String> {
        Self::raw()?.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        let Some(raw) = Self::raw() else {
            return Err(BackendError::Unavailable("localStorage is not available".into()));
        };
        raw.set_item(key, value).map_err(|e| {
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
        if let Some(raw) = Self::raw() {
            let _ = raw.remove_item(key);
        }
    }

    /// The JS string's own length: a full store holds 10 MB, not copied into the wasm
    /// to be measured.
    fn units(&self, key: &str) -> usize {
        let Some(raw) = Self::raw() else { return 0 };
        js_sys::Reflect::get(&raw, &"getItem".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|get| get.call1(&raw, &key.into()).ok())
            .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
            .map_or(0, |v| v.length() as usize)
    }

    fn keys(&self) -> Vec<String> {
        let Some(raw) = Self::raw() else { return Vec::new() };
        let n = raw.length().unwrap_or(0);
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
    }
}

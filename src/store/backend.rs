//! The key-value store the rules of `store` are written against: [`Backend`], with
//! `localStorage`'s semantics. `local::LocalStorage` is the browser's (wasm only),
//! `seal::Sealed` wraps one to encrypt case data, and [`MemoryBackend`] runs the same rules
//! natively in tests, with a quota counted as the browser counts it.

use std::collections::BTreeMap;

/// A key-value store with `localStorage`'s semantics.
pub trait Backend {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
    /// Whether case data may be written now (`seal::Sealed` says no while locked).
    fn writable(&self) -> Result<(), BackendError> {
        Ok(())
    }
    /// The value exactly as stored (a sealed record stays sealed), so that an import that
    /// fails can put back what it replaced byte for byte.
    fn get_raw(&self, key: &str) -> Option<String> {
        self.get(key)
    }
    /// The stored value's length in UTF-16 code units, as the quota counts it.
    fn units(&self, key: &str) -> usize {
        self.get_raw(key).map_or(0, |v| v.encode_utf16().count())
    }
    /// Writes a value exactly as given (no sealing): only what [`get_raw`](Self::get_raw) read.
    fn set_raw(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.set(key, value)
    }
    /// [`get`](Self::get), and whether the record is a stray: in the clear where a
    /// passphrase requires it sealed, and not left so by this app (`seal::Sealed`). A stray
    /// is never adopted and never overwritten.
    fn get_checked(&self, key: &str) -> Option<(String, bool)> {
        self.get(key).map(|v| (v, false))
    }
    fn in_clear_under_vault(&self, key: &str) -> bool {
        self.get_checked(key).is_some_and(|(_, stray)| stray)
    }
    /// A value as [`get`](Self::get) would return it, given as stored (a `storage` event's
    /// `newValue`): `seal::Sealed` opens it.
    fn open(&self, _key: &str, stored: String) -> String {
        stored
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    /// `QuotaExceededError`: the browser's storage for this origin is full.
    QuotaExceeded,
    /// Storage is missing or refused (private mode, disabled by policy).
    Unavailable(String),
    /// A passphrase is set and this tab holds no (current) key: case data is never
    /// written in the clear (`seal`).
    Locked,
}

/// In-memory backend for tests, with an optional size limit counted like the browser
/// does (UTF-16 code units of keys and values).
#[derive(Clone, Debug, Default)]
pub struct MemoryBackend {
    pub items: BTreeMap<String, String>,
    pub limit_units: Option<usize>,
}

impl MemoryBackend {
    fn used_units(&self) -> usize {
        self.items.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum()
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Option<String> {
        self.items.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if let Some(limit) = self.limit_units {
            let old = self.items.get(key).map_or(0, |v| key.encode_utf16().count() + v.encode_utf16().count());
            let new = key.encode_utf16().count() + value.encode_utf16().count();
            if self.used_units() - old + new > limit {
                return Err(BackendError::QuotaExceeded);
            }
        }
        self.items.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.items.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.items.keys().cloned().collect()
    }
}

/// Two `Store`s over one backend behave like two tabs over one `localStorage`.
impl<B: Backend> Backend for std::rc::Rc<std::cell::RefCell<B>> {
    fn get(&self, key: &str) -> Option<String> {
        self.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.borrow_mut().remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.borrow().keys()
    }
    fn writable(&self) -> Result<(), BackendError> {
        self.borrow().writable()
    }
    fn units(&self, key: &str) -> usize {
        self.borrow().units(key)
    }
    fn get_raw(&self, key: &str) -> Option<String> {
        self.borrow().get_raw(key)
    }
    fn set_raw(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.borrow_mut().set_raw(key, value)
    }
    fn get_checked(&self, key: &str) -> Option<(String, bool)> {
        self.borrow().get_checked(key)
    }
    fn open(&self, key: &str, stored: String) -> String {
        self.borrow().open(key, stored)
    }
}

//! One autosave at a time across the tabs of this origin: the Web Locks API
//! (`navigator.locks.request`), through `js_sys::Reflect` like the other browser calls here.
//!
//! localStorage has no compare-and-set across tabs: two tabs that each read revision N can
//! both write N+1. Under the lock the second tab's save reads the first one's write and is
//! refused as a conflict instead. The lock is only for saves that can wait: the save on
//! `pagehide` must finish before the page goes, so it writes at once, and a write it
//! replaces is found afterwards (`store::ExternalChange::Overwritten`).

use leptos::prelude::window;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};

/// The lock every tab's autosave takes (names are per origin).
const NAME: &str = "soudan-workbench/save";

type Once = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

fn run(once: &Once) {
    let f = once.borrow_mut().take();
    if let Some(f) = f {
        f();
    }
}

/// Runs `f` once while this tab holds the save lock; at once where there is no Web Locks API
/// (a page over plain http on the LAN is not a secure context) or it refuses (`file://`).
pub fn with_save_lock(f: impl FnOnce() + 'static) {
    let once: Once = Rc::new(RefCell::new(Some(Box::new(f))));
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let api = get(&window().into(), "navigator").and_then(|n| get(&n, "locks")).and_then(|locks| {
        let request = get(&locks, "request")?.dyn_into::<js_sys::Function>().ok()?;
        Some((locks, request))
    });
    let Some((locks, request)) = api else { return run(&once) };
    let inside = once.clone();
    // Returns undefined: the lock is released as soon as the (synchronous) save is done.
    let callback = Closure::once_into_js(move |_lock: JsValue| run(&inside));
    match request.call2(&locks, &NAME.into(), &callback).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
        Some(promise) => leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                run(&once);
            }
        }),
        None => run(&once),
    }
}

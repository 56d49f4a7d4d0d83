//! The app's offline copy (served over http): `sw.js` (written by `scripts/sw.mjs`) keeps
//! one version of the app's files in Cache Storage, and `public/sw-register.js` registers
//! it. This module shows the notice when a newer version waits (the script sets
//! `data-update-ready` on `<html>` and fires `soudan-update-ready`), offers 「今すぐ更新」
//! (fires `soudan-update-now`; the script asks the waiting worker to take over and every
//! open page reloads), and forgets the copy for the wipe.
//!
//! The browser APIs are reached through `js_sys::Reflect`, not web-sys features: this is
//! a few calls, and they are absent (and then skipped) where there is no service worker.

use js_sys::{Array, Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Every cache of the app starts so (`scripts/sw-template.js`: `soudan-workbench-<VERSION>`).
const CACHE_PREFIX: &str = "soudan-workbench-";

/// A quiet notice at the top of every screen when a newer version has been fetched; the
/// running page keeps its version until all tabs are closed, or until 「今すぐ更新」.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    // The script may have seen the waiting version before the app mounted.
    let ready = RwSignal::new(
        document().document_element().is_some_and(|html| html.has_attribute("data-update-ready")),
    );
    let updating = RwSignal::new(false);
    // Lives as long as the page, like the app.
    std::mem::forget(window_event_listener_untyped("soudan-update-ready", move |_| ready.set(true)));
    let update_now = move |_| {
        updating.set(true);
        if let Ok(ev) = web_sys::Event::new("soudan-update-now") {
            let _ = window().dispatch_event(&ev);
        }
    };
    // The status region is always there (empty), so that screen readers announce the
    // notice when it appears, without moving focus.
    view! {
        <div role="status">
            <Show when=move || ready.get()>
                <div class="notice notice--info update-notice">
                    <p>"新しいバージョンがあります。このアプリのタブをすべて閉じて開き直すと切り替わります。"</p>
                    <p>"「今すぐ更新」を押すと、開いているこのアプリのタブがすべて読み込み直されます。"</p>
                    <button type="button" class="button" on:click=update_now disabled=move || updating.get()>
                        {move || if updating.get() { "更新しています…" } else { "今すぐ更新" }}
                    </button>
                </div>
            </Show>
        </div>
    }
}

/// Forgets the offline copy: unregisters this origin's service workers and deletes every
/// `soudan-workbench-…` cache. For the wipe (設定 → すべて消す): the app's files are no
/// personal data, but leaving a shared PC should leave nothing of the app behind. The page
/// that runs keeps working (it is loaded); the next visit online caches the app again. A
/// no-op where there is no service worker (e.g. the single file from `file://`).
pub fn forget_offline_copy() {
    let protocol = window().location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    leptos::task::spawn_local(async {
        // Nothing to tell the user if a step fails: the data is gone either way.
        let _ = forget().await;
    });
}

async fn forget() -> Result<(), JsValue> {
    let window: JsValue = window().into();
    let navigator = Reflect::get(&window, &"navigator".into())?;
    let container = Reflect::get(&navigator, &"serviceWorker".into())?;
    if !container.is_undefined() {
        let registrations: Array = call(&container, "getRegistrations", &[]).await?.dyn_into()?;
        for registration in registrations.iter() {
            call(&registration, "unregister", &[]).await?;
        }
    }
    let caches = Reflect::get(&window, &"caches".into())?;
    if !caches.is_undefined() {
        let names: Array = call(&caches, "keys", &[]).await?.dyn_into()?;
        for name in names.iter() {
            if name.as_string().is_some_and(|n| n.starts_with(CACHE_PREFIX)) {
                call(&caches, "delete", &[name]).await?;
            }
        }
    }
    Ok(())
}

/// `target[method](...args)`, awaited (every method used here returns a promise).
async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    let promise: Promise = f.apply(target, &args.iter().collect::<Array>())?.dyn_into()?;
    JsFuture::from(promise).await
}

//! Saving a file to the user's downloads (export), without any network request.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

pub fn download(file_name: &str, text: &str) {
    download_typed(file_name, text, "application/json");
}

/// [`download`] with another media type (CSV for the 地域課題 report).
pub fn download_typed(file_name: &str, text: &str, media_type: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(media_type);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(a) = document().create_element("a") else { return };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, Duration::from_secs(5));
}

//! The browser's crypto (wasm only): random bytes, and PBKDF2-SHA256 key derivation
//! through WebCrypto, which runs natively in the browser — a pure-Rust PBKDF2 at these
//! iteration counts would take seconds in wasm. AES-GCM itself is in Rust (`seal`), so
//! saving stays synchronous.
//!
//! WebCrypto exists only in a secure context: `http://127.0.0.1`, `https://` and `file://`
//! in Chromium. On a plain `http://` intranet host there is none, and the app refuses to
//! set or use a passphrase with [`INSECURE_CONTEXT`] rather than store anything in the clear.

use super::seal::{Kdf, Key};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const INSECURE_CONTEXT: &str = "このページの開き方では暗号化が使えません（ブラウザーの暗号機能は https:// か、このパソコンのアドレス http://127.0.0.1・localhost、または file:// で開いたときだけ使えます）。保存されているデータは何も変わっていません。";

/// Whether the browser offers WebCrypto here.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| {
        w.is_secure_context()
            && w.crypto().ok().is_some_and(|c| js_sys::Reflect::get(&c, &"subtle".into()).is_ok_and(|s| !s.is_undefined()))
    })
}

/// `crypto.getRandomValues`. Panics (aborts) without a window: there is no safe fallback
/// for nonces and keys.
pub fn fill_random(buf: &mut [u8]) {
    // getRandomValues takes at most 65,536 bytes per call.
    for chunk in buf.chunks_mut(65_536) {
        web_sys::window()
            .and_then(|w| w.crypto().ok())
            .and_then(|c| c.get_random_values_with_u8_array(chunk).ok())
            .expect("crypto.getRandomValues");
    }
}

/// A new random 256-bit key.
pub fn random_key() -> Key {
    let mut bytes = [0u8; 32];
    fill_random(&mut bytes);
    let key = Key::from_bytes(bytes);
    zeroize::Zeroize::zeroize(&mut bytes);
    key
}

/// The passphrase key: PBKDF2-SHA256 over the passphrase (Unicode NFC, so the same words
/// typed on another PC or IME give the same key) with the vault's or backup's parameters.
pub async fn derive_key(passphrase: &str, kdf: &Kdf) -> Result<Key, String> {
    if !available() {
        return Err(INSECURE_CONTEXT.into());
    }
    let salt = kdf.usable_salt().ok_or("暗号化の設定を読み込めません（鍵の導出方法が違います）。")?;
    let fail = |e: JsValue| format!("鍵を作れませんでした（{}）。", e.as_string().unwrap_or_else(|| "WebCrypto".into()));
    let subtle = web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.subtle()).ok_or("WebCrypto がありません。")?;
    let normalized: String = js_sys::JsString::from(passphrase).normalize("NFC").into();
    let material = js_sys::Uint8Array::from(normalized.as_bytes());
    let usages = js_sys::Array::of1(&"deriveBits".into());
    let base = JsFuture::from(subtle.import_key_with_str("raw", &material, "PBKDF2", false, &usages).map_err(fail)?)
        .await
        .map_err(fail)?;
    let params = js_sys::Object::new();
    for (k, v) in [
        ("name", JsValue::from("PBKDF2")),
        ("hash", "SHA-256".into()),
        ("salt", js_sys::Uint8Array::from(salt.as_slice()).into()),
        ("iterations", kdf.iterations.into()),
    ] {
        js_sys::Reflect::set(&params, &k.into(), &v).map_err(fail)?;
    }
    let bits = JsFuture::from(subtle.derive_bits_with_object(&params, base.unchecked_ref(), 256).map_err(fail)?)
        .await
        .map_err(fail)?;
    let view = js_sys::Uint8Array::new(&bits);
    let mut bytes = [0u8; 32];
    view.copy_to(&mut bytes);
    view.fill(0, 0, 32);
    let key = Key::from_bytes(bytes);
    zeroize::Zeroize::zeroize(&mut bytes);
    Ok(key)
}

//! Screens whose code loads when first opened (issue 17): the first page carries only the
//! shell, the lock screen and the case list; everything behind a case, the reference
//! screens, 予定, 設定 and 研修モード come in wasm chunks fetched on first use (and kept by the
//! service worker for offline use like every other file).
//!
//! [`lazy_screen!`] declares one such entry point. With the cargo feature `split` (the
//! `scripts/build` dist/ build) it is a `wasm_split` split point: the call fetches the
//! function's chunk (all entry points with the same chunk name share one) and then runs it.
//! Without it (native, and the single file, which cannot fetch from file://) it is a plain
//! `async fn` that is ready at once. Either way [`Lazy`] shows it.
//!
//! Invariant: the case list never waits for a chunk — nothing on the case list, the shell
//! or the lock screen goes through here to be shown. What reads a case whole is in a chunk
//! too ([`lazy_fn!`], `ui::screens`): the list shows summaries, and its buttons that change
//! a case (作成, アーカイブ, 書き出す, サンプル) wait for the cases to be read whole.

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// What a failed chunk load returns (offline and not yet cached, or a broken network).
pub type LoadError = leptos::wasm_split::SplitLoaderError;

/// `lazy_screen!(chunk: pub fn name(arg: Type, …) { view })`: a screen entry point whose
/// code lives in the wasm chunk `chunk` (feature `split`), returning the screen's view.
/// Arguments are passed by value across the split, so they are plain owned data.
macro_rules! lazy_screen {
    ($chunk:ident: $(#[$m:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $(#[$m])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> ::core::result::Result<::leptos::prelude::AnyView, $crate::ui::lazy::LoadError> {
            ::core::result::Result::Ok(::leptos::prelude::IntoAny::into_any($body))
        }
        $(#[$m])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> ::core::result::Result<::leptos::prelude::AnyView, $crate::ui::lazy::LoadError> {
            ::core::result::Result::Ok(::leptos::prelude::IntoAny::into_any($body))
        }
    };
}
pub(crate) use lazy_screen;

/// `lazy_fn!(chunk: pub fn name(arg: Type, …) -> T { body })`: like [`lazy_screen!`] for code
/// that is not a screen (reading the cases whole, for the case list's buttons and the
/// storage events): the call fetches `chunk` first if needed and returns the body's value.
macro_rules! lazy_fn {
    ($chunk:ident: $(#[$m:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$m])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::ui::lazy::LoadError> {
            ::core::result::Result::Ok($body)
        }
        $(#[$m])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::ui::lazy::LoadError> {
            ::core::result::Result::Ok($body)
        }
    };
}
pub(crate) use lazy_fn;

/// Shows a lazy screen: at once when its chunk is already loaded (or there are no chunks),
/// else 「読み込み中…」 until it is, or a clear message when it cannot be loaded (the rest
/// of the app keeps working; opening the screen again retries).
pub fn lazy<Fut>(load: Fut) -> AnyView
where
    Fut: Future<Output = Result<AnyView, LoadError>> + 'static,
{
    show(load, || failed().into_any(), true)
}

/// A lazy part of a screen that is already there (the import flow under the case list's
/// file input): like [`lazy`], but the focus stays where the user is, and `failed` is the
/// in-place message for a chunk that cannot be loaded.
pub fn lazy_part<Fut>(load: Fut, failed: impl Fn() -> AnyView + Send + Sync + 'static) -> AnyView
where
    Fut: Future<Output = Result<AnyView, LoadError>> + 'static,
{
    show(load, failed, false)
}

fn show<Fut>(load: Fut, failed: impl Fn() -> AnyView + Send + Sync + 'static, screen: bool) -> AnyView
where
    Fut: Future<Output = Result<AnyView, LoadError>> + 'static,
{
    // Under the screen's owner (so its effects are cleaned up with it) and untracked (so
    // nothing the screen reads while it is built re-creates it).
    let mut fut: Pin<Box<dyn Future<Output = Result<AnyView, LoadError>>>> = Box::pin(ScopedFuture::new_untracked(load));
    // One poll now: a chunk already loaded (or the unsplit build) gives the view at once,
    // so moving between a case's steps never shows a loading line or loses focus.
    if let Poll::Ready(result) = fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        return result.unwrap_or_else(|_| failed());
    }
    // Where the focus was when the screen was opened (the link clicked, or nothing): the
    // route's focus move ran before the heading existed, so it is done once the chunk is
    // here — unless the user has moved the focus since.
    let focus_then = document().active_element();
    // 0 loading, 1 ready, 2 failed.
    let status = RwSignal::new(0u8);
    let view = StoredValue::new_local(None::<AnyView>);
    leptos::task::spawn_local(async move {
        let result = fut.await;
        let code = match result {
            Ok(v) => {
                view.try_set_value(Some(v));
                1
            }
            Err(_) => 2,
        };
        if status.try_set(code).is_none() {
            // Still on screen.
            let now = document().active_element();
            let untouched = now == focus_then || now.as_ref().is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
            if untouched && screen {
                crate::ui::route::focus_main_heading();
            }
        }
    });
    (move || match status.get() {
        0 => view! { <p class="lazy-status" role="status">"読み込み中…"</p> }.into_any(),
        1 => view.try_update_value(Option::take).flatten().unwrap_or_else(|| ().into_any()),
        _ => failed(),
    })
    .into_any()
}

/// The value of a lazy entry point whose chunk is loaded (or the unsplit build): it is
/// ready at the first poll. `None` if it is not (its chunk would have to be fetched first):
/// callers use it only where the module docs of `ui::state` say the chunk is here.
pub fn now<T>(load: impl Future<Output = Result<T, LoadError>>) -> Option<T> {
    let mut load = std::pin::pin!(load);
    match load.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(value)) => Some(value),
        _ => None,
    }
}

fn failed() -> impl IntoView {
    crate::ui::route::set_title("読み込めませんでした");
    view! {
        <h1 tabindex="-1">"読み込めませんでした"</h1>
        <p class="lazy-error" role="alert">"この画面を読み込めませんでした。ネットワークに接続してから再度開いてください。"</p>
        <p><a href="#/">"ケース一覧に戻る"</a></p>
    }
}

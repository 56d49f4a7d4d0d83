//! Mount point only: everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    soudan_workbench::ui::mount();
    // index.html's static shell (`#boot`: the header as it first looks and 「読み込み中…」),
    // painted while the wasm loaded: the app has just rendered after it in this same task, so
    // no frame shows both. (Its comments are kept short there: they are shipped, and count
    // against scripts/size-budget.json.) The stylesheet lays the shell out with
    // `display: contents`, so its header and main sit in body's column where the app's do,
    // and hides it once anything follows it in <body>, should this removal ever come later.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("soudan-workbench is a browser app: build it with `scripts/build` and serve it with `scripts/serve`.");
    std::process::exit(2);
}

//! Mount point only: everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    soudan_workbench::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("soudan-workbench is a browser app: build it with `scripts/build` and serve it with `scripts/serve`.");
    std::process::exit(2);
}

# shellcheck shell=bash
# Shared environment for scripts/*: sourced, never run.
#
# Sets REPO (the repository root), puts the project's tools on PATH, and decides how the
# wasm32 build is made (see docs in /work/shared/design/toolchain.md §1):
#
#   WASM_TOOLCHAIN=rustup  rustup's default toolchain has the wasm32-unknown-unknown target:
#                          plain `cargo`, the usual target/ directory.
#   WASM_TOOLCHAIN=debian  no such target (machines that can't download it): Debian's
#                          rustc-web/cargo-web 1.96 in /usr/bin, std built from rust-web-src
#                          (-Zbuild-std through RUSTC_BOOTSTRAP), linked by wasm-ld-19, in
#                          its own target dir (target/wasm-debian) so that native builds
#                          (rustup, target/) and wasm builds don't invalidate each other.
#
# Native commands (`cargo test`, `cargo install`) always run with the machine's default
# cargo (rustup's); only commands run through `wasm_run` see the wasm settings.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO

# node_modules/.bin: wasm-opt (npm binaryen), playwright-core. ~/.cargo/bin: rustup's
# cargo, trunk, wasm-bindgen.
export PATH="$REPO/node_modules/.bin:${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$PATH"

# True when the default rustc can already build for wasm32 (rustup target installed, or
# any other toolchain that ships the target's std).
has_native_wasm32() {
  local installed sysroot
  if command -v rustup >/dev/null 2>&1; then
    # (not piped into grep -q: with pipefail, an early exit of grep fails the pipeline)
    installed="$(rustup target list --installed 2>/dev/null || true)"
    case $'\n'"$installed"$'\n' in *$'\n'wasm32-unknown-unknown$'\n'*) return 0 ;; esac
  fi
  sysroot="$(rustc --print sysroot 2>/dev/null)" || return 1
  [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]
}

if [ -z "${WASM_TOOLCHAIN:-}" ]; then
  if has_native_wasm32; then WASM_TOOLCHAIN=rustup; else WASM_TOOLCHAIN=debian; fi
fi
export WASM_TOOLCHAIN

# Run one command (e.g. trunk) with the wasm build environment, in a subshell so that the
# caller's environment stays native.
wasm_run() {
  (
    if [ "$WASM_TOOLCHAIN" = debian ]; then
      # Debian's cargo/rustc before rustup's proxies; npm's wasm-opt still first (a Debian
      # binaryen in /usr/bin would be too old).
      export PATH="$REPO/node_modules/.bin:/usr/bin:$PATH"
      export RUSTC_BOOTSTRAP=1
      export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
      export CARGO_TARGET_DIR="$REPO/target/wasm-debian"
      # std is built from source here anyway, so it can be built smaller: panics abort
      # without formatting a message (and the panic hook never runs), no file/line strings,
      # no Debug output. About 16 KB less gzip wasm (README "Figures"). These replace
      # .cargo/config.toml's rustflags, so its `--cfg erase_components` and
      # `-Clink-args=--emit-relocs` (for wasm-split-cli) are repeated.
      export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
      # std's own size-over-speed choices (smaller formatting and collections code): about
      # 23 KB less gzip wasm, measured 741,338 -> 717,776 B (issue 17).
      export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
    fi
    exec "$@"
  )
}

# The wasm-bindgen version Cargo.lock resolves (empty if none).
lock_wasm_bindgen_version() {
  awk '
    /^\[\[package\]\]/ { name = "" }
    /^name = / { name = $3; gsub(/"/, "", name) }
    /^version = / && name == "wasm-bindgen" { v = $3; gsub(/"/, "", v); print v; exit }
  ' "$REPO/Cargo.lock"
}

TRUNK_VERSION=0.21.14
export TRUNK_VERSION
# wasm_split_cli_support (its wasm-split-cli binary), pinned like trunk: scripts/setup.
WASM_SPLIT_VERSION=0.2.4
export WASM_SPLIT_VERSION

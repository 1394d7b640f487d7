#!/usr/bin/env bash
# Builds soxa.exe for 64-bit Windows on this Debian machine (see docs/WINDOWS.md).
#
#   scripts/windows.sh [build]   target/windows/x86_64-pc-windows-gnu/release/soxa.exe
#   scripts/windows.sh check     only checks that soxa compiles for Windows
#   scripts/windows.sh install   only installs the tools
#
# rustup ships no Windows standard library here, so Debian's own Rust (the
# rustc-web, cargo-web and rust-web-src packages from bookworm-security: a
# compiler and its matching library source) builds the standard library from
# source (-Zbuild-std, allowed on a stable compiler by RUSTC_BOOTSTRAP=1),
# and MinGW-w64 links. Debian's tools are named by full path because
# rustup's proxies come first on PATH.
#
# Everything goes to target/windows (never target/debug or target/release,
# whose files other work trees share): the Windows build compiles its own
# dependencies. The check runs in the release profile so the build scripts
# and macros it compiles are the ones the release build reuses.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-gnu
TARGET_DIR=target/windows
EXE="$TARGET_DIR/$TARGET/release/soxa.exe"
PACKAGES=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64)

fail() {
  echo "windows.sh: $*" >&2
  exit 1
}

# Installs the Debian packages named that are missing (nothing when all are
# there). Shared with windows-smoke.sh.
install_packages() {
  local missing=() p
  for p in "$@"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available: cannot install ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "installing ${missing[*]} needs root (or sudo)"
    sudo=(sudo)
  fi
  echo "== apt-get install ${missing[*]}"
  # The package lists of a new machine may predate the Rust 1.96 packages.
  "${sudo[@]}" apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
}

install_rust() {
  install_packages "${PACKAGES[@]}"
  local rustc_version src_version
  rustc_version=$(dpkg-query -W -f='${Version}' rustc-web)
  src_version=$(dpkg-query -W -f='${Version}' rust-web-src)
  # -Zbuild-std needs the library source of exactly this compiler.
  [ "$rustc_version" = "$src_version" ] \
    || fail "rustc-web $rustc_version and rust-web-src $src_version differ: run apt-get install rustc-web rust-web-src"
  command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || fail "x86_64-w64-mingw32-gcc is missing after the install"
}

debian_cargo() {
  env -u RUSTUP_TOOLCHAIN -u RUSTC_WRAPPER -u RUSTFLAGS \
    RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_INCREMENTAL=0 \
    /usr/bin/cargo "$@" --locked --release -Zbuild-std=std,panic_abort --target "$TARGET" --target-dir "$TARGET_DIR"
}

main() {
  local mode=${1:-build}
  case "$mode" in
    install)
      install_rust
      ;;
    check)
      install_rust
      echo "== cargo check for $TARGET (Debian's Rust $(/usr/bin/rustc --version | cut -d' ' -f2))"
      debian_cargo check
      ;;
    build)
      install_rust
      echo "== cargo build --release for $TARGET (Debian's Rust $(/usr/bin/rustc --version | cut -d' ' -f2))"
      debian_cargo build --bin soxa
      [ -f "$EXE" ] || fail "the build finished but $EXE is missing"
      echo "$EXE: $(stat -c %s "$EXE") bytes"
      ;;
    *)
      fail "unknown mode '$mode' (build, check or install)"
      ;;
  esac
}

# Sourced by windows-smoke.sh for install_packages; run as a command, it builds.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main "$@"
fi

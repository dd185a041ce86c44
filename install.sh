#!/usr/bin/env bash
# Build flux-rs from this checkout and install the binary and its shell completions.
# Idempotent: running it again rebuilds what changed and overwrites the installed files.
#
#   ./install.sh                 # installs into ~/.local (or /usr/local when run as root)
#   PREFIX=/opt/flux-rs ./install.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v cargo >/dev/null 2>&1; then
  echo "install.sh: cargo is not installed. Install Rust from https://rustup.rs and run ./install.sh again." >&2
  exit 1
fi

if [ -z "${PREFIX:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then PREFIX=/usr/local; else PREFIX="$HOME/.local"; fi
fi

echo "==> building flux-rs (release)"
cargo build --release --locked --quiet

bin="$PREFIX/bin"
mkdir -p "$bin"
install -m 0755 target/release/flux-rs "$bin/flux-rs"
echo "==> installed $bin/flux-rs"

share="$PREFIX/share"
install -D -m 0644 completions/flux-rs.bash "$share/bash-completion/completions/flux-rs"
install -D -m 0644 completions/_flux-rs "$share/zsh/site-functions/_flux-rs"
install -D -m 0644 completions/flux-rs.fish "$share/fish/vendor_completions.d/flux-rs.fish"
echo "==> installed completions for bash, zsh and fish under $share"
echo "    (PowerShell: flux-rs completion powershell | Out-String | Invoke-Expression)"

case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "==> note: $bin is not on your PATH; add it, e.g. export PATH=\"$bin:\$PATH\"" ;;
esac
"$bin/flux-rs" version --client

#!/usr/bin/env bash
# The action's install step: a pkjwt already on PATH at the asked version,
# else a release binary for this runner when one exists, else
# `cargo install --locked` from this repository at the action's ref.
set -euo pipefail
want="${INPUT_VERSION:-}"
if command -v pkjwt >/dev/null 2>&1; then
  have=$(pkjwt --version | awk '{print $2}')
  if [ -z "$want" ] || [ "$have" = "${want#v}" ]; then
    echo "pkjwt $have is on PATH"
    exit 0
  fi
fi
repo="${PKJWT_ACTION_REPO:-}"
ref="${want:-${PKJWT_ACTION_REF:-}}"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64) target=aarch64-unknown-linux-musl ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  *) target="" ;;
esac
mkdir -p "$HOME/.cargo/bin"
if [ -n "$repo" ] && [ -n "$target" ] && [ -n "$ref" ]; then
  url="https://github.com/$repo/releases/download/$ref/pkjwt-$target.tar.gz"
  tmp=$(mktemp -d)
  if curl -fsSL --retry 2 -o "$tmp/pkjwt.tar.gz" "$url" \
     && curl -fsSL --retry 2 -o "$tmp/pkjwt.tar.gz.sha256" "$url.sha256"; then
    (cd "$tmp" && sha256sum -c --status <(awk '{print $1"  pkjwt.tar.gz"}' pkjwt.tar.gz.sha256))
    tar -xzf "$tmp/pkjwt.tar.gz" -C "$tmp"
    install -m 0755 "$(find "$tmp" -type f -name pkjwt | head -1)" "$HOME/.cargo/bin/pkjwt"
    echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"
    echo "pkjwt $ref installed from the release binary"
    exit 0
  fi
fi
if [ -z "$repo" ]; then
  echo "::error::pkjwt is not on PATH and the action's repository is unknown" >&2
  exit 1
fi
cargo install --locked --git "https://github.com/$repo" ${ref:+--rev "$ref"} pkjwt
echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"

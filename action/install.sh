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
# The archives of .github/workflows/release.yml (scripts/package-release):
# pkjwt-VERSION-TARGET.tar.gz, checked against the release's SHA256SUMS.
if [ -n "$repo" ] && [ -n "$target" ] && [[ $ref == v[0-9]* ]]; then
  name="pkjwt-${ref#v}-$target.tar.gz"
  base="https://github.com/$repo/releases/download/$ref"
  tmp=$(mktemp -d)
  if curl -fsSL --retry 2 -o "$tmp/$name" "$base/$name" \
     && curl -fsSL --retry 2 -o "$tmp/SHA256SUMS" "$base/SHA256SUMS"; then
    sum=$(cd "$tmp" && { sha256sum "$name" 2>/dev/null || shasum -a 256 "$name"; } | awk '{print $1}')
    if ! grep -q "^$sum  $name\$" "$tmp/SHA256SUMS"; then
      echo "::error::$name does not match the release's SHA256SUMS" >&2
      exit 1
    fi
    tar -xzf "$tmp/$name" -C "$tmp"
    install -m 0755 "$tmp/pkjwt-${ref#v}-$target/pkjwt" "$HOME/.cargo/bin/pkjwt"
    echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"
    echo "pkjwt $ref installed from the release binary"
    exit 0
  fi
fi
if [ -z "$repo" ]; then
  echo "::error::pkjwt is not on PATH and the action's repository is unknown" >&2
  exit 1
fi
# Outside this repository cargo does not read its .cargo/config.toml: give
# the AWS-LC setting it holds (docs/install.md).
AWS_LC_SYS_NO_JITTER_ENTROPY=1 cargo install --locked --git "https://github.com/$repo" ${ref:+--rev "$ref"} pkjwt
echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"

#!/usr/bin/env bash
# The action's token step. The keystore goes to a 0600 temporary file that
# is removed however the step ends; the token is masked (::add-mask::)
# before anything else is written with it.
set -euo pipefail
umask 077
dir=$(mktemp -d "${RUNNER_TEMP:-/tmp}/pkjwt.XXXXXXXX")
trap 'rm -rf "$dir"' EXIT
ks="$dir/keystore.p12"
printf '%s' "$INPUT_KEYSTORE_BASE64" | base64 -d > "$ks"
chmod 600 "$ks"
export PKJWT_KEYSTORE="$ks"
export PKJWT_KEYSTORE_PASSWORD="$INPUT_PASSWORD"
# --no-cache: a profile's `cache = true` would leave the token in the
# runner's cache directory after the job (self-hosted runners keep it).
args=(token --no-cache --field access_token)
[ -n "${INPUT_PROFILE:-}" ] && args+=(--profile "$INPUT_PROFILE")
[ -n "${INPUT_ISSUER:-}" ] && args+=(--issuer "$INPUT_ISSUER")
[ -n "${INPUT_CLIENT_ID:-}" ] && args+=(--client-id "$INPUT_CLIENT_ID")
[ -n "${INPUT_SCOPE:-}" ] && args+=(--scope "$INPUT_SCOPE")
token=$(pkjwt "${args[@]}")
# An access token is a b64token (RFC 6750): anything else (a newline, a
# %) could add lines to GITHUB_OUTPUT or slip past the one-line mask.
if ! [[ $token =~ ^[A-Za-z0-9._~+/=-]+$ ]]; then
  echo "::error::the access token is not a b64token (RFC 6750); refusing to pass it on" >&2
  exit 1
fi
# Masked first: GitHub hides the value in every later log line.
echo "::add-mask::$token"
echo "token=$token" >> "$GITHUB_OUTPUT"
{
  echo "### pkjwt"
  echo "Got an access token for client \`${INPUT_CLIENT_ID:-${INPUT_PROFILE:-}}\` (output \`token\`, masked)."
} >> "${GITHUB_STEP_SUMMARY:-/dev/null}"

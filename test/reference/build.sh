#!/usr/bin/env bash
# Builds the reference loader: compose-go v2.9.1, the loader behind
# `docker compose config`, wrapped by compose-config/ (our source), into
#   ${STACKPORT_CACHE:-$HOME/.cache/stackport}/compose-config-v2.9.1-<hash>
# (outside the clone). <hash> covers the Go sources (go.mod, go.sum, *.go),
# the Go version and this script's build flags: a binary with the same hash is
# reused. Works from a cold cache (go mod download through the module proxy).
# Progress goes to stderr; stdout is the binary's path, alone.
#   bin=$(bash test/reference/build.sh)
#   "$bin" --dir D -f docker-compose.yml [-f override.yml] [--env-file F]
set -euo pipefail

src=$(cd "$(dirname "$0")/compose-config" && pwd)
cache=${STACKPORT_CACHE:-$HOME/.cache/stackport}
export PATH=/usr/local/go/bin:$PATH
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
log() { echo "reference build: $*" >&2; }

command -v go >/dev/null || { log "Go not found (expected /usr/local/go/bin/go)"; exit 1; }
flags=(-trimpath -ldflags "-s -w")
key=$( { cd "$src" && cat go.mod go.sum ./*.go; go version; echo "${flags[*]}"; } | sha256sum | cut -c1-12)
out="$cache/compose-config-v2.9.1-$key"

if [[ -x $out ]]; then
  log "cached: $out"
  echo "$out"
  exit 0
fi
mkdir -p "$cache"
t0=$SECONDS
log "downloading Go modules ($(cd "$src" && go list -m -f '{{.Path}}@{{.Version}}' github.com/compose-spec/compose-go/v2)) ..."
(cd "$src" && go mod download)
log "building compose-config (hash $key) ..."
tmp=$(mktemp "$out.XXXXXX")
(cd "$src" && go build "${flags[@]}" -o "$tmp" .)
mv -f "$tmp" "$out"
log "built in $((SECONDS - t0))s: $out"
echo "$out"

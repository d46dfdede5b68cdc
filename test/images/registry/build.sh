#!/usr/bin/env bash
# Builds the loopback registry for the image tests: go-containerregistry
# v0.22.1's crane (pinned by go.mod/go.sum beside this script, as a `tool`),
# whose `crane registry serve --address 127.0.0.1:0` serves an in-memory OCI
# registry, into
#   ${STACKPORT_CACHE:-$HOME/.cache/stackport}/crane-v0.22.1-<hash>
# (outside the clone). <hash> covers go.mod, go.sum, the Go version and this
# script's build flags: a binary with the same hash is reused. Works from a
# cold cache (go mod download through the module proxy).
# Progress goes to stderr; stdout is the binary's path, alone.
#   bin=$(bash test/images/registry/build.sh)
#   "$bin" registry serve --address 127.0.0.1:0   # logs "serving on port N"
set -euo pipefail

src=$(cd "$(dirname "$0")" && pwd)
cache=${STACKPORT_CACHE:-$HOME/.cache/stackport}
export PATH=/usr/local/go/bin:$PATH
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
pkg=github.com/google/go-containerregistry/cmd/crane
log() { echo "registry build: $*" >&2; }

command -v go >/dev/null || { log "Go not found (expected /usr/local/go/bin/go)"; exit 1; }
flags=(-trimpath -ldflags "-s -w")
key=$( { cd "$src" && cat go.mod go.sum; go version; echo "$pkg ${flags[*]}"; } | sha256sum | cut -c1-12)
out="$cache/crane-v0.22.1-$key"

if [[ -x $out ]]; then
  log "cached: $out"
  echo "$out"
  exit 0
fi
mkdir -p "$cache"
t0=$SECONDS
log "downloading Go modules ($(cd "$src" && go list -m -f '{{.Path}}@{{.Version}}' github.com/google/go-containerregistry)) ..."
(cd "$src" && go mod download)
log "building crane (hash $key) ..."
tmp=$(mktemp "$out.XXXXXX")
(cd "$src" && go build "${flags[@]}" -o "$tmp" "$pkg")
mv -f "$tmp" "$out"
log "built in $((SECONDS - t0))s: $out"
echo "$out"

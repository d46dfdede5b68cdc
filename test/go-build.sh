#!/usr/bin/env bash
# Sourced by the scripts that build the Go programs the tests run (the
# reference loader, the loopback registry): go_build builds one package of a
# module folder (its go.mod and go.sum pin every version) into
#   ${STACKPORT_CACHE:-$HOME/.cache/stackport}/<name>-<hash>
# (outside the clone). <hash> covers go.mod, go.sum, the folder's *.go files,
# the Go version, the package and the build flags: a binary with the same hash
# is reused. Works from a cold cache (go mod download through the module proxy).
# Progress goes to stderr; stdout is the binary's path, alone.
#   go_build <label> <module folder> <name> <package> <module to name in the log>

go_build() {
  local label=$1 src=$2 name=$3 pkg=$4 module=$5
  local cache=${STACKPORT_CACHE:-$HOME/.cache/stackport}
  export PATH=/usr/local/go/bin:$PATH GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
  log() { echo "$label build: $*" >&2; }
  command -v go >/dev/null || { log "Go not found (expected /usr/local/go/bin/go)"; return 1; }
  local flags=(-trimpath -ldflags "-s -w")
  local key
  key=$( { cd "$src" && cat go.mod go.sum && { cat ./*.go 2>/dev/null || true; }; go version; echo "$pkg ${flags[*]}"; } | sha256sum | cut -c1-12)
  local out="$cache/$name-$key"
  if [[ -x $out ]]; then
    log "cached: $out"
    echo "$out"
    return 0
  fi
  mkdir -p "$cache"
  local t0=$SECONDS
  log "downloading Go modules ($(cd "$src" && go list -m -f '{{.Path}}@{{.Version}}' "$module")) ..."
  (cd "$src" && go mod download)
  log "building $name (hash $key) ..."
  local tmp
  tmp=$(mktemp "$out.XXXXXX")
  (cd "$src" && go build "${flags[@]}" -o "$tmp" "$pkg")
  mv -f "$tmp" "$out"
  log "built in $((SECONDS - t0))s: $out"
  echo "$out"
}

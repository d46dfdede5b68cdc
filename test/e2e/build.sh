#!/usr/bin/env bash
# Builds the e2e control plane from source, from the Go modules pinned in
#   test/e2e/etcd/          etcd server
#   test/e2e/k8s/v1.*/      kube-apiserver, kube-controller-manager, kubectl
# into ${STACKPORT_CACHE:-$HOME/.cache/stackport}/{etcd,k8s}/<version>/ (outside the repo).
# A cache directory is reused as long as the hash of its pin files (go.mod,
# go.sum), the Go version and this script's build flags is unchanged.
#   bash test/e2e/build.sh [v1.28.15 ...]   only these Kubernetes versions (default: every pin)
# Prints, on its last line, the etcd version and the k8s versions (for run.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${STACKPORT_CACHE:-$HOME/.cache/stackport}
export PATH=/usr/local/go/bin:$PATH
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
log() { echo "e2e build: $*" >&2; }

# Host tools the harness needs (Debian packages; only installed when missing).
missing=()
for t in openssl:openssl jq:jq curl:curl flock:util-linux diff:diffutils; do
  command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]} (apt-get)"
  sudo=; [[ $(id -u) == 0 ]] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
command -v go >/dev/null || { log "Go not found (expected /usr/local/go/bin/go)"; exit 1; }

mkdir -p "$cache"
exec 9>"$cache/.build.lock"
flock 9 # one build at a time per cache

# build <module dir> <cache subdir> <version> <packages...>
build() {
  local dir=$1 sub=$2 ver=$3; shift 3
  local out="$cache/$sub/$ver" key
  key=$( { cat "$dir/go.mod" "$dir/go.sum"; go version; declare -f build; } | sha256sum | cut -c1-16)
  if [[ -f $out/.pin && $(<"$out/.pin") == "$key" ]]; then
    log "$sub $ver: cached in $out"
    return
  fi
  log "$sub $ver: building $* (pin $key) ..."
  local t0=$SECONDS major=${ver#v} minor
  minor=${major#*.}; minor=${minor%%.*}; major=${major%%.*}
  local ld="-s -w"
  if [[ $sub == k8s ]]; then
    local p
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ld+=" -X $p.gitVersion=$ver -X $p.gitMajor=$major -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    done
  fi
  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  (cd "$dir" && go mod download && go build -trimpath -ldflags "$ld" -o "$out.tmp/" "$@")
  if [[ -f $out.tmp/server ]]; then mv "$out.tmp/server" "$out.tmp/etcd"; fi # go.etcd.io/etcd/server/v3
  echo "$key" >"$out.tmp/.pin"
  rm -rf "$out" && mv "$out.tmp" "$out"
  log "$sub $ver: built in $((SECONDS - t0))s -> $out"
}

# modver <module dir> <module path>: the version go.mod requires
modver() { awk -v m="$2" '$1 == m {print $2; exit} $1 == "require" && $2 == m {print $3; exit}' "$1/go.mod"; }

start=$SECONDS
etcd_ver=$(modver "$here/etcd" go.etcd.io/etcd/server/v3)
build "$here/etcd" etcd "$etcd_ver" go.etcd.io/etcd/server/v3
versions=()
for dir in "$here"/k8s/v*/; do
  ver=$(modver "$dir" k8s.io/kubernetes)
  [[ $# == 0 || " $* " == *" $ver "* ]] || continue
  build "$dir" k8s "$ver" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl
  versions+=("$ver")
done
log "done in $((SECONDS - start))s"
echo "$etcd_ver ${versions[*]}"

#!/usr/bin/env bash
# End-to-end check of every dist/<environment>/<stack>/ folder, and of the Argo CD
# and Flux objects of dist/gitops/, against real API servers built from source (see README.md).
#   bash test/e2e/run.sh                 build (or reuse) binaries, self-test, check all folders
#                                        (dist/ and a few imported compose fixtures)
#   bash test/e2e/run.sh --self-test     only the harness self-tests
#   bash test/e2e/run.sh --no-self-test  skip them
#   bash test/e2e/run.sh --external      use the cluster of the current KUBECONFIG and kubectl on PATH
#   bash test/e2e/run.sh dist/local/loc8 only these folders (dist/gitops/flux: only the gitops check)
# Environment: E2E_VERSIONS="v1.28.15" (only these pinned versions), STACKPORT_CACHE,
#   E2E_UPGRADE_TAG, E2E_POLL_SECONDS (controller checks, default 90), E2E_DELETE_SECONDS (180)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/cluster.sh"
source "$here/checks.sh"

external=0 selftest=1 folders_only=0 folders=()
for a in "$@"; do
  case $a in
    --external) external=1 ;;
    --self-test) folders_only=-1 ;;
    --no-self-test) selftest=0 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "e2e: unknown option $a" >&2; exit 2 ;;
    *) folders+=("$(cd "$a" && pwd)") || exit 2 ;;
  esac
done
explicit=${#folders[@]}
((explicit)) || for f in "$root"/dist/*/*/; do [[ -d $f ]] && folders+=("${f%/}"); done
# dist/gitops/<tool>/ holds Argo CD and Flux objects, not a stack: checked by check_gitops
gitops_folders=() stack_folders=()
for f in "${folders[@]}"; do
  if [[ $f == "$root"/dist/gitops/* ]]; then gitops_folders+=("$f"); else stack_folders+=("$f"); fi
done
folders=(${stack_folders[@]+"${stack_folders[@]}"})
if ((folders_only == 0 && ${#folders[@]} + ${#gitops_folders[@]} == 0)); then
  echo "e2e: no folders: $root/dist/<environment>/<stack>/ not found (run the synth first)" >&2
  exit 1
fi
crd_dir=$(cd "$root/../shared/crds" 2>/dev/null && pwd) || crd_dir=""

E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/stackport-e2e.XXXXXX")
cleanup() {
  local rc=$?
  cluster_stop
  if ((rc != 0)) && [[ -d $E2E_TMP ]]; then
    echo "e2e: logs kept in $E2E_TMP" >&2
  else
    rm -rf "$E2E_TMP"
  fi
}
trap cleanup EXIT
trap 'echo "e2e: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

rel() { echo "${1#"$root"/}"; }

# needed_crds <folders...>: the ../shared/crds files defining a group/kind the folders use
needed_crds() {
  [[ -n $crd_dir ]] || return 0
  local kinds f
  kinds=$(for f in "$@"; do docs "$E2E_TMP/kinds" "$f" && for d in "$E2E_TMP"/kinds/*.yaml; do [[ -e $d ]] && doc_group_kind "$d"; done; done | sort -u)
  for f in "$crd_dir"/*.yaml; do
    awk '/^  group:/ { g = $2 } /^  names:/ { n = 1; next } n && /^  [^ ]/ { n = 0 } n && /^    kind:/ { k = $2 }
         END { print g "/" k }' "$f" | grep -qxF -f - <(echo "$kinds") && echo "$f"
  done
}

install_crds() {
  local files=("$@")
  ((${#files[@]})) || return 0
  step "install CRDs: ${files[*]##*/}"
  local err err2= f args=() names
  for f in "${files[@]}"; do args+=(-f "$f"); done
  for f in "${files[@]}"; do
    if ((external)) && kubectl get -f "$f" >/dev/null 2>&1; then
      echo "e2e: note: ${f##*/}: already in the cluster, left as it is"; continue
    fi
    err=$(kubectl apply --server-side -f "$f" 2>&1 >/dev/null) && { [[ -z $err ]] || echo "e2e: note: ${f##*/}: $err"; continue; }
    # A CRD newer than the API server (e.g. spec.versions[].selectableFields, from
    # Kubernetes 1.30) is refused by server-side apply; the API server would drop
    # the unknown fields on create, which is what a user's older cluster gets.
    if grep -q 'field not declared in schema' <<<"$err" &&
      err2=$(kubectl create --validate=false -f "$f" 2>&1 >/dev/null); then
      echo "e2e: note: ${f##*/}: created without the fields this API server does not know: $(grep -o '\.spec[^ ]*: field not declared' <<<"$err" | tr '\n' ' ')"
      continue
    fi
    fail "CustomResourceDefinition: apply ${f##*/}: $err ${err2:-}"; return 1
  done
  names=$(kubectl get "${args[@]}" -o name)
  kubectl wait --for=condition=Established --timeout=60s $names >/dev/null ||
    { fail "CustomResourceDefinition: not Established: $names"; return 1; }
}

# check_gitops <folder>: the Argo CD or Flux objects of dist/gitops/<tool>/. No controller runs,
# so acceptance by the API server (server-side apply, strict validation, no warning), a re-apply
# that changes nothing and an empty kubectl diff are the checks. The AppProject is skipped: there
# is no CRD for it in ../shared/crds. Namespaces the objects live in (argocd, flux-system) are
# created if missing and deleted afterwards; with --external, objects are only dry-run applied,
# so that an Argo CD or Flux in that cluster does not act on them.
check_gitops() {
  local f=$1 r tmp d id ns bad=0 created=() dry=() skipped=
  r=$(rel "$f") tmp=$E2E_TMP/gitops/${f##*/}
  ((external)) && dry=(--dry-run=server)
  rm -rf "$tmp" && mkdir -p "$tmp"
  for d in "$f"/*.yaml; do
    [[ -e $d ]] || continue
    if grep -q '^kind: AppProject$' "$d"; then
      echo "e2e: note: $(rel "$d"): not applied: ../shared/crds has no AppProject CRD (Argo CD's install brings it), so this e2e cannot check it"
      skipped=" (without ${d##*/})"
    else
      cp "$d" "$tmp/"
    fi
  done
  docs "$E2E_TMP/gdocs" "$tmp"
  for ns in $(for d in "$E2E_TMP"/gdocs/*.yaml; do [[ -e $d ]] && id=$(doc_id "$d") && id=${id#*/} && echo "${id%%/*}"; done | sort -u); do
    kubectl get namespace "$ns" >/dev/null 2>&1 || { kubectl create namespace "$ns" >/dev/null && created+=("$ns"); } || bad=1
  done
  step "apply --server-side --validate=strict${dry[*]/#/ } -f $r/$skipped"
  if ((!bad)) && apply "kubectl apply --server-side --validate=strict${dry[*]/#/ } -f $r/" -f "$tmp/" ${dry[@]+"${dry[@]}"}; then
    APPLIED=$((APPLIED + LAST_APPLIED))
    if ((!external)); then
      step "re-apply unchanged, kubectl diff --server-side empty"
      # The Flux CRD defaults status.observedGeneration, which the API server stores on the first
      # update of an object no controller has touched: a new resourceVersion, but not from the apply.
      reapply_unchanged "$tmp" "$r" "by the API server (a defaulted status)" || bad=1
      kdiff "$tmp" || bad=1
      kubectl delete -f "$tmp/" --ignore-not-found --wait=true >/dev/null || bad=1
    fi
  else
    bad=1
  fi
  step "delete namespace ${created[*]:-(none created)}"
  delete_namespaces ${created[@]+"${created[@]}"} || bad=1
  ((!bad))
}

# check_folder <folder> [<upgraded folder>]: every step for one folder
check_folder() {
  local f=$1 up=${2:-} r
  r=$(rel "$f")
  docs "$E2E_TMP/fdocs" "$f"
  local d namespaces=()
  namespaces=($(for d in "$E2E_TMP"/fdocs/*.yaml; do
    [[ -e $d ]] || continue
    id=$(doc_id "$d"); [[ $id == Namespace/* ]] && echo "${id##*/}"; id=${id#*/}; [[ -n ${id%%/*} ]] && echo "${id%%/*}"
  done | sort -u))
  local before ok=0
  before=$(cluster_scoped)
  _check_steps "$f" "$up" "$r" && ok=1
  step "delete namespace ${namespaces[*]}"
  delete_namespaces "${namespaces[@]}" || ok=0
  local left
  left=$(comm -13 <(echo "$before") <(cluster_scoped))
  if [[ -n $left ]]; then
    for d in $left; do fail "$d: left behind after deleting namespace ${namespaces[*]} ($r)"; done
    ok=0
  fi
  ((ok))
}

# _check_steps: stops at a failed apply; other failures are reported and the later steps still run
_check_steps() {
  local f=$1 up=$2 r=$3 json bad=0
  OLD_EVENTS=
  step "apply --server-side --validate=strict -f $r/"
  apply "kubectl apply --server-side --validate=strict -f $r/" -f "$f/" || return 1
  APPLIED=$((APPLIED + LAST_APPLIED))
  json=$(kubectl get -f "$f/" -o json) || return 1

  local k
  for k in Kustomization kustomization.yaml kustomization.yml; do [[ -f $f/$k ]] && break; k=; done
  if [[ -n $k ]]; then
    step "apply --server-side -k $r/ ($k)"
    apply "kubectl apply --server-side -k $r/" -k "$f/" || return 1
    local missing
    missing=$(comm -3 <(kubectl get -f "$f/" -o name | sort) <(kubectl get -k "$f/" -o name | sort))
    [[ -z $missing ]] || { fail "$r/$k: kustomization and folder differ: $(echo $missing)"; bad=1; }
  else
    echo "e2e: note: $r has no Kustomization file"
  fi

  docs "$E2E_TMP/fdocs" "$f" && apply_order "$E2E_TMP/fdocs" || bad=1
  step "controllers: ReplicaSets, Pods, PVCs, Jobs, HPA/PDB/Service targets"
  controllers "$json" || bad=1

  step "re-apply unchanged, kubectl diff --server-side empty"
  reapply_unchanged "$f" "$r" "by a controller"
  case $? in 0) ;; 1) bad=1 ;; *) return 1 ;; esac
  kdiff "$f" || bad=1

  [[ -n $up ]] || return $bad
  step "upgrade: apply $(rel "$up")/ over the running objects"
  [[ -d $up ]] || { fail "$r: synth with a new image tag did not write $up"; return 1; }
  local changed
  changed=$(diff <(grep -rhoE 'image: *[^ ]+' "$f"/*.y*ml | sort) <(grep -rhoE 'image: *[^ ]+' "$up"/*.y*ml | sort) | grep -c '^>')
  ((changed > 0)) || echo "e2e: note: $r: the new image tag changed no image"
  OLD_EVENTS=$(old_events)
  apply "upgrade apply -f $(rel "$up")/" -f "$up/" || return 1
  json=$(kubectl get -f "$up/" -o json) || return 1
  controllers "$json" upgrade || return 1
  kdiff "$up" || return 1
  OLD_EVENTS=
  UPGRADED=$((UPGRADED + 1))
  step "upgrade ok ($changed image references changed)"
  return $bad
}

# reapply_unchanged <folder> <shown name> <by whom>: apply the folder again; no object may get a new
# resourceVersion, unless kubectl's managedFields entry stayed the same (then it was changed <by whom>,
# not by the apply: only noted). Returns 1 on a change, 2 when the re-apply itself failed.
reapply_unchanged() {
  local f=$1 r=$2 who=$3 rv1 rv2 line old bad=0
  snapshot "$E2E_TMP/before.json" -f "$f/" && rv1=$(objects "$E2E_TMP/before.json") || return 2
  apply "re-apply -f $r/" -f "$f/" || return 2
  snapshot "$E2E_TMP/after.json" -f "$f/" && rv2=$(objects "$E2E_TMP/after.json") || return 2
  while read -r line; do
    [[ -n $line ]] || continue
    set -- $line
    old=$(awk -v id="$1" '$1 == id { print $2, $3 }' <<<"$rv1")
    if [[ ${old#* } == "$3" ]]; then
      echo "e2e: note: $1 changed $who during the re-apply (not by the apply)"
    else
      fail "$1: re-apply changed it (resourceVersion ${old%% *} -> $2): $(changes "$E2E_TMP/before.json" "$E2E_TMP/after.json" "$1")"; bad=1
    fi
  done < <(comm -13 <(sort <<<"$rv1") <(sort <<<"$rv2"))
  return $bad
}

# kdiff <folder>: kubectl diff --server-side must report nothing
kdiff() {
  local out rc
  out=$(kubectl diff --server-side -f "$1/" 2>&1); rc=$?
  ((rc == 0)) && [[ -z $out ]] && return 0
  local objs
  objs=$(grep -oE '^diff -u -N [^ ]+/LIVE-[0-9]+/[^ ]+' <<<"$out" | sed 's#.*/##' | tr '\n' ' ')
  fail "${objs:-$(rel "$1")}: kubectl diff --server-side -f $(rel "$1")/ exit $rc: $(head -40 <<<"$out" | tr '\n' ' ')"
  return 1
}

# self_test: every fixtures/<case>/ must fail with the object (a prefix of Kind/namespace/name)
# and the text in its "expect" file
self_test() {
  local c passed=0 failed=0
  for c in "$here"/fixtures/*/; do
    c=${c%/}
    local obj msg out
    obj=$(sed -n 's/^object: //p' "$c/expect") msg=$(sed -n 's/^message: //p' "$c/expect")
    if [[ -d $c/before ]]; then
      out=$( (E2E_LABEL="$E2E_LABEL self-test ${c##*/}"; apply "before" -f "$c/before/") 2>&1) ||
        { echo "e2e: self-test ${c##*/}: FAILED: applying before/ failed: $out"; failed=$((failed + 1)); continue; }
    fi
    out=$( (E2E_LABEL="$E2E_LABEL self-test ${c##*/}"; E2E_POLL_SECONDS=20; POLL_SECONDS=20; check_folder "$c") 2>&1) &&
      { echo "e2e: self-test ${c##*/}: FAILED: the harness accepted it"; failed=$((failed + 1)); continue; }
    if grep -F "FAIL $obj" <<<"$out" | grep -qF "$msg"; then
      echo "e2e: self-test ${c##*/}: ok: $(grep -F "FAIL $obj" <<<"$out" | grep -F "$msg" | head -1 | cut -c1-220)"
      passed=$((passed + 1))
    else
      echo "e2e: self-test ${c##*/}: FAILED: expected a failure naming $obj with \"$msg\"; got:"; echo "$out" | sed 's/^/    /'
      failed=$((failed + 1))
    fi
  done
  echo "e2e: self-test: $passed passed, $failed failed"
  ((failed == 0))
}

# --- versions ---------------------------------------------------------------
if ((external)); then
  command -v kubectl >/dev/null || { echo "e2e: --external needs kubectl on PATH" >&2; exit 1; }
  versions=(external)
else
  pins=$(bash "$here/build.sh" ${E2E_VERSIONS:-} | tail -1) || { echo "e2e: build failed" >&2; exit 1; }
  read -r etcd_ver versions_str <<<"$pins"
  read -ra versions <<<"$versions_str"
  cache=${STACKPORT_CACHE:-$HOME/.cache/stackport}
fi

# --- the upgrade synth: every application image gets a new tag ----------------
upgrade_dir=
if ((folders_only == 0)); then
  tag=${E2E_UPGRADE_TAG:-e2e-upgrade-$(date +%s)}
  if [[ ! -f $root/build/main.js ]]; then
    echo "e2e: build/main.js missing: npm run build"
    (cd "$root" && npm run --silent build) || { echo "e2e: npm run build failed" >&2; exit 1; }
  fi
  echo "e2e: synth with IMAGE_TAG=$tag for the upgrade step"
  (cd "$root" && IMAGE_TAG=$tag node build/main.js --out "$E2E_TMP/upgrade") >"$E2E_TMP/synth.log" 2>&1 ||
    { cat "$E2E_TMP/synth.log" >&2; echo "e2e: IMAGE_TAG=$tag node build/main.js --out ... failed" >&2; exit 1; }
  upgrade_dir=$E2E_TMP/upgrade
  # A few imported compose fixtures too (no upgrade step: they are not in dist/).
  if ((explicit == 0)); then
    (cd "$root" && node build/scripts/e2e-imported.js "$E2E_TMP/imported") >"$E2E_TMP/imported.log" 2>&1 ||
      { cat "$E2E_TMP/imported.log" >&2; echo "e2e: node build/scripts/e2e-imported.js failed" >&2; exit 1; }
    for f in "$E2E_TMP"/imported/*/*/; do folders+=("${f%/}"); done
  fi
fi

# --- run ----------------------------------------------------------------------
failures=0 server_versions=() st_result="" UPGRADED=0 SECRETS="not run"
mapfile -t crds < <(((${#folders[@]} + ${#gitops_folders[@]})) && needed_crds ${folders[@]+"${folders[@]}"} ${gitops_folders[@]+"${gitops_folders[@]}"})
# The Applications the ApplicationSet would generate: their CRD too, as an Argo CD install has it.
if ((${#gitops_folders[@]})) && [[ -f $crd_dir/argoproj.io_applications.yaml ]] && printf '%s\n' "${crds[@]}" | grep -q 'argoproj.io_applicationsets.yaml$'; then
  crds+=("$crd_dir/argoproj.io_applications.yaml")
fi
for ver in "${versions[@]}"; do
  E2E_LABEL=$ver
  if ((external)); then
    echo "e2e: using the cluster of $(kubectl config current-context)"
  else
    echo "e2e: [$ver] starting etcd $etcd_ver, kube-apiserver, kube-controller-manager"
    cluster_start "$cache/k8s/$ver" "$cache/etcd/$etcd_ver" "$E2E_TMP/$ver" ||
      { echo "e2e: [$ver] control plane did not start; logs in $E2E_TMP/$ver/logs" >&2; exit 1; }
  fi
  sv=$(kubectl version -o json 2>/dev/null | jq -r .serverVersion.gitVersion)
  server_versions+=("$sv")
  E2E_LABEL=$sv
  step "kube-apiserver $sv ready"
  if ((selftest && ${#server_versions[@]} == 1)); then
    if st=$(self_test); then st_result=$(tail -1 <<<"$st"); echo "$st"; else echo "$st"; failures=$((failures + 1)); fi
  fi
  if ((folders_only == 0)); then
    install_crds "${crds[@]}" || failures=$((failures + 1))
    for f in ${folders[@]+"${folders[@]}"}; do
      env_stack=${f#"$root"/dist/}
      up=$upgrade_dir/$env_stack
      [[ $f == "$root"/dist/* ]] || up=
      if check_folder "$f" "$up"; then step "$(rel "$f"): ok"; else step "$(rel "$f"): FAILED"; failures=$((failures + 1)); fi
    done
    if ((${#server_versions[@]} == 1 && !external)); then
      if local_secrets "$root" task-app; then SECRETS=ok; else SECRETS=FAILED; failures=$((failures + 1)); fi
    fi
    for f in ${gitops_folders[@]+"${gitops_folders[@]}"}; do
      if check_gitops "$f"; then step "$(rel "$f"): ok"; else step "$(rel "$f"): FAILED"; failures=$((failures + 1)); fi
    done
  fi
  ((external)) || cluster_stop
  ((folders_only < 0)) && break # --self-test: the first version only
done

if ((folders_only)); then
  ((failures == 0)); exit
fi
sv_list=$(IFS=,; echo "${server_versions[*]}"); sv_list=${sv_list//,/, }
summary="e2e: kube-apiserver $sv_list: ${#folders[@]} folders, ${#gitops_folders[@]} gitops folders, $APPLIED objects applied, $REJECTED rejected, $WARNINGS warnings"
if ((failures == 0)); then
  ((UPGRADED)) && up_result="upgrade ok" || up_result="upgrade not run"
  echo "$summary, re-apply unchanged, $up_result, local:secrets $SECRETS${st_result:+ (${st_result#e2e: })}"
else
  echo "$summary, $failures FAILED (see the FAIL lines above)"
  exit 1
fi

# Sourced by run.sh: the checks run on one manifest folder against the current
# KUBECONFIG. Each function prints "e2e: FAIL <Kind>/<namespace>/<name>: <reason>"
# lines for what it finds wrong and returns non-zero.
# Counters (read by run.sh): APPLIED (objects applied) REJECTED WARNINGS

APPLIED=0 REJECTED=0 WARNINGS=0
POLL_SECONDS=${E2E_POLL_SECONDS:-90}

fail() { echo "e2e: FAIL $*" | oneline >&2; }
# oneline: join lines, and shorten the dumps of whole objects in "Invalid value: {...}: field is immutable"
oneline() { tr '\n' ' ' | sed -E 's/Invalid value: [^ ]*\{.*\}: field is immutable/Invalid value: {...}: field is immutable/g; s/ +$//'; echo; }
step() { echo "e2e: [$E2E_LABEL] $*"; }

# docs <out dir> <manifest dir or file>...: one file per YAML document that has a kind,
# in the order kubectl apply -f <dir>/ applies them (file names in byte order)
docs() {
  local out=$1; shift
  rm -rf "$out" && mkdir -p "$out"
  local files
  mapfile -d '' files < <(find "$@" -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 | LC_ALL=C sort -z)
  ((${#files[@]})) || return 0
  awk -v out="$out" 'FNR == 1 || /^---/ { close(f); n++; f = sprintf("%s/%05d.yaml", out, n) } !/^---/ { print > f }' "${files[@]}"
  grep -L '^kind:' "$out"/*.yaml 2>/dev/null | xargs -r rm -f
}

# doc_id <file>: Kind/namespace/name (namespace empty for cluster-scoped), from the YAML text
doc_id() {
  awk '{ gsub(/["\047]/, "") }
       /^kind:/ { k = $2 } /^metadata:/ { m = 1; next } m && /^[^ #]/ { m = 0 }
       m && /^  name:/ { n = $2 } m && /^  namespace:/ { ns = $2 }
       END { print k "/" ns "/" n }' "$1"
}

# doc_group_kind <file>: group/Kind from apiVersion and kind
doc_group_kind() {
  awk '{ gsub(/["\047]/, "") } /^apiVersion:/ { a = $2 } /^kind:/ { k = $2 }
       END { g = (a ~ /\//) ? a : "/"; sub(/\/.*/, "", g); print g "/" k }' "$1"
}

# apply <what> <kubectl apply args...>: apply, require exit 0 and an empty stderr.
# On failure or warnings, re-applies each document alone (server dry run) to
# name the object that is rejected or warned about.
apply() {
  local what=$1; shift
  local out err rc n
  out=$(kubectl apply --server-side --validate=strict "$@" 2>"$E2E_TMP/apply.err"); rc=$?
  err=$(<"$E2E_TMP/apply.err")
  n=$(grep -c ' serverside-applied$' <<<"$out")
  if ((rc == 0)) && [[ -z $err ]]; then
    LAST_APPLIED=$n
    return 0
  fi
  WARNINGS=$((WARNINGS + $(grep -c '^Warning:' <<<"$err")))
  local blamed=0 f id derr dargs=("$@")
  if [[ ${dargs[0]} == -f ]]; then
    docs "$E2E_TMP/docs" "${dargs[1]}"
    for f in "$E2E_TMP"/docs/*.yaml; do
      [[ -e $f ]] || continue
      derr=$(kubectl apply --server-side --validate=strict --dry-run=server -f "$f" 2>&1 >/dev/null)
      [[ -n $derr ]] || continue
      id=$(doc_id "$f")
      grep -q '^Warning:' <<<"$derr" || REJECTED=$((REJECTED + 1))
      fail "$id: $what: $derr"
      blamed=1
    done
    # "namespaces X not found" on the first apply: objects come before their Namespace
    local ns
    for ns in $(grep -o 'namespaces "[^"]*" not found' <<<"$err" | cut -d'"' -f2 | sort -u); do
      for f in "$E2E_TMP"/docs/*.yaml; do
        id=$(doc_id "$f")
        [[ $id == "Namespace//$ns" ]] && break
        [[ $id == */"$ns"/* ]] || continue
        fail "$id: $what: namespaces \"$ns\" not found: kubectl apply -f <dir>/ reads files in name order, and this object comes before Namespace $ns"
        REJECTED=$((REJECTED + 1)) blamed=1
      done
    done
  fi
  ((blamed)) || fail "$what (exit $rc): $err"
  return 1
}

# apply_order <docs dir>: a workload must not come before the ServiceAccount it runs as:
# until kubectl apply -f <dir>/ (file names in byte order) reaches that ServiceAccount,
# its Pods are refused (FailedCreate). Checked from the file order, as the race is often won.
apply_order() {
  local d id ns sa all seen=" " rc=0
  all=$(for d in "$1"/*.yaml; do [[ -e $d ]] && doc_id "$d"; done)
  for d in "$1"/*.yaml; do
    [[ -e $d ]] || continue
    id=$(doc_id "$d") ns=${id#*/} ns=${ns%%/*}
    [[ $id == ServiceAccount/* ]] && seen+="${id#ServiceAccount/} "
    for sa in $(awk '/^ *serviceAccountName:/ { gsub(/["\047]/, ""); print $2 }' "$d" | sort -u); do
      grep -qxF "ServiceAccount/$ns/$sa" <<<"$all" || continue
      [[ $seen == *" $ns/$sa "* ]] && continue
      fail "$id: runs as ServiceAccount $ns/$sa, which kubectl apply -f <dir>/ applies after it (file names in byte order): its Pods are refused until then (serviceaccount \"$sa\" not found, FailedCreate)"
      rc=1
    done
  done
  return $rc
}

# snapshot <file> <kubectl get args...>: the live objects, managedFields included, as a List
snapshot() {
  local out=$1; shift
  kubectl get "$@" -o json --show-managed-fields | jq 'if .kind == "List" then . else {kind: "List", items: [.]} end' >"$out"
}

# objects <snapshot file>: "Kind/namespace/name resourceVersion kubectl-entry" per object,
# kubectl-entry summarising the managedFields entry of "kubectl apply --server-side"
objects() {
  jq -r '.items[] | "\(.kind)/\(.metadata.namespace // "")/\(.metadata.name) \(.metadata.resourceVersion) \(
    [.metadata.managedFields[]? | select(.manager == "kubectl") | "\(.time),\(.operation),\(.fieldsV1 | tostring | length)"]
    | join(";") | if . == "" then "-" else . end)"' "$1"
}

# changes <snapshot before> <snapshot after> <Kind/namespace/name>: what differs, besides resourceVersion
changes() {
  local q='.items[] | select("\(.kind)/\(.metadata.namespace // "")/\(.metadata.name)" == $id) | del(.metadata.resourceVersion)'
  local d
  d=$(diff <(jq -S --arg id "$3" "$q | del(.metadata.managedFields[]?.time)" "$1") <(jq -S --arg id "$3" "$q | del(.metadata.managedFields[]?.time)" "$2") | grep '^[<>]' | head -6)
  if [[ -z $d ]]; then
    echo "only the managedFields time of its field managers changed: the API server wrote an apply that changed nothing"
  else
    echo "changed: $d"
  fi
}

# selector <json labelSelector>: kubectl -l syntax
selector_jq='[(.matchLabels // {} | to_entries[] | "\(.key)=\(.value)"),
  (.matchExpressions // [] | .[] |
    if .operator == "In" then "\(.key) in (\(.values | join(",")))"
    elif .operator == "NotIn" then "\(.key) notin (\(.values | join(",")))"
    elif .operator == "Exists" then .key else "!\(.key)" end)] | join(",")'

# controllers_once <objects json> [upgrade]: one pass over what controllers should have done; prints problems.
# After an upgrade, a Deployment's rollout cannot finish (no kubelet: no Pod gets ready), so
# it only has to have a ReplicaSet for the new template that created Pods.
controllers_once() {
  local json=$1 upgrade=${2:-}
  jq -r '.items[] | select(.kind | test("^(Deployment|StatefulSet|Job|CronJob|HorizontalPodAutoscaler|PodDisruptionBudget|Service)$"))
    | "\(.kind) \(.metadata.namespace) \(.metadata.name)"' <<<"$json" |
  while read -r kind ns name; do
    local live want have sel g
    g=$(api_group "$kind")
    live=$(kubectl get "$kind${g:+.$g}" "$name" -n "$ns" -o json 2>&1) || { echo "$kind/$ns/$name: not found: $live"; continue; }
    case $kind in
      Deployment)
        want=$(jq '.spec.replicas // 1' <<<"$live")
        # the ReplicaSet of the current revision, and how many Pods it has created
        have=$(kubectl get rs -n "$ns" -o json | jq --argjson d "$live" '[.items[]
          | select(any(.metadata.ownerReferences[]?; .uid == $d.metadata.uid))
          | select(.metadata.annotations["deployment.kubernetes.io/revision"] == $d.metadata.annotations["deployment.kubernetes.io/revision"])
          | "\(.spec.replicas)/\(.status.replicas // 0)"] | first // "none"')
        if [[ -n $upgrade ]]; then
          [[ $have =~ ^\"[1-9][0-9]*/[1-9][0-9]*\"$ ]] || ((want == 0)) || echo "$kind/$ns/$name: no ReplicaSet with Pods for the new template ($have)"
        else
          [[ $have == "\"$want/$want\"" ]] || echo "$kind/$ns/$name: current ReplicaSet replicas/pods created = $have, want $want"
        fi
        ;;
      StatefulSet)
        want=$(jq 'if .spec.podManagementPolicy == "Parallel" then (.spec.replicas // 1) else ([.spec.replicas // 1, 1] | min) end' <<<"$live")
        local i t
        for ((i = 0; i < want; i++)); do
          kubectl get pod "$name-$i" -n "$ns" >/dev/null 2>&1 || echo "$kind/$ns/$name: Pod $name-$i not created"
          for t in $(jq -r '.spec.volumeClaimTemplates[]?.metadata.name' <<<"$live"); do
            kubectl get pvc "$t-$name-$i" -n "$ns" >/dev/null 2>&1 || echo "$kind/$ns/$name: PersistentVolumeClaim $t-$name-$i not created"
          done
        done
        ;;
      Job)
        [[ $(jq '.spec.suspend // false' <<<"$live") == true ]] && continue
        have=$(kubectl get pods -n "$ns" -o json | jq --arg u "$(jq -r .metadata.uid <<<"$live")" '[.items[] | select(any(.metadata.ownerReferences[]?; .uid == $u))] | length')
        ((have > 0)) || echo "$kind/$ns/$name: no Pod created"
        ;;
      CronJob) ;; # accepted by the API server; nothing runs until its schedule fires
      HorizontalPodAutoscaler)
        local ref
        ref=$(jq -r '.spec.scaleTargetRef | "\(.kind)\(.apiVersion | if test("/") then "." + sub("/.*"; "") else "" end) \(.name)"' <<<"$live")
        kubectl get ${ref% *} "${ref#* }" -n "$ns" >/dev/null 2>&1 || echo "$kind/$ns/$name: scaleTargetRef ${ref% *} ${ref#* } does not exist"
        ;;
      PodDisruptionBudget | Service)
        if [[ $kind == Service ]]; then
          sel=$(jq -r '.spec.selector // {} | to_entries | map("\(.key)=\(.value)") | join(",")' <<<"$live")
        else
          sel=$(jq -r ".spec.selector | $selector_jq" <<<"$live")
        fi
        [[ -n $sel ]] || continue # Services without a selector, e.g. ExternalName
        have=$(kubectl get pods -n "$ns" -l "$sel" -o name | wc -l)
        ((have > 0)) || echo "$kind/$ns/$name: selector $sel matches no Pod of any workload"
        ;;
    esac
  done
  # Pods a controller could not create (a missing "default" ServiceAccount right
  # after the namespace was created is transient, and retried by the controller).
  local ns sas
  sas=$(jq -c '[.items[] | select(.kind == "ServiceAccount") | "\(.metadata.namespace)/\(.metadata.name)"]' <<<"$json")
  for ns in $(jq -r '[.items[] | .metadata.namespace // empty] | unique[]' <<<"$json"); do
    kubectl get events -n "$ns" --field-selector reason=FailedCreate -o json |
      jq -r --argjson sas "$sas" --arg old "${OLD_EVENTS:-}" '.items[] | select("\(.metadata.uid):\(.count)" as $k | $old | split(" ") | index($k) | not) | select(.message | test("error looking up service account .*/default: serviceaccount \"default\" not found") | not)
        | (((.message | capture("error looking up service account (?<sa>[^:]+): serviceaccount")?) // {}) | .sa) as $sa
        | "\(.involvedObject.kind)/\(.involvedObject.namespace)/\(.involvedObject.name): FailedCreate: \(.message)\(
          if $sa and ($sas | index($sa)) then " (ServiceAccount \($sa) is in this folder, but kubectl apply -f <dir>/ applied it after the workload: file names in byte order)" else "" end)"'
  done
}

# old_events: FailedCreate events seen so far ("uid:count"), not to be reported again after an upgrade
old_events() {
  kubectl get events -A --field-selector reason=FailedCreate -o json | jq -r '[.items[] | "\(.metadata.uid):\(.count)"] | join(" ")'
}

# api_group <Kind>: the group kubectl needs to find a kind unambiguously
api_group() {
  case $1 in
    Deployment | StatefulSet | ReplicaSet | DaemonSet) echo apps ;;
    Job | CronJob) echo batch ;;
    HorizontalPodAutoscaler) echo autoscaling ;;
    PodDisruptionBudget) echo policy ;;
    *) echo "" ;;
  esac
}

# controllers <objects json> [upgrade]: poll until controllers_once finds nothing
controllers() {
  local limit=$((SECONDS + POLL_SECONDS)) problems
  while :; do
    problems=$(controllers_once "$@" 2>&1)
    [[ -z $problems ]] && return 0
    grep -qv ': FailedCreate: ' <<<"$problems" || break # events stay: no need to wait longer
    ((SECONDS > limit)) && break
    sleep 2
  done
  while read -r line; do fail "$line"; done <<<"$problems"
  return 1
}

# cluster_scoped: names of all cluster-scoped objects (to find leftovers)
cluster_scoped() {
  local types
  types=$(kubectl api-resources --namespaced=false --verbs=list -o name |
    grep -v -E '^(componentstatuses|namespaces|customresourcedefinitions\.apiextensions\.k8s\.io|nodes|events\.events\.k8s\.io)$' | paste -sd, -)
  kubectl get "$types" -o name 2>/dev/null | sort
}

# delete_namespaces <namespaces...>: delete, and wait until they are gone
delete_namespaces() {
  local ns limit rc=0
  (($#)) || return 0
  kubectl delete namespace "$@" --wait=false --ignore-not-found >/dev/null
  limit=$((SECONDS + ${E2E_DELETE_SECONDS:-180}))
  for ns in "$@"; do
    while kubectl get namespace "$ns" >/dev/null 2>&1; do
      if ((SECONDS > limit)); then
        fail "Namespace//$ns: not deleted after ${E2E_DELETE_SECONDS:-180}s: $(kubectl get namespace "$ns" -o jsonpath='{.status.conditions[?(@.status=="True")].message}')"
        rc=1; break
      fi
      sleep 1
    done
  done
  return $rc
}

# stack_namespaces <objects json>: namespaces the folder creates or uses
stack_namespaces() {
  jq -r '[.items[] | if .kind == "Namespace" then .metadata.name else (.metadata.namespace // empty) end] | unique[]' <<<"$1"
}

# local_secrets <root> <stack>: `npm run local:secrets` against this API server with its kubectl:
# creates the stack's Secret, changes nothing when re-run, and adds a key that went missing
# without touching the others. Deletes the stack's namespace at the end (without waiting).
local_secrets() {
  local root=$1 stack=$2 out before after keys ctx
  ctx=$(kubectl config current-context)
  _ls() { (cd "$root" && node build/cli.js -- secrets "$stack" --context "$ctx") 2>&1; }
  _data() { kubectl -n "$stack" get secret "$stack-secrets" -o json | jq -cS .data; }
  step "local:secrets $stack: create"
  out=$(_ls) || { fail "Secret/$stack/$stack-secrets: local:secrets (create) failed: $out"; return 1; }
  [[ $out == "secrets: $stack/$stack-secrets: added "* ]] || { fail "Secret/$stack/$stack-secrets: create printed: $out"; return 1; }
  before=$(_data) keys=$(jq -r 'keys | join(",")' <<<"$before")
  step "local:secrets $stack: re-run (keys $keys)"
  out=$(_ls) || { fail "Secret/$stack/$stack-secrets: local:secrets (re-run) failed: $out"; return 1; }
  after=$(_data)
  [[ $out == *"already holds all"*"nothing changed" && $after == "$before" ]] ||
    { fail "Secret/$stack/$stack-secrets: re-run changed the Secret or printed: $out"; return 1; }
  local gone=${keys%%,*}
  kubectl -n "$stack" patch secret "$stack-secrets" --type json -p "[{\"op\":\"remove\",\"path\":\"/data/$gone\"}]" >/dev/null || return 1
  step "local:secrets $stack: add the missing key $gone"
  out=$(_ls) || { fail "Secret/$stack/$stack-secrets: local:secrets (add $gone) failed: $out"; return 1; }
  after=$(_data)
  [[ $out == "secrets: $stack/$stack-secrets: added $gone; kept "* ]] ||
    { fail "Secret/$stack/$stack-secrets: adding $gone printed: $out"; return 1; }
  [[ $(jq -cS "del(.\"$gone\")" <<<"$after") == $(jq -cS "del(.\"$gone\")" <<<"$before") && $(jq -r 'keys | join(",")' <<<"$after") == "$keys" ]] ||
    { fail "Secret/$stack/$stack-secrets: adding $gone changed other keys or missed it (keys now $(jq -r 'keys | join(",")' <<<"$after"))"; return 1; }
  [[ $(jq -r ".\"$gone\"" <<<"$after") != $(jq -r ".\"$gone\"" <<<"$before") ]] ||
    { fail "Secret/$stack/$stack-secrets: the re-added $gone has its old value"; return 1; }
  kubectl delete namespace "$stack" --wait=false >/dev/null
  step "local:secrets $stack: ok (created, re-run unchanged, $gone added, others kept)"
}

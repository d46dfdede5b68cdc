# Sourced by run.sh. Starts a throw-away control plane (etcd, kube-apiserver,
# kube-controller-manager; no kubelet, no scheduler) on 127.0.0.1 and stops it.
#   cluster_start <bin dir> <etcd dir> <work dir>   -> exports KUBECONFIG, PATH
#   cluster_stop                                     (idempotent; run from traps)

CLUSTER_PIDS=()

# free_port: a TCP port on 127.0.0.1 that nothing listens on right now
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

_certs() {
  local d=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=stackport-e2e-ca" \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  # leaf <name> <subject> [subjectAltName]
  leaf() {
    openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$d/$1.key" -out "$d/$1.csr" 2>/dev/null
    openssl x509 -req -in "$d/$1.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
      ${3:+-extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$3")} \
      -out "$d/$1.crt" 2>/dev/null
  }
  leaf apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  leaf admin "/O=system:masters/CN=stackport-e2e-admin"
  openssl genrsa -out "$d/sa.key" 2048 2>/dev/null
  openssl rsa -in "$d/sa.key" -pubout -out "$d/sa.pub" 2>/dev/null
}

# _wait <seconds> <what> <command...>: poll until the command succeeds (fail if a process died)
_wait() {
  local limit=$((SECONDS + $1)) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    _alive || { echo "e2e: a control plane process exited while waiting for $what" >&2; return 1; }
    if ((SECONDS > limit)); then echo "e2e: timed out waiting for $what" >&2; return 1; fi
    sleep 0.5
  done
}

_alive() { # fail fast if a component died
  local pid
  for pid in "${CLUSTER_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done
}

cluster_start() {
  local bin=$1 etcd_bin=$2 d=$3
  mkdir -p "$d/pki" "$d/logs"
  _certs "$d/pki"
  local ep pp port
  ep=$(free_port) pp=$(free_port) port=$(free_port)
  export PATH="$bin:$PATH"
  export KUBECONFIG="$d/admin.kubeconfig"
  kubectl config set-cluster e2e --server="https://127.0.0.1:$port" --certificate-authority="$d/pki/ca.crt" --embed-certs >/dev/null
  kubectl config set-credentials admin --client-certificate="$d/pki/admin.crt" --client-key="$d/pki/admin.key" --embed-certs >/dev/null
  kubectl config set-context e2e --cluster=e2e --user=admin >/dev/null
  kubectl config use-context e2e >/dev/null

  "$etcd_bin/etcd" --name=e2e --data-dir="$d/etcd" --log-level=warn --unsafe-no-fsync \
    --listen-client-urls="http://127.0.0.1:$ep" --advertise-client-urls="http://127.0.0.1:$ep" \
    --listen-peer-urls="http://127.0.0.1:$pp" --initial-advertise-peer-urls="http://127.0.0.1:$pp" \
    --initial-cluster="e2e=http://127.0.0.1:$pp" >"$d/logs/etcd.log" 2>&1 &
  CLUSTER_PIDS+=($!)
  _wait 30 "etcd" curl -fsS "http://127.0.0.1:$ep/health" || return 1

  "$bin/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ep" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" \
    --tls-cert-file="$d/pki/apiserver.crt" --tls-private-key-file="$d/pki/apiserver.key" \
    --client-ca-file="$d/pki/ca.crt" \
    --service-account-issuer="https://kubernetes.default.svc" \
    --service-account-key-file="$d/pki/sa.pub" --service-account-signing-key-file="$d/pki/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 \
    --authorization-mode=RBAC --allow-privileged=true \
    --endpoint-reconciler-type=none \
    --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,DefaultStorageClass,ResourceQuota \
    --profiling=false >"$d/logs/kube-apiserver.log" 2>&1 &
  CLUSTER_PIDS+=($!)
  _wait 120 "kube-apiserver /readyz" _readyz || { tail -20 "$d/logs/kube-apiserver.log" >&2; return 1; }

  "$bin/kube-controller-manager" \
    --kubeconfig="$KUBECONFIG" --leader-elect=false --secure-port=0 \
    --controllers='*' --use-service-account-credentials=true \
    --service-account-private-key-file="$d/pki/sa.key" --root-ca-file="$d/pki/ca.crt" \
    --cluster-signing-cert-file="$d/pki/ca.crt" --cluster-signing-key-file="$d/pki/ca.key" \
    --profiling=false >"$d/logs/kube-controller-manager.log" 2>&1 &
  CLUSTER_PIDS+=($!)
  # The serviceaccount controller creates "default" in every namespace.
  _wait 60 "ServiceAccount default/default" kubectl get serviceaccount default -n default ||
    { tail -20 "$d/logs/kube-controller-manager.log" >&2; return 1; }
}

_readyz() { [[ $(kubectl get --raw /readyz 2>/dev/null) == ok ]]; }

cluster_stop() {
  local i
  for ((i = ${#CLUSTER_PIDS[@]} - 1; i >= 0; i--)); do
    kill "${CLUSTER_PIDS[i]}" 2>/dev/null || true
    wait "${CLUSTER_PIDS[i]}" 2>/dev/null || true
  done
  CLUSTER_PIDS=()
}

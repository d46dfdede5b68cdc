#!/usr/bin/env bash
# Installs podman (Debian's package) for test/images/live/podman.test.ts.
# Does nothing when podman is already there. The test keeps its image store
# in a temp dir (--root, --runroot, vfs), so no storage config is written here.
set -euo pipefail
log() { echo "podman install: $*" >&2; }

if command -v podman >/dev/null; then
  log "present: $(podman --version)"
  exit 0
fi
if [[ $(id -u) != 0 ]]; then
  log "podman is missing and this is not root: run 'apt-get install -y podman' as root"
  exit 1
fi
log "apt-get update"
apt-get update -qq
log "apt-get install -y podman"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman >/dev/null
log "installed: $(podman --version)"

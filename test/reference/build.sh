#!/usr/bin/env bash
# Builds the reference loader: compose-go v2.9.1, the loader behind
# `docker compose config`, wrapped by compose-config/ (our source), cached as
# compose-config-v2.9.1-<hash> (see test/go-build.sh).
#   bin=$(bash test/reference/build.sh)
#   "$bin" --dir D -f docker-compose.yml [-f override.yml] [--env-file F]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../go-build.sh"
go_build reference "$here/compose-config" compose-config-v2.9.1 . github.com/compose-spec/compose-go/v2

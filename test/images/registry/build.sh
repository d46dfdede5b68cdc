#!/usr/bin/env bash
# Builds the loopback registry for the image tests: go-containerregistry
# v0.22.1's crane (pinned by go.mod/go.sum beside this script, as a `tool`),
# cached as crane-v0.22.1-<hash> (see test/go-build.sh).
#   bin=$(bash test/images/registry/build.sh)
#   "$bin" registry serve --address 127.0.0.1:0   # logs "serving on port N"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../go-build.sh"
go_build registry "$here" crane-v0.22.1 github.com/google/go-containerregistry/cmd/crane github.com/google/go-containerregistry

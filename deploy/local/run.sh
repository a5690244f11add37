#!/usr/bin/env bash
# Runs visadesk on its embedded default (SQLite in ./data, in-process sessions) with the
# fictional demo records, at http://127.0.0.1:8080. Installs a C compiler when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! command -v cc >/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends build-essential pkg-config >/dev/null
fi
exec cargo run --release --locked --bin visadesk -- serve --demo "$@"

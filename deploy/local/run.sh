#!/usr/bin/env bash
# Runs visadesk on its embedded default (SQLite in ./data, in-process sessions) with the
# fictional demo records, at http://127.0.0.1:8080. Installs a C compiler when missing, and a
# font covering Latin, Cyrillic and Chinese for the e-document PDFs.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need=()
command -v cc >/dev/null || need+=(build-essential pkg-config)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# `--reset`: start the demo afresh. The demo link codes are single-use (a code proves who
# someone is once), so after trying them the demo needs a new database: this removes the
# SQLite database (the signing key and downloads in the data directory stay).
if [ "${1:-}" = "--reset" ]; then
    shift
    if [ -n "${DATABASE_URL:-}" ]; then
        echo "--reset removes the embedded SQLite database only; DATABASE_URL is set ($DATABASE_URL)." >&2
        exit 2
    fi
    dir="${VISADESK_DATA_DIR:-data}"
    rm -f "$dir/visadesk.db" "$dir/visadesk.db-wal" "$dir/visadesk.db-shm"
    echo "demo reset: removed $dir/visadesk.db; starting with fresh demo records" >&2
fi
exec cargo run --release --locked --bin visadesk -- serve --demo "$@"

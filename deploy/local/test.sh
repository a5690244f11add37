#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine with the Rust toolchain:
# installs and starts what the tests need when it is missing (C compiler, PostgreSQL with
# trust auth on 127.0.0.1:5432, Redis on 127.0.0.1:6379, Chromium and ChromeDriver, Python's
# icalendar, selenium, wechatpy, cryptography, schemathesis, openapi-spec-validator,
# kubernetes-validate, pycountry and babel, systemd-analyze, poppler-utils and zbar-tools to
# read the e-document PDF and its QR code, a CJK font for that PDF, faketime, cargo-nextest),
# then runs `cargo fmt --check`, `cargo clippy -D warnings` and every test twice: on the real
# wall clock, then with the wall clock shifted to 23:30 UTC on 31 December (already 1 January,
# a public holiday, in Beijing; `deploy/local/shifted-clock`), so a test that depends on the
# hour or the date of its run fails at any hour. Ends with nextest's summary of the second run.
set -euo pipefail
cd "$(dirname "$0")/../.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
    if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
say() { printf '==> %s\n' "$*"; }

# A C compiler builds the bundled SQLite and the TLS library.
command -v cc >/dev/null || { say "installing build-essential"; apt_install build-essential pkg-config; }

# PostgreSQL on 127.0.0.1:5432 with trust auth for local test connections.
pg_ready() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_ready; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
        say "installing PostgreSQL"
        apt_install postgresql postgresql-client
        for hba in /etc/postgresql/*/main/pg_hba.conf; do
            # Test machine only: trust loopback connections, as the test suite expects.
            $SUDO sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
        done
    fi
    say "starting PostgreSQL"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    pg_ready || { echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
fi

# Redis on 127.0.0.1:6379, keeping nothing on disk.
redis_ready() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
if ! redis_ready; then
    command -v redis-server >/dev/null || { say "installing Redis"; apt_install redis-server; }
    say "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    for _ in $(seq 1 30); do redis_ready && break; sleep 1; done
    redis_ready || { echo "Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
fi

# Python test clients: icalendar reads the booking's .ics (an independent parser), Selenium
# drives the web chat in Debian's Chromium, wechatpy plays WeChat's side of its protocol.
command -v python3 >/dev/null || { say "installing Python"; apt_install python3; }
pip_install() { # module, pip package, Debian package
    python3 -c "import $1" 2>/dev/null && return 0
    say "installing Python $2"
    python3 -m pip install -q "$2" 2>/dev/null ||
        python3 -m pip install -q --break-system-packages "$2" 2>/dev/null ||
        apt_install "$3"
}
pip_install icalendar icalendar python3-icalendar
pip_install selenium selenium python3-selenium
pip_install wechatpy wechatpy python3-wechatpy
pip_install cryptography cryptography python3-cryptography
# The metrics test reads /metrics with Python's own Prometheus parser (tests/tests/observability.rs).
pip_install prometheus_client prometheus-client python3-prometheus-client
# The country names are generated from ISO 3166-1 and CLDR; a test checks the committed files
# are what scripts/countries.py writes at these versions (tests/tests/locales.rs).
pip_install pycountry pycountry==26.2.16 python3-pycountry
pip_install babel babel==2.18.0 python3-babel
# The e-document test reads the PDF's text, metadata, structure, fonts and QR code (pdftotext,
# pdfinfo, pdffonts, pdftoppm, zbarimg); the PDF needs a font with Chinese.
e_document_tools=()
for tool in pdftotext pdfinfo pdffonts pdftoppm; do
    command -v "$tool" >/dev/null || { e_document_tools+=(poppler-utils); break; }
done
command -v zbarimg >/dev/null || e_document_tools+=(zbar-tools)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || e_document_tools+=(fonts-wqy-microhei)
if [ ${#e_document_tools[@]} -gt 0 ]; then
    say "installing ${e_document_tools[*]}"
    apt_install "${e_document_tools[@]}"
fi
# schemathesis checks the running service against its OpenAPI document (tests/tests/openapi.rs).
pip_install schemathesis schemathesis python3-schemathesis
# The Kubernetes manifests are validated against the Kubernetes schemas and the systemd unit
# is scored by systemd-analyze (tests/tests/deployment.rs).
pip_install yaml pyyaml python3-yaml
pip_install kubernetes_validate kubernetes-validate python3-kubernetes-validate
command -v systemd-analyze >/dev/null || { say "installing systemd (for systemd-analyze)"; apt_install systemd; }
# openapi-spec-validator checks the served OpenAPI document itself (tests/tests/openapi.rs).
pip_install openapi_spec_validator openapi-spec-validator python3-openapi-spec-validator
# Every locale file is read by Python's own Fluent parser, and plurals are checked against
# CLDR's rules as babel (installed above) carries them (tests/tests/locales.rs).
pip_install fluent.syntax fluent.syntax python3-fluent-syntax
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver"
    apt_install chromium chromium-driver
fi

# Test databases left behind by an interrupted run.
if command -v psql >/dev/null; then
    psql -h 127.0.0.1 -U postgres -d postgres -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'visadesk_test_%'" 2>/dev/null |
        while read -r db; do psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
fi

# The second run shifts the test processes' wall clock with libfaketime.
command -v faketime >/dev/null || { say "installing faketime"; apt_install faketime; }

if ! cargo nextest --version >/dev/null 2>&1; then
    say "installing cargo-nextest"
    cargo install --locked cargo-nextest
fi

say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "tests"
cargo nextest run --workspace --locked --no-fail-fast "$@"
# Every test binary again, each test process on a shifted wall clock (cargo's target runner
# wraps every test binary, so a new test is covered without being listed anywhere).
shifted="${VISADESK_SHIFTED_CLOCK:-$(date -u +%Y)-12-31 23:30:00}"
say "tests again at $shifted UTC (already the next day, month and year in Beijing)"
host=$(rustc -vV | sed -n 's/^host: //p' | tr 'a-z-' 'A-Z_')
# Except the fuzzers of random request bodies: what they check (no 5xx for any body) does
# not depend on the date, and they are a third of the run's CPU time.
env "CARGO_TARGET_${host}_RUNNER=$PWD/deploy/local/shifted-clock" VISADESK_SHIFTED_CLOCK="$shifted" \
    cargo nextest run --workspace --locked --no-fail-fast \
    -E 'not test(/random_.*bodies_never_get_a_server_error/)' "$@"

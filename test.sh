#!/usr/bin/env bash
# Runs every IamOps test on this machine. Installs what the tests need (PostgreSQL, Chromium, Node packages,
# dotnet tools), starts a throw-away PostgreSQL on a free port, runs the suite, prints "N passed, N failed".
# Arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Backups".
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
work=$(mktemp -d /tmp/iamops-test.XXXXXX)
chmod 755 "$work"

log() { printf '\n== %s\n' "$*"; }

# --- 1. Packages -------------------------------------------------------------------------------------------
apt_packages=(postgresql postgresql-contrib chromium prometheus-node-exporter pgbackrest)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for dir in $(find tests -name package.json -not -path '*/node_modules/*' -not -path '*/bin/*' -not -path '*/obj/*' -exec dirname {} \;); do
  log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
dotnet tool restore >/dev/null

# --- 2. PostgreSQL on a free port ------------------------------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pgdata="$work/pgdata"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$pgdata"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata"
log "Starting PostgreSQL ($pgbin) on port $pgport"
run_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$pgdata" -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" -l "$pgdata/pg.log" -w start >/dev/null
cleanup() {
  run_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export IAMOPS_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
export IAMOPS_TEST_PG_BIN="$pgbin"
export IAMOPS_TEST_CHROMIUM=/usr/bin/chromium
export IAMOPS_TEST_ARTIFACTS="$root/artifacts/test"
mkdir -p "$IAMOPS_TEST_ARTIFACTS"

# --- 3. Tests --------------------------------------------------------------------------------------------
log "Building"
dotnet build IamOps.slnx -c Release -nologo -v quiet 2>&1 | grep -v NU1603 | tail -n 5
log "Running tests"
set +e
dotnet test IamOps.slnx -c Release --no-build --nologo "$@" 2>&1 | grep -v NU1603 | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the run itself failed (build error, crash): never report it as green
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ]

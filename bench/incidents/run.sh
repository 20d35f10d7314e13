#!/usr/bin/env bash
# SLA sweep benchmark: 10,000 open incidents across 500 contracts, on SQLite and on a throw-away PostgreSQL.
# Usage: bench/incidents/run.sh [incidents] [contracts]   (prints one block of figures per provider)
set -euo pipefail
cd "$(dirname "$0")/../.."
incidents=${1:-10000}
contracts=${2:-500}
work=$(mktemp -d /tmp/iamops-bench-incidents.XXXXXX)
chmod 755 "$work"

dotnet build bench/incidents -c Release -nologo -v quiet 2>&1 | grep -v NU1603 | tail -n 3
runner=(dotnet bench/incidents/bin/Release/net10.0/IamOps.Bench.Incidents.dll)

echo "== SQLite"
"${runner[@]}" sqlite "$incidents" "$contracts"

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql): skipping the PostgreSQL run."
  exit 0
fi
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pgdata="$work/pgdata"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$pgdata"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata"
run_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$pgdata" -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1" -l "$pgdata/pg.log" -w start >/dev/null
cleanup() {
  run_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "== PostgreSQL ($("$pgbin/postgres" --version))"
IAMOPS_BENCH_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres" "${runner[@]}" postgres "$incidents" "$contracts"

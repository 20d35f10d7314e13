#!/usr/bin/env bash
# Change scheduling benchmark: IamOps (Release, PostgreSQL) with 100,000 scheduled changes and 1,000 one-off maintenance
# windows; GET /api/v1/changes/slots (conflict check + next-valid-slot search) with random slots, one request at a time,
# with and without production shutdown. Prints the results and the query plan of the conflict check; appends nothing by itself.
# Usage: bench/changes/run.sh            (REQUESTS=400 may be overridden)
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${REQUESTS:-400}
work=$(mktemp -d /tmp/iamops-bench-changes.XXXXXX)
chmod 755 "$work"
log() { printf '\n== %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgport=$(free_port)
pgdata="$work/pgdata"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$pgdata"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata"
run_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/pg.log" -w start \
  -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off" >/dev/null
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  run_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql_db() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d iamops_bench -v ON_ERROR_STOP=1 "$@"; }
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -qc "CREATE DATABASE iamops_bench" >/dev/null

log "Building IamOps (Release)"
dotnet build src/IamOps.Server -c Release -nologo -v quiet >/dev/null
port=$(free_port)
base="http://127.0.0.1:$port"
ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres Database__SeedDemoData=true \
Database__ConnectionString="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=iamops_bench" Logging__LogLevel__Default=Warning \
  dotnet src/IamOps.Server/bin/Release/net10.0/IamOps.Server.dll >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 1
done

log "Loading 100,000 scheduled changes and 1,000 windows"
read -r targets windows prod staging < <(psql_db -qAt -F ' ' -f bench/changes/load.sql | tail -n 1)
echo "targets=$targets windows=$windows" >&2

bearer=$(curl -fs -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"email":"operator@cloud-iam.example","password":"IamOps-demo-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

# Random 1-hour slots between 2027 and 2030 (inside the loaded range), on either cluster; the timing is curl's total.
python3 - "$requests" "$prod" "$staging" >"$work/urls.txt" <<'PY'
import random, sys, datetime
random.seed(42)
n, clusters = int(sys.argv[1]), sys.argv[2:4]
base = datetime.datetime(2027, 1, 1, tzinfo=datetime.timezone.utc)
for i in range(n):
    start = base + datetime.timedelta(minutes=30 * random.randrange(0, 4 * 365 * 48))
    end = start + datetime.timedelta(hours=1)
    shutdown = "true" if i % 2 else "false"
    print(f"/api/v1/changes/slots?clusterId={clusters[i % 2]}&start={start:%Y-%m-%dT%H:%M:%SZ}&end={end:%Y-%m-%dT%H:%M:%SZ}&requiresShutdown={shutdown}")
PY
for url in $(head -n 20 "$work/urls.txt"); do curl -fs -o /dev/null -H "Authorization: Bearer $bearer" "$base$url"; done
log "Measuring $requests requests, one at a time"
: >"$work/times.txt"
while read -r url; do
  curl -fs -o "$work/last.json" -w '%{time_total} ' -H "Authorization: Bearer $bearer" "$base$url" >>"$work/times.txt"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("allowed" if d["allowed"] else ("next" if d["nextStart"] else "none"))' "$work/last.json" >>"$work/times.txt"
done <"$work/urls.txt"
python3 - "$work/times.txt" <<'PY'
import sys, collections
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
ms = sorted(float(t) * 1000 for t, _ in rows)
kinds = collections.Counter(k for _, k in rows)
pick = lambda q: ms[min(len(ms) - 1, int(len(ms) * q))]
print(f"RESULT requests={len(ms)} p50_ms={pick(0.5):.2f} p95_ms={pick(0.95):.2f} p99_ms={pick(0.99):.2f} max_ms={ms[-1]:.2f} "
      f"allowed={kinds['allowed']} refused_with_next_slot={kinds['next']} no_slot={kinds['none']}")
PY
log "Plan of the conflict check"
psql_db -qAt -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT \"ChangeRequestId\", \"SlotStart\", \"SlotEnd\" FROM \"ChangeTarget\"
  WHERE \"ClusterId\" = ANY (ARRAY['$prod'::uuid]) AND \"SlotEnd\" > '2028-06-01' AND \"SlotStart\" < '2028-06-22' AND \"ChangeRequestId\" <> '00000000-0000-0000-0000-000000000000'"

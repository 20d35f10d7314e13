#!/usr/bin/env bash
# API benchmark: IamOps (Release, PostgreSQL) with 10,000 clusters and 1,000,000 audit entries; wrk against
# GET /api/v1/clusters?page=… at 64 connections as a provider and as a client user, and pgbench running the same SQL
# straight against PostgreSQL as the peer, in one run. Writes its own section of bench/RESULTS.md.
# Usage: bench/api/run.sh            (DURATION=30s CONNECTIONS=64 may be overridden)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
work=$(mktemp -d /tmp/iamops-bench.XXXXXX)
chmod 755 "$work"
log() { printf '\n== %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# --- 1. Tools ----------------------------------------------------------------------------------------------
missing=()
for p in wrk postgresql postgresql-contrib; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
# The machine is shared with builds and test runs: as root, the measured processes (PostgreSQL, IamOps, wrk,
# pgbench) run at a higher CPU priority than that background work, so the numbers describe the system under test.
hi=(); [ "$(id -u)" -eq 0 ] && hi=(nice -n -10)

# --- 2. Throw-away PostgreSQL --------------------------------------------------------------------------------
pgport=$(free_port)
pgdata="$work/pgdata"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$pgdata"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata"
log "Starting PostgreSQL on port $pgport"
run_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
pg_start=("$pgbin/pg_ctl"); [ "$(id -u)" -eq 0 ] && pg_start=("${hi[@]}" runuser -u postgres -- "$pgbin/pg_ctl")
"${pg_start[@]}" -D "$pgdata" -l "$pgdata/pg.log" -w start \
  -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off" >/dev/null
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  run_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql_db() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d iamops_bench -v ON_ERROR_STOP=1 "$@"; }
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -qc "CREATE DATABASE iamops_bench" >/dev/null

# --- 3. IamOps in Release on PostgreSQL ---------------------------------------------------------------------
log "Building IamOps (Release)"
dotnet build src/IamOps.Server -c Release -nologo -v quiet 2>&1 | grep -Ev 'NU1603|^\s*$|Warn|Error|Time Elapsed|warning' || true
port=$(free_port)
base="http://127.0.0.1:$port"
log "Starting IamOps on $base"
ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
Database__Provider=postgres Database__SeedDemoData=true \
Database__ConnectionString="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=iamops_bench;Maximum Pool Size=100" \
Logging__LogLevel__Default=Warning \
  "${hi[@]}" dotnet src/IamOps.Server/bin/Release/net10.0/IamOps.Server.dll >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 1
done

# --- 4. Data -----------------------------------------------------------------------------------------------
log "Loading 10,000 clusters and 1,000,000 audit entries"
load_start=$(date +%s)
sizes=$(psql_db -qAt -F ' ' -f bench/api/load.sql | tail -n 1)
load_seconds=$(( $(date +%s) - load_start ))
read -r clients clusters audit_entries <<<"$sizes"
echo "clients=$clients clusters=$clusters audit_entries=$audit_entries (loaded in ${load_seconds}s)" >&2

token_for() {
  local bearer
  bearer=$(curl -fs -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"IamOps-demo-2026\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  curl -fs -X POST "$base/api/v1/me/tokens" -H "Authorization: Bearer $bearer" -H 'content-type: application/json' \
    -d '{"name":"api benchmark","expiresInDays":1}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
provider_token=$(token_for admin@cloud-iam.example)
client_token=$(token_for admin@acme.example)
provider_pages=$(( (clusters + 49) / 50 ))
client_total=$(curl -fs "$base/api/v1/clusters?pageSize=1" -H "Authorization: Bearer $client_token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
client_pages=$(( (client_total + 49) / 50 ))

# --- 5. Runs -----------------------------------------------------------------------------------------------
run_wrk() {
  "${hi[@]}" wrk -t2 -c"$connections" -d"$1" --latency -s bench/api/pages.lua "$base" -- "$2" "$3" "${4:-}" | tee -a "$work/wrk.txt" | grep '^RESULT'
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }

# Other work on the machine (builds, test runs) skews latency: wait up to 3 minutes for a quieter machine, and record
# the load either way.
for _ in $(seq 1 36); do
  awk -v cores="$(nproc)" '{exit !($1 < cores)}' /proc/loadavg && break
  sleep 5
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "Warm-up: every page once per user, then 5 s of load (not recorded)"
for page in $(seq 1 "$provider_pages"); do
  curl -fs -o /dev/null "$base/api/v1/clusters?page=$page&pageSize=50" -H "Authorization: Bearer $provider_token"
done
for page in $(seq 1 "$client_pages"); do
  curl -fs -o /dev/null "$base/api/v1/clusters?page=$page&pageSize=50" -H "Authorization: Bearer $client_token"
done
run_wrk 5s "$provider_token" "$provider_pages" >/dev/null

log "wrk as the provider: $provider_pages pages of 50"
provider=$(run_wrk "$duration" "$provider_token" "$provider_pages")
log "wrk as a client user (Acme admin): $client_pages pages of its $client_total clusters"
client=$(run_wrk "$duration" "$client_token" "$client_pages")
log "wrk as the provider with Cache-Control: no-cache (every request reaches the database)"
uncached=$(run_wrk "$duration" "$provider_token" "$provider_pages" no-cache)

log "pgbench, the same SQL straight against PostgreSQL"
sed "s/random(1, 200)/random(1, $provider_pages)/" bench/api/query.sql >"$work/query.sql"
(cd "$work" && "${hi[@]}" "$pgbin/pgbench" -h 127.0.0.1 -p "$pgport" -U postgres -n -M extended -c "$connections" -j 2 \
  -T "${duration%s}" -f "$work/query.sql" -l --log-prefix="$work/pgbench" iamops_bench >"$work/pgbench.txt" 2>&1)
pg_tps=$(grep -Eo 'tps = [0-9.]+' "$work/pgbench.txt" | head -n 1 | awk '{printf "%.1f", $3}')
read -r pg_p50 pg_p99 < <(cat "$work"/pgbench.* 2>/dev/null | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
p50=$(field p50_ms "$provider"); p99=$(field p99_ms "$provider"); rps=$(field rps "$provider"); errors=$(field errors "$provider")
c50=$(field p50_ms "$client"); c99=$(field p99_ms "$client"); crps=$(field rps "$client"); cerrors=$(field errors "$client")
u50=$(field p50_ms "$uncached"); u99=$(field p99_ms "$uncached"); urps=$(field rps "$uncached"); uerrors=$(field errors "$uncached")
ratio=$(python3 -c "print(f'{$rps / $pg_tps:.2f}')")
uratio=$(python3 -c "print(f'{$urps / $pg_tps:.2f}')")
met() { python3 -c "print('met' if $1 <= 50 else 'MISSED')"; }

# --- 6. Report ---------------------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
mem=$(free -g | awk '/Mem:/ {print $2}')
section="$work/section.md"
cat >"$section" <<EOF
## API: cluster lists (\`bench/api/run.sh\`)

Produced by \`bench/api/run.sh\` (one run; every number below comes from it).

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $(nproc) cores ($cpu), ${mem} GiB RAM; IamOps, PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'), wrk and pgbench share these cores.
  Load average (1, 5, 15 min) before the measured runs: $load_before; after: $load_after. The measured processes ran
  at nice $( [ ${#hi[@]} -gt 0 ] && echo -10 || echo 0 ) (background work on the machine at 0).
- Data: $clients client organisations, $clusters clusters (about $(( clusters / clients )) per client), $audit_entries audit entries;
  loaded in ${load_seconds} s with set-based SQL (\`bench/api/load.sql\`). The generated audit entries carry
  well-formed but not chained hashes (this benchmark reads clusters, it does not verify chains).
- Server: Release build, \`ASPNETCORE_ENVIRONMENT=Production\`, log level Warning, PostgreSQL pool of 100;
  authentication with a personal API token (\`iamops_pat_…\`).
- Load: \`wrk -t2 -c$connections -d$duration --latency\`, \`GET /api/v1/clusters?page=N&pageSize=50\`, N random over all pages
  (\`bench/api/pages.lua\`), after a warm-up that reads every page once and then loads for 5 s. Peer: \`pgbench -c $connections -j 2 -T ${duration%s} -M extended\` running the
  count and page queries of one request (\`bench/api/query.sql\`), N random.

| run | p50 (ms) | p99 (ms) | requests/s | errors |
|---|---:|---:|---:|---:|
| IamOps, provider (all $clusters clusters, $provider_pages pages) | $p50 | $p99 | $rps | $errors |
| IamOps, client user (tenant-filtered, $client_total clusters) | $c50 | $c99 | $crps | $cerrors |
| IamOps, provider, \`Cache-Control: no-cache\` (database on every request) | $u50 | $u99 | $urps | $uerrors |
| PostgreSQL alone (pgbench, same SQL as the provider run) | $pg_p50 | $pg_p99 | $pg_tps | - |

- IamOps / raw PostgreSQL throughput ratio, provider: **$ratio** as served (pages come from the tenant-scoped
  output cache), **$uratio** uncached — the uncached ratio is what the API layer (HTTP, authentication, tenancy
  filter, EF Core, JSON) costs on top of the same SQL on the same cores.
- Target p99 ≤ 50 ms: provider **$(met "$p99")** ($p99 ms), client **$(met "$c99")** ($c99 ms); uncached provider
  $(met "$u99") ($u99 ms).
EOF
cat bench/api/NOTES.md >>"$section"
{
  printf '\n### Raw output of this run\n\n```text\n'
  grep -v '^RESULT' "$work/wrk.txt" | grep -Ev '^\s*$'
  grep -E 'latency|tps|transactions' "$work/pgbench.txt"
  printf '```\n'
} >>"$section"
# Replace this benchmark's own section of bench/RESULTS.md.
python3 bench/replace-section.py bench/RESULTS.md "$section"
cat "$section"

#!/usr/bin/env bash
# Backup benchmark: IamOps vs the raw tools on the same Keycloak-like database, in the same run.
#   bench/backup/run.sh [USERS]   (default 1000000; needs PostgreSQL 15 binaries, pgbackrest, jq, curl; run as root or postgres)
# Prints a Markdown section for bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
users=${1:-1000000}
work=$(mktemp -d /tmp/iamops-bench-backup.XXXXXX); chmod 755 "$work"
pgbin=${IAMOPS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pguser=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }
src="$work/src"; mkdir -p "$src"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$src"
srcport=$(free_port)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  as_pg "$pgbin/pg_ctl" -D "$src/pgdata" -m immediate stop >/dev/null 2>&1 || true
  for d in "$work"/backups/restores/*/pgdata "$work"/peer/pgdata; do [ -d "$d" ] && as_pg "$pgbin/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Source instance and a ${users}-user database" >&2
as_pg "$pgbin/initdb" -D "$src/pgdata" -U "$pguser" --auth=trust -E UTF8 >/dev/null
pgopts="-p $srcport -k $src -c listen_addresses='' -c max_wal_size=4GB -c shared_buffers=1GB"
as_pg "$pgbin/pg_ctl" -D "$src/pgdata" -o "$pgopts" -l "$src/pg.log" -w start >/dev/null
psql_src() { "$pgbin/psql" -h "$src" -p "$srcport" -U "$pguser" -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_src -d postgres -c "CREATE DATABASE keycloak"
t0=$(now_ms); psql_src -d keycloak -v users="$users" -f bench/backup/generate.sql >/dev/null; gen_ms=$(( $(now_ms) - t0 ))
# Steady state, as a production database is: hint bits set, statistics and visibility map current, dirty pages written.
psql_src -d keycloak -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
dbsize=$(psql_src -d keycloak -c "SELECT pg_size_pretty(pg_database_size('keycloak'))")

echo "== IamOps (Release) on SQLite" >&2
dotnet build src/IamOps.Server -c Release -nologo -v quiet >/dev/null 2>&1
port=$(free_port); mkdir -p "$work/backups"; chmod 755 "$work/backups"
Database__Provider=sqlite Database__ConnectionString="Data Source=$work/iamops.db" Database__SeedDemoData=true \
  Backups__DataDirectory="$work/backups" Backups__SchedulerEnabled=false Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/IamOps.Server/bin/Release/net10.0/IamOps.Server.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
api="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -fs "$api/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
token=$(curl -fs "$api/api/v1/auth/token" -H 'Content-Type: application/json' -d '{"email":"admin@cloud-iam.example","password":"IamOps-demo-2026"}' | jq -r .accessToken)
call() { curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
cluster=$(call "$api/api/v1/clusters?size=1" | jq -r '.items[0].id')
base="$api/api/v1/clusters/$cluster/backups"
# policy METHOD VERIFY_EVERY [CHECKSUM]: a new policy checksums with XXH128; the third argument changes it.
policy() { call -X PUT "$base/policy" -d "{\"method\":\"$1\",\"schedule\":\"30 2 * * *\",\"retainCount\":50,\"retainDays\":30,\"encrypted\":false,\"verifyEvery\":$2,\"parallelJobs\":2,\"compressionLevel\":1,\"physicalType\":\"Full\",\"dataDirectory\":\"$src/pgdata\"${3:+,\"checksum\":\"$3\"}}"; }
connect() { call -X PUT "$api/api/v1/clusters/$cluster/connection" -d "{\"postgresHost\":\"$src\",\"postgresPort\":$srcport,\"postgresDatabase\":\"$1\",\"postgresUsername\":\"$pguser\"}" >/dev/null; }
run_backup() { # prints the final run JSON
  local id; id=$(call -X POST "$base/runs" -d '{}' | jq -r .id)
  # Polled once a second: a curl + jq every 0.2 s took CPU from the run being measured (the raw tool runs unpolled).
  while :; do sleep 1; local r; r=$(call "$base/runs/$id"); [ "$(jq -r .active <<<"$r")" = "false" ] && { echo "$r"; return; }; done
}

echo "== Warming IamOps up: 20 verified backups of a 2,000-user database" >&2
# A young IamOps process keeps compiling (tiered JIT) the code a backup runs, for its first dozens of backups: after 4 warm-up
# backups its JIT thread still took 0.05-0.4 s of CPU per 1 M-user backup, which on 2 cores that pg_dump fills is wall time
# (2-5 ticks after 15). A server that has run for a while has done that; these runs bring this one there, and are not measured.
psql_src -d postgres -c "CREATE DATABASE warmup"
psql_src -d warmup -v users=2000 -f bench/backup/generate.sql >/dev/null
connect warmup; policy Logical 1 >/dev/null
t0=$(now_ms)
for _ in $(seq 1 20); do
  r=$(run_backup); [ "$(jq -r .verification <<<"$r")" = Verified ] || { echo "IamOps warm-up backup not verified: $(jq -c '{status,failureReason,verificationDetail}' <<<"$r")" >&2; exit 1; }
done
warm_ms=$(( $(now_ms) - t0 ))
connect keycloak

echo "== Logical: IamOps vs pg_dump -Fd -j2 -Z1" >&2
# ROUNDS rounds (5 by default), same options; the order alternates (raw first in odd rounds, IamOps first in even ones) so
# neither side always follows the other's writes, and dirty pages are flushed (sync) before each measured run.
# Each side's median is compared (single runs move by ±20 % here).
rounds=${ROUNDS:-5}
raw_dump() { sync; local t0; t0=$(now_ms); PGHOST=$src PGPORT=$srcport PGUSER=$pguser "$pgbin/pg_dump" -Fd -j 2 -Z 1 --no-sync -f "$1" keycloak; echo $(( $(now_ms) - t0 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The raw pg_restore goes into a peer instance with the scratch instance's settings (fsync off), in each round right after
# the raw pg_dump, as IamOps' verification follows its backup, so each round pairs both restores too.
peer="$work/peer"; mkdir -p "$peer"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$peer"; peerport=$(free_port)
as_pg "$pgbin/initdb" -D "$peer/pgdata" -U "$pguser" --auth=trust -E UTF8 --no-sync >/dev/null
as_pg "$pgbin/pg_ctl" -D "$peer/pgdata" -o "-p $peerport -k $peer -c listen_addresses='' -c fsync=off" -l "$peer/pg.log" -w start >/dev/null
raw_restore() {
  "$pgbin/psql" -h "$peer" -p "$peerport" -U "$pguser" -qAt -d postgres -c "DROP DATABASE IF EXISTS verify" -c "CREATE DATABASE verify" 2>/dev/null
  local t0; t0=$(now_ms); PGHOST=$peer PGPORT=$peerport PGUSER=$pguser "$pgbin/pg_restore" -j 2 --no-owner --exit-on-error -d verify "$1"; echo $(( $(now_ms) - t0 ))
}
raw_dumps=(); raw_restores=(); iam_dumps=(); iam_restores=(); iam_phases=()
iam_logical() {
  sync; logical=$(run_backup)
  [ "$(jq -r .status <<<"$logical")" = Succeeded ] || { echo "IamOps logical backup failed: $(jq -r .failureReason <<<"$logical")" >&2; exit 1; }
  iam_dumps+=($(jq -r .durationMs <<<"$logical")); iam_restores+=($(jq -r .restoreDurationMs <<<"$logical"))
  iam_phases+=("$(jq -r .output <<<"$logical" | grep '^iamops:' || true)")
}
# One warm-up round first, not counted: the first dump after the database was generated is 20-30 % slower on both sides.
rm -rf "$work/rawdump"; raw_dump "$work/rawdump" >/dev/null; raw_restore "$work/rawdump" >/dev/null; iam_logical; iam_dumps=(); iam_restores=(); iam_phases=()
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 0 ]; then iam_logical; fi
  rm -rf "$work/rawdump"; raw_dumps+=($(raw_dump "$work/rawdump")); raw_restores+=($(raw_restore "$work/rawdump"))
  if [ $((round % 2)) -eq 1 ]; then iam_logical; fi
done
iam_dump_ms=$(median "${iam_dumps[@]}"); iam_restore_ms=$(median "${iam_restores[@]}")
iam_verify=$(jq -r .verificationDetail <<<"$logical")

echo "== Logical with SHA-256 checksums (not verified again): IamOps vs pg_dump -Fd -j2 -Z1" >&2
policy Logical 1000 Sha256 >/dev/null
sha_dumps=(); sha_raw=(); sha_phases=()
iam_sha() {
  sync; local r; r=$(run_backup)
  [ "$(jq -r .status <<<"$r")" = Succeeded ] || { echo "IamOps logical backup failed: $(jq -r .failureReason <<<"$r")" >&2; exit 1; }
  sha_dumps+=($(jq -r .durationMs <<<"$r")); sha_phases+=("$(jq -r .output <<<"$r" | grep '^iamops:' || true)")
}
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 0 ]; then iam_sha; fi
  rm -rf "$work/rawdump"; sha_raw+=($(raw_dump "$work/rawdump"))
  if [ $((round % 2)) -eq 1 ]; then iam_sha; fi
done
sha_dump_ms=$(median "${sha_dumps[@]}"); sha_raw_ms=$(median "${sha_raw[@]}")
iam_verify_ms=$(grep -Eo 'verification took [0-9]+ ms' <<<"$iam_verify" | grep -Eo '[0-9]+' || echo 0)
raw_dump_ms=$(median "${raw_dumps[@]}")
raw_restore_ms=$(median "${raw_restores[@]}")

echo "== Physical: IamOps vs pgbackrest backup (same stanza and configuration)" >&2
archive=$(policy Physical 1000 | jq -r .archiveCommand)
as_pg "$pgbin/pg_ctl" -D "$src/pgdata" -m fast -w stop >/dev/null
as_pg "$pgbin/pg_ctl" -D "$src/pgdata" -o "$pgopts -c wal_level=replica -c archive_mode=on -c archive_command='$archive'" -l "$src/pg.log" -w start >/dev/null
warm=$(run_backup)   # first run creates the stanza: not measured
[ "$(jq -r .status <<<"$warm")" = Succeeded ] || { echo "IamOps physical backup failed: $(jq -r .failureReason <<<"$warm")" >&2; exit 1; }
conf=$(sed -E 's/.*--config=([^ ]+).*/\1/' <<<"$archive"); stanza=$(sed -E 's/.*--stanza=([^ ]+).*/\1/' <<<"$archive")
raw_phys=(); iam_phys=()
raw_phys_run() { sync; local t0; t0=$(now_ms); PGPASSWORD= as_pg pgbackrest --config="$conf" --stanza="$stanza" --type=full backup >/dev/null; raw_phys+=($(( $(now_ms) - t0 ))); }
iam_phys_run() { sync; local r; r=$(run_backup); iam_phys+=($(jq -r .durationMs <<<"$r")); }
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then raw_phys_run; iam_phys_run; else iam_phys_run; raw_phys_run; fi
done
raw_phys_ms=$(median "${raw_phys[@]}"); iam_phys_ms=$(median "${iam_phys[@]}")
ratio() { python3 -c "print(f'{$1/$2:.3f}')"; }
# Per-round ratios (each round's IamOps run against the raw run next to it) and their median: the machine drifts by more
# than the target between rounds (the raw tool alone moved by 30 % within one run), which the paired ratios cancel.
paired() { python3 -c "import statistics,sys; a=sys.argv[1].split(); b=sys.argv[2].split(); r=[int(x)/int(y) for x,y in zip(a,b)]; print(' '.join(f'{x:.3f}' for x in r) + f' → median {statistics.median(r):.3f}')" "$1" "$2"; }

cat <<MD
## Backups (bench/backup/run.sh)

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before/after: see below.
- Data: ${users} users Keycloak-like database (\`bench/backup/generate.sql\`), $dbsize, generated in $gen_ms ms; PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'), pgBackRest $(pgbackrest version | awk '{print $2}').
- IamOps timings are the run's own \`durationMs\` (backup: snapshot row counts + pg_dump + checksum manifest, or pgBackRest + repository read) and
  \`restoreDurationMs\` (pg_restore into the scratch instance); peers are timed around the same command with the same options.

| measure | IamOps (ms) | raw tool (ms) | ratio of medians | per-round ratios | target |
|---|---:|---:|---:|---|---|
| logical backup (XXH128 checksums, the default) vs \`pg_dump -Fd -j2 -Z1\` (median of $rounds: IamOps ${iam_dumps[*]}, raw ${raw_dumps[*]}) | $iam_dump_ms | $raw_dump_ms | $(ratio "$iam_dump_ms" "$raw_dump_ms") | $(paired "${iam_dumps[*]}" "${raw_dumps[*]}") | ≤ 1.05 |
| logical backup with SHA-256 checksums (policy option) vs \`pg_dump -Fd -j2 -Z1\` (median of $rounds: IamOps ${sha_dumps[*]}, raw ${sha_raw[*]}) | $sha_dump_ms | $sha_raw_ms | $(ratio "$sha_dump_ms" "$sha_raw_ms") | $(paired "${sha_dumps[*]}" "${sha_raw[*]}") | — |
| physical full backup vs \`pgbackrest backup\` (median of $rounds: IamOps ${iam_phys[*]}, raw ${raw_phys[*]}) | $iam_phys_ms | $raw_phys_ms | $(ratio "$iam_phys_ms" "$raw_phys_ms") | $(paired "${iam_phys[*]}" "${raw_phys[*]}") | ≤ 1.05 |
| verified restore (pg_restore part, median of $rounds: ${iam_restores[*]}) vs \`pg_restore -j2\` (median of $rounds: ${raw_restores[*]}) | $iam_restore_ms | $raw_restore_ms | $(ratio "$iam_restore_ms" "$raw_restore_ms") | $(paired "${iam_restores[*]}" "${raw_restores[*]}") | ≤ 1.2 |
| whole verification of the last round (scratch initdb + start, pg_restore, Keycloak checks) vs \`pg_restore -j2\` alone | $iam_verify_ms | $raw_restore_ms | $(ratio "$iam_verify_ms" "$raw_restore_ms") | — | — |

- IamOps warmed up first by 20 verified backups of a 2,000-user database ($warm_ms ms, not measured), then one unmeasured round on the large one.
- IamOps logical phases per round: $(printf '%s / ' "${iam_phases[@]}")
- With SHA-256: $(printf '%s / ' "${sha_phases[@]}")
- IamOps verification: $iam_verify
- Load average after: $(cut -d' ' -f1-3 /proc/loadavg)
MD

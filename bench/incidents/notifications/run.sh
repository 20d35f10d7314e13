#!/usr/bin/env bash
# Notification throughput: the outbox dispatcher to a local smtp4dev vs a raw MailKit loop (the peer), same run, same server.
# Usage: bench/incidents/notifications/run.sh [MESSAGES]   (PostgreSQL too when IAMOPS_BENCH_POSTGRES names a database)
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../.. && pwd)
messages=${1:-2000}
work=$(mktemp -d /tmp/iamops-bench-notify.XXXXXX)
(cd "$root" && dotnet tool restore >/dev/null)
dotnet build -c Release -nologo -v quiet 2>&1 | grep -v NU1603 | tail -n 3

(cd "$root" && exec dotnet tool run smtp4dev -- --urls=http://127.0.0.1:0 --smtpport=0 --bindaddress=127.0.0.1 --imapport= --pop3port= \
  --db= --nousersettings --baseappdatapath="$work" --messagestokeep=10 --tlsmode=None >"$work/smtp4dev.log" 2>&1) &
smtp_pid=$!
trap 'kill $smtp_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do
  port=$(grep -Eo 'SMTP Server is listening on port [0-9]+' "$work/smtp4dev.log" | grep -Eo '[0-9]+$' || true)
  [ -n "$port" ] && break
  sleep 0.5
done
[ -n "${port:-}" ] || { cat "$work/smtp4dev.log"; exit 1; }
echo "smtp4dev on port $port; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet bin/Release/net10.0/NotificationsBench.dll "$port" "$messages" sqlite "Data Source=$work/bench.db"
if [ -n "${IAMOPS_BENCH_POSTGRES:-}" ]; then
  dotnet bin/Release/net10.0/NotificationsBench.dll "$port" "$messages" postgres "$IAMOPS_BENCH_POSTGRES"
fi

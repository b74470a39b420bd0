#!/usr/bin/env bash
# Order-ingestion benchmark, end to end: a Release build of Ombud on a fresh database, loaded over loopback HTTP
# by bench/Ombud.Bench.Ingest, with the machine and date printed beside the figures for docs/benchmarks.md.
#
#   bench/ingest.sh [sqlite|postgres] [orders] [concurrency] [more bench options...]
#
# postgres: OMBUD_BENCH_POSTGRES is an admin Npgsql connection string to an existing server (else
# OMBUD_TEST_POSTGRES, from a scripts/services.sh already started in this shell); a database
# ombud_bench_<random> is created on it and dropped afterwards. With neither, scripts/services.sh starts one.
# OMBUD_BENCH_SERVER_DLL: benchmark that ombud.dll instead of building src/Ombud (e.g. another branch's build).
# OMBUD_BENCH_PORT: the loopback port to serve on (default: a free one).
# Chatter goes to stderr; stdout carries only the results block.
set -euo pipefail

usage() {
  echo "usage: bench/ingest.sh [sqlite|postgres] [orders] [concurrency] [bench options, e.g. --warmup 500 --duration 60]" >&2
  exit 2
}

provider="${1:-sqlite}"
orders="${2:-20000}"
concurrency="${3:-32}"
extra=("${@:4}")
[[ $provider == sqlite || $provider == postgres ]] || usage
[[ $orders =~ ^[1-9][0-9]*$ && $concurrency =~ ^[1-9][0-9]*$ ]] || usage
for option in "${extra[@]}"; do
  # The script owns these; passing them again would point the load somewhere else or break the results block.
  case "$option" in --url | --key | --json) echo "bench/ingest.sh sets $option itself" >&2; usage ;; esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { echo "ingest.sh: $*" >&2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/ombud-bench.XXXXXX")"
server_pid=""
pg_database=""
services_started=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    # Give the host its graceful shutdown, then insist: a bench must never leave a server behind.
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n $pg_database ]]; then
    if command -v psql >/dev/null; then
      pg_admin -c "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)" >/dev/null 2>&1 \
        || say "could not drop database $pg_database; drop it by hand"
    else
      say "no psql to drop database $pg_database with; drop it by hand"
    fi
  fi
  if [[ -n $services_started ]]; then
    services_stop >/dev/null 2>&1 || say "services_stop failed"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- connection strings ------------------------------------------------------------------------------------

# Npgsql "Key=Value;..." into PG* variables for psql, connecting to the admin string's own database.
pg_admin() {
  local part key value
  local -a parts vars=()
  IFS=';' read -ra parts <<<"$pg_admin_connection"
  for part in "${parts[@]}"; do
    [[ $part == *=* ]] || continue
    key="$(echo "${part%%=*}" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')"
    value="${part#*=}"
    value="${value#"${value%%[![:space:]]*}"}"
    value="${value%"${value##*[![:space:]]}"}"
    case "$key" in
      host | server) vars+=("PGHOST=$value") ;;
      port) vars+=("PGPORT=$value") ;;
      username | userid | user | uid) vars+=("PGUSER=$value") ;;
      password | pwd) vars+=("PGPASSWORD=$value") ;;
      database | db) vars+=("PGDATABASE=$value") ;;
    esac
  done
  env "${vars[@]}" psql -X -q -v ON_ERROR_STOP=1 "$@"
}

# The admin string with its database swapped for ours.
with_database() {
  local part key out=""
  local -a parts
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    [[ -n ${part//[[:space:]]/} ]] || continue
    key="$(echo "${part%%=*}" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')"
    case "$key" in database | db | initialcatalog) continue ;; esac
    out+="$part;"
  done
  echo "${out}Database=$2"
}

free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 20000))
    # Nothing answering on it is good enough: the server fails loudly in the unlikely race.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  say "no free port found"
  exit 1
}

ready() {
  if command -v curl >/dev/null; then
    curl -fsS -o /dev/null --max-time 2 "$1/health/ready" 2>/dev/null
  else
    local status
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    read -r -t 2 _ status _ <&3 || true
    exec 3<&-
    [[ $status == 200 ]]
  fi
}

# --- build ---------------------------------------------------------------------------------------------------

if [[ -n ${OMBUD_BENCH_SERVER_DLL:-} ]]; then
  ombud_dll="$(cd "$(dirname "$OMBUD_BENCH_SERVER_DLL")" && pwd)/$(basename "$OMBUD_BENCH_SERVER_DLL")"
  [[ -f $ombud_dll ]] || { say "OMBUD_BENCH_SERVER_DLL=$OMBUD_BENCH_SERVER_DLL does not exist"; exit 1; }
  say "using server build $ombud_dll"
else
  say "building src/Ombud (Release)"
  dotnet build src/Ombud -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  ombud_dll="$(dotnet msbuild src/Ombud/Ombud.csproj -nologo -getProperty:TargetPath -p:Configuration=Release)"
fi
say "building bench/Ombud.Bench.Ingest (Release)"
dotnet build bench/Ombud.Bench.Ingest -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
bench_dll="$(dotnet msbuild bench/Ombud.Bench.Ingest/Ombud.Bench.Ingest.csproj -nologo -getProperty:TargetPath -p:Configuration=Release)"
ombud_dir="$(dirname "$ombud_dll")"

# --- database ------------------------------------------------------------------------------------------------

if [[ $provider == sqlite ]]; then
  connection="Data Source=$work/ombud.db"
  database_label="sqlite (fresh file)"
else
  # A server this shell already started with scripts/services.sh is reused, and left running.
  pg_admin_connection="${OMBUD_BENCH_POSTGRES:-${OMBUD_TEST_POSTGRES:-}}"
  if [[ -z $pg_admin_connection ]]; then
    [[ -f $root/scripts/services.sh ]] || { say "set OMBUD_BENCH_POSTGRES, or provide scripts/services.sh to start PostgreSQL"; exit 1; }
    # shellcheck source=/dev/null
    source "$root/scripts/services.sh"
    say "starting PostgreSQL with scripts/services.sh"
    services_started=1
    services_start >&2
    pg_admin_connection="${OMBUD_TEST_POSTGRES:?services_start did not export OMBUD_TEST_POSTGRES}"
  fi
  pg_database="ombud_bench_$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')"
  if command -v psql >/dev/null; then
    pg_admin -c "CREATE DATABASE \"$pg_database\"" >&2
  else
    # EF Core's migrate creates a missing database itself; only the drop at the end needs psql.
    say "no psql: leaving the creation of $pg_database to 'ombud migrate'"
  fi
  connection="$(with_database "$pg_admin_connection" "$pg_database")"
  server_version="$(pg_admin -Atc 'SHOW server_version' 2>/dev/null || echo unknown)"
  database_label="postgres $server_version (database $pg_database)"
fi

export Ombud__Database__Provider="$provider"
export Ombud__Database__ConnectionString="$connection"
export Ombud__Demo=false
export Logging__LogLevel__Default=Warning
# A benchmark measures the production configuration unless the caller asks otherwise.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}"

# The app's content root (appsettings, static assets) is its build output, so it runs from there.
ombud() { (cd "$ombud_dir" && dotnet "./$(basename "$ombud_dll")" "$@"); }

say "migrating $provider"
ombud migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
api_key="$(ombud apikey create --name bench --scope ingest 2>"$work/apikey.err" | tail -n 1 | tr -d '\r[:space:]')" || true
[[ -n $api_key ]] || { say "could not create an API key"; cat "$work/apikey.err" >&2; exit 1; }

# --- serve ---------------------------------------------------------------------------------------------------

port="${OMBUD_BENCH_PORT:-$(free_port)}"
url="http://127.0.0.1:$port"
say "serving on $url"
(cd "$ombud_dir" && exec dotnet "./$(basename "$ombud_dll")" serve --urls "$url") >"$work/server.log" 2>&1 &
server_pid=$!
for attempt in $(seq 600); do
  ready "$url" && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    say "server exited before it was ready:"; tail -n 40 "$work/server.log" >&2; exit 1
  fi
  [[ $attempt -lt 600 ]] || { say "server not ready after 60 s:"; tail -n 40 "$work/server.log" >&2; exit 1; }
  sleep 0.1
done

# --- load ----------------------------------------------------------------------------------------------------

say "running $orders orders at concurrency $concurrency${extra[*]:+ with ${extra[*]}}"
bench_status=0
# The key travels in the environment, not argv, so it never shows in ps.
OMBUD_BENCH_KEY="$api_key" dotnet "$bench_dll" --url "$url" --orders "$orders" --concurrency "$concurrency" --json "${extra[@]}" \
  >"$work/result.json" || bench_status=$?
if [[ $bench_status -ne 0 || ! -s $work/result.json ]]; then
  say "the bench tool failed (exit $bench_status); last server log lines:"
  tail -n 40 "$work/server.log" >&2
  exit "$((bench_status == 0 ? 1 : bench_status))"
fi
if grep -qiE '(fail|crit|error)' "$work/server.log"; then
  say "the server logged errors during the run (first lines):"
  grep -iE '(fail|crit|error)' "$work/server.log" | head -n 10 >&2
fi

# --- report --------------------------------------------------------------------------------------------------

json="$(tr -d '\n' <"$work/result.json")"
field() { sed -nE "s/.*\"$1\":([^,}]*).*/\1/p" <<<"$json"; }
cpu="$(grep -m1 -E '^(model name|Model|cpu model)' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
memory="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
runtime="$(dotnet --list-runtimes 2>/dev/null | awk '/^Microsoft.NETCore.App / { version = $2 } END { print version }')"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
[[ -z "$(git status --porcelain 2>/dev/null | head -n 1)" ]] || commit+=" + uncommitted changes"
errors_by_status="$(sed -nE 's/.*"errors_by_status":(\{[^}]*\}).*/\1/p' <<<"$json")"
[[ $errors_by_status != "{}" && -n $errors_by_status ]] || errors_by_status="none"

cat <<EOF

### Order ingestion, $provider, $(date -u '+%Y-%m-%d %H:%M UTC')

- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${memory:-unknown memory}, $(uname -sr)
- build: $commit, .NET ${runtime:-unknown}, Release, log level Warning, demo data off
- database: $database_label
- load: $orders orders, $concurrency workers${extra[*]:+, options ${extra[*]}}; bench and server share the machine over loopback

| orders | errors | seconds | orders/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $(field orders) | $(field errors) | $(field seconds) | $(field orders_per_second) | $(field p50_ms) | $(field p90_ms) | $(field p99_ms) | $(field p999_ms) | $(field max_ms) |

errors by status: $errors_by_status
json: $json
EOF

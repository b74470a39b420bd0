# Sourced by the bench/*.sh scripts: everything but the load and its report. It builds Ombud (or takes the ombud.dll in
# OMBUD_BENCH_SERVER_DLL, e.g. a ReadyToRun publish) and the bench tool in Release, makes a fresh database (a file for
# SQLite; a new database on the given or a newly started PostgreSQL), migrates, creates an API key, serves on loopback
# until ready, and removes all of it again on exit.
#
# The caller sets, before sourcing:
#   bench_name          the script's name, for its messages
#   bench_project       the bench tool's project folder under bench/
#   provider            sqlite or postgres
#   bench_demo          true or false: whether the node seeds its demo world
#   bench_key_name, bench_key_scope   the API key the bench tool gets (in OMBUD_BENCH_KEY); scopes separated by spaces
#   bench_ready_seconds how long the node may take to answer ready
#   bench_cpu_mark      (optional) a pattern in the bench tool's chatter from which on the node's CPU is counted
# and may define bench_prepare, run after the API key is made and before the node starts (e.g. to seed the database
# with `ombud`, the function that runs the built node's CLI).
# and gets: $work, $url, $api_key, $bench_dll, $server_build (what was served), $database_label, and after the run
# bench_report_facts's $json, field(), $cpu, $memory, $runtime, $commit.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { echo "$bench_name: $*" >&2; }

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
  # OMBUD_BENCH_SERVER_LOG: where to keep the node's log (for profiling, e.g. with EF's command log switched on).
  [[ -z ${OMBUD_BENCH_SERVER_LOG:-} || ! -f $work/server.log ]] || cp "$work/server.log" "$OMBUD_BENCH_SERVER_LOG"
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
  server_build="the given $ombud_dll"
else
  # A plain Release build, which shares its compile with the bench tool's build (the tool references src/Ombud). To
  # measure what a deployment runs (the Server publish profile, ReadyToRun), publish it and pass its ombud.dll in
  # OMBUD_BENCH_SERVER_DLL: publishing here would restore src/Ombud for a runtime identifier, so this build, the bench
  # tool's and test.sh's would all compile src/Ombud again on every run.
  say "building src/Ombud (Release)"
  dotnet build src/Ombud -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  ombud_dll="$(dotnet msbuild src/Ombud/Ombud.csproj -nologo -getProperty:TargetPath -p:Configuration=Release)"
  server_build="Release build"
fi
say "building bench/$bench_project (Release)"
dotnet build "bench/$bench_project" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
bench_dll="$(dotnet msbuild "bench/$bench_project/$bench_project.csproj" -nologo -getProperty:TargetPath -p:Configuration=Release)"
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
export Ombud__Demo="$bench_demo"
export Logging__LogLevel__Default=Warning
# A benchmark measures the production configuration unless the caller asks otherwise.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}"

# The app's content root (appsettings, static assets) is its build output, so it runs from there.
ombud() { (cd "$ombud_dir" && dotnet "./$(basename "$ombud_dll")" "$@"); }

say "migrating $provider"
ombud migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
scope_options=()
for scope in $bench_key_scope; do scope_options+=(--scope "$scope"); done
api_key="$(ombud apikey create --name "$bench_key_name" "${scope_options[@]}" 2>"$work/apikey.err" | tail -n 1 | tr -d '\r[:space:]')" || true
[[ -n $api_key ]] || { say "could not create an API key"; cat "$work/apikey.err" >&2; exit 1; }
# The script's own key, for the node's write time by place (bench_write_time), whatever the bench tool's key may do.
admin_key="$(ombud apikey create --name "$bench_key_name-write-time" --scope admin 2>>"$work/apikey.err" | tail -n 1 | tr -d '\r[:space:]')" || true
if declare -F bench_prepare >/dev/null; then bench_prepare; fi

# --- serve ---------------------------------------------------------------------------------------------------

port="${OMBUD_BENCH_PORT:-$(free_port)}"
url="http://127.0.0.1:$port"
say "serving on $url"
(cd "$ombud_dir" && exec dotnet "./$(basename "$ombud_dll")" serve --urls "$url") >"$work/server.log" 2>&1 &
server_pid=$!
for attempt in $(seq $((bench_ready_seconds * 10))); do
  ready "$url" && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    say "server exited before it was ready:"; tail -n 40 "$work/server.log" >&2; exit 1
  fi
  [[ $attempt -lt $((bench_ready_seconds * 10)) ]] || { say "server not ready after $bench_ready_seconds s:"; tail -n 40 "$work/server.log" >&2; exit 1; }
  sleep 0.1
done

# Runs the bench tool against the node with the given options, its JSON result in $work/result.json; a failed tool
# ends the script with the node's last log lines, and errors the node logged meanwhile are shown.
bench_run() {
  local status=0
  write_time reset >/dev/null
  local node_before pg_before tool
  # The key travels in the environment, not argv, so it never shows in ps. Its chatter is kept too, for the mark below.
  OMBUD_BENCH_KEY="$api_key" dotnet "$bench_dll" --url "$url" --json "$@" >"$work/result.json" 2> >(tee "$work/tool.err" >&2) &
  tool=$!
  # CPU is counted from the moment the tool's people are ready (signing hundreds in hashes their passwords, which is
  # no part of the load), to its end.
  while kill -0 "$tool" 2>/dev/null && ! grep -qE "${bench_cpu_mark:-^}" "$work/tool.err" 2>/dev/null; do sleep 0.2; done
  node_before="$(node_cpu_ms)"
  pg_before="$(pg_backend_ticks)"
  wait "$tool" || status=$?
  node_cpu_run_ms=$(($(node_cpu_ms) - node_before))
  pg_cpu_run_ms="$(pg_cpu_since "$pg_before")"
  write_time >"$work/write-time.json"
  if [[ $status -ne 0 || ! -s $work/result.json ]]; then
    say "the bench tool failed (exit $status); last server log lines:"
    tail -n 40 "$work/server.log" >&2
    exit "$((status == 0 ? 1 : status))"
  fi
  if grep -qiE '(fail|crit|error)' "$work/server.log"; then
    say "the server logged errors during the run (first lines):"
    grep -m 10 -iE '(fail|crit|error)' "$work/server.log" >&2 || true
  fi
}

# CPU time (user + system, ms) the node has used so far, from /proc: a steady count where rates on a shared machine are not.
node_cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%d\n", ($14 + $15) * 1000 / hz }' "/proc/$server_pid/stat" 2>/dev/null || echo 0
}

# CPU ticks of each PostgreSQL backend serving this run's database ("pid ticks" lines); nothing on SQLite. A backend's
# title names its database.
pg_backend_ticks() {
  [[ -n $pg_database ]] || return 0
  local pid
  for pid in $(pgrep -f "postgres: .* $pg_database " 2>/dev/null); do
    awk -v pid="$pid" '{ print pid, $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true
  done
}

# CPU ms the backends used since the given pg_backend_ticks listing. Npgsql keeps its connections open, so a backend
# that ends during the run (and its CPU, lost here) is rare.
pg_cpu_since() {
  pg_backend_ticks | awk -v hz="$(getconf CLK_TCK)" -v before="$1" '
    BEGIN { n = split(before, lines, "\n"); for (i = 1; i <= n; i++) { split(lines[i], f, " "); start[f[1]] = f[2] } }
    { total += $2 - start[$1] }
    END { printf "%d\n", total * 1000 / hz }'
}

# What the report prints beside the figures: the result, the machine, the runtime and the commit.
bench_report_facts() {
  json="$(tr -d '\n' <"$work/result.json")"
  cpu="$(grep -m1 -E '^(model name|Model|cpu model)' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
  memory="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
  runtime="$(dotnet --list-runtimes 2>/dev/null | awk '/^Microsoft.NETCore.App / { version = $2 } END { print version }')"
  commit="$(git rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
  [[ -z "$(git status --porcelain 2>/dev/null | head -n 1)" ]] || commit+=" + uncommitted changes"
  # A given ombud.dll was built elsewhere: the checkout's commit is only the bench tools'.
  [[ -z ${OMBUD_BENCH_SERVER_DLL:-} ]] || commit="bench tools at $commit"
}

# The node's units of work by place (GET /api/v1/admin/storage/write-time), or its reset with "reset"; empty if refused.
write_time() {
  local path=/api/v1/admin/storage/write-time method=GET
  [[ ${1:-} != reset ]] || { path+=/reset; method=POST; }
  # The key goes to curl on standard input (a config line), not argv, so it never shows in ps.
  printf 'header = "Authorization: Bearer %s"\n' "$admin_key" | curl -sf -X "$method" -K - "$url$path" || true
}

# A markdown table of the run's top places by time holding the write gate (SQLite) or the transaction (PostgreSQL).
bench_write_time() {
  echo
  if ! command -v jq >/dev/null || [[ ! -s $work/write-time.json ]]; then
    echo "Write time by place: not read (needs jq and the node's admin endpoint)."
    return
  fi
  echo "Write time by place over the whole run, warm-up included (the node's \`/api/v1/admin/storage/write-time\`; top 12 by"
  echo "time held; all places: $(jq '.units' "$work/write-time.json") units of work, $(jq '.heldMs' "$work/write-time.json") ms held):"
  echo
  echo "| place | units | held ms | mean held ms | queued ms |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  jq -r '.places[:12][] | "| \(.place) | \(.units) | \(.heldMs) | \(if .units > 0 then (.heldMs / .units * 1000 | round / 1000) else 0 end) | \(.waitedMs) |"' \
    "$work/write-time.json"
}

field() { sed -nE "s/.*\"$1\":([^,}]*).*/\1/p" <<<"$json"; }

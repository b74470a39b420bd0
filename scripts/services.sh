#!/usr/bin/env bash
# Throw-away PostgreSQL + Redis + SMTP servers (and a Chromium binary) for the tests.
#
# Two ways to use it:
#
#   1. Sourced (this is what test.sh does):
#        source scripts/services.sh
#        trap services_stop EXIT
#        services_start            # exports OMBUD_TEST_* into this shell
#
#   2. Run as a command, for a shell of your own:
#        eval "$(scripts/services.sh start)"   # prints `export ...` lines
#        ...run tests...
#        scripts/services.sh stop              # uses $OMBUD_SERVICES_DIR
#
# Exported by services_start:
#   OMBUD_TEST_POSTGRES  Npgsql admin connection string (user postgres, trust auth);
#                        tests create their own databases through it
#   OMBUD_TEST_REDIS     host:port of the Redis server
#   OMBUD_TEST_CHROMIUM  path of the chromium binary
#   OMBUD_TEST_SMTP_HOST / OMBUD_TEST_SMTP_PORT   a real SMTP server (Debian's
#                        python3-aiosmtpd with scripts/smtp_sink.py) that writes
#                        each message it accepts to OMBUD_TEST_SMTP_DIR/<n>.eml
#   OMBUD_TEST_SMTP_SINK the command that starts another such server (tests that
#                        take one down and bring it back): append -l HOST:PORT DIR
#   OMBUD_SERVICES_DIR   temp dir holding the servers' data, sockets and logs
#
# Knobs (environment):
#   OMBUD_NO_INSTALL=1   never run apt-get, only report what is missing
#   OMBUD_PG_PORT / OMBUD_REDIS_PORT / OMBUD_SMTP_PORT   first port to try
#                        (default 55432 / 56379 / 52525)
#
# Everything lives in one `mktemp -d` directory, so several runs (two engineers,
# or CI next to a developer) can coexist on one machine: each picks its own free
# ports and nothing is shared but the installed packages.
#
# Functions return non-zero (and print why on stderr) instead of exiting, so a
# sourcing script decides what to do; test.sh runs under `set -e` and so stops.

# Bounded waits, in seconds.
_OMBUD_READY_TIMEOUT=${OMBUD_READY_TIMEOUT:-60}

_svc_log() { echo "services: $*" >&2; }

# This folder: the SMTP server's handler (smtp_sink.py) lives here.
_OMBUD_SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Debian's python, not whatever python3 comes first on PATH (pyenv): python3-aiosmtpd installs for it.
_OMBUD_PYTHON=/usr/bin/python3

_svc_fail() {
    # Same failure whether or not we are on CI, only the hint differs: the tests
    # cannot run without these services, so skipping them silently would just
    # turn into a pile of confusing connection errors later.
    _svc_log "ERROR: $*"
    if [[ "${CI:-}" == "true" ]]; then
        _svc_log "(CI=true: this is a hard failure)"
    else
        _svc_log "The tests need PostgreSQL, Redis, an SMTP server and Chromium. On Debian, as root:"
        _svc_log "    apt-get update && apt-get install -y postgresql redis-server chromium python3-aiosmtpd"
    fi
    return 1
}

# Directory with the newest PostgreSQL server binaries, e.g. /usr/lib/postgresql/15/bin.
# Looked up there and not on PATH: Debian only puts wrappers/clients on PATH.
_svc_pg_bindir() {
    local d best=""
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/pg_isready" ]] || continue
        best="$d"   # glob order sorts 15 < 16 < 17 (same digit count), newest wins
    done
    [[ -n "$best" ]] && echo "$best"
}

_svc_has_aiosmtpd() { [[ -x $_OMBUD_PYTHON ]] && "$_OMBUD_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1; }

_svc_chromium_bin() {
    command -v chromium 2>/dev/null || { [[ -x /usr/bin/chromium ]] && echo /usr/bin/chromium; }
}

# Install whatever of postgresql / redis-server / chromium / python3-aiosmtpd is missing.
_svc_ensure_packages() {
    local missing=()
    _svc_pg_bindir >/dev/null || missing+=(postgresql)
    { command -v redis-server && command -v redis-cli; } >/dev/null 2>&1 || missing+=(redis-server)
    _svc_chromium_bin >/dev/null || missing+=(chromium)
    _svc_has_aiosmtpd || missing+=(python3-aiosmtpd)
    ((${#missing[@]} == 0)) && return 0

    if [[ "${OMBUD_NO_INSTALL:-}" == "1" ]]; then
        _svc_fail "missing packages: ${missing[*]} (OMBUD_NO_INSTALL=1, not installing)"
        return 1
    fi
    if [[ $EUID -ne 0 ]]; then
        _svc_fail "missing packages: ${missing[*]}; not root, so cannot apt-get install them"
        return 1
    fi

    _svc_log "installing missing packages: ${missing[*]}"
    # noninteractive: CI has no stdin. Lock timeout: another run on this machine
    # may be installing at the same moment. Output goes to stderr so that
    # `eval "$(services.sh start)"` only ever sees the export lines.
    local apt=(apt-get -o DPkg::Lock::Timeout=600 -q)
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" update >&2 ||
       ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y "${missing[@]}" >&2; then
        _svc_fail "apt-get install ${missing[*]} failed"
        return 1
    fi
    # Re-check: a package that "installed" but left no binary is still a failure.
    _svc_pg_bindir >/dev/null || { _svc_fail "postgresql installed but no server in /usr/lib/postgresql/*/bin"; return 1; }
    command -v redis-server >/dev/null || { _svc_fail "redis-server installed but not on PATH"; return 1; }
    _svc_chromium_bin >/dev/null || { _svc_fail "chromium installed but not found"; return 1; }
    _svc_has_aiosmtpd || { _svc_fail "python3-aiosmtpd installed but $_OMBUD_PYTHON cannot import aiosmtpd"; return 1; }
}

# True if something already accepts TCP connections on 127.0.0.1:$1.
_svc_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First port >= $1 that nobody listens on (scans 200 ports).
_svc_free_port() {
    local p
    for ((p = $1; p < $1 + 200; p++)); do
        _svc_port_busy "$p" || { echo "$p"; return 0; }
    done
    return 1
}

# Run a command as the postgres user when we are root (PostgreSQL refuses to run
# as root); as ourselves otherwise.
_svc_as_pg() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_svc_start_postgres() {
    local dir=$1 bindir pgdir port try
    bindir=$(_svc_pg_bindir)
    pgdir="$dir/pg"
    mkdir -p "$pgdir"
    [[ $EUID -eq 0 ]] && chown postgres: "$pgdir"
    chmod 700 "$pgdir"

    # -N: skip fsync during initdb, as with fsync=off below: a crash loses a
    # throw-away test cluster, nothing else. C.UTF-8: deterministic (code point)
    # collation but Unicode-aware upper()/lower().
    if ! _svc_as_pg "$bindir/initdb" -D "$pgdir/data" -U postgres -A trust \
            --encoding=UTF8 --locale=C.UTF-8 -N >"$pgdir/initdb.log" 2>&1; then
        cat "$pgdir/initdb.log" >&2
        _svc_fail "initdb failed"
        return 1
    fi
    cat >>"$pgdir/data/postgresql.conf" <<EOF

# --- ombud test settings (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pgdir'
max_connections = 300
# Durability is pointless for a cluster deleted after the run; these make
# CREATE DATABASE / migrations per test class much faster.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # The port is only checked for being free, so another run may grab it in
    # between; then the postmaster fails to bind and we try the next one.
    port=${OMBUD_PG_PORT:-55432}
    for try in 1 2 3 4 5; do
        port=$(_svc_free_port "$port") || { _svc_fail "no free port for PostgreSQL"; return 1; }
        if _svc_as_pg "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/postgres.log" \
                -o "-p $port" -w -t "$_OMBUD_READY_TIMEOUT" start >/dev/null 2>&1; then
            break
        fi
        _svc_log "PostgreSQL did not start on port $port (try $try), log:"
        tail -n 5 "$pgdir/postgres.log" >&2 2>/dev/null || true
        # pg_ctl -w gave up; make sure no half-started postmaster lingers.
        _svc_as_pg "$bindir/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
        port=$((port + 1))
        ((try == 5)) && { _svc_fail "PostgreSQL did not start (see $pgdir/postgres.log)"; return 1; }
    done

    # pg_ctl -w already waited; pg_isready double-checks over TCP, the way the
    # tests connect.
    local deadline=$((SECONDS + _OMBUD_READY_TIMEOUT))
    until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -t 2; do
        if ((SECONDS >= deadline)); then
            tail -n 20 "$pgdir/postgres.log" >&2 2>/dev/null || true
            _svc_fail "PostgreSQL on 127.0.0.1:$port not ready after ${_OMBUD_READY_TIMEOUT}s"
            return 1
        fi
        sleep 0.5
    done
    echo "$port" >"$dir/pg.port"
    export OMBUD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
    _svc_log "PostgreSQL ($(basename "$(dirname "$bindir")")) on 127.0.0.1:$port"
}

# Our redis-server answers on $port: checks the pid, since after a lost port
# race another run's Redis could answer the ping instead of ours.
_svc_redis_is_ours() {
    local dir=$1 port=$2 pid info
    pid=$(cat "$dir/redis/redis.pid" 2>/dev/null) || return 1
    # Captured first, not piped into grep -q: an early-exiting grep could
    # SIGPIPE redis-cli and fail the pipeline under pipefail.
    info=$(redis-cli -h 127.0.0.1 -p "$port" info server 2>/dev/null) || return 1
    [[ "$info" == *"process_id:$pid"$'\r'* ]]
}

_svc_start_redis() {
    local dir=$1 rdir="$1/redis" port try started pid
    mkdir -p "$rdir"
    port=${OMBUD_REDIS_PORT:-56379}
    for try in 1 2 3 4 5; do
        port=$(_svc_free_port "$port") || { _svc_fail "no free port for Redis"; return 1; }
        rm -f "$rdir/redis.pid"
        # No persistence at all (--save '' / appendonly no): nothing to clean up,
        # nothing slowing the tests down.
        redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
            --daemonize yes --pidfile "$rdir/redis.pid" --dir "$rdir" \
            --logfile "$rdir/redis.log" >/dev/null 2>&1 || true
        started=$SECONDS
        until _svc_redis_is_ours "$dir" "$port"; do
            pid=$(cat "$rdir/redis.pid" 2>/dev/null || true)
            # Redis writes its pidfile only once it listens, and exits when it
            # cannot bind: so a dead pid, or no pidfile for 5s, means give up
            # on this port now rather than at the timeout.
            if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then break; fi
            if [[ -z "$pid" ]] && ((SECONDS - started >= 5)); then break; fi
            if ((SECONDS - started >= _OMBUD_READY_TIMEOUT)); then break; fi
            sleep 0.2
        done
        if _svc_redis_is_ours "$dir" "$port"; then
            echo "$port" >"$dir/redis.port"
            export OMBUD_TEST_REDIS="127.0.0.1:$port"
            _svc_log "Redis ($(redis-server --version | grep -o 'v=[0-9.]*')) on 127.0.0.1:$port"
            return 0
        fi
        _svc_log "Redis did not start on port $port (try $try), log:"
        tail -n 5 "$rdir/redis.log" >&2 2>/dev/null || true
        _svc_stop_redis "$dir" "$port"
        port=$((port + 1))
    done
    _svc_fail "Redis did not come up (see $rdir/redis.log)"
    return 1
}

_svc_stop_redis() {
    local dir=$1 port=$2 pid
    pid=$(cat "$dir/redis/redis.pid" 2>/dev/null || true)
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    # Only send SHUTDOWN if the server on that port really is ours.
    if [[ -n "$port" ]] && _svc_redis_is_ours "$dir" "$port"; then
        redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
    else
        kill "$pid" 2>/dev/null || true
    fi
    local i
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

# The SMTP server's command line, without where it listens and writes: -l HOST:PORT DIR follow.
_svc_smtp_sink() {
    printf 'env PYTHONPATH=%q %q -m aiosmtpd -n -c smtp_sink.EmlDirectory' "$_OMBUD_SCRIPTS_DIR" "$_OMBUD_PYTHON"
}

_svc_start_smtp() {
    local dir=$1 sdir="$1/smtp" port try pid started
    mkdir -p "$sdir/mail"
    port=${OMBUD_SMTP_PORT:-52525}
    for try in 1 2 3 4 5; do
        port=$(_svc_free_port "$port") || { _svc_fail "no free port for the SMTP server"; return 1; }
        # Its own process group (setsid), stdin and stdout closed: `eval "$(services.sh start)"` must not wait on it.
        # The handler's directory is the last argument, after -l.
        setsid env PYTHONPATH="$_OMBUD_SCRIPTS_DIR" "$_OMBUD_PYTHON" -m aiosmtpd -n -l "127.0.0.1:$port" \
            -c smtp_sink.EmlDirectory "$sdir/mail" </dev/null >"$sdir/smtp.log" 2>&1 &
        pid=$!
        echo "$pid" >"$sdir/smtp.pid"
        started=$SECONDS
        # Listening and still alive: a server that lost the port race to another run exits at once.
        until _svc_port_busy "$port" && sleep 0.3 && kill -0 "$pid" 2>/dev/null; do
            if ! kill -0 "$pid" 2>/dev/null || ((SECONDS - started >= _OMBUD_READY_TIMEOUT)); then
                break
            fi
            sleep 0.2
        done
        if kill -0 "$pid" 2>/dev/null && _svc_port_busy "$port"; then
            echo "$port" >"$dir/smtp.port"
            export OMBUD_TEST_SMTP_HOST=127.0.0.1 OMBUD_TEST_SMTP_PORT=$port OMBUD_TEST_SMTP_DIR="$sdir/mail"
            OMBUD_TEST_SMTP_SINK=$(_svc_smtp_sink)
            export OMBUD_TEST_SMTP_SINK
            _svc_log "SMTP server (aiosmtpd $("$_OMBUD_PYTHON" -c 'import aiosmtpd; print(aiosmtpd.__version__)')) on 127.0.0.1:$port, mail in $sdir/mail"
            return 0
        fi
        _svc_log "SMTP server did not start on port $port (try $try), log:"
        tail -n 5 "$sdir/smtp.log" >&2 2>/dev/null || true
        _svc_stop_smtp "$dir"
        port=$((port + 1))
    done
    _svc_fail "the SMTP server did not come up (see $sdir/smtp.log)"
    return 1
}

_svc_stop_smtp() {
    local dir=$1 pid i
    pid=$(cat "$dir/smtp/smtp.pid" 2>/dev/null || true)
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

_svc_stop_postgres() {
    local dir=$1 bindir
    [[ -f "$dir/pg/data/postmaster.pid" ]] || return 0
    bindir=$(_svc_pg_bindir) || return 0
    # fast: disconnect clients and stop now. If even that hangs, immediate.
    _svc_as_pg "$bindir/pg_ctl" -D "$dir/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        _svc_as_pg "$bindir/pg_ctl" -D "$dir/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
}

# Start everything and export OMBUD_TEST_*. On failure, stops whatever did start.
services_start() {
    if [[ -n "${OMBUD_SERVICES_DIR:-}" && -f "$OMBUD_SERVICES_DIR/.ombud-services" ]]; then
        _svc_log "already started ($OMBUD_SERVICES_DIR)"
        return 0
    fi
    _svc_ensure_packages || return 1

    # /tmp rather than $TMPDIR: the postgres user must be able to reach the dir,
    # and a TMPDIR under /root would not be.
    local dir
    dir=$(mktemp -d /tmp/ombud-services.XXXXXX) || { _svc_fail "mktemp failed"; return 1; }
    chmod 711 "$dir"   # traversable by postgres; pg/ itself is postgres-only
    touch "$dir/.ombud-services"   # marker: services_stop only deletes dirs carrying it
    export OMBUD_SERVICES_DIR="$dir"

    if ! _svc_start_postgres "$dir" || ! _svc_start_redis "$dir" || ! _svc_start_smtp "$dir"; then
        services_stop
        return 1
    fi
    OMBUD_TEST_CHROMIUM=$(_svc_chromium_bin)
    export OMBUD_TEST_CHROMIUM
    _svc_log "Chromium at $OMBUD_TEST_CHROMIUM"
}

# Stop the servers and delete the temp dir. Safe to call twice, or after a
# start that failed halfway.
services_stop() {
    local dir=${OMBUD_SERVICES_DIR:-}
    [[ -n "$dir" && -d "$dir" ]] || return 0
    if [[ ! -f "$dir/.ombud-services" ]]; then
        _svc_log "not deleting $dir: it was not made by services.sh"
        return 1
    fi
    _svc_stop_postgres "$dir"
    _svc_stop_redis "$dir" "$(cat "$dir/redis.port" 2>/dev/null || true)"
    _svc_stop_smtp "$dir"
    rm -rf "$dir"
    unset OMBUD_SERVICES_DIR OMBUD_TEST_POSTGRES OMBUD_TEST_REDIS OMBUD_TEST_CHROMIUM \
        OMBUD_TEST_SMTP_HOST OMBUD_TEST_SMTP_PORT OMBUD_TEST_SMTP_DIR OMBUD_TEST_SMTP_SINK
    _svc_log "stopped, removed $dir"
}

# Command mode: only when executed, not when sourced.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -uo pipefail
    case "${1:-}" in
        start)
            services_start || exit 1
            # Only these lines go to stdout, for eval.
            for v in OMBUD_SERVICES_DIR OMBUD_TEST_POSTGRES OMBUD_TEST_REDIS OMBUD_TEST_CHROMIUM \
                OMBUD_TEST_SMTP_HOST OMBUD_TEST_SMTP_PORT OMBUD_TEST_SMTP_DIR OMBUD_TEST_SMTP_SINK; do
                printf 'export %s=%q\n' "$v" "${!v}"
            done
            ;;
        stop)
            services_stop
            ;;
        *)
            echo "usage: $0 start|stop   (eval \"\$($0 start)\"; ...; $0 stop)" >&2
            exit 2
            ;;
    esac
fi

#!/usr/bin/env bash
# Assistant benchmark, end to end: a Release build of Ombud on a fresh database with the demo world (its demo shopper
# is who the conversations sign in as), loaded by bench/Ombud.Bench.Assistant with N concurrent SignalR
# conversations; the server's own turn latency is read from its admin endpoint. Machine, load average and date are
# printed beside the figures for docs/benchmarks.md.
#
#   bench/assistant.sh [sqlite|postgres] [conversations] [turns-per-conversation] [more bench options, e.g. --duration 60]
#
# Unpaced, each conversation sends as soon as it is answered: a closed loop, where a turn's wait is the conversations
# over the throughput (200 at 1,000 turns/s: ~200 ms) whatever a turn costs. --rate N sends N turns a second in all on
# a fixed schedule, for the latency of a turn at a given rate below capacity.
# postgres: OMBUD_BENCH_POSTGRES is an admin Npgsql connection string to an existing server (else
# OMBUD_TEST_POSTGRES, from a scripts/services.sh already started in this shell); a database
# ombud_bench_<random> is created on it and dropped afterwards. With neither, scripts/services.sh starts one.
# OMBUD_BENCH_SERVER_DLL: benchmark that ombud.dll instead of building src/Ombud (e.g. another branch's build).
# OMBUD_BENCH_PORT: the loopback port to serve on (default: a free one).
# Chatter goes to stderr; stdout carries only the results block.
set -euo pipefail

usage() {
  echo "usage: bench/assistant.sh [sqlite|postgres] [conversations=200] [turns-per-conversation=8] [bench options, e.g. --turns 30000 --duration 60]" >&2
  exit 2
}

provider="${1:-sqlite}"
conversations="${2:-200}"
turns_per_conversation="${3:-8}"
extra=("${@:4}")
[[ $provider == sqlite || $provider == postgres ]] || usage
[[ $conversations =~ ^[1-9][0-9]*$ && $turns_per_conversation =~ ^[1-9][0-9]*$ ]] || usage
for option in "${extra[@]}"; do
  # The script owns these; passing them again would point the load somewhere else or break the results block.
  case "$option" in --url | --key | --json | --shopper | --password) echo "bench/assistant.sh sets $option itself" >&2; usage ;; esac
done

bench_name=assistant.sh
bench_project=Ombud.Bench.Assistant
# The demo world gives the conversations a shopper with real orders and plans, and the account they sign in with.
bench_demo=true
bench_key_name=bench-assistant
bench_key_scope=admin
# Demo seeding happens before the node answers ready; on a busy machine it takes a while.
bench_ready_seconds=180
# The node's CPU is counted over the measured turns only (the tool says when the warm-up is over).
bench_cpu_mark='^measuring: '
# Every conversation signs in as the one demo shopper, so a shopper's daily quota of new conversations (20 by default)
# would refuse all but the first few; the bench lifts it for its own server only.
export Ombud__Assistant__ConversationsPerDay="${OMBUD_BENCH_CONVERSATIONS_PER_DAY:-100000000}"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- load ----------------------------------------------------------------------------------------------------

say "running $conversations conversations of $turns_per_conversation turns${extra[*]:+ with ${extra[*]}}"
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
bench_run --conversations "$conversations" --turns-per-conversation "$turns_per_conversation" "${extra[@]}"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
# Where the server's turn time went in the measured window (shares), and how many turns found their facts kept.
phases="$(curl -fsS --max-time 10 -H "Authorization: Bearer $api_key" "$url/api/v1/admin/assistant/turn-latency" 2>/dev/null | jq -c .phases 2>/dev/null || true)"

# --- report --------------------------------------------------------------------------------------------------

bench_report_facts
cat <<EOF

### Assistant turns, $provider, $(date -u '+%Y-%m-%d %H:%M UTC')

- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${memory:-unknown memory}, $(uname -sr); load average before $load_before, after $load_after
- build: $commit, .NET ${runtime:-unknown}, $server_build, log level Warning, demo world on
- database: $database_label
- load: $conversations concurrent SignalR conversations of $turns_per_conversation turns as the demo shopper${extra[*]:+, options ${extra[*]}}; bench and server share the machine over loopback

| turns | errors | seconds | turns/s | server p50 ms | server p90 ms | server p99 ms | server p99.9 ms | server max ms | round trip p50 ms | round trip p99 ms |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $(field turns) | $(field errors) | $(field seconds) | $(field turns_per_second) | $(field server_p50_ms) | $(field server_p90_ms) | $(field server_p99_ms) | $(field server_p999_ms) | $(field server_max_ms) | $(field round_trip_p50_ms) | $(field round_trip_p99_ms) |

| | turns (server) | server p50 ms | server p99 ms | round trip p50 ms | round trip p99 ms |
|---|---:|---:|---:|---:|---:|
| conversations' first turns | $(field first_turns) | $(field server_first_p50_ms) | $(field server_first_p99_ms) | $(field round_trip_first_p50_ms) | $(field round_trip_first_p99_ms) |
| later turns | | $(field server_later_p50_ms) | $(field server_later_p99_ms) | $(field round_trip_later_p50_ms) | $(field round_trip_later_p99_ms) |

server time by part of the turn: ${phases:-unknown}

node CPU over the measured turns (/proc, user + system): $node_cpu_run_ms ms, $(awk -v ms="$node_cpu_run_ms" -v t="$(field turns)" 'BEGIN { printf "%.3f", (t > 0 ? ms / t : 0) }') ms a turn

json: $json
EOF
bench_write_time

#!/usr/bin/env bash
# Risk-decision benchmark, end to end: a Release build of Ombud (or OMBUD_BENCH_SERVER_DLL's) on a fresh database
# with the demo world (its orders, labels, cases and live rules), loaded by bench/Ombud.Bench.Risk with N concurrent
# callers of POST /api/v1/risk/score for a fixed time; then the same tool's in-process mode (the model and 20 rules on
# precomputed features, one thread). Measuring starts only when the demo world is seeded, its background work (event
# deliveries) has drained and the node's decisions rest on a model. Machine, load average and date are printed beside
# the figures for docs/benchmarks.md, and the CPU one decision costs in the node, in PostgreSQL (when its files are
# readable here, i.e. a local server) and in the load generator: on a busy machine these move less than the rate.
#
#   bench/risk.sh [sqlite|postgres] [callers=16] [seconds=30] [more bench options, e.g. --warmup 10 --orders 500]
#
# OMBUD_BENCH_RISK_MODEL: a model file ('ombud fraud train --out …') the node scores with; without it the node trains
# the demo world's own model at start (or reuses the one it kept under its data folder) and the bench waits for it.
# postgres: OMBUD_BENCH_POSTGRES is an admin Npgsql connection string to an existing server (else
# OMBUD_TEST_POSTGRES, from a scripts/services.sh already started in this shell); a database
# ombud_bench_<random> is created on it and dropped afterwards. With neither, scripts/services.sh starts one.
# OMBUD_BENCH_SERVER_DLL: benchmark that ombud.dll instead of building src/Ombud (e.g. another branch's build, or the
# ReadyToRun publish a deployment runs: dotnet publish src/Ombud -p:PublishProfile=Server, docs/operations.md).
# OMBUD_BENCH_PORT: the loopback port to serve on (default: a free one).
# Chatter goes to stderr; stdout carries only the results block.
set -euo pipefail

usage() {
  echo "usage: bench/risk.sh [sqlite|postgres] [callers=16] [seconds=30] [bench options, e.g. --warmup 10 --orders 500]" >&2
  exit 2
}

provider="${1:-postgres}"
callers="${2:-16}"
seconds="${3:-30}"
extra=("${@:4}")
[[ $provider == sqlite || $provider == postgres ]] || usage
[[ $callers =~ ^[1-9][0-9]*$ && $seconds =~ ^[1-9][0-9]*$ ]] || usage
for option in "${extra[@]}"; do
  # The script owns these; passing them again would point the load somewhere else or break the results block.
  case "$option" in --url | --key | --json | --callers | --seconds | --wait-model) echo "bench/risk.sh sets $option itself" >&2; usage ;; esac
done

model="${OMBUD_BENCH_RISK_MODEL:-}"
if [[ -n $model ]]; then
  [[ -f $model ]] || { echo "risk.sh: OMBUD_BENCH_RISK_MODEL=$model does not exist" >&2; exit 2; }
  model="$(cd "$(dirname "$model")" && pwd)/$(basename "$model")"
  export Ombud__Fraud__ModelPath="$model"
fi

# One key's rate limit (Ombud:RateLimits:PerKey, 120,000 a minute = 2,000/s) is below the 2,240 decisions/s target: the
# bench's one key may ask as fast as the node answers.
export Ombud__RateLimits__PerKey="${Ombud__RateLimits__PerKey:-100000000}"

bench_name=risk.sh
bench_project=Ombud.Bench.Risk
# The demo world gives the decisions real orders with linked history, labels and live analyst rules.
bench_demo=true
bench_key_name=bench-risk
# ingest lists the orders to score; risk asks for decisions.
bench_key_scope="ingest risk"
# Demo seeding happens before the node answers ready; on a busy machine it takes a while.
bench_ready_seconds=300
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- wait for the node's own work ----------------------------------------------------------------------------

# Event deliveries still pending (the demo's cases, rings and their subscribers), counted in the database itself.
pending_deliveries() {
  local sql="SELECT count(*) FROM platform_event_deliveries WHERE \"Status\" = 'Pending'"
  if [[ $provider == sqlite ]]; then
    sqlite3 "$work/ombud.db" "$sql" 2>/dev/null || echo unknown
  else
    pg_admin -d "$pg_database" -Atc "$sql" 2>/dev/null || echo unknown
  fi
}

if command -v "$([[ $provider == sqlite ]] && echo sqlite3 || echo psql)" >/dev/null; then
  say "waiting for the node's pending event deliveries to drain"
  for attempt in $(seq 600); do
    left="$(pending_deliveries)"
    [[ $left == 0 || $left == unknown ]] && break
    [[ $((attempt % 10)) -ne 1 ]] || say "$left deliveries pending"
    sleep 1
  done
  say "pending deliveries: $left"
else
  say "no $([[ $provider == sqlite ]] && echo sqlite3 || echo psql) to watch the node's pending work with; measuring at once"
fi

# --- load ----------------------------------------------------------------------------------------------------

# The node's CPU seconds (user + system) from /proc, to give the CPU one decision costs.
server_cpu() { awk '{ printf "%.2f", ($14 + $15) / '"$(getconf CLK_TCK)"' }' "/proc/$server_pid/stat" 2>/dev/null || echo 0; }

# PostgreSQL's CPU seconds: its postmaster (with the backends it has reaped) and its live backends and workers, found
# through the server's own postmaster.pid; empty where that is not readable here (another machine, another user's files).
postgres_pid=""
if [[ $provider == postgres ]]; then
  data_directory="$(pg_admin -d "$pg_database" -Atc 'SHOW data_directory' 2>/dev/null || true)"
  [[ -z $data_directory || ! -r $data_directory/postmaster.pid ]] || postgres_pid="$(head -n 1 "$data_directory/postmaster.pid")"
fi
postgres_cpu() {
  [[ -n $postgres_pid ]] || return 0
  # Read through cat: a process that ends between the glob and the read is skipped, where mawk would stop at its file
  # (exit 2, which ended the whole script under set -e).
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$postgres_pid" -v hz="$(getconf CLK_TCK)" '{ pid = $1; sub(/^.*\) /, "")
      if (pid == pm) t += $12 + $13 + $14 + $15; else if ($2 == pm) t += $12 + $13 }
    END { printf "%.2f", t / hz }'
}

# The load generator's CPU seconds: it is this shell's child, counted in the children's times once it has ended. bash's
# `times` is written to a file by this shell itself: in a $(…) subshell it would count the subshell's children.
children_cpu() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"; }

say "running $callers callers for $seconds s${extra[*]:+ with ${extra[*]}}"
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
cpu_before="$(server_cpu)"
postgres_before="$(postgres_cpu)"
times >"$work/times.before"
log_before="$(wc -l <"$work/server.log")"
bench_run --callers "$callers" --seconds "$seconds" --wait-model 600 "${extra[@]}"
cpu_after="$(server_cpu)"
postgres_after="$(postgres_cpu)"
times >"$work/times.after"
log_after="$(wc -l <"$work/server.log")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
bench_report_facts
all_decisions=$(($(field decisions) + $(field warmup_decisions) + 1))
per_decision() { awk -v a="$1" -v b="$2" -v n="$all_decisions" 'BEGIN { printf "%.2f", (b - a) * 1000 / n }'; }
cpu_per_decision="$(per_decision "$cpu_before" "$cpu_after")"
postgres_per_decision="$([[ -n $postgres_pid ]] && per_decision "$postgres_before" "$postgres_after" || echo "not measured")"
bench_per_decision="$(per_decision "$(children_cpu "$work/times.before")" "$(children_cpu "$work/times.after")")"
# With EF Core's command log on (Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information), the
# database commands the node ran over the load (warm-up included, background loops too) per decision.
commands="$(sed -n "$((log_before + 1)),${log_after}p" "$work/server.log" | grep -c 'Executed DbCommand' || true)"
commands_per_decision="$([[ $commands -gt 0 ]] && awk -v c="$commands" -v n="$all_decisions" 'BEGIN { printf "%.1f (%d commands)", c / n, c }' || echo "not logged")"

# The same decision in process, on the model the node used: what the model and 20 rules cost without database or HTTP.
rules_model="${model:-$ombud_dir/data/risk-model.zip}"
[[ -f $rules_model ]] || rules_model=""
say "in process: 20 rules${rules_model:+ and the model $rules_model}"
in_process="$(dotnet "$bench_dll" rules ${rules_model:+"$rules_model"} 50000 | grep -E 'decisions/s' || echo 'the in-process run failed')"

# --- report --------------------------------------------------------------------------------------------------

cat <<EOF

### Risk decisions, $provider, $(date -u '+%Y-%m-%d %H:%M UTC')

- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${memory:-unknown memory}, $(uname -sr); load average before $load_before, after $load_after
- build: $commit, .NET ${runtime:-unknown}, $server_build, log level Warning, demo world on
- database: $database_label
- model: ${model:-the demo world's own, trained at start or kept under the node's data folder}; decisions' basis: $(sed -nE 's/.*"basis":"([^"]*)".*/\1/p' <<<"$json")
- load: $callers concurrent callers of POST /api/v1/risk/score on stored demo orders${extra[*]:+, options ${extra[*]}}; bench, node and database share the machine over loopback

| decisions | errors | seconds | decisions/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | node CPU ms per decision |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $(field decisions) | $(field errors) | $(field seconds) | $(field decisions_per_second) | $(field p50_ms) | $(field p90_ms) | $(field p99_ms) | $(field p999_ms) | $(field max_ms) | $cpu_per_decision |

CPU ms per decision over the load (warm-up included): node $cpu_per_decision, PostgreSQL $postgres_per_decision, load generator $bench_per_decision.
Database commands per decision over the load: $commands_per_decision

In process, one thread, 50,000 synthetic orders (\`ombud-bench-risk rules${rules_model:+ <model>} 50000\`):

\`\`\`
$in_process
\`\`\`

json: $json
EOF
bench_write_time

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

bench_name=ingest.sh
bench_project=Ombud.Bench.Ingest
bench_demo=false
bench_key_name=bench
bench_key_scope=ingest
bench_ready_seconds=60
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- load ----------------------------------------------------------------------------------------------------

say "running $orders orders at concurrency $concurrency${extra[*]:+ with ${extra[*]}}"
bench_run --orders "$orders" --concurrency "$concurrency" "${extra[@]}"

# --- report --------------------------------------------------------------------------------------------------

bench_report_facts
errors_by_status="$(sed -nE 's/.*"errors_by_status":(\{[^}]*\}).*/\1/p' <<<"$json")"
[[ $errors_by_status != "{}" && -n $errors_by_status ]] || errors_by_status="none"

cat <<EOF

### Order ingestion, $provider, $(date -u '+%Y-%m-%d %H:%M UTC')

- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${memory:-unknown memory}, $(uname -sr)
- build: $commit, .NET ${runtime:-unknown}, $server_build, log level Warning, demo data off
- database: $database_label
- load: $orders orders, $concurrency workers${extra[*]:+, options ${extra[*]}}; bench and server share the machine over loopback

| orders | errors | seconds | orders/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $(field orders) | $(field errors) | $(field seconds) | $(field orders_per_second) | $(field p50_ms) | $(field p90_ms) | $(field p99_ms) | $(field p999_ms) | $(field max_ms) |

errors by status: $errors_by_status
json: $json
EOF
bench_write_time

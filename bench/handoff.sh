#!/usr/bin/env bash
# Hand-off to offer, end to end: a Release build of Ombud on a fresh database with a demo world and a sign-in account for
# each of its first customers ('ombud seed --shopper-accounts'), loaded by bench/Ombud.Bench.Handoff. The first accounts
# in good standing apply to become agents, get certified through the admin API and go online on /hubs/agents; the others
# press "Talk to a person" at a fixed rate (open loop), one place in the queue per shopper at a time. Each agent accepts
# every offer and wraps up at once. Measured per hand-off, on this machine's clock: from the acknowledgement of the
# hand-off request to the offer's arrival on the agent's SignalR connection. Machine, load average and date are printed
# beside the figures for docs/benchmarks.md.
#
#   bench/handoff.sh [sqlite|postgres] [rate=200] [seconds=30] [agents=40] [more bench options, e.g. --capacity 2 --warmup 10]
#
# OMBUD_BENCH_SHOPPERS: shoppers handing off (default 2 × rate: a shopper is free again once their conversation is
# wrapped up, so this many cover two seconds of hand-offs in flight).
# postgres: OMBUD_BENCH_POSTGRES is an admin Npgsql connection string to an existing server (else
# OMBUD_TEST_POSTGRES, from a scripts/services.sh already started in this shell); a database
# ombud_bench_<random> is created on it and dropped afterwards. With neither, scripts/services.sh starts one.
# OMBUD_BENCH_SERVER_DLL: benchmark that ombud.dll instead of building src/Ombud (e.g. another branch's build).
# OMBUD_BENCH_PORT: the loopback port to serve on (default: a free one).
# Chatter goes to stderr; stdout carries only the results block.
set -euo pipefail

usage() {
  echo "usage: bench/handoff.sh [sqlite|postgres] [rate=200] [seconds=30] [agents=40] [bench options, e.g. --capacity 2 --warmup 10 --miss-after 10]" >&2
  exit 2
}

provider="${1:-sqlite}"
rate="${2:-200}"
seconds="${3:-30}"
agents="${4:-40}"
extra=("${@:5}")
[[ $provider == sqlite || $provider == postgres ]] || usage
[[ $rate =~ ^[1-9][0-9]*$ && $seconds =~ ^[1-9][0-9]*$ && $agents =~ ^[1-9][0-9]*$ ]] || usage
for option in "${extra[@]}"; do
  # The script owns these; passing them again would point the load somewhere else or break the results block.
  case "$option" in --url | --key | --json | --accounts | --password | --rate | --seconds | --agents) echo "bench/handoff.sh sets $option itself" >&2; usage ;; esac
done
shoppers="${OMBUD_BENCH_SHOPPERS:-$((rate * 2))}"
[[ $shoppers =~ ^[1-9][0-9]*$ ]] || usage
# Some demo customers are not in good standing (unpaid instalments, fraud cases) and stay shoppers when they apply.
accounts=$((shoppers + agents * 2))
customers=$((accounts + 50))

bench_name=handoff.sh
bench_project=Ombud.Bench.Handoff
# The world is seeded by bench_prepare with accounts for its shoppers; demo mode would add its own cast and traffic.
bench_demo=false
bench_key_name=bench-handoff
bench_key_scope=admin
bench_ready_seconds=180
# The node's CPU is counted from the agents online and the shoppers signed in on.
bench_cpu_mark=' agents online, '
# Limits meant for one person or one address: here one address signs in hundreds of people, and each shopper opens
# many conversations in a run. Lifted for the bench's own server only.
export Ombud__RateLimits__SignInPerAddress=100000000
export Ombud__RateLimits__PerAnonymousAddress=100000000
export Ombud__RateLimits__PerPerson=100000000
export Ombud__Assistant__ConversationsPerDay=100000000

bench_prepare() {
  # Outside demo mode a node wants a certificate for its data-protection keys (docs/operations.md); one for this run.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ombud bench key encryption" -keyout "$work/keys.pem" -out "$work/keys.crt" \
    >/dev/null 2>&1 && openssl pkcs12 -export -inkey "$work/keys.pem" -in "$work/keys.crt" -out "$work/keys.pfx" -passout pass:bench >/dev/null 2>&1 \
    || { say "openssl could not make the data-protection certificate"; exit 1; }
  export Ombud__DataProtection__CertificatePath="$work/keys.pfx" Ombud__DataProtection__CertificatePassword=bench
  say "seeding $customers customers with $accounts shopper accounts"
  ombud seed --customers "$customers" --shopper-accounts "$accounts" >"$work/seed.out" 2>"$work/seed.err" || { cat "$work/seed.err" >&2; exit 1; }
  sed -n 's/^shopper-account //p' "$work/seed.out" >"$work/accounts.txt"
  OMBUD_BENCH_SHOPPER_PASSWORD="$(sed -n 's/^shopper-password //p' "$work/seed.out")"
  export OMBUD_BENCH_SHOPPER_PASSWORD
  [[ -n $OMBUD_BENCH_SHOPPER_PASSWORD && -s $work/accounts.txt ]] || { say "ombud seed printed no accounts"; exit 1; }
}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- load ----------------------------------------------------------------------------------------------------

say "handing off at $rate/s for $seconds s to $agents agents${extra[*]:+ with ${extra[*]}}"
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
bench_run --accounts "$work/accounts.txt" --agents "$agents" --rate "$rate" --seconds "$seconds" "${extra[@]}"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

# --- report --------------------------------------------------------------------------------------------------

bench_report_facts
cpu_per_offer() { awk -v ms="$1" -v offers="$(field offers_taken)" 'BEGIN { if (offers > 0) printf "%.1f", ms / offers; else print "n/a" }'; }
cat <<EOF2

### Hand-off to offer, $provider, $(date -u '+%Y-%m-%d %H:%M UTC')

- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${memory:-unknown memory}, $(uname -sr); load average before $load_before, after $load_after
- build: $commit, .NET ${runtime:-unknown}, $server_build, log level Warning, demo mode off (world seeded with $customers customers)
- database: $database_label
- load: $(field agents) agents × $(field capacity) on /hubs/agents, $(field shoppers) shoppers pressing "Talk to a person" at $rate/s for $seconds s after a warm-up${extra[*]:+, options ${extra[*]}}; bench and server share the machine over loopback

| hand-offs | achieved /s | offered | p50 ms | p95 ms | p99 ms | max ms | misses (> $(field miss_after_s) s) | no free shopper | errors | request p50 ms | request p99 ms |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $(field handoffs) | $(field achieved_rate) | $(field offered) | $(field p50_ms) | $(field p95_ms) | $(field p99_ms) | $(field max_ms) | $(field misses) | $(field no_free_shopper) | $(field errors) | $(field request_p50_ms) | $(field request_p99_ms) |

p50…max: from the hand-off request's acknowledgement to the offer on the agent's connection. request: the shopper's two
requests themselves (open a conversation, press "Talk to a person"), not part of the latency. offered: measured hand-offs
only; the server's dispatch rate is the offers the agents took in the whole run, warm-up's places included: $(field offers_taken)
($(field offers_taken_rate)/s). Measured hand-offs queue behind the places still waiting from before them.
Where the time goes, by the server's stamps on each offer and this machine's clock: hand-off requested → offer made
p50 $(field to_offer_p50_ms) ms, p99 $(field to_offer_p99_ms) ms; offer made → on the agent's connection p50
$(field offer_to_arrival_p50_ms) ms, p99 $(field offer_to_arrival_p99_ms) ms.
CPU from the agents online to the run's end (warm-up and the last offers included; sign-ins not), from /proc: the node $node_cpu_run_ms ms, PostgreSQL's
backends for this database $pg_cpu_run_ms ms; per offer taken: the node $(cpu_per_offer "$node_cpu_run_ms") ms, PostgreSQL $(cpu_per_offer "$pg_cpu_run_ms") ms.

json: $json
EOF2
bench_write_time

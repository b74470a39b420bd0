#!/usr/bin/env bash
# The storage limit beside bench/ingest.sh postgres: ../shared/limits/raw-ingest.sh (an order's rows with raw prepared
# Npgsql statements, one transaction per order, 16 connections) on a fresh database that this build's `ombud migrate`
# made on the same server, dropped afterwards. Run it right before or after bench/ingest.sh and quote both.
#
#   bench/raw-baseline.sh [orders=20000] [workers=16] [warmup=3000] [batch|each] [mix|payIn4]
#
# OMBUD_BENCH_POSTGRES (else OMBUD_TEST_POSTGRES) is an admin Npgsql connection string; OMBUD_LIMITS is the limits
# folder (default ../shared/limits beside this repository).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
limits=${OMBUD_LIMITS:-$root/../shared/limits}
admin=${OMBUD_BENCH_POSTGRES:-${OMBUD_TEST_POSTGRES:-}}
[[ -n $admin ]] || { echo "set OMBUD_BENCH_POSTGRES or OMBUD_TEST_POSTGRES (eval \"\$(scripts/services.sh start)\")" >&2; exit 2; }
[[ -x $limits/raw-ingest.sh ]] || { echo "no $limits/raw-ingest.sh (set OMBUD_LIMITS)" >&2; exit 2; }

name="ombud_raw_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
conn="$(sed -E 's/(^|;)Database=[^;]*/\1Database='"$name"'/' <<<"$admin")"
[[ $conn == *"Database=$name"* ]] || conn="$conn;Database=$name"

dotnet build "$root/src/Ombud" -c Release -nologo -v quiet >&2
dll="$(dotnet msbuild "$root/src/Ombud/Ombud.csproj" -nologo -getProperty:TargetPath -p:Configuration=Release)"
pg() { PGCONNECT_TIMEOUT=10 psql "$(sed -E 's/;/ /g; s/Username=/user=/; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/; s/Include Error Detail=[^ ]*//; s/Password=/password=/' <<<"$admin")" -v ON_ERROR_STOP=1 -qc "$1" >&2; }
pg "CREATE DATABASE $name"
trap 'pg "DROP DATABASE IF EXISTS $name WITH (FORCE)"' EXIT
(cd "$(dirname "$dll")" && Ombud__Database__Provider=postgres Ombud__Database__ConnectionString="$conn" dotnet "$(basename "$dll")" migrate >&2)
"$limits/raw-ingest.sh" "$conn" "$@"

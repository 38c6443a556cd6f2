#!/usr/bin/env bash
# The benchmark suite in one command: tests/benchmark.sh (full: embedded and cluster mode, several minutes)
# or tests/benchmark.sh --smoke (embedded only, about a minute; figures not meaningful).
# Installs wrk when missing; for cluster mode starts a private PostgreSQL unless BENCH_POSTGRES names one.
# --no-build runs the existing build of configuration $BENCH_CONFIGURATION (default Release; the test suite
# uses it); other arguments go to the benchmark: --mode embedded|cluster, --postgres CONNSTR,
# --only pipeline,http,writes,notifications, --events N.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package wrk)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk >/dev/null
fi

build=1
smoke=0
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --smoke) smoke=1; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$smoke" = 0 ] && [ -z "${BENCH_POSTGRES:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ]; then
    echo "Installing PostgreSQL (Debian package postgresql)..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  # initdb refuses to run as root, so the server belongs to the postgres user when we are root.
  run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  pg_dir=$(mktemp -d /tmp/bench-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  stop_pg() {
    run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  trap stop_pg EXIT
  run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust >/dev/null
  # Durable like production (fsync on): the writes rows measure real commits.
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c max_connections=300" start >/dev/null
  export BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
fi

configuration=${BENCH_CONFIGURATION:-Release}
if [ "$build" = 1 ]; then
  dotnet build tests/Benchmarks/Benchmarks.csproj --configuration "$configuration" --nologo -v quiet
fi
dotnet "tests/Benchmarks/bin/$configuration/net10.0/Benchmarks.dll" "${args[@]}"

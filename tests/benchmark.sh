#!/usr/bin/env bash
# The benchmark suite in one command: tests/benchmark.sh (full: embedded and cluster mode, several minutes)
# or tests/benchmark.sh --smoke (embedded only, about a minute; figures not meaningful).
# Installs wrk and the Django peer's Debian packages when missing; for cluster mode starts a private PostgreSQL unless BENCH_POSTGRES names one.
# --no-build runs the existing build of configuration $BENCH_CONFIGURATION (default Release; the test suite
# uses it); other arguments go to the benchmark: --mode embedded|cluster, --postgres CONNSTR,
# --only idle,pipeline,http,writes,notifications,provider,feed,seen, --events N.
set -euo pipefail
cd "$(dirname "$0")/.."

source tests/private-postgres.sh

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package wrk)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk >/dev/null
fi

# The writes row's peer (tests/Benchmarks/Peer): Debian's Django REST framework under gunicorn.
if [ ! -x /usr/bin/gunicorn ] || ! /usr/bin/python3 -c "import rest_framework" 2>/dev/null; then
  echo "Installing the Django peer (Debian packages python3-djangorestframework gunicorn)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-djangorestframework gunicorn >/dev/null
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
  # Durable like production (fsync on): the writes rows measure real commits.
  start_private_postgres
  export BENCH_POSTGRES="$PRIVATE_POSTGRES"
fi

configuration=${BENCH_CONFIGURATION:-Release}
if [ "$build" = 1 ]; then
  dotnet build tests/Benchmarks/Benchmarks.csproj --configuration "$configuration" --nologo -v quiet
fi
dotnet "tests/Benchmarks/bin/$configuration/net10.0/Benchmarks.dll" "${args[@]}"

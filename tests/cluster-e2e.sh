#!/usr/bin/env bash
# The cluster end-to-end run alone: 3 silos + 2 Api nodes as real processes on a private PostgreSQL and
# the standalone Kafka broker, a silo killed under load, then a rolling restart. Prints the counts.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash tests/run.sh --filter "FullyQualifiedName~ClusterEndToEnd" --logger "console;verbosity=detailed" "$@"

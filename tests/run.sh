#!/usr/bin/env bash
# The test command: installs what is missing (PostgreSQL, Node.js and the test OpenID Provider's packages),
# starts a private PostgreSQL on a free loopback port, runs every test of the solution, and stops what it
# started, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  echo "Installing PostgreSQL (Debian package postgresql)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# The social sign-in tests run a real OpenID Provider (tests/oidc-provider) on Node.js.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Installing Node.js (Debian packages nodejs, npm)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi
oidc_dir=tests/oidc-provider
if [ ! -f "$oidc_dir/node_modules/.package-lock.json" ] || [ "$oidc_dir/package-lock.json" -nt "$oidc_dir/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$oidc_dir" --no-audit --no-fund
fi

# initdb refuses to run as root, so the server belongs to the postgres user when we are root.
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir=$(mktemp -d /tmp/platform-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop_pg() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT

run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c max_connections=300 -c fsync=off" start >/dev/null
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$pg_port"

export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
dotnet test Orleans.sln --configuration Release "$@"

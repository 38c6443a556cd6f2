#!/usr/bin/env bash
# The test command: installs what is missing (PostgreSQL, Node.js, the test OpenID Provider's and the browser
# checks' packages, Chromium, wrk, docker-compose, yamllint),
# starts a private PostgreSQL on a free loopback port, publishes the Api and the Silo as their Dockerfiles do,
# checks the code conventions, runs every test of the solution, and stops and removes what it started, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

source tests/private-postgres.sh

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

# Pages are checked in a real browser: Debian's Chromium, driven by puppeteer-core (tests/browser).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package chromium)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
browser_dir=tests/browser
if [ ! -f "$browser_dir/node_modules/.package-lock.json" ] || [ "$browser_dir/package-lock.json" -nt "$browser_dir/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$browser_dir" --no-audit --no-fund
fi

# The benchmark's smoke run (part of the suite) drives HTTP with wrk and starts the writes row's Django peer;
# install them here, not inside a test's deadline.
if ! command -v wrk >/dev/null || [ ! -x /usr/bin/gunicorn ] || ! /usr/bin/python3 -c "import rest_framework" 2>/dev/null; then
  echo "Installing wrk and the Django peer (Debian packages wrk python3-djangorestframework gunicorn)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk python3-djangorestframework gunicorn >/dev/null
fi

# compose.yaml is validated by a real Compose implementation (no engine needed for `config`).
if ! command -v docker-compose >/dev/null; then
  echo "Installing docker-compose (Debian package docker-compose)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq docker-compose >/dev/null
fi

# The Kubernetes manifests (deploy/kubernetes) are checked by yamllint besides the tests' own reading.
if ! command -v yamllint >/dev/null; then
  echo "Installing yamllint (Debian package yamllint)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq yamllint >/dev/null
fi

# The conventions in .editorconfig (namespaces that match folders, braces, naming, no unused usings, layout) are part
# of the run: a change that breaks one fails here, before any test. `dotnet format Orleans.sln` fixes most of them.
dotnet format Orleans.sln --verify-no-changes

# fsync off: the tests need a correct server, not a durable one, and run faster without.
start_private_postgres fsync=off

# Both projects published as their Dockerfiles publish them; PublishedBuildTests start the result as an
# unprivileged user, so it lives in a folder every user can read.
published=$(mktemp -d /tmp/platform-published.XXXXXX)
chmod 755 "$published"
trap 'stop_private_postgres; rm -rf "$published"' EXIT
dotnet publish Api/Api.csproj --configuration Release --output "$published/Api" -nologo -v quiet
dotnet publish Silo/Silo.csproj --configuration Release --output "$published/Silo" -nologo -v quiet
export PLATFORM_TEST_PUBLISHED="$published"

export PLATFORM_TEST_POSTGRES="$PRIVATE_POSTGRES"
dotnet test Orleans.sln --configuration Release "$@"

#!/usr/bin/env bash
# Runs the district service tests against PostgreSQL: a throwaway cluster in a temporary
# directory, on a free port, removed afterwards. Usage (from anywhere):
#   district/tests/pg.sh [extra cargo test args]
# Uses the PostgreSQL binaries on PATH or in /usr/lib/postgresql/*/bin, installing the
# Debian `postgresql` package when there are none. As root, the cluster runs as the
# unprivileged user `pgtest` (PostgreSQL refuses to run as root).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"

find_bin() {
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg.sh: installing PostgreSQL (apt-get install -y postgresql)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(find_bin)"
fi
[ -x "$bin/initdb" ] || { echo "pg.sh: no initdb found" >&2; exit 1; }

tmp="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
run=()
if [ "$(id -u)" = 0 ]; then
    id pgtest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin pgtest
    chown pgtest "$tmp"
    run=(runuser -u pgtest --)
fi

stop() {
    "${run[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap stop EXIT

"${run[@]}" "$bin/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --no-locale >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; exit 1; }
"${run[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
    -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
    || { cat "$tmp/server.log" >&2; exit 1; }

export PUSKESOS_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "pg.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port" >&2
cd "$root"
cargo test -p puskesos-district "$@"

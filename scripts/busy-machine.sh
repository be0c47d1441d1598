#!/usr/bin/env bash
# `npm run test:busy [-- RUNS]`: the extension-host and UI layers RUNS times in a row (default 3) while
# another process keeps the cores busy, as CI's 2 cores are when other work shares them. A test that
# waits for time instead of for the state the user would see passes on an idle machine and fails here.
# Load: stress-ng --cpu N (installed with apt when it can be), else a Node busy loop; N = BUSY_CPUS or 2.
# Exits non-zero if any run fails; the load always stops, on failure and on Ctrl+C too.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${1:-3}
cpus=${BUSY_CPUS:-2}
say() { echo "busy-machine: $*"; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { say "the number of runs must be a positive whole number, not '$runs'" >&2; exit 2; }

node scripts/bootstrap.mjs --vscode-host || exit 1

if ! command -v stress-ng >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  say "apt-get install stress-ng (the CPU load)"
  { apt-get -o DPkg::Lock::Timeout=600 update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends stress-ng >/dev/null; } \
    || say "could not install stress-ng; a Node busy loop makes the load instead"
fi

# Its own session, so stopping it stops every worker it forked.
if command -v stress-ng >/dev/null; then
  say "load: stress-ng --cpu $cpus"
  setsid stress-ng --cpu "$cpus" --quiet 2>/dev/null &
else
  say "load: a Node busy loop on $cpus worker threads"
  setsid node -e "const { Worker } = require('node:worker_threads');
    for (let i = 0; i < Number(process.argv[1]); i++) new Worker('for (;;) {}', { eval: true });" "$cpus" &
fi
load=$!
stop_load() { kill -- "-$load" 2>/dev/null; wait "$load" 2>/dev/null; }
trap stop_load EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
sleep 1
kill -0 "$load" 2>/dev/null || { say "the load process exited at once; not running the tests without load" >&2; exit 1; }

results=()
failed=0
t0=$SECONDS
for ((run = 1; run <= runs; run++)); do
  for layer in test:vscode test:e2e; do
    say "run $run/$runs: npm run $layer"
    started=$SECONDS
    if npm run "$layer"; then status=PASS; else status=FAIL; failed=$((failed + 1)); fi
    line=$(printf 'run %d/%d  %-12s %s  %4d s  load %s' "$run" "$runs" "$layer" "$status" $((SECONDS - started)) "$(cut -d' ' -f1 /proc/loadavg)")
    say "$line"
    results+=("$line")
  done
done

echo
echo "================ busy-machine summary ($cpus busy cores) ================"
printf '%s\n' "${results[@]}"
if [ "$failed" -eq 0 ]; then
  echo "ALL $((runs * 2)) RUNS PASSED in $((SECONDS - t0)) s"
else
  echo "$failed OF $((runs * 2)) RUNS FAILED in $((SECONDS - t0)) s"
  exit 1
fi

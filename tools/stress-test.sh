#!/usr/bin/env bash
# The whole test suite, RUNS times in a row, on a machine made busy on purpose: WORKERS pytest workers (more
# than the cores) beside a CPU-burning process per core. A test that passes here does not depend on timing.
# Run by `make test-stress` on a built tree; prints each run's figures and a summary, fails on the first red run.
set -euo pipefail
runs=${RUNS:-3}
workers=${WORKERS:-4}
python=${PYTHON:-.venv/bin/python}
burners=()
stop_burners() { [ ${#burners[@]} -eq 0 ] || kill "${burners[@]}" 2>/dev/null || true; }
trap stop_burners EXIT INT TERM
for _ in $(seq "$(nproc)"); do
  "$python" -c "while True: pass" & burners+=($!)
done
echo "stress: ${#burners[@]} CPU burner(s) on $(nproc) core(s), pytest -n $workers, $runs run(s)"
summary=()
for run in $(seq "$runs"); do
  started=$(date +%s)
  log=$(mktemp)
  if "$python" -m pytest -n "$workers" -q -p no:cacheprovider "$@" >"$log" 2>&1; then status=passed; else status=FAILED; fi
  line=$(grep -E '^[=]* ?[0-9]+ (passed|failed)|[0-9]+ (passed|failed).* in ' "$log" | tail -1 | sed 's/=//g; s/^ *//')
  summary+=("run $run/$runs: $status, $line, $(( $(date +%s) - started )) s wall")
  echo "stress: ${summary[-1]}"
  if [ "$status" = FAILED ]; then
    mkdir -p build && cp "$log" build/stress-failure.log
    grep -E '^(FAILED|ERROR)' "$log" || tail -40 "$log"
    echo "stress: the whole pytest output is in build/stress-failure.log"
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
done
echo "stress: summary"
printf '  %s\n' "${summary[@]}"

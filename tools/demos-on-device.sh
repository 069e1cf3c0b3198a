#!/usr/bin/env bash
# Run every demo once with this machine's python3 and report which passed: the course's proof that its device
# code runs on an accelerator. Used on a lent GPU machine (see README, "Checking the demos on a GPU");
# writes demos-on-device.txt (summary) and one log per demo under ${OUT:-build/device}.
set -u
out=${OUT:-build/device}; mkdir -p "$out"
py=${PYTHON:-python3}; case $py in */*) py=$(cd "$(dirname "$py")" && pwd)/$(basename "$py");; esac
summary="$out/demos-on-device.txt"
{
  echo "host: $(hostname)  date: $(date -u +%FT%TZ)"
  "$py" -c 'import torch, sys; print("python", sys.version.split()[0], "| torch", torch.__version__,
"| accelerator:", torch.accelerator.current_accelerator() if torch.accelerator.is_available() else None,
"|", torch.cuda.get_device_name() if torch.cuda.is_available() else "no CUDA device")'
} > "$summary" 2>&1
passed=0; failed=0
for demo in demos/*/*.py; do
  name=$(basename "$(dirname "$demo")")_$(basename "$demo" .py)
  start=${EPOCHREALTIME/./}
  (cd "$(dirname "$demo")" && timeout 300 "$py" "$(basename "$demo")") > "$out/$name.log" 2>&1
  rc=$?
  us=$(( ${EPOCHREALTIME/./} - start )); secs=$((us / 1000000)).$(( us / 100000 % 10 ))
  if [ $rc -eq 0 ]; then passed=$((passed+1)); verdict=passed; else failed=$((failed+1)); verdict="FAILED (exit $rc)"; fi
  printf '%-55s %-18s %6s s\n' "$demo" "$verdict" "$secs" | tee -a "$summary"
  [ $rc -eq 0 ] || tail -5 "$out/$name.log" | sed 's/^/    /' | tee -a "$summary"
done
echo "$passed passed, $failed failed" | tee -a "$summary"
[ $failed -eq 0 ]

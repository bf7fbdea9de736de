#!/usr/bin/env bash
# The outcome of every check recorded by scripts/check_step.sh in this run; exit 1 if any failed
# or could not run.
set -uo pipefail
dir=${CHECKS_DIR:-_build/checks}
shopt -s nullglob
records=("$dir"/*)
if [ ${#records[@]} -eq 0 ]; then echo "no checks recorded in $dir" >&2; exit 1; fi
echo
echo "== summary: every check of this run =="
bad=0
for record in "${records[@]}"; do
  IFS=$'\t' read -r status what note < "$record"
  printf '  %-8s %s %s\n' "$status" "$what" "$note"
  [ "$status" = passed ] || bad=$((bad + 1))
done
if [ $bad -gt 0 ]; then
  echo "$bad of ${#records[@]} checks failed or did not run (the log above each FAILED line says why)."
  exit 1
fi
echo "all ${#records[@]} checks passed."

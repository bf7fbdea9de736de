#!/usr/bin/env bash
# One check of `make test`: run it, record its outcome in _build/checks/, never stop the caller, so
# that every check that can run does run. scripts/check_summary.sh then lists the outcomes.
#   check_step.sh KEY "what it checks" [--needs KEY2] -- COMMAND ...
# --needs: run only if check KEY2 passed in this run (e.g. the build tests need the book built now,
# not an older _build); otherwise record "not run". KEY is a word, used by --needs.
set -uo pipefail
dir=${CHECKS_DIR:-_build/checks}
key=$1 what=$2; shift 2
needs=""
if [ "${1:-}" = "--needs" ]; then needs=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift
mkdir -p "$dir"
seq=$(find "$dir" -maxdepth 1 -type f | wc -l)
record="$dir/$(printf '%02d' "$seq")-$key"
if [ -n "$needs" ]; then
  prior=$(cat "$dir"/*-"$needs" 2>/dev/null | head -1 | cut -f1)
  if [ -z "$prior" ]; then prior="not run"; fi
  if [ "$prior" != "passed" ]; then
    printf 'not run\t%s\t(needs %s, which %s)\n' "$what" "$needs" "$( [ "$prior" = FAILED ] && echo failed || echo did not run)" > "$record"
    echo "== not run: $what (needs $needs) =="
    exit 0
  fi
fi
echo "== $what =="
start=$SECONDS
"$@"
rc=$?
if [ $rc -eq 0 ]; then
  printf 'passed\t%s\t(%d s)\n' "$what" $((SECONDS - start)) > "$record"
else
  printf 'FAILED\t%s\t(%d s; exit %d)\n' "$what" $((SECONDS - start)) "$rc" > "$record"
  echo "== FAILED: $what (make test goes on with the other checks) =="
fi
exit 0

#!/usr/bin/env bash
# After a failed PDF build: show the LaTeX errors with their context, not just "failed".
log=_build/latex/book.log
if [ -f "$log" ]; then
  echo "---- LaTeX errors in $log ----" >&2
  grep -n -A6 -E '^!|Fatal error|Emergency stop' "$log" | head -60 >&2
else
  echo "no LaTeX log at $log: the failure happened before LaTeX ran (see above)" >&2
fi

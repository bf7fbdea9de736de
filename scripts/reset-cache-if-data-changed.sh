#!/usr/bin/env bash
# The execution cache keys on notebook code only. Every notebook reads data/ through the package, so
# when data/ or src/ change, drop the cache: the next build re-executes every notebook.
set -euo pipefail
stamp=_build/.inputs.sha256
mkdir -p _build
now=$(find data src -type f \( -name '*.csv' -o -name '*.json' -o -name '*.yml' -o -name '*.txt' -o -name '*.py' \) -print0 \
      | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$now" ]; then
  [ -d _build/.jupyter_cache ] && echo "data/ or src/ changed since the last build: re-executing all notebooks"
  rm -rf _build/.jupyter_cache
  echo "$now" > "$stamp"
fi

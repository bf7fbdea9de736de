#!/usr/bin/env bash
# The lock installs on the Pythons readers have: for each interpreter, a fresh venv in a temp dir,
# `pip install -r requirements.txt`, `pip check`; under the first (Debian 12's own 3.11.2, the
# oldest supported) also the book's unit tests (`pytest -m "not build and not browser"`).
#   scripts/check_lock.sh [python ...]     (default: Debian's 3.11.2, pyenv's 3.12 and 3.13)
# Each interpreter that is missing is an error, not a skip: the check proves what it says.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  set -- /usr/bin/python3 /root/.pyenv/versions/3.12.1/bin/python /root/.pyenv/versions/3.13.0/bin/python
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/check-lock.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A copy of the tracked files (as a fresh clone has them, with any uncommitted edits): the lock's
# `-e .` installs this copy, and nothing built in this checkout (_build, .venv) is seen or touched.
copy="$work/repo"
mkdir -p "$copy"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$copy"
cd "$copy"
failed=()
first=1
for py in "$@"; do
  start=$SECONDS
  if [ ! -x "$py" ]; then
    echo "== $py: not found"; failed+=("$py (not found)"); first=0; continue
  fi
  version=$("$py" -c 'import platform; print(platform.python_version())')
  venv="$work/py$version"
  echo "== Python $version ($py): venv, pip install -r requirements.txt, pip check =="
  if ! "$py" -m venv "$venv"; then
    failed+=("$version: venv (Debian: apt-get install python3-venv)"); first=0; continue
  fi
  # pip's "Location ... is ignored" notes about this machine's extra local indexes are noise
  if ! "$venv/bin/pip" install -q --disable-pip-version-check -r requirements.txt 2> >(grep -v "^WARNING: Location '" >&2); then
    failed+=("$version: pip install -r requirements.txt"); first=0; continue
  fi
  "$venv/bin/pip" check || failed+=("$version: pip check")
  if [ $first -eq 1 ]; then
    echo "== Python $version: unit tests (pytest -m \"not build and not browser\") =="
    "$venv/bin/python" -m pytest -q -p no:cacheprovider -n 2 -m "not build and not browser" tests \
      || failed+=("$version: unit tests")
    first=0
  fi
  rm -rf "$venv"
  echo "== Python $version: $((SECONDS - start)) s"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "lock check FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "lock check passed: requirements.txt installs on every Python above (pip check clean); unit tests pass on the first"

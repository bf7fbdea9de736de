#!/usr/bin/env bash
# Install the Debian packages a target needs that are missing (as root), or stop and say which.
#   ensure-system-packages.sh apt.txt [html|pdf|test]
# Each line of apt.txt is "package  # target"; a target needs its own packages and those of the
# targets before it (html < pdf < test; no target given: all). NO_APT_INSTALL=1 only reports.
set -euo pipefail
list=${1:-apt.txt}
target=${2:-test}
rank() { case "$1" in html) echo 1 ;; pdf) echo 2 ;; test) echo 3 ;; *) echo 1 ;; esac; }
want=$(rank "$target")
missing=()
while read -r line; do
  pkg=${line%%#*}; pkg=$(echo "$pkg" | xargs)
  [ -z "$pkg" ] && continue
  group=$(echo "${line#*#}" | xargs)
  [ "$line" = "${line%%#*}" ] && group=html
  [ "$(rank "$group")" -gt "$want" ] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Missing system packages for '$target' (from $list): ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || [ -n "${NO_APT_INSTALL:-}" ]; then
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
# matplotlib caches its font list: a cache written before the CJK fonts existed shows boxes.
rm -f "${HOME:-/root}"/.cache/matplotlib/fontlist-*.json

#!/usr/bin/env bash
# Install the Debian packages listed in apt.txt that are missing (as root), or stop and say which.
# NO_APT_INSTALL=1 only reports (as for a user without root).
set -euo pipefail
list=${1:-apt.txt}
missing=()
while read -r pkg; do
  pkg=${pkg%%#*}; pkg=$(echo "$pkg" | xargs)
  [ -z "$pkg" ] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Missing system packages (from $list): ${missing[*]}"
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

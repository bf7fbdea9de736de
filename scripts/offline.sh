#!/usr/bin/env bash
# Run a command with the network cut (a new network namespace with only loopback up), to prove
# that the checks never touch the network. Needs root (CI and the reference machine run as root);
# otherwise it says so and runs the command as it is.
set -euo pipefail
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null \
   && unshare -n true 2>/dev/null; then
  echo "== network cut for the checks (unshare -n, loopback only) =="
  exec unshare -n bash -c 'ip link set lo up && exec "$@"' offline "$@"
fi
echo "== note: not root, so the checks run with the network available (they do not use it) =="
exec "$@"

#!/usr/bin/env bash
# Runs a command with every process's clock moved ahead (default: a year), to prove the tests do not depend on
# the date they run on:  sudo bash scripts/a-year-ahead.sh npm test
#
# `faketime CMD` alone is not enough: it works through LD_PRELOAD, and VS Code's server drops LD_PRELOAD from the
# extension host's environment, so the extension would keep the real clock while the simulator moved. Instead the
# command runs in a mount namespace of its own in which /etc/ld.so.preload loads libfaketime into every process
# (the extension host included) and /etc/faketimerc gives the offset; nothing changes outside that namespace.
# Needs root (unshare, mount) and Debian's faketime package.
set -euo pipefail
OFFSET="${AGENTLENS_CLOCK_OFFSET:-+365d}"
LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
if [ ! -e "$LIB" ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; }
fi
# The bind mounts need files to mount over; an empty /etc/ld.so.preload preloads nothing outside the namespace.
[ -e /etc/ld.so.preload ] || : > /etc/ld.so.preload
[ -e /etc/faketimerc ] || : > /etc/faketimerc
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
echo "$LIB" > "$dir/ld.so.preload"
echo "$OFFSET" > "$dir/faketimerc"
unshare --mount --propagation private -- bash -c '
  mount --bind "$1/ld.so.preload" /etc/ld.so.preload
  mount --bind "$1/faketimerc" /etc/faketimerc
  shift
  echo "[a-year-ahead] clock: $(date -u +%FT%TZ) (offset '"$OFFSET"')"
  exec "$@"
' _ "$dir" "$@"

#!/usr/bin/env bash
# Install the Debian packages named as arguments: as root with apt-get, else with sudo, else say
# which to install. Used by scripts/ensure_test_tools.sh and by `make serve` (nginx).
set -euo pipefail
[ $# -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
else
  echo "These Debian packages are needed: apt-get install $*" >&2
  exit 1
fi

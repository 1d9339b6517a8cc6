#!/usr/bin/env bash
# Install the Debian packages the tests need when they are missing: Chromium and ChromeDriver for
# the browser tests, redis-server for the test of the shared (Redis) view cache, poppler-utils
# (pdfinfo, pdftoppm) for the test of the printed profiles, aspell with Debian's Welsh dictionary
# (aspell-cy) for the spelling check of the Welsh catalogue.
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v pdfinfo >/dev/null 2>&1 || packages+=(poppler-utils)
command -v aspell >/dev/null 2>&1 || packages+=(aspell)
{ command -v aspell >/dev/null 2>&1 && aspell dicts | grep -qx cy; } || packages+=(aspell-cy)
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
else
  echo "The tests need these Debian packages: apt-get install ${packages[*]}" >&2
  exit 1
fi

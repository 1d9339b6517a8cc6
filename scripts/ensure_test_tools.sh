#!/usr/bin/env bash
# Install the Debian packages the tests need when they are missing: Chromium and ChromeDriver for
# the browser tests, redis-server for the test of the shared (Redis) view cache, poppler-utils
# (pdfinfo, pdftoppm) for the test of the printed profiles, aspell with Debian's Welsh dictionary
# (aspell-cy) for the spelling check of the Welsh catalogue, nginx for the tests of the production
# server (nginx in front of gunicorn, as `make serve` runs it).
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v pdfinfo >/dev/null 2>&1 || packages+=(poppler-utils)
command -v aspell >/dev/null 2>&1 || packages+=(aspell)
{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || packages+=(nginx)
{ command -v aspell >/dev/null 2>&1 && aspell dicts | grep -qx cy; } || packages+=(aspell-cy)
exec bash "$(dirname "$0")/install_debian_packages.sh" "${packages[@]}"

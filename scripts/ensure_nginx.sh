#!/usr/bin/env bash
# `make serve` runs Debian's nginx in front of gunicorn: install it when it is missing.
set -euo pipefail
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || bash "$(dirname "$0")/install_debian_packages.sh" nginx

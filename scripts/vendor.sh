#!/usr/bin/env bash
# The browser libraries the app serves itself (no CDN): installed from the npm registry at the
# versions of package-lock.json, then copied into tracker/static/vendor/ (not in git).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
out=tracker/static/vendor
rm -rf "$out" && mkdir -p "$out"
cp node_modules/flatpickr/dist/flatpickr.min.js node_modules/flatpickr/dist/flatpickr.min.css "$out/"
cp node_modules/flatpickr/dist/l10n/vn.js "$out/flatpickr.vn.js"
cp node_modules/tom-select/dist/js/tom-select.complete.min.js "$out/"
cp node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css "$out/"
cp node_modules/flatpickr/LICENSE.md "$out/flatpickr.LICENSE.md"
cp node_modules/tom-select/LICENSE "$out/tom-select.LICENSE" 2>/dev/null || true
touch "$out/.installed"

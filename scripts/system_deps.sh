#!/usr/bin/env bash
# Debian packages the tests use: PostgreSQL (server), Chromium (driven by Playwright, never
# downloaded by it), LibreOffice and poppler (exports opened and rendered in tests, PDFs made
# and scans drawn for the reader's tests), and Tesseract with its Vietnamese data (the reader's
# OCR of scanned documents, which the app itself needs too: see README).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# npm installs the browser libraries the app serves (scripts/vendor.sh, run by `make install`).
command -v npm >/dev/null 2>&1 || need+=(npm)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -i dejavu >/dev/null || need+=(fonts-dejavu-core)
# The Word report rendered to PDF (the PDF download, and the tests that look at its pages), with
# Times New Roman's metric twin; Cairo draws the report's charts into the Word file (CairoSVG).
# The programme reader reads PDFs made by LibreOffice in its tests, and scans through Tesseract.
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -i "Liberation Serif" >/dev/null || need+=(fonts-liberation)
ldconfig -p 2>/dev/null | grep "libcairo.so.2" >/dev/null || need+=(libcairo2)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-vie)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

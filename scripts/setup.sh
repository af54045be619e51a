#!/usr/bin/env bash
# Installs everything Docket needs on Debian 12 that is not there yet. Idempotent: when all is
# installed it only checks, and returns in a second or two. Run as root (or with sudo available).
set -euo pipefail

# C libraries Docket links against, OCR languages, and the reference tools `make bench` compares with.
APT_PACKAGES=(
  libpoppler-glib-dev libcairo2-dev libtesseract-dev libleptonica-dev libsqlite3-dev pkg-config
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra
  poppler-utils time
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6.3 (https://www.swift.org/install/linux/)" >&2
  exit 1
fi
echo "setup: all dependencies present"

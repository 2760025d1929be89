#!/usr/bin/env bash
# `npm run test:pg`: the suites that use a store, on PostgreSQL (issue 16, team mode). With
# RC_TEST_PG set it uses that server (a role that may create databases); without, it starts a
# throw-away cluster on 127.0.0.1 (scripts/pg-test-cluster.sh) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${RC_TEST_PG:-}" ]; then
  eval "$(scripts/pg-test-cluster.sh start)"
  trap 'scripts/pg-test-cluster.sh stop "$RC_TEST_PG_DIR"' EXIT
fi
RC_TEST_STORE=postgres npx vitest run "$@"

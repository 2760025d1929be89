#!/usr/bin/env bash
# `npm test`: every test — type-check, lint, unit + integration on SQLite, the store suites
# again on PostgreSQL, build, end-to-end in Chromium. One throw-away PostgreSQL cluster
# (scripts/pg-test-cluster.sh, unless RC_TEST_PG names a server whose role may create
# databases) serves both the PostgreSQL pass and the end-to-end tests of team mode (Settings →
# Database, two hosts on one server, backups refused there); it is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${RC_TEST_PG:-}" ]; then
  eval "$(scripts/pg-test-cluster.sh start)"
  trap 'scripts/pg-test-cluster.sh stop "$RC_TEST_PG_DIR"' EXIT
fi
npm run typecheck
npm run lint
npm run test:unit
npm run test:pg
npm run build
npm run test:e2e

#!/usr/bin/env bash
# Runs Snowplow's mobile-package integration scenario (0.7.4) on DuckDB and compares the three expected tables:
#   tests/conformance/mobile.sh DATA_DIR DB_FILE
# DATA_DIR: ../shared/conformance/snowplow-mobile-0.7.4 (source/, expected/). DB_FILE is left with the gold tables
# (main_derived.snowplow_mobile_screen_views, …_sessions, …_users) for inspection. Exit code 0 when every table is equal.
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 DATA_DIR DB_FILE" >&2; exit 2; fi
repo="$(cd "$(dirname "$0")/../.." && pwd)"
exec dotnet run --project "$repo/src/ModelRunner.Conformance" -c Release -- mobile "$1" "$2" "$repo"

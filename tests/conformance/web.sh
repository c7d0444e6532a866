#!/usr/bin/env bash
# Runs Snowplow's web-package integration scenario on DuckDB and compares every expected table:
#   tests/conformance/web.sh DATA_DIR DB_FILE
# DATA_DIR: ../shared/conformance/snowplow-web-0.15.2 (source/, seeds/, expected/). DB_FILE is left with the gold
# tables (main_derived.snowplow_web_page_views, …) for inspection. Exit code 0 when every table is equal.
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 DATA_DIR DB_FILE" >&2; exit 2; fi
repo="$(cd "$(dirname "$0")/../.." && pwd)"
exec dotnet run --project "$repo/src/ModelRunner.Conformance" -c Release -- "$1" "$2" "$repo"

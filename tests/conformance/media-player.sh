#!/usr/bin/env bash
# Runs Snowplow's media-player-package integration scenario (0.5.3) on DuckDB and compares its two expected tables:
#   tests/conformance/media-player.sh DATA_DIR DB_FILE
# DATA_DIR: ../shared/conformance/snowplow-media-player-0.5.3 (source/, expected/). DB_FILE is left with the gold tables
# (main_derived.snowplow_media_player_base, …_media_stats) for inspection. Exit code 0 when every table is equal.
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 DATA_DIR DB_FILE" >&2; exit 2; fi
repo="$(cd "$(dirname "$0")/../.." && pwd)"
exec dotnet run --project "$repo/src/ModelRunner.Conformance" -c Release -- media-player "$1" "$2" "$repo"

#!/usr/bin/env bash
# kill -9 at random moments of `run`, `build --audit`, `seed` and `events load`, then run the command again and
# compare a fingerprint of every table (rows and a hash of every value, per table) with the same command run once
# without interruption from the same starting database (or twice: a kill after the run's last commit leaves one whole
# run done, and the rerun is the next one). Not part of CI (it takes minutes); run it by hand:
#
#   tests/faults/kill.sh [KILLS_PER_COMMAND]      # default 8, so 32 kills
#
# Prints one line per kill and a summary; exits 1 if any rerun failed or any table differs.
# `events load` reads Snowplow's web integration-test events from ../shared and is left out (named) without them.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KILLS=${1:-8}
WORK=$(mktemp -d /tmp/mr-kill.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
EVENTS_CSV="$ROOT/../shared/conformance/snowplow-web-0.15.2/source/snowplow_web_events.csv"

dotnet build "$ROOT/src/ModelRunner.Cli" -c Release -v q -nologo >/dev/null || { echo "build failed"; exit 1; }
CLI="$ROOT/src/ModelRunner.Cli/bin/Release/net10.0/modelrunner.dll"

# A copy of the project, so the script's target/ (lock, run results) is its own.
PROJECT="$WORK/project"
mkdir -p "$PROJECT"
cp -r "$ROOT/models" "$ROOT/macros" "$ROOT/profiles" "$ROOT/models.yml" "$PROJECT/"

mr() { # mr DB ARGS...: the CLI on database DB
  local db=$1; shift
  MODELRUNNER_DUCKDB_PATH="$db" dotnet "$CLI" "$@" --project-dir "$PROJECT"
}

# Columns that hold the time a row was written, not what the model computed.
TIME_COLUMNS="'model_tstamp', 'load_tstamp', 'loaded_at', 'run_started_at', 'started_at'"

fingerprint() { # fingerprint DB: one line per table, "schema.table rows hash", scratch tables listed apart
  # Floating-point columns are rounded to 9 decimals first: DuckDB sums doubles in parallel, so an aggregate's last
  # bits vary from run to run (an average of the same rows), which is not a difference in what was built.
  local db=$1 columns query="" table="" list=""
  columns=$(mr "$db" show --inline "select c.table_schema || '.' || c.table_name as t, c.column_name, c.data_type from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_catalog = c.table_catalog where t.table_type = 'BASE TABLE' and c.table_catalog = current_database() order by 1, c.ordinal_position" --limit 1000000 -o csv 2>/dev/null | tail -n +2)
  flush() {
    [ -z "$table" ] && return 0
    if [[ $table == *__mr_* ]]; then echo "leftover-scratch $table"
    else query="${query:+$query union all }select '$table' as t, count(*) as n, coalesce(sum(hash($list))::varchar, '0') as h from $table"; fi
  }
  while IFS=, read -r t column type; do
    if [ "$t" != "$table" ]; then flush; table=$t; list=""; fi
    case ",$TIME_COLUMNS," in *"'$column'"*) continue ;; esac
    case $type in DOUBLE|FLOAT|REAL|DECIMAL*|\"DECIMAL*) expr="round(\"$column\", 9)" ;; *) expr="\"$column\"" ;; esac
    list="${list:+$list, }$expr"
  done <<<"$columns"
  flush
  [ -z "$query" ] && return 0
  mr "$db" show --inline "$query order by t" --limit 100000 -o csv 2>/dev/null | tail -n +2
}

copy_db() { rm -f "$2" "$2.wal"; cp "$1" "$2"; [ -f "$1.wal" ] && cp "$1.wal" "$2.wal"; return 0; }

# Starting databases: with generated events; with events and seeds.
EVENTS="$WORK/events.duckdb"
mr "$EVENTS" events generate --events 20000 --days 10 --end-date 2025-01-01 >/dev/null || { echo "events generate failed"; exit 1; }
SEEDED="$WORK/seeded.duckdb"
copy_db "$EVENTS" "$SEEDED"
mr "$SEEDED" seed >/dev/null || { echo "seed failed"; exit 1; }

kills=0; identical=0; failures=0; leftovers=0
trial() { # trial NAME START_DB ARGS...
  local name=$1 start=$2; shift 2
  local reference="$WORK/reference.duckdb" db="$WORK/trial.duckdb"
  copy_db "$start" "$reference"
  local t0 t1
  t0=$(date +%s%N)
  if ! mr "$reference" "$@" >"$WORK/reference.log" 2>&1; then echo "$name: the uninterrupted command failed"; cat "$WORK/reference.log"; failures=$((failures + 1)); return; fi
  t1=$(date +%s%N)
  local duration_ms=$(( (t1 - t0) / 1000000 ))
  local expected; expected=$(fingerprint "$reference" | grep -v leftover-scratch)
  # A kill after the command committed its last statement (the manifest update) leaves the state of one whole run: the
  # rerun is then the next run (for the Snowplow packages, the next batch of events). So the same command twice is
  # the other correct outcome.
  mr "$reference" "$@" >"$WORK/reference2.log" 2>&1 || { echo "$name: the second uninterrupted command failed"; failures=$((failures + 1)); return; }
  local expected_twice; expected_twice=$(fingerprint "$reference" | grep -v leftover-scratch)
  echo "$name: uninterrupted ${duration_ms} ms, $(echo "$expected" | wc -l) tables"
  for i in $(seq 1 "$KILLS"); do
    copy_db "$start" "$db"
    local at=$(( 200 + RANDOM * (duration_ms - 200) / 32768 ))
    MODELRUNNER_DUCKDB_PATH="$db" dotnet "$CLI" "$@" --project-dir "$PROJECT" >"$WORK/killed.log" 2>&1 &
    local pid=$!
    sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
    local state="killed"
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; else state="finished first"; fi
    wait "$pid" 2>/dev/null
    kills=$((kills + 1))
    if ! mr "$db" "$@" >"$WORK/rerun.log" 2>&1; then
      echo "  kill $i at ${at} ms ($state): the rerun FAILED"; tail -5 "$WORK/rerun.log"; failures=$((failures + 1)); continue
    fi
    local actual; actual=$(fingerprint "$db")
    local scratch; scratch=$(echo "$actual" | grep -c leftover-scratch)
    leftovers=$((leftovers + scratch))
    actual=$(echo "$actual" | grep -v leftover-scratch)
    # Each table as after one run or as after two: each package's run commits its manifest on its own (on-run-end),
    # so a kill between two packages' commits leaves one package a run ahead, and its tables are then the second run's.
    local ahead=0 wrong=0
    while IFS= read -r line; do
      if grep -qxF -- "$line" <<<"$expected"; then :
      elif grep -qxF -- "$line" <<<"$expected_twice"; then ahead=$((ahead + 1))
      else wrong=$((wrong + 1)); fi
    done <<<"$actual"
    if [ "$(echo "$actual" | wc -l)" != "$(echo "$expected" | wc -l)" ]; then wrong=$((wrong + 1)); fi
    if [ "$wrong" -eq 0 ] && [ "$ahead" -eq 0 ]; then
      identical=$((identical + 1)); echo "  kill $i at ${at} ms ($state): rerun ok, every table identical to one run ($scratch scratch left)"
    elif [ "$wrong" -eq 0 ]; then
      identical=$((identical + 1)); echo "  kill $i at ${at} ms ($state): rerun ok, every table identical to one run or, for $ahead table(s) of a package whose run had committed, to two ($scratch scratch left)"
    else
      failures=$((failures + 1)); echo "  kill $i at ${at} ms ($state): $wrong table(s) DIFFER from both one and two runs"
      diff <(echo "$expected") <(echo "$actual") | head -10
    fi
  done
}

trial "seed" "$EVENTS" seed
trial "run" "$SEEDED" run
trial "build --audit" "$SEEDED" build --audit
if [ -f "$EVENTS_CSV" ]; then
  trial "events load" "$SEEDED" events load --format snowplow-csv "$EVENTS_CSV"
else
  echo "events load: left out, $EVENTS_CSV is missing (../shared beside the checkout)"
fi

echo "$kills kills, $identical reruns with every table identical, $failures failures, $leftovers scratch tables left behind"
[ "$failures" -eq 0 ]

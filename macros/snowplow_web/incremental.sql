{{~
# The incremental machinery of the web package, as SQL the models and hooks render (so it can run in the target
# as plain statements, e.g. as SQL tasks of a Databricks workflow).

func snowplow_web_start_timestamp()
  ret timestamp_literal(var "snowplow__start_date")
end

# What identifies one row of atomic.events (not one event: event ids repeat). DuckDB's rowid; elsewhere the
# columns that tell copies of an event apart.
func duckdb__snowplow_web_event_row(alias)
  ret alias + ".rowid"
end

func default__snowplow_web_event_row(alias)
  ret "struct(" + alias + ".event_id, " + alias + ".collector_tstamp, " + alias + ".etl_tstamp, " + alias + ".load_tstamp)"
end

# The late-event rule: an event sent more than days_late_allowed after it was created is ignored.
func snowplow_web_not_late(alias)
  ret alias + ".dvce_sent_tstamp <= " + add_days(alias + ".dvce_created_tstamp", var "snowplow__days_late_allowed")
end

func snowplow_web_app_id_filter(alias)
  app_ids = var "snowplow__app_id"
  if !app_ids || app_ids.size == 0
    ret ""
  end
  ret " and " + alias + ".app_id in " + sql_string_list(app_ids)
end

# Manifest tables follow --full-refresh on the dev target; elsewhere snowplow__allow_refresh decides, flag or not.
func snowplow_web_manifest_full_refresh()
  if target.name == (var "snowplow__dev_target_name")
    ret null
  end
  ret var "snowplow__allow_refresh"
end

# The "run has new events" guard of a derived model: false once the manifest says it already processed up to the
# run's upper limit (a missing row: true).
func snowplow_web_has_new_events(model_name)
  last = "(select max(last_success) from " + ref("snowplow_web_incremental_manifest") + " where model = '" + model_name + "')"
  upper = "(select upper_limit from " + ref("snowplow_web_base_new_event_limits") + ")"
  ret "(" + last + " is null or " + upper + " > " + last + ")"
end

# The optimised upsert: target rows are matched only within the date window of the new rows (Snowplow's
# delete+insert / merge with a date predicate). Used as an incremental predicate.
func snowplow_web_upsert_window(date_key, lookback_days)
  lower = "(select min(" + date_key + ") from DBT_INTERNAL_SOURCE)"
  if lookback_days > 0
    lower = add_days(lower, -lookback_days)
  end
  ret "DBT_INTERNAL_DEST." + date_key + " between " + lower + " and (select max(" + date_key + ") from DBT_INTERNAL_SOURCE)"
end

# on-run-start: forget the models listed in snowplow__models_to_remove, so they are rebuilt from the start date.
func snowplow_web_remove_models_from_manifest()
  names = var "snowplow__models_to_remove"
  if !names || names.size == 0
    ret "select 1"
  end
  if (object.typeof names) == "string"
    names = [names]
  end
  ret "delete from " + ref("snowplow_web_incremental_manifest") + " where model in " + sql_string_list(names)
end

# on-run-end: every tagged model that succeeded in this run moves to the latest collector_tstamp processed
# (never backwards); nothing is written when the run processed no events.
func snowplow_web_update_manifest(results)
  succeeded = []
  for result in results
    if result.status == "success" && array.contains(result.tags, "snowplow_web_incremental")
      succeeded = array.add(succeeded, result.name)
    end
  end
  if succeeded.size == 0
    ret "select 1"
  end
  manifest = ref("snowplow_web_incremental_manifest")
  events = ref("snowplow_web_base_events_this_run")
  rows = []
  for name in succeeded
    rows = array.add(rows, "select '" + name + "' as model")
  end
  sql = "merge into " + manifest + " as m using (select r.model, v.last_success from (" + array.join(rows, " union all ") + ") as r"
  sql = sql + ", (select max(collector_tstamp) as last_success from " + events + ") as v where v.last_success is not null) as s"
  sql = sql + " on m.model = s.model when matched then update set last_success = greatest(m.last_success, s.last_success)"
  ret sql + " when not matched then insert (model, last_success) values (s.model, s.last_success)"
end

# post-hook of sessions_this_run: sessions that reached max_session_days are quarantined (their later events ignored).
func snowplow_web_quarantine_sessions()
  quarantine = ref("snowplow_web_base_quarantined_sessions")
  sql = "insert into " + quarantine + " (session_id) select s.session_id from " + this + " as s"
  sql = sql + " where s.end_tstamp = " + add_days("s.start_tstamp", var "snowplow__max_session_days")
  ret sql + " and not exists (select 1 from " + quarantine + " as q where q.session_id = s.session_id)"
end

# post-hook of sessions: every session (of every run) takes the latest user_id mapped to its domain_userid.
func duckdb__snowplow_web_stitch_sessions()
  if !(var "snowplow__session_stitching")
    ret "select 1"
  end
  mapping = ref("snowplow_web_user_mapping")
  sql = "update " + this + " set stitched_user_id = m.user_id from " + mapping + " as m"
  ret sql + " where " + this + ".domain_userid = m.domain_userid"
end

func databricks__snowplow_web_stitch_sessions()
  if !(var "snowplow__session_stitching")
    ret "select 1"
  end
  sql = "merge into " + this + " as s using " + ref("snowplow_web_user_mapping") + " as m on s.domain_userid = m.domain_userid"
  ret sql + " when matched then update set stitched_user_id = m.user_id"
end
~}}

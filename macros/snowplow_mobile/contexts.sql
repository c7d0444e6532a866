{{~
# The contexts and self-describing events the mobile package reads, flattened into columns of its events of the
# run (spec snowplow-mobile §1.2 and §2.5). Each optional context has a switch; a context switched off still gives
# its columns, as typed NULLs, so every model downstream has the same columns whatever is switched on.

# One group of columns: [field of the context, output column, SQL type]; `column` is the context's column (alias
# e), `is_context` when it is an array (a context) rather than a struct (a self-describing event).
func snowplow_mobile_flatten(column, is_context, enabled, fields)
  origin = is_context ? first_element("e." + column) : "e." + column
  columns = []
  for field in fields
    value = enabled ? "cast(" + origin + "." + field[0] + " as " + field[2] + ")" : "cast(null as " + field[2] + ")"
    columns = array.add(columns, value + " as " + field[1])
  end
  ret array.join(columns, ",\n")
end

func snowplow_mobile_screen_view_columns()
  ret snowplow_mobile_flatten("unstruct_event_com_snowplowanalytics_mobile_screen_view_1", false, true, [
    ["id", "screen_view_id", "string"], ["name", "screen_view_name", "string"],
    ["previous_id", "screen_view_previous_id", "string"], ["previous_name", "screen_view_previous_name", "string"],
    ["previous_type", "screen_view_previous_type", "string"], ["transition_type", "screen_view_transition_type", "string"],
    ["type", "screen_view_type", "string"]])
end

func snowplow_mobile_screen_columns()
  ret snowplow_mobile_flatten("contexts_com_snowplowanalytics_mobile_screen_1", true, var "snowplow__enable_screen_context", [
    ["id", "screen_id", "string"], ["name", "screen_name", "string"], ["activity", "screen_activity", "string"],
    ["fragment", "screen_fragment", "string"], ["top_view_controller", "screen_top_view_controller", "string"],
    ["type", "screen_type", "string"], ["view_controller", "screen_view_controller", "string"]])
end

func snowplow_mobile_device_columns()
  fields = []
  for name in ["device_manufacturer", "device_model", "os_type", "os_version", "android_idfa", "apple_idfa", "apple_idfv", "carrier", "open_idfa", "network_technology", "network_type"]
    fields = array.add(fields, [name, name, "string"])
  end
  ret snowplow_mobile_flatten("contexts_com_snowplowanalytics_snowplow_mobile_context_1", true, var "snowplow__enable_mobile_context", fields)
end

func snowplow_mobile_geolocation_columns()
  fields = []
  for name in ["latitude", "longitude", "latitude_longitude_accuracy", "altitude", "altitude_accuracy", "bearing", "speed"]
    fields = array.add(fields, [name, "device_" + name, "double"])
  end
  ret snowplow_mobile_flatten("contexts_com_snowplowanalytics_snowplow_geolocation_context_1", true, var "snowplow__enable_geolocation_context", fields)
end

func snowplow_mobile_application_columns()
  ret snowplow_mobile_flatten("contexts_com_snowplowanalytics_mobile_application_1", true, var "snowplow__enable_application_context", [
    ["build", "build", "string"], ["version", "version", "string"]])
end

# The client session context, which every mobile event the package models carries. Its session_id is read from the
# narrow rows the events are joined to (alias `rows`: the run's event rows found each event by it, so it is the same
# value): a reader that needs no other field of the context then never reads the context, a list of structs. The
# screen views' decision, which needs only the id, read 10M events all mobile in 13-18 s instead of 22-27 s.
func snowplow_mobile_session_columns(rows)
  ret rows + ".session_id as session_id,\n" + snowplow_mobile_flatten("contexts_com_snowplowanalytics_snowplow_client_session_1", true, true, [
    ["session_index", "session_index", "int"], ["previous_session_id", "previous_session_id", "string"],
    ["user_id", "device_user_id", "string"], ["first_event_id", "session_first_event_id", "string"]])
end

func snowplow_mobile_app_error_columns()
  ret snowplow_mobile_flatten("unstruct_event_com_snowplowanalytics_snowplow_application_error_1", false, true, [
    ["message", "message", "string"], ["programming_language", "programming_language", "string"],
    ["class_name", "class_name", "string"], ["exception_name", "exception_name", "string"], ["is_fatal", "is_fatal", "boolean"],
    ["line_number", "line_number", "int"], ["stack_trace", "stack_trace", "string"], ["thread_id", "thread_id", "int"],
    ["thread_name", "thread_name", "string"]])
end

# The session id of an event (alias e): from its client session context.
func snowplow_mobile_session_id(alias)
  ret first_element(alias + ".contexts_com_snowplowanalytics_snowplow_client_session_1") + ".session_id"
end

func snowplow_mobile_device_user_id(alias)
  ret first_element(alias + ".contexts_com_snowplowanalytics_snowplow_client_session_1") + ".user_id"
end
~}}

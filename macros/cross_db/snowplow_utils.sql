{{~
# Engine differences the Snowplow models need, one macro per primitive, one variant per engine.

# A list of strings joined into one text.
func duckdb__join_list(expression, separator)
  ret "array_to_string(" + expression + ", " + separator + ")"
end

func databricks__join_list(expression, separator)
  ret "array_join(" + expression + ", " + separator + ")"
end

# A text split on a separator, one row per part, as a relation usable in a cross join: alias(column).
func duckdb__split_to_rows(expression, separator, alias, column)
  ret "unnest(string_split(" + expression + ", " + separator + ")) as " + alias + "(" + column + ")"
end

func databricks__split_to_rows(expression, separator, alias, column)
  ret "explode(split(" + expression + ", " + separator + ")) as " + alias + "(" + column + ")"
end

# The values of the rows matching a condition, as a list ordered by the given columns (empty list: none).
func duckdb__ordered_list(value, order_columns, condition, element_type)
  ret "coalesce(list(" + value + " order by " + array.join(order_columns, ", ") + ") filter (where " + condition + "), cast([] as " + element_type + "[]))"
end

func databricks__ordered_list(value, order_columns, condition, element_type)
  keys = []
  for column in order_columns
    keys = array.add(keys, "'k" + for.index + "', " + column)
  end
  sorted = "array_sort(collect_list(case when " + condition + " then named_struct(" + array.join(keys, ", ") + ", 'v', " + value + ") end))"
  ret "transform(" + sorted + ", x -> x.v)"
end

# In a group, the value of the row where `order` is greatest (`order` unique in the group and never NULL), NULL when
# that row's value is NULL: an aggregate instead of a window of the greatest `order` over every row and its columns.
func duckdb__value_at_max(value, order)
  ret "arg_max_null(" + value + ", " + order + ")"
end

func databricks__value_at_max(value, order)
  ret "max_by(" + value + ", " + order + ")"
end

# Texts joined with a separator in the order of another expression.
func duckdb__ordered_string_agg(value, separator, order_by)
  ret "string_agg(" + value + ", " + separator + " order by " + order_by + ")"
end

func databricks__ordered_string_agg(value, separator, order_by)
  ret "array_join(transform(array_sort(collect_list(named_struct('k', " + order_by + ", 'v', " + value + "))), x -> x.v), " + separator + ")"
end

# How many times a value stands in a separated list held as text ('10,25,25' holds '25' twice); 0 for a NULL list.
func duckdb__count_in_list(list_text, separator, value)
  ret "coalesce(len(list_filter(string_split(" + list_text + ", " + separator + "), item -> item = " + value + ")), 0)"
end

func databricks__count_in_list(list_text, separator, value)
  ret "coalesce(size(filter(split(" + list_text + ", " + separator + "), item -> item = " + value + ")), 0)"
end

# The continuous percentile (linear interpolation) of an expression.
func duckdb__percentile_cont(expression, fraction)
  ret "quantile_cont(" + expression + ", " + fraction + ")"
end

func databricks__percentile_cont(expression, fraction)
  ret "percentile_cont(" + fraction + ") within group (order by " + expression + ")"
end

# last_value over a window, skipping NULLs.
func duckdb__last_value_ignoring_nulls(expression)
  ret "last_value(" + expression + " ignore nulls)"
end

func databricks__last_value_ignoring_nulls(expression)
  ret "last_value(" + expression + ", true)"
end

# Seconds since 1970-01-01 with the fractional part.
func duckdb__epoch_seconds(expression)
  ret "epoch(" + expression + ")"
end

func databricks__epoch_seconds(expression)
  ret "(unix_micros(" + expression + ") / 1000000.0)"
end

# Whole-second boundaries crossed from start to end (dbt's datediff in seconds on Postgres and Databricks).
func seconds_crossed(start_expression, end_expression)
  ret "cast(floor(" + epoch_seconds(end_expression) + ") - floor(" + epoch_seconds(start_expression) + ") as bigint)"
end

# The run's "now", UTC; frozen by the var snowplow__current_timestamp (the conformance run freezes it).
func duckdb__current_timestamp_utc()
  ret "cast(get_current_timestamp() at time zone 'UTC' as timestamp)"
end

func databricks__current_timestamp_utc()
  ret "current_timestamp()"
end

func snowplow_current_timestamp()
  frozen = var "snowplow__current_timestamp" null
  if frozen
    ret "cast('" + frozen + "' as timestamp)"
  end
  ret current_timestamp_utc
end

func timestamp_literal(text)
  ret "cast('" + text + "' as timestamp)"
end

# The first element of an array column (a context): lists start at 1 in DuckDB, 0 in Databricks.
func first_element(column)
  ret column + "[" + target.list_index_base + "]"
end

func duckdb__regex_matches(expression, pattern)
  ret "regexp_matches(" + expression + ", '" + pattern + "')"
end

func databricks__regex_matches(expression, pattern)
  ret "(" + expression + " rlike '" + pattern + "')"
end

# Every column of a relation but some (DuckDB EXCLUDE, Databricks EXCEPT).
func duckdb__star_except(alias, columns)
  ret alias + ".* exclude (" + array.join(columns, ", ") + ")"
end

func databricks__star_except(alias, columns)
  ret alias + ".* except (" + array.join(columns, ", ") + ")"
end

# The rows of a table whose `column` is among the `column` values of `keys` (a relation), every column kept. DuckDB
# finds them on that one column first and reads the other columns for those rows alone, by rowid: a plain `in` filter
# makes the scan read every column of every row in the keys' min-max range, which for random ids (a user's) is the
# whole table, whatever the number of keys (a run's users' sessions of 388k sessions at 10M events: 3 users 177-400 ms
# -> 47-53 ms, 30,000 users 0.94-0.99 s -> 0.81-0.84 s).
func duckdb__rows_matching(relation, column, keys)
  # With --empty a ref is a query, which has no rowid.
  if is_empty
    ret default__rows_matching(relation, column, keys)
  end
  capture sql ~}}
select * from {{ relation }}
where rowid in (select rowid from {{ relation }} where {{ column }} in (select {{ column }} from {{ keys }}))
{{- end
  ret sql
end

func default__rows_matching(relation, column, keys)
  capture sql ~}}
select * from {{ relation }} where {{ column }} in (select {{ column }} from {{ keys }})
{{- end
  ret sql
end

# A SQL list of string literals: ('a', 'b'); an empty list gives (null), which matches nothing.
func sql_string_list(values)
  if values.size == 0
    ret "(null)"
  end
  quoted = []
  for value in values
    quoted = array.add(quoted, "'" + string.replace(value + "", "'", "''") + "'")
  end
  ret "(" + array.join(quoted, ", ") + ")"
end
~}}

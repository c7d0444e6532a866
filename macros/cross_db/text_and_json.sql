{{~
# Regular expressions and JSON, one variant per engine. Patterns are Java-style (what Databricks speaks); DuckDB's
# RE2 reads the common subset the same way.

# Replaces every match (Databricks replaces all; DuckDB only the first unless told 'g').
func duckdb__regex_replace(expression, pattern, replacement)
  ret "regexp_replace(" + expression + ", '" + pattern + "', '" + replacement + "', 'g')"
end

func databricks__regex_replace(expression, pattern, replacement)
  ret "regexp_replace(" + expression + ", '" + pattern + "', '" + replacement + "')"
end

# A text field of a JSON document by JSONPath ($.a.b), NULL when absent.
func duckdb__json_text(expression, path)
  ret "json_extract_string(" + expression + ", '" + path + "')"
end

func databricks__json_text(expression, path)
  ret "get_json_object(" + expression + ", '" + path + "')"
end
~}}

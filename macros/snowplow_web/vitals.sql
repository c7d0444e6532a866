{{~
# Core web vitals: normalising a metric, rating it, rounding a percentile.

# A metric value rounded to 4 decimals (half away from zero), then up to 3 decimals.
func duckdb__snowplow_web_vital_metric(expression)
  ret "cast(ceil(cast(" + expression + " as decimal(14,4)) * 1000) / 1000 as double)"
end

func databricks__snowplow_web_vital_metric(expression)
  ret "cast(ceil(cast(" + expression + " as decimal(14,4)), 3) as double)"
end

# On DuckDB a percentile is shown as a metric is normalised (4 decimals, then up to 3).
func duckdb__snowplow_web_vital_round3(expression)
  ret duckdb__snowplow_web_vital_metric(expression)
end

func databricks__snowplow_web_vital_round3(expression)
  ret "ceil(" + expression + ", 3)"
end

func snowplow_web_vital_rating(expression, good, improvable)
  sql = "case when " + expression + " is null then 'not measurable' when " + expression + " < " + good + " then 'good'"
  ret sql + " when " + expression + " < " + improvable + " then 'needs improvement' else 'poor' end"
end
~}}

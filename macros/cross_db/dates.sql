{{~
# Date arithmetic differs between engines: one macro, one variant per engine (dbt's dispatch convention).
# Calling `add_interval` picks `<engine>__add_interval`, then `add_interval`, then `default__add_interval`.

# A number of units (day, hour, second, month) added to a timestamp.
func duckdb__add_interval(expression, amount, unit)
  ret "(" + expression + " + interval (" + amount + ") " + unit + ")"
end

# timestampadd keeps the time of day (date_add would return a date).
func databricks__add_interval(expression, amount, unit)
  ret "timestampadd(" + (string.upcase unit) + ", " + amount + ", " + expression + ")"
end

func default__add_interval(expression, amount, unit)
  ret "(" + expression + " + interval '" + amount + "' " + unit + ")"
end

func add_days(expression, days)
  ret add_interval(expression, days, "day")
end

func add_hours(expression, hours)
  ret add_interval(expression, hours, "hour")
end

func add_seconds(expression, seconds)
  ret add_interval(expression, seconds, "second")
end

func add_months(expression, months)
  ret add_interval(expression, months, "month")
end

func cents_to_amount(column)
  ret "round(" + column + " / 100.0, 2)"
end
~}}

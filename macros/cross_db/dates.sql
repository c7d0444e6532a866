{{~
# Date arithmetic differs between engines: one macro, one variant per engine (dbt's dispatch convention).
# Calling `add_days` picks `<engine>__add_days`, then `add_days`, then `default__add_days`.

func duckdb__add_days(expression, days)
  ret "(" + expression + " + interval (" + days + ") day)"
end

# timestampadd keeps the time of day (date_add would return a date).
func databricks__add_days(expression, days)
  ret "timestampadd(DAY, " + days + ", " + expression + ")"
end

func default__add_days(expression, days)
  ret "(" + expression + " + interval '" + days + "' day)"
end

func cents_to_amount(column)
  ret "round(" + column + " / 100.0, 2)"
end
~}}

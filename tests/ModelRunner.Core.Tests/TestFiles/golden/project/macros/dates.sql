{{ func duckdb__days_ago(column, days)
  ret column + " >= current_date - interval (" + days + ") day"
end
func default__days_ago(column, days)
  ret column + " >= date_sub(current_date(), " + days + ")"
end }}

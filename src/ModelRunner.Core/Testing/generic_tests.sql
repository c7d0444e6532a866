{{~
# The built-in generic data tests. Each returns a query selecting the failing rows; a test passes when it
# selects none. `model` prints as the tested relation (or, with a `where` config, as a filtered subquery that
# already has an alias, so the macros never alias it). A project overrides one by defining a macro of the
# same name under macros/, or per engine as <engine>__test_<name>.
# (A Scriban statement ends at the end of its line: long queries are built up over several statements.)

func test_not_null(model, column_name)
  ret "select " + column_name + "\nfrom " + model + "\nwhere " + column_name + " is null"
end

# One column, or several at once with combination_of_columns (a model-level test).
func test_unique(model, column_name = null, combination_of_columns = null)
  if combination_of_columns
    ret test_unique_combination_of_columns(model, combination_of_columns)
  end
  sql = "select " + column_name + " as unique_field, count(*) as n_records\nfrom " + model
  sql = sql + "\nwhere " + column_name + " is not null\ngroup by " + column_name + "\nhaving count(*) > 1"
  ret sql
end

func test_unique_combination_of_columns(model, combination_of_columns)
  columns = array.join(combination_of_columns, ", ")
  ret "select " + columns + ", count(*) as n_records\nfrom " + model + "\ngroup by " + columns + "\nhaving count(*) > 1"
end

func test_accepted_values(model, column_name, values, quote = true)
  literals = []
  for value in values
    literal = quote ? "'" + string.replace(value + "", "'", "''") + "'" : value + ""
    literals = array.add(literals, literal)
  end
  sql = "select " + column_name + " as value_field, count(*) as n_records\nfrom " + model
  sql = sql + "\nwhere " + column_name + " is not null and " + column_name + " not in (" + array.join(literals, ", ") + ")"
  ret sql + "\ngroup by " + column_name
end

func test_relationships(model, column_name, to, field)
  sql = "with child as (\n  select " + column_name + " as from_field\n  from " + model + "\n  where " + column_name + " is not null\n),"
  sql = sql + "\nparent as (\n  select " + field + " as to_field\n  from " + to + "\n)"
  ret sql + "\nselect from_field\nfrom child\nleft join parent on child.from_field = parent.to_field\nwhere parent.to_field is null"
end

func test_accepted_range(model, column_name, min_value = null, max_value = null, inclusive = true)
  low = inclusive ? " >= " : " > "
  high = inclusive ? " <= " : " < "
  conditions = []
  if min_value != null
    conditions = array.add(conditions, column_name + low + min_value)
  end
  if max_value != null
    conditions = array.add(conditions, column_name + high + max_value)
  end
  ret "select *\nfrom " + model + "\nwhere not (" + array.join(conditions, " and ") + ")"
end

# On a column, the expression continues the column (`expression: ">= 0"`); on a model it stands alone.
func test_expression_is_true(model, expression, column_name = null)
  condition = column_name ? column_name + " " + expression : expression
  ret "select *\nfrom " + model + "\nwhere not (" + condition + ")"
end
~}}

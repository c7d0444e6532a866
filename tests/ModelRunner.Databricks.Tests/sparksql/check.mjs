// Parses SQL files with dt-sql-parser's Spark SQL grammar and prints, as JSON, the syntax errors of each file:
//   node check.mjs FILE...   ->   [{"file": "...", "errors": [{"line": 1, "column": 2, "message": "..."}]}]
import { register } from 'node:module';
import { readFileSync } from 'node:fs';

register('./hooks.mjs', import.meta.url);
const { SparkSQL } = await import('dt-sql-parser');
const parser = new SparkSQL();
const results = process.argv.slice(2).map(file => ({
  file,
  errors: parser.validate(readFileSync(file, 'utf8')).map(e => ({ line: e.startLine, column: e.startColumn, message: e.message })),
}));
process.stdout.write(JSON.stringify(results));

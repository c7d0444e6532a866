// dt-sql-parser's ES modules import files without their extension (as bundlers allow); Node needs it spelled out.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (!specifier.startsWith('.')) throw error;
    for (const suffix of ['.js', '/index.js']) {
      try { return await next(specifier + suffix, context); } catch { /* try the next form */ }
    }
    throw error;
  }
}

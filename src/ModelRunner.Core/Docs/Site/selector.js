// The CLI's node selection syntax (src/ModelRunner.Core/Graph/Selector.cs), evaluated in the page so that the
// static site needs no server. Same grammar, same methods, same messages; a browser test compares the two on a
// battery of expressions over the repository's project.
'use strict';

function createSelector(dagNodes) {
  const byName = new Map(dagNodes.map(n => [n.name, n]));
  const parents = new Map(dagNodes.map(n => [n.name, n.dagParents]));
  const children = new Map(dagNodes.map(n => [n.name, []]));
  for (const n of dagNodes) for (const p of n.dagParents) children.get(p).push(n.name);
  const atomPattern = /^(?<at>@)?(?:(?<pdepth>\d*)(?<pplus>\+))?(?:(?<method>[a-z_]+(?:\.[a-z_]+)?):)?(?<value>[^+@]+?)(?:(?<cplus>\+)(?<cdepth>\d*))?$/;

  function walk(start, edges, depth) {
    const seen = new Set([start]);
    const found = [];
    let frontier = [start];
    for (let level = 0; frontier.length > 0 && (depth === null || level < depth); level++) {
      const next = [];
      for (const n of frontier)
        for (const e of edges.get(n))
          if (!seen.has(e)) { seen.add(e); next.push(e); found.push(e); }
      frontier = next;
    }
    return found;
  }

  function glob(pattern) {
    const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*').replace(/\\\?/g, '.');
    return new RegExp('^' + escaped + '$');
  }

  function match(method, value, atom) {
    if (method === null) method = value.includes('/') || value.endsWith('.sql') ? 'path' : 'name';
    switch (method) {
      case 'name': case 'fqn': {
        const regex = glob(value);
        return dagNodes.filter(n => regex.test(n.name)).map(n => n.name);
      }
      case 'tag':
        return dagNodes.filter(n => n.tags.includes(value)).map(n => n.name);
      case 'path': {
        const prefix = value.trim().replace(/\/+$/, '');
        const regex = glob(prefix);
        return dagNodes.filter(n => n.path === prefix || n.path.startsWith(prefix + '/') || regex.test(n.path)).map(n => n.name);
      }
      case 'resource_type':
        return dagNodes.filter(n => n.type.toLowerCase() === value.toLowerCase()).map(n => n.name);
      case 'source': {
        const parts = value.split('.');
        return dagNodes.filter(n => n.sources.some(s => s[0] === parts[0] && (parts.length < 2 || parts[1] === '*' || s[1] === parts[1])))
          .map(n => n.name);
      }
      case 'test_name':
        return [];
      case 'state':
        throw new Error(`'${atom}' compares with an earlier manifest, which the docs site does not have: use the CLI with --state DIR`);
      default:
        if (method.startsWith('config.')) {
          const key = method.substring('config.'.length);
          const lower = value.toLowerCase();
          return dagNodes.filter(n => (n.config[key] || []).some(v => v.toLowerCase() === lower)
            || (key === 'materialized' && n.materialized === value)).map(n => n.name);
        }
        throw new Error(`unknown selector method '${method}' in '${atom}'; known: name, tag, path, config.<key>, source, resource_type, test_name, state.`);
    }
  }

  function evaluateAtom(atom) {
    if (atom.replace(/\++$/, '').endsWith(':')) {
      const method = atom.replace(/\++$/, '').replace(/^[@+]+/, '');
      throw new Error(`the selector '${atom}' has no value after '${method}' (e.g. tag:nightly)`);
    }
    const m = atomPattern.exec(atom);
    if (!m) throw new Error(`cannot read the selector '${atom}'`);
    const g = m.groups;
    const at = g.at !== undefined;
    const parentsDepth = g.pplus !== undefined ? (g.pdepth ? parseInt(g.pdepth, 10) : null) : undefined;
    const childrenDepth = g.cplus !== undefined ? (g.cdepth ? parseInt(g.cdepth, 10) : null) : undefined;
    const seeds = match(g.method === undefined ? null : g.method, g.value, atom);
    const result = new Set(seeds);
    for (const name of seeds) {
      if (parentsDepth !== undefined) walk(name, parents, parentsDepth).forEach(x => result.add(x));
      if (childrenDepth !== undefined || at) {
        const descendants = walk(name, children, childrenDepth === undefined ? null : childrenDepth);
        descendants.forEach(x => result.add(x));
        if (at) for (const child of [...descendants, name]) walk(child, parents, null).forEach(x => result.add(x));
      }
    }
    return result;
  }

  function evaluate(expression) {
    const result = new Set();
    for (const term of expression.split(' ').map(t => t.trim()).filter(t => t.length > 0)) {
      let intersection = null;
      for (const atom of term.split(',').map(a => a.trim()).filter(a => a.length > 0)) {
        const matched = evaluateAtom(atom);
        intersection = intersection === null ? matched : new Set([...intersection].filter(x => matched.has(x)));
      }
      if (intersection !== null) intersection.forEach(x => result.add(x));
    }
    return result;
  }

  // The selected names in DAG order; no select means everything. Throws Error with the CLI's message.
  return function select(selectExpression, excludeExpression) {
    const included = selectExpression.trim() === '' ? new Set(dagNodes.map(n => n.name)) : evaluate(selectExpression);
    if ((excludeExpression || '').trim() !== '') evaluate(excludeExpression).forEach(x => included.delete(x));
    return dagNodes.filter(n => included.has(n.name)).map(n => n.name);
  };
}

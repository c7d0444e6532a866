// The docs site: a list of every node, a lineage graph (pan, zoom, click), a selection box taking the CLI's
// syntax, and a panel with a node's description, columns, tests and compiled SQL. Everything it shows is in the
// JSON block of the page, written by `modelrunner docs generate`; nothing is fetched.
'use strict';

(function () {
  const data = JSON.parse(document.getElementById('mr-data').textContent);
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const inGraph = data.nodes.filter(n => n.type === 'model' || n.type === 'seed' || n.type === 'source');
  const dagNodes = data.nodes.filter(n => n.type === 'model' || n.type === 'seed');
  const idByName = new Map(dagNodes.map(n => [n.name, n.id]));
  for (const n of dagNodes) n.dagParents = n.parents.map(p => byId.get(p)).filter(p => p && p.type !== 'source').map(p => p.name);
  const select = createSelector(dagNodes);
  const childrenOf = new Map(data.nodes.map(n => [n.id, []]));
  for (const n of data.nodes) for (const p of n.parents) if (childrenOf.has(p)) childrenOf.get(p).push(n.id);

  const el = (tag, attributes, ...content) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of content) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  };
  const svgEl = (tag, attributes) => {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
    return e;
  };

  // ---- layout: columns by depth in the DAG, rows ordered to keep edges short (barycentre sweeps) ----
  const W = 230, H = 26, COL = 300, ROW = 36;
  const level = new Map();
  for (const n of inGraph) // nodes come in DAG order, parents first
    level.set(n.id, n.parents.filter(p => level.has(p)).reduce((m, p) => Math.max(m, level.get(p) + 1), 0));
  const columns = [];
  for (const n of inGraph) (columns[level.get(n.id)] ||= []).push(n);
  const row = new Map();
  columns.forEach(c => c.forEach((n, i) => row.set(n.id, i)));
  const centre = (ids) => ids.length === 0 ? null : ids.reduce((s, id) => s + row.get(id), 0) / ids.length;
  for (let sweep = 0; sweep < 6; sweep++) {
    const forward = sweep % 2 === 0;
    const order = forward ? columns.map((_, i) => i) : columns.map((_, i) => columns.length - 1 - i);
    for (const i of order) {
      const column = columns[i];
      const key = new Map(column.map(n => {
        const near = (forward ? n.parents : childrenOf.get(n.id)).filter(id => row.has(id) && level.get(id) !== i);
        const c = centre(near);
        return [n.id, c === null ? row.get(n.id) : c];
      }));
      column.sort((a, b) => key.get(a.id) - key.get(b.id) || a.name.localeCompare(b.name));
      column.forEach((n, r) => row.set(n.id, r));
    }
  }
  const tallest = Math.max(...columns.map(c => c.length));
  const position = new Map();
  columns.forEach((column, i) => column.forEach((n, r) =>
    position.set(n.id, { x: i * COL, y: (r + (tallest - column.length) / 2) * ROW })));

  // ---- graph ----
  const svg = document.getElementById('graph');
  const viewport = svgEl('g', { id: 'viewport' });
  svg.append(viewport);
  const edgeLayer = svgEl('g', { class: 'edges' });
  const nodeLayer = svgEl('g', { class: 'nodes' });
  viewport.append(edgeLayer, nodeLayer);
  const edges = [];
  for (const n of inGraph) for (const p of n.parents) {
    if (!position.has(p)) continue;
    const a = position.get(p), b = position.get(n.id);
    const path = svgEl('path', {
      d: `M${a.x + W},${a.y + H / 2} C${a.x + W + 50},${a.y + H / 2} ${b.x - 50},${b.y + H / 2} ${b.x},${b.y + H / 2}`,
      class: 'edge',
    });
    edgeLayer.append(path);
    edges.push({ from: p, to: n.id, path });
  }
  const nodeElements = new Map();
  for (const n of inGraph) {
    const p = position.get(n.id);
    const g = svgEl('g', { class: `node ${n.type}${statusClass(n)}`, transform: `translate(${p.x},${p.y})`, 'data-id': n.id });
    const title = svgEl('title', {});
    title.textContent = `${n.name} (${n.type})`;
    const rect = svgEl('rect', { width: W, height: H, rx: 5 });
    const text = svgEl('text', { x: 10, y: 17 });
    text.textContent = n.name.length > 30 ? n.name.substring(0, 29) + '…' : n.name;
    g.append(title, rect, text);
    nodeLayer.append(g);
    nodeElements.set(n.id, g);
  }

  function statusClass(n) {
    const s = n.status && n.status.status;
    if (s === 'error' || s === 'fail' || s === 'runtime error') return ' failed';
    if (n.tests && n.tests.some(t => ['fail', 'error'].includes(((byId.get(t) || {}).status || {}).status))) return ' failed';
    return '';
  }

  // pan and zoom
  const view = { x: 20, y: 20, k: 1 };
  const apply = () => viewport.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
  function fit() {
    const width = svg.clientWidth || 800, height = svg.clientHeight || 600;
    const graphWidth = columns.length * COL, graphHeight = tallest * ROW;
    view.k = Math.min(1.2, Math.max(0.05, Math.min(width / (graphWidth + 40), height / (graphHeight + 40))));
    view.x = (width - (graphWidth - COL + W) * view.k) / 2;
    view.y = (height - graphHeight * view.k) / 2;
    apply();
  }
  function centreOn(id) {
    const p = position.get(id);
    if (!p) return;
    const width = svg.clientWidth || 800, height = svg.clientHeight || 600;
    view.k = Math.max(view.k, 0.8);
    view.x = width / 2 - (p.x + W / 2) * view.k;
    view.y = height / 2 - (p.y + H / 2) * view.k;
    apply();
  }
  svg.addEventListener('wheel', event => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    const mx = event.clientX - box.left, my = event.clientY - box.top;
    const k = Math.min(4, Math.max(0.05, view.k * Math.exp(-event.deltaY * 0.0015)));
    view.x = mx - (mx - view.x) * (k / view.k);
    view.y = my - (my - view.y) * (k / view.k);
    view.k = k;
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', event => {
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener('pointermove', event => {
    if (!drag) return;
    const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; apply(); }
  });
  window.addEventListener('pointerup', event => {
    const clicked = drag && !drag.moved ? event.target.closest && event.target.closest('g.node') : null;
    drag = null;
    if (clicked) show(clicked.getAttribute('data-id'), false);
  });

  // ---- lineage highlight ----
  function lineage(id) {
    const up = new Set([id]), down = new Set([id]);
    const walk = (start, next, seen) => {
      const stack = [start];
      while (stack.length) for (const x of next(stack.pop()) || []) if (!seen.has(x)) { seen.add(x); stack.push(x); }
    };
    walk(id, x => (byId.get(x) || { parents: [] }).parents, up);
    walk(id, x => childrenOf.get(x), down);
    return { up, down };
  }
  function highlight(id) {
    for (const g of nodeElements.values()) g.classList.remove('focus', 'upstream', 'downstream');
    for (const e of edges) e.path.classList.remove('lit');
    if (!nodeElements.has(id)) return;
    const { up, down } = lineage(id);
    for (const x of up) nodeElements.get(x)?.classList.add('upstream');
    for (const x of down) nodeElements.get(x)?.classList.add('downstream');
    nodeElements.get(id).classList.add('focus');
    for (const e of edges) if ((up.has(e.from) && up.has(e.to)) || (down.has(e.from) && down.has(e.to))) e.path.classList.add('lit');
  }

  // ---- selection box ----
  const selectBox = document.getElementById('select'), excludeBox = document.getElementById('exclude');
  const selectionInfo = document.getElementById('selection-info');
  function applySelection() {
    selectionInfo.classList.remove('error');
    const s = selectBox.value, x = excludeBox.value;
    if (s.trim() === '' && x.trim() === '') {
      for (const g of nodeElements.values()) g.classList.remove('picked', 'dim');
      selectionInfo.textContent = '';
      return null;
    }
    let names;
    try { names = select(s, x); } catch (error) {
      selectionInfo.textContent = error.message;
      selectionInfo.classList.add('error');
      return null;
    }
    const picked = new Set(names.map(n => idByName.get(n)));
    for (const [id, g] of nodeElements) {
      g.classList.toggle('picked', picked.has(id));
      g.classList.toggle('dim', !picked.has(id));
    }
    selectionInfo.textContent = `${names.length} node(s) selected`;
    return names;
  }
  document.getElementById('selection').addEventListener('submit', event => { event.preventDefault(); applySelection(); });
  document.getElementById('clear').addEventListener('click', () => { selectBox.value = ''; excludeBox.value = ''; applySelection(); });
  document.getElementById('fit').addEventListener('click', fit);

  // ---- the list of every node ----
  const list = document.getElementById('list');
  const filter = document.getElementById('filter');
  const groups = [['model', 'Models'], ['seed', 'Seeds'], ['source', 'Sources'], ['test', 'Data tests'], ['unit_test', 'Unit tests']];
  function renderList() {
    const needle = filter.value.trim().toLowerCase();
    list.replaceChildren();
    for (const [type, label] of groups) {
      // by file, so that a package's or a folder's nodes stand together
      const items = data.nodes.filter(n => n.type === type && (needle === '' || n.name.toLowerCase().includes(needle)))
        .sort((a, b) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name));
      if (items.length === 0) continue;
      const ul = el('ul');
      for (const n of items)
        ul.append(el('li', {}, el('a', { href: '#node=' + encodeURIComponent(n.id), 'data-id': n.id, class: statusClass(n).trim() }, n.name)));
      list.append(el('details', needle === '' && type !== 'model' ? {} : { open: '' }, el('summary', {}, `${label} (${items.length})`), ul));
    }
  }
  filter.addEventListener('input', renderList);
  list.addEventListener('click', event => {
    const a = event.target.closest('a[data-id]');
    if (!a) return;
    event.preventDefault();
    show(a.getAttribute('data-id'), true);
  });

  // ---- the details panel ----
  const panel = document.getElementById('details');
  const link = id => {
    const n = byId.get(id);
    return n ? el('a', { href: '#node=' + encodeURIComponent(id), 'data-id': id }, n.name) : id;
  };
  // A column's test by its kind (not_null, unique …): its full name repeats the model and the column.
  const testLink = (id, model, column) => {
    const a = link(id);
    if (a instanceof Node) a.textContent = a.textContent.replace('_' + model.name + '_' + column.name, '') || a.textContent;
    return a;
  };
  panel.addEventListener('click', event => {
    const a = event.target.closest('a[data-id]');
    if (!a) return;
    event.preventDefault();
    show(a.getAttribute('data-id'), true);
  });
  function statusText(s) {
    if (!s) return null;
    const parts = [s.status];
    if (s.failures !== null && s.failures !== undefined) parts.push(`${s.failures} failing row(s)`);
    if (s.execution_time !== null && s.execution_time !== undefined) parts.push(`${s.execution_time.toFixed(2)} s`);
    return el('p', { class: 'status ' + s.status.replace(' ', '-') }, 'Last run: ' + parts.join(', '), s.message ? el('span', { class: 'message' }, ' — ' + s.message) : null);
  }
  function show(id, centre) {
    const n = byId.get(id);
    if (!n) return;
    panel.replaceChildren();
    panel.append(el('h2', {}, n.name), el('p', { class: 'meta' },
      el('span', { class: 'badge ' + n.type }, n.type.replace('_', ' ')),
      n.materialized ? ` ${n.materialized}` : '', n.relation ? el('code', {}, n.relation) : null));
    const facts = el('dl');
    const fact = (k, v) => { if (v !== null && v !== undefined && v !== '') facts.append(el('dt', {}, k), el('dd', {}, v)); };
    fact('Package', n.package);
    fact('File', n.path);
    fact('Tags', (n.tags || []).join(', '));
    if (n.attached_to) fact('Tests', link(n.attached_to));
    if (n.column) fact('Column', n.column);
    panel.append(facts);
    if (n.description) panel.append(el('p', { class: 'description' }, n.description));
    const status = statusText(n.status);
    if (status) panel.append(status);
    if (n.columns && n.columns.length) {
      const table = el('table', { class: 'columns' }, el('thead', {}, el('tr', {}, el('th', {}, 'Column'), el('th', {}, 'Type'), el('th', {}, 'Description'), el('th', {}, 'Tests'))));
      const body = el('tbody');
      for (const c of n.columns)
        body.append(el('tr', {}, el('td', {}, el('code', {}, c.name)), el('td', {}, c.type || ''), el('td', {}, c.description || ''),
          el('td', {}, ...(c.tests || []).map(t => el('span', { class: 'test-chip ' + (((byId.get(t) || {}).status || {}).status || '') }, testLink(t, n, c))))));
      table.append(body);
      panel.append(el('h3', {}, `Columns (${n.columns.length})`), table);
    }
    const parents = n.parents || [], children = childrenOf.get(id) || [];
    if (parents.length) panel.append(el('h3', {}, 'Depends on'), el('ul', { class: 'links' }, ...parents.map(p => el('li', {}, link(p)))));
    if (children.length) panel.append(el('h3', {}, 'Referenced by'), el('ul', { class: 'links' }, ...children.map(p => el('li', {}, link(p)))));
    const tests = (n.tests || []).filter(t => byId.has(t));
    if (tests.length) panel.append(el('h3', {}, `Tests (${tests.length})`),
      el('ul', { class: 'links' }, ...tests.map(t => el('li', {}, link(t), ' ', statusText(byId.get(t).status) || ''))));
    if (n.sql) panel.append(el('h3', {}, n.type === 'seed' ? 'Rows' : 'Compiled SQL'), el('pre', { class: 'sql' }, el('code', {}, n.sql)));
    panel.scrollTop = 0;
    const graphId = nodeElements.has(id) ? id : n.attached_to;
    if (graphId) { highlight(graphId); if (centre) centreOn(graphId); }
    if (location.hash !== '#node=' + encodeURIComponent(id)) history.replaceState(null, '', '#node=' + encodeURIComponent(id));
  }

  document.getElementById('title').textContent = data.project;
  document.getElementById('generated').textContent =
    `${data.target} · generated ${data.generated_at}` + (data.catalog ? ' · types from the database' : ' · offline: no types')
    + (data.run_results_at ? ` · results of the run at ${data.run_results_at}` : ' · no run results yet');
  renderList();
  // First view: the whole height, at a zoom where names can still be read, from the sources on the left.
  fit();
  if (view.k < 0.45) { view.k = 0.45; view.x = 20; view.y = ((svg.clientHeight || 600) - tallest * ROW * view.k) / 2; apply(); }
  const initial = /^#node=(.+)$/.exec(location.hash);
  if (initial) show(decodeURIComponent(initial[1]), true);

  // For tests and the curious: the selector and the panel, as the page uses them.
  window.modelrunnerDocs = { select, show, nodeCount: inGraph.length, edgeCount: edges.length };
})();

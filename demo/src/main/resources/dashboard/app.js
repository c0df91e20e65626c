// The dashboard page: a snapshot of the state over Server-Sent Events, then updates; no reload.
'use strict';

const PALETTE = {
  airport: '#4e79a7', shopping_mall: '#f28e2b', metro_station: '#e15759',
  street_pedestrian: '#76b7b2', public_square: '#59a14f', street_traffic: '#edc948',
  tram: '#b07aa1', bus: '#ff9da7', metro: '#9c755f', park: '#2ca02c'
};
const EXTRA = ['#17becf', '#bcbd22', '#7f7f7f', '#8c564b', '#d62728', '#9467bd'];

const state = { tiles: new Map(), labels: [], matrix: [], spanMillis: 3600000, rate: [] };

function color(scene) {
  if (!scene) return '#999';
  if (PALETTE[scene]) return PALETTE[scene];
  let h = 0;
  for (const ch of scene) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length];
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function applyHeader(msg) {
  document.getElementById('total-sensors').textContent = msg.sensors;
  document.getElementById('total-events').textContent = msg.events;
  document.getElementById('feed').textContent = msg.title + ': ' + msg.feed;
  state.spanMillis = msg.spanMillis;
  const now = Date.now();
  state.rate.push([now, msg.events]);
  while (state.rate.length > 2 && now - state.rate[0][0] > 10000) state.rate.shift();
  if (state.rate.length >= 2) {
    const [t0, n0] = state.rate[0];
    const dt = (now - t0) / 1000;
    if (dt > 0.5) document.getElementById('events-rate').textContent = ((msg.events - n0) / dt).toFixed(1);
  }
}

function tileData(t) {
  let d = state.tiles.get(t.id);
  if (!d) {
    d = { segments: new Map(), node: buildTile(t.id) };
    state.tiles.set(t.id, d);
    placeTile(t.id, d.node);
  }
  return d;
}

function buildTile(id) {
  const n = el('div', 'tile');
  n.dataset.sensor = id;
  const top = el('div', 'top');
  const name = el('div');
  name.append(el('span', 'id', id), el('span', 'device'));
  top.append(name, el('span', 'health'));
  const conf = el('div', 'conf');
  const bar = el('span', 'bar');
  bar.append(el('i'));
  conf.append(bar, el('span', 'pct'));
  const canvas = el('canvas', 'timeline');
  canvas.width = 240;
  canvas.height = 22;
  n.append(top, el('div', 'scene'), conf, el('div', 'truth'), el('div', 'meta'), canvas);
  return n;
}

function placeTile(id, node) {
  const grid = document.getElementById('tiles');
  const empty = document.getElementById('no-tiles');
  if (empty) empty.remove();
  const after = [...grid.children].find(c => c.dataset.sensor > id);
  grid.insertBefore(node, after || null);
}

function applyTile(t) {
  const d = tileData(t);
  const n = d.node;
  for (const s of t.segments) d.segments.set(s[0], s);
  let newest = 0;
  for (const s of d.segments.values()) newest = Math.max(newest, s[1]);
  for (const [k, s] of d.segments) if (s[1] <= newest - state.spanMillis) d.segments.delete(k);
  const before = n.dataset.events;
  n.dataset.events = t.events;
  n.dataset.scene = t.scene || '';
  n.style.setProperty('--c', color(t.scene));
  n.querySelector('.device').textContent = t.device ? 'device ' + t.device : '';
  const h = n.querySelector('.health');
  h.textContent = t.health.toLowerCase().replace('_', ' ');
  h.className = 'health h-' + t.health;
  h.title = t.healthDetail;
  n.querySelector('.scene').textContent = t.scene ? t.scene.replace(/_/g, ' ') : 'no event yet';
  const pct = t.confidence == null ? 0 : Math.round(t.confidence * 100);
  n.querySelector('.bar i').style.width = pct + '%';
  n.querySelector('.pct').textContent = t.confidence == null ? '' : pct + ' %';
  const truth = n.querySelector('.truth');
  if (t.truth) {
    truth.className = 'truth ' + (t.truth === t.scene ? 'right' : 'wrong');
    truth.textContent = '';
    truth.append('truth: ', el('b', null, t.truth.replace(/_/g, ' ') + (t.truth === t.scene ? ' \u2713' : ' \u2717')),
      t.scored ? '  (' + Math.round(100 * t.correct / t.scored) + ' % of ' + t.scored + ')' : '');
  } else {
    truth.className = 'truth';
    truth.textContent = '';
  }
  n.querySelector('.meta').textContent = (t.model ? 'model ' + t.model + ' \u00b7 ' : '')
    + (t.segmentEnd ? 'segment to ' + new Date(t.segmentEnd).toISOString().substring(11, 19) + ' UTC' : '')
    + ' \u00b7 ' + t.events + ' events';
  drawTimeline(n.querySelector('canvas'), d.segments, newest);
  if (before !== undefined && before !== String(t.events)) {
    n.classList.add('flash');
    setTimeout(() => n.classList.remove('flash'), 400);
  }
}

function drawTimeline(canvas, segments, newest) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  const from = newest - state.spanMillis;
  const x = t => (t - from) / state.spanMillis * w;
  for (const [start, end, scene, , truth] of segments.values()) {
    const x0 = Math.max(0, x(start)), x1 = Math.max(x0 + 1, x(end));
    ctx.fillStyle = color(scene);
    ctx.fillRect(x0, 0, x1 - x0, truth ? h / 2 : h);
    if (truth) {
      ctx.fillStyle = color(truth);
      ctx.fillRect(x0, h / 2 + 1, x1 - x0, h / 2 - 1);
    }
  }
}

function applyMatrix(msg) {
  if (!msg.labels) return;
  state.labels = msg.labels;
  state.matrix = msg.matrix;
  const table = document.getElementById('confusion');
  table.dataset.total = msg.scored;
  document.getElementById('no-truth').hidden = msg.scored > 0;
  document.getElementById('accuracy').textContent = msg.scored > 0
    ? (100 * msg.correct / msg.scored).toFixed(1) + ' % of ' + msg.scored : '-';
  table.textContent = '';
  if (msg.scored === 0) return;
  const head = el('thead');
  const hr = el('tr');
  hr.append(el('th', null, 'true \\ predicted'));
  for (const l of msg.labels) hr.append(el('th', null, l));
  hr.append(el('th', null, 'recall'));
  head.append(hr);
  const body = el('tbody');
  msg.labels.forEach((l, i) => {
    const row = msg.matrix[i];
    const sum = row.reduce((a, b) => a + b, 0);
    const tr = el('tr');
    tr.append(el('th', null, l));
    row.forEach((n, j) => {
      const td = el('td', i === j ? 'diag' : null, n ? String(n) : '');
      const share = sum ? n / sum : 0;
      if (n) td.style.background = `rgba(78, 121, 167, ${(0.12 + 0.75 * share).toFixed(2)})`;
      if (share > 0.55) td.style.color = '#fff';
      tr.append(td);
    });
    tr.append(el('td', null, sum ? Math.round(100 * row[i] / sum) + ' %' : ''));
    body.append(tr);
  });
  table.append(head, body);
}

function legend(labels) {
  const box = document.getElementById('legend');
  if (box.dataset.labels === labels.join(',')) return;
  box.dataset.labels = labels.join(',');
  box.textContent = '';
  for (const l of labels) {
    const s = el('span', null, l.replace(/_/g, ' '));
    s.style.setProperty('--c', color(l));
    box.append(s);
  }
}

function apply(msg, snapshot) {
  if (snapshot) {
    state.tiles.clear();
    const grid = document.getElementById('tiles');
    grid.textContent = '';
  }
  applyHeader(msg);
  for (const t of msg.tiles) applyTile(t);
  if (msg.labels) {
    legend(msg.labels);
    applyMatrix(msg);
  }
}

function connect() {
  const conn = document.getElementById('connection');
  const source = new EventSource('api/stream');
  source.addEventListener('snapshot', e => {
    conn.dataset.state = 'live';
    conn.textContent = 'live';
    apply(JSON.parse(e.data), true);
  });
  source.addEventListener('update', e => apply(JSON.parse(e.data), false));
  source.onerror = () => {
    conn.dataset.state = 'reconnecting';
    conn.textContent = 'reconnecting ...';
  };
}

connect();

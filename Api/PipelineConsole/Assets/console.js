// The pipeline console: one EventSource (/console/stream) brings a snapshot each second and the live tail's events;
// dead letters are listed and replayed through the pipeline's own endpoints. Everything shown is written as text,
// never as markup: events and dead letters hold whatever their senders put in them.
'use strict';

const SERIES = [
  { name: 'accepted', color: '#2563eb' },
  { name: 'stored', color: '#16a34a' },
  { name: 'duplicates', color: '#d97706' },
  { name: 'dead_lettered', color: '#dc2626' },
];
const HISTORY_SECONDS = 120;
const TAIL_ROWS = 100;
const DEAD_LETTER_LIMIT = 100;
// Offsets are committed about once a second, so a partition under load always lags a little; this much is worth a look.
const LAGGING = 1000;

const byId = id => document.getElementById(id);
const number = value => (value ?? 0).toLocaleString('en-US');
const rate = value => (value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US'));
const time = iso => (iso ? new Date(iso).toLocaleTimeString('en-GB') : '');

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function replaceRows(table, items, fill) {
  const body = table.tBodies[0];
  const rows = items.map(item => {
    const row = document.createElement('tr');
    fill(row, item);
    return row;
  });
  body.replaceChildren(...rows);
}

function placeholder(table, text) {
  replaceRows(table, [text], (row, message) => {
    cell(row, message, 'muted').colSpan = table.tHead.rows[0].cells.length;
  });
}

// Rates and the chart -------------------------------------------------------------------------------------------

const history = [];
let previous = null;

function showSnapshot(snapshot) {
  const counts = snapshot.pipeline;
  const at = Date.parse(snapshot.at);
  for (const name of ['accepted', 'stored', 'duplicates', 'dead_lettered', 'pending', 'received', 'rejected']) {
    byId(`total-${name}`).textContent = number(counts[name]);
  }
  if (previous && at > previous.at) {
    const seconds = (at - previous.at) / 1000;
    const point = { at };
    for (const { name } of SERIES) {
      point[name] = Math.max(0, (counts[name] - previous.counts[name]) / seconds);
      byId(`rate-${name}`).textContent = rate(point[name]);
    }
    history.push(point);
    while (history.length && history[0].at < at - HISTORY_SECONDS * 1000) history.shift();
    drawChart(at);
  }
  previous = { at, counts };

  showLag(snapshot.lag, snapshot.lag_error);
  replaceRows(byId('silos'), snapshot.silos, (row, silo) => {
    cell(row, silo.name);
    cell(row, silo.address);
    cell(row, silo.status);
    cell(row, new Date(silo.started_at).toLocaleString('en-GB'));
  });
  const sources = Object.entries(counts.sources ?? {}).sort(([a], [b]) => a.localeCompare(b));
  replaceRows(byId('sources'), sources, (row, [name, source]) => {
    cell(row, name);
    for (const key of ['received', 'accepted', 'rejected', 'rate_limited']) cell(row, number(source[key]), 'number');
  });
  if (!sources.length) placeholder(byId('sources'), 'No event source has sent anything yet.');
  byId('updated').textContent = `updated ${time(snapshot.at)}`;
  if (counts.dead_lettered + counts.replayed !== lastDeadLetterCount) {
    lastDeadLetterCount = counts.dead_lettered + counts.replayed;
    refreshDeadLetters();
  }
}

function showLag(lag, error) {
  const message = byId('lag-error');
  message.hidden = !error;
  message.textContent = error ? `Kafka cannot be asked right now: ${error}` : '';
  replaceRows(byId('lag'), lag ?? [], (row, partition) => {
    if (partition.lag >= LAGGING) row.className = 'lagging';
    cell(row, partition.partition, 'number');
    cell(row, number(partition.end), 'number');
    cell(row, number(partition.committed), 'number');
    cell(row, number(partition.lag), 'number');
  });
}

function drawChart(now) {
  const canvas = byId('chart');
  const scale = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = width * scale;
  canvas.height = height * scale;
  const g = canvas.getContext('2d');
  g.scale(scale, scale);
  g.clearRect(0, 0, width, height);

  const left = 56, right = 110, top = 8, bottom = 22;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const highest = Math.max(1, ...history.flatMap(p => SERIES.map(s => p[s.name])));
  const { ceiling, ticks } = axis(highest);
  const x = at => left + plotWidth * (1 - (now - at) / (HISTORY_SECONDS * 1000));
  const y = value => top + plotHeight * (1 - value / ceiling);

  g.font = '11px system-ui, sans-serif';
  g.fillStyle = '#667085';
  g.strokeStyle = '#e4e7ec';
  g.lineWidth = 1;
  for (let i = 0; i <= ticks; i++) {
    const value = (ceiling * i) / ticks;
    g.beginPath();
    g.moveTo(left, y(value));
    g.lineTo(left + plotWidth, y(value));
    g.stroke();
    g.textAlign = 'right';
    g.fillText(value.toLocaleString('en-US', { maximumFractionDigits: 2 }), left - 6, y(value) + 4);
  }
  g.textAlign = 'left';
  g.fillText(`−${HISTORY_SECONDS} s`, left, height - 6);
  g.textAlign = 'right';
  g.fillText('now', left + plotWidth, height - 6);

  SERIES.forEach(({ name, color }, index) => {
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.beginPath();
    history.forEach((point, i) => (i === 0 ? g.moveTo(x(point.at), y(point[name])) : g.lineTo(x(point.at), y(point[name]))));
    g.stroke();
    g.fillStyle = color;
    g.textAlign = 'left';
    g.fillRect(left + plotWidth + 14, top + index * 18 + 2, 10, 10);
    g.fillStyle = '#1d2430';
    g.fillText(name.replace('_', ' '), left + plotWidth + 30, top + index * 18 + 11);
  });
}

// The smallest of 1, 2 and 5 times a power of ten that holds the value, in steps that are round numbers too.
function axis(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find(s => s * magnitude >= value);
  return { ceiling: step * magnitude, ticks: step === 2 ? 4 : 5 };
}

// The live tail -------------------------------------------------------------------------------------------------

let stream = null;
let skipped = 0;

function connect() {
  stream?.close();
  const filter = new URLSearchParams();
  for (const name of ['type', 'user', 'source']) {
    const value = byId(`tail-${name}`).value.trim();
    if (value) filter.set(name, value);
  }
  stream = new EventSource(`/console/stream?${filter}`);
  stream.onopen = () => setConnection('live', 'live');
  stream.onerror = () => setConnection('reconnecting…', 'down');
  stream.addEventListener('snapshot', message => showSnapshot(JSON.parse(message.data)));
  stream.addEventListener('events', message => showEvents(JSON.parse(message.data)));
  byId('tail').tBodies[0].replaceChildren();
  skipped = 0;
  byId('tail-status').textContent = filter.size ? `showing ${filter}` : 'showing every event';
}

function setConnection(text, state) {
  const badge = byId('connection');
  badge.textContent = text;
  badge.className = `connection ${state}`;
}

function showEvents({ events, skipped: left }) {
  skipped += left;
  if (byId('tail-pause').checked) return;
  const body = byId('tail').tBodies[0];
  for (const tailed of events) {
    const row = document.createElement('tr');
    cell(row, time(tailed.received_at));
    cell(row, tailed.event_type);
    cell(row, tailed.user_id);
    cell(row, tailed.source ?? '');
    cell(row, tailed.event_id);
    const data = tailed.event !== undefined ? JSON.stringify(tailed.event.data ?? tailed.event) : tailed.text;
    cell(row, data, 'data').title = tailed.event !== undefined ? JSON.stringify(tailed.event, null, 2) : tailed.text;
    body.prepend(row);
  }
  while (body.rows.length > TAIL_ROWS) body.lastElementChild.remove();
  if (skipped > 0) byId('tail-status').textContent = `${number(skipped)} matching events not shown (more than the tail shows per second)`;
}

// Dead letters --------------------------------------------------------------------------------------------------

let lastDeadLetterCount = null;

async function refreshDeadLetters() {
  const response = await fetch(`/api/pipeline/dlq?limit=${DEAD_LETTER_LIMIT}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    byId('dlq-status').textContent = `Could not list dead letters: ${response.status}`;
    return;
  }
  const { items } = await response.json();
  replaceRows(byId('dead-letters'), items, (row, letter) => {
    cell(row, new Date(letter.failed_at).toLocaleString('en-GB'));
    cell(row, letter.reason);
    cell(row, letter.key ?? '');
    cell(row, letter.payload, 'data').title = letter.payload;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'replay';
    button.textContent = 'Replay';
    button.addEventListener('click', () => replay(oneLetter(letter), button));
    row.insertCell().append(button);
  });
  if (!items.length) placeholder(byId('dead-letters'), 'No pending dead letters.');
}

// The letter's key and the millisecond it failed in: what the aimed replay can name of one letter.
function oneLetter(letter) {
  const failed = Date.parse(letter.failed_at);
  return { key: letter.key ?? undefined, from: new Date(failed).toISOString(), to: new Date(failed + 1).toISOString() };
}

function matchingFilter() {
  const reason = byId('dlq-reason').value.trim();
  const key = byId('dlq-key').value.trim();
  return { reason: reason || undefined, key: key || undefined };
}

async function replay(filter, button) {
  if (button) button.disabled = true;
  const response = await fetch('/api/pipeline/dlq/replay', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(filter),
  });
  const status = byId('dlq-status');
  if (!response.ok) {
    status.textContent = `Replay refused: ${response.status} ${(await response.json().catch(() => ({}))).detail ?? ''}`;
    if (button) button.disabled = false;
    return;
  }
  const outcome = await response.json();
  if (!filter.dry_run) await refreshDeadLetters();
  status.textContent = filter.dry_run
    ? `${number(outcome.matched)} pending dead letters match`
    : `Replayed ${number(outcome.replayed)} of ${number(outcome.matched)} matching dead letters`;
}

document.addEventListener('DOMContentLoaded', () => {
  byId('tail-filter').addEventListener('submit', event => {
    event.preventDefault();
    connect();
  });
  byId('dlq-refresh').addEventListener('click', refreshDeadLetters);
  byId('dlq-count').addEventListener('click', () => replay({ ...matchingFilter(), dry_run: true }));
  byId('dlq-replay-matching').addEventListener('click', () => {
    if (confirm('Send every pending dead letter that matches back through the pipeline?')) replay(matchingFilter());
  });
  connect();
});

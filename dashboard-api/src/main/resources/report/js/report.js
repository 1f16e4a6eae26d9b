// The officer's quarterly report: the figures of a quarter (the current one by default) against the quarter before,
// as tables, charts and a map. Signed in with the console's session (same token, same zone scope: the API answers
// only what the token may see), or opened from a signed share link (/report/shared?...) without signing in.
import { api, ApiError, el } from '/console/js/api.js';
import { drawCharts, resizeCharts } from './charts.js';
import { drawMap, resizeMap, rankColour } from './places.js';
import { byZone, delta, num, pct, quartersBefore, span, totals, when } from './format.js';

const shared = location.pathname === '/report/shared';
const params = new URLSearchParams(location.search);
let tiles = null;

async function start() {
  document.getElementById('sign-in-form').addEventListener('submit', signIn);
  document.getElementById('print').addEventListener('click', () => window.print());
  document.getElementById('share').addEventListener('click', share);
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('quarter').addEventListener('change', (e) => {
    params.set('quarter', e.target.value);
    location.search = params.toString();
  });
  window.addEventListener('resize', () => { resizeCharts(); resizeMap(); });
  window.matchMedia('print').addEventListener('change', () => { resizeCharts(); resizeMap(); });
  if (shared) {
    await load('/report/data?' + params.toString());
    return;
  }
  try {
    const who = await api.session();
    signedIn(who);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      document.getElementById('sign-in').hidden = false;
      return;
    }
    fail(e);
  }
}

async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById('token');
  try {
    const who = await api.signIn(input.value);
    input.value = '';
    document.getElementById('sign-in').hidden = true;
    signedIn(who);
  } catch (e) {
    document.getElementById('sign-in-error').textContent =
      e.status === 401 ? 'This token is not known.' : 'Could not sign in: ' + e.message;
  }
}

async function signOut() {
  await api.signOut();
  location.reload();
}

function signedIn(who) {
  tiles = who.tiles;
  document.getElementById('tools').hidden = false;
  document.getElementById('who').textContent = `${who.role} · zone ${who.zone === '*' ? 'whole city' : who.zone}`;
  const query = new URLSearchParams();
  for (const key of ['quarter', 'zone']) if (params.get(key)) query.set(key, params.get(key));
  listShares().catch(() => { /* the list is an extra: the report loads without it */ });
  return load('/report/data?' + query.toString());
}

async function load(path) {
  try {
    const data = await api.get(path);
    render(data);
    document.body.dataset.ready = 'true';
  } catch (e) {
    fail(e);
  }
}

function fail(e) {
  document.getElementById('load-error').textContent = 'Could not load the report: ' + e.message;
  document.body.dataset.ready = 'error';
}

async function share() {
  const box = document.getElementById('share-box');
  try {
    const link = await api.post('/report/share', { zone: params.get('zone') || undefined, quarter: current.quarter });
    document.getElementById('share-url').value = location.origin + link.url;
    document.getElementById('share-expiry').textContent = 'opens the report of zone ' + link.zone + ', '
      + link.quarter + ', without signing in, until ' + when(link.expiresAt);
    box.hidden = false;
    document.getElementById('share-url').select();
    await listShares();
  } catch (e) {
    fail(e);
  }
}

/** The unexpired links of the token's zones, each to revoke on its own (a revoked one opens nothing any more). */
async function listShares() {
  const links = await api.get('/report/shares');
  const rows = links.items.map((l) => {
    const revoke = l.revokedAt ? el('span', { class: 'revoked' }, `revoked ${when(l.revokedAt)}`)
      : el('button', { type: 'button', class: 'revoke', onclick: async () => {
        try {
          await api.post(`/report/shares/${l.id}/revoke`);
          await listShares();
        } catch (e) {
          fail(e);
        }
      } }, 'Revoke');
    return el('li', { 'data-link': String(l.id), 'data-revoked': String(Boolean(l.revokedAt)) },
      `zone ${l.zone}, ${l.quarter}, made ${when(l.createdAt)} by ${l.createdBy}, until ${when(l.expiresAt)} `, revoke);
  });
  document.getElementById('shares').replaceChildren(...rows);
  document.getElementById('shares-box').hidden = rows.length === 0;
}

let current = null;

function render(data) {
  const now = data.current;
  const before = data.previous;
  current = now;
  const prev = byZone(before);
  document.getElementById('report').hidden = false;
  document.title = `${now.zone.name}: community report ${now.quarter}`;
  document.getElementById('title').textContent = `Community assessment: ${now.zone.name}`;
  const running = now.countedUntil < now.to ? `, counted until ${when(now.countedUntil)} (the quarter is running)` : '';
  document.getElementById('period').textContent = `${now.quarter} (${span(now.from, now.to)})${running};`
    + ` compared with ${before.quarter}. ${now.communities.length} communities.`
    + (data.shared ? ` Shared link, valid until ${when(data.shared.expiresAt)}.` : '');
  fillQuarters(now.quarter);
  const tNow = totals(now);
  const tBefore = totals(before);
  summary(tNow, tBefore);
  ranking(now, prev);
  trendTable(now, prev, before.quarter);
  volumes(now);
  const labels = { now: now.quarter, before: before.quarter };
  const trend = [
    { label: 'overflow h per 1,000 bin-days', now: tNow.overflowPer1000, before: tBefore.overflowPer1000 },
    { label: 'median response h', now: tNow.medianOfMedians, before: tBefore.medianOfMedians },
    { label: 'verified %', now: share100(tNow.verifiedShare), before: share100(tBefore.verifiedShare) },
    { label: 'recycled %', now: share100(tNow.recyclableShare), before: share100(tBefore.recyclableShare) },
  ];
  drawCharts(now, prev, labels, trend);
  drawMap(document.getElementById('map'), now.communities, data.places, tiles);
  document.getElementById('generated').textContent = `Generated ${when(now.generatedAt)} by Clearway.`
    + ` Overflow level ${now.settings.overflowPct} %, report interval ${now.settings.reportIntervalMinutes} min,`
    + ` gap cap ${now.settings.gapCapMinutes} min, quarters in ${now.settings.timeZone}.`;
}

function share100(v) {
  return v === null ? null : v * 100;
}

function fillQuarters(quarter) {
  const select = document.getElementById('quarter');
  if (shared || select.options.length) return;
  const latest = quartersBefore(quarter, 1)[0];
  for (const q of quartersBefore(latest, 8)) select.append(el('option', { value: q, selected: q === quarter ? '' : null }, q));
}

function card(label, value, d) {
  return el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value),
    el('div', { class: 'delta ' + d.cls }, d.text));
}

function summary(t, t0) {
  document.getElementById('summary').replaceChildren(
    card('bins', num(t.bins, 0), delta(t.bins, t0.bins, false, 1, 0)),
    card('overflow h / 1,000 bin-days', num(t.overflowPer1000), delta(t.overflowPer1000, t0.overflowPer1000, true)),
    card('median response (h)', num(t.medianOfMedians), delta(t.medianOfMedians, t0.medianOfMedians, true)),
    card('pickups verified', pct(t.verifiedShare), delta(t.verifiedShare, t0.verifiedShare, false, 100)),
    card('recycled', pct(t.recyclableShare), delta(t.recyclableShare, t0.recyclableShare, false, 100)),
    card('citizen reports', num(t.reports, 0), delta(t.reports, t0.reports, true, 1, 0)));
}

function head(...columns) {
  return el('thead', {}, el('tr', {}, ...columns.map(([label, cls]) => el('th', { class: cls, scope: 'col' }, label))));
}

function cell(value, cls = 'num') {
  return el('td', { class: cls }, value);
}

function ranking(now, prev) {
  const table = document.getElementById('ranking');
  const body = el('tbody');
  for (const c of now.communities) {
    const c0 = prev.get(c.zoneId);
    const move = c0 ? c0.rank - c.rank : null;
    const arrow = move === null ? '' : move > 0 ? ` ▲${move}` : move < 0 ? ` ▼${-move}` : ' =';
    const rank = el('td', { class: 'num' }, el('span', { class: 'swatch', style: `color:${rankColour(c.rank, now.communities.length)}` }, '●'),
      ` ${c.rank}`, el('small', { class: move > 0 ? 'better' : move < 0 ? 'worse' : 'same' }, arrow));
    body.append(el('tr', { 'data-zone': c.zoneId }, rank, cell(c.name, 'name'), cell(num(c.bins, 0)),
      cell(num(c.overflowPer1000BinDays)), cell(num(c.responseMedianHours)), cell(num(c.responseP90Hours)),
      cell(pct(c.verifiedShare, 0)), cell(pct(c.sensorUptime, 0)), cell(pct(c.recyclableShare, 0)),
      cell(num(c.citizenReports, 0))));
  }
  table.replaceChildren(head(['rank', 'num'], ['community', 'name'], ['bins', 'num'], ['overflow h / 1,000 bin-days', 'num'],
    ['median response h', 'num'], ['p90 response h', 'num'], ['verified', 'num'], ['sensor uptime', 'num'],
    ['recycled', 'num'], ['citizen reports', 'num']), body);
}

function trendTable(now, prev, beforeLabel) {
  const body = el('tbody');
  for (const c of now.communities) {
    const c0 = prev.get(c.zoneId) || {};
    const pair = (a, b, lower, scale, digits, fmt) => {
      const d = delta(a, b, lower, scale, digits);
      return [cell(fmt(b)), cell(fmt(a)), el('td', { class: 'num ' + d.cls }, d.text)];
    };
    body.append(el('tr', { 'data-zone': c.zoneId }, cell(c.name, 'name'),
      ...pair(c.overflowPer1000BinDays, c0.overflowPer1000BinDays, true, 1, 1, (v) => num(v)),
      ...pair(c.responseMedianHours, c0.responseMedianHours, true, 1, 1, (v) => num(v)),
      ...pair(c.verifiedShare, c0.verifiedShare, false, 100, 0, (v) => pct(v, 0)),
      ...pair(c.recyclableShare, c0.recyclableShare, false, 100, 0, (v) => pct(v, 0))));
  }
  const b = beforeLabel.slice(5);
  const n = now.quarter.slice(5);
  document.getElementById('trend').replaceChildren(head(['community', 'name'],
    [`overflow ${b}`, 'num'], [n, 'num'], ['change', 'num'], [`median h ${b}`, 'num'], [n, 'num'], ['change', 'num'],
    [`verified ${b}`, 'num'], [n, 'num'], ['change', 'num'], [`recycled ${b}`, 'num'], [n, 'num'], ['change', 'num']), body);
}

function volumes(now) {
  const body = el('tbody');
  const sums = Object.fromEntries(now.streams.map((s) => [s, 0]));
  let total = 0;
  let weight = 0;
  for (const c of now.communities) {
    body.append(el('tr', { 'data-zone': c.zoneId }, cell(c.name, 'name'),
      ...now.streams.map((s) => cell(num(c.volumeByStreamL[s] / 1000, 1))), cell(num(c.totalVolumeL / 1000, 1)),
      cell(num(c.weightKg / 1000, 2))));
    for (const s of now.streams) sums[s] += c.volumeByStreamL[s] || 0;
    total += c.totalVolumeL;
    weight += c.weightKg;
  }
  const foot = el('tfoot', {}, el('tr', {}, cell('all communities', 'name'),
    ...now.streams.map((s) => cell(num(sums[s] / 1000, 1))), cell(num(total / 1000, 1)), cell(num(weight / 1000, 2))));
  document.getElementById('volumes').replaceChildren(head(['community', 'name'],
    ...now.streams.map((s) => [`${s} m³`, 'num']), ['total m³', 'num'], ['weight t', 'num']), body, foot);
}

start();

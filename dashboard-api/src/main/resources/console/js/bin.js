// A bin's page: its facts, the last 48 hours of fill (hourly min, mean, max) against its threshold, the decision
// engine's forecast for the next 24 hours with its p10-p90 band, and the drivers' photos of its stops.
import { api, atLeast, el, shortTime } from './api.js';

const KINDS = { collected: 'collected', skipped: 'skipped', damaged: 'bin damaged' };

function describeForecast(f) {
  if (!f) {
    return 'No forecast yet (too few readings since the last emptying).';
  }
  const eta = (e, what) => (e && e.p50
    ? `${what} around ${shortTime(e.p50)} (between ${e.p10 ? shortTime(e.p10) : '?'} and ${e.p90 ? shortTime(e.p90) : 'later'})`
    : `${what} not within 14 days`);
  return `Forecast: ${eta(f.threshold, 'threshold')}; ${eta(f.full, 'full')}. Shaded: 48 h past, 24 h ahead.`;
}

export class BinPanel {
  constructor() {
    this.panel = document.getElementById('bin-panel');
    document.getElementById('bin-close').onclick = () => { this.panel.hidden = true; };
  }

  async open(id) {
    this.panel.hidden = false;
    document.getElementById('bin-title').textContent = id;
    const facts = document.getElementById('bin-facts');
    const svg = document.getElementById('bin-history');
    svg.replaceChildren();
    try {
      const to = new Date();
      const from = new Date(to.getTime() - 48 * 3600 * 1000);
      const ahead = to.getTime() + 24 * 3600 * 1000;
      const [bin, history] = await Promise.all([api.get('/bins/' + encodeURIComponent(id)),
        api.get(`/bins/${encodeURIComponent(id)}/readings?bucket=1h&from=${from.toISOString()}&to=${to.toISOString()}`)]);
      let state = null;
      try { state = await api.get(`/bins/${encodeURIComponent(id)}/state`); } catch (e) { state = null; }
      const threshold = bin.thresholdPct;
      facts.replaceChildren(el('p', {}, `${bin.stream}, ${bin.volumeL} l, zone ${bin.zoneId}; threshold `
        + `${threshold === null ? 'the stream\'s default' : threshold + ' %'}. `
        + (state ? `Last reading ${Math.round(state.fillPct)} % at ${shortTime(state.measuredAt)}` : 'No reading yet.')));
      let forecast = null;
      try { forecast = await api.get(`/bins/${encodeURIComponent(id)}/forecast`); } catch (e) { forecast = null; }
      this.draw(svg, history.items || [], from.getTime(), ahead, threshold, to.getTime());
      this.drawForecast(svg, forecast, from.getTime(), ahead);
      document.getElementById('bin-forecast').textContent = describeForecast(forecast);
      await this.photos(id);
    } catch (e) {
      facts.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }

  /** The drivers' photos of this bin's stops (a dispatcher's only; the API refuses the others anyway). */
  async photos(id) {
    const box = document.getElementById('bin-photos');
    box.replaceChildren();
    if (!atLeast(document.body.dataset.role || 'viewer', 'dispatcher')) {
      return;
    }
    const photos = await api.get(`/bins/${encodeURIComponent(id)}/photos`);
    box.replaceChildren(...photos.items.map((p) => {
      const img = el('img', { src: `/photos/${p.id}`, alt: `${KINDS[p.kind]} photo of job ${p.jobId}`, loading: 'lazy' });
      const link = el('a', { href: `/photos/${p.id}`, target: '_blank', rel: 'noopener' }, img);
      return el('figure', { 'data-photo': String(p.id), 'data-job': String(p.jobId) }, link,
        el('figcaption', {}, `job ${p.jobId}, ${KINDS[p.kind]}, truck ${p.truckId}, ${shortTime(p.takenAt)}`));
    }));
  }

  /** The forecast's band: from the fitted level now to 100 % between p10 and p90, its median dashed. */
  drawForecast(svg, forecast, t0, t1) {
    if (!forecast || !forecast.full || !forecast.full.p10 || forecast.levelPct === null) {
      return;
    }
    const ns = 'http://www.w3.org/2000/svg';
    const x = (t) => ((t - t0) / (t1 - t0)) * 300;
    const y = (v) => 100 - v;
    const horizon = Date.parse(forecast.at) + 14 * 24 * 3600 * 1000;
    const start = `${x(Date.parse(forecast.at))},${y(forecast.levelPct)}`;
    const at = (iso) => x(iso ? Date.parse(iso) : horizon);
    const band = document.createElementNS(ns, 'polygon');
    band.id = 'forecast-band';
    band.setAttribute('points', `${start} ${at(forecast.full.p10)},0 ${at(forecast.full.p90)},0`);
    band.setAttribute('fill', '#f9a82544');
    band.setAttribute('stroke', 'none');
    svg.append(band);
    if (forecast.full.p50) {
      const median = document.createElementNS(ns, 'line');
      median.id = 'forecast-median';
      const [x1, y1] = start.split(',');
      Object.entries({ x1, y1, x2: at(forecast.full.p50), y2: 0, stroke: '#e65100', 'stroke-dasharray': '3 2' })
        .forEach(([k, v]) => median.setAttribute(k, v));
      svg.append(median);
    }
  }

  draw(svg, buckets, t0, t1, threshold, now) {
    const ns = 'http://www.w3.org/2000/svg';
    const x = (t) => ((t - t0) / (t1 - t0)) * 300;
    const y = (v) => 100 - v;
    const add = (tag, attrs) => {
      const n = document.createElementNS(ns, tag);
      Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
      svg.append(n);
    };
    if (buckets.length) {
      const top = buckets.map((b) => `${x(Date.parse(b.bucket))},${y(b.max)}`);
      const bottom = buckets.map((b) => `${x(Date.parse(b.bucket))},${y(b.min)}`).reverse();
      add('polygon', { points: top.concat(bottom).join(' '), fill: '#1f6feb33', stroke: 'none' });
      add('polyline', { points: buckets.map((b) => `${x(Date.parse(b.bucket))},${y(b.mean)}`).join(' '),
        fill: 'none', stroke: '#1f6feb', 'stroke-width': 1.5 });
    }
    if (threshold !== null && threshold !== undefined) {
      add('line', { x1: 0, x2: 300, y1: y(threshold), y2: y(threshold), stroke: '#d32f2f', 'stroke-dasharray': '4 3' });
    }
    if (now) {
      add('line', { x1: x(now), x2: x(now), y1: 0, y2: 100, stroke: '#8a96a3', 'stroke-width': 0.5 });
    }
  }
}

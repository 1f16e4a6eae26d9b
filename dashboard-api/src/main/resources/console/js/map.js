// The map: zones drawn around their bins (the registry has no zone outlines), bins coloured by fill against their
// own threshold, trucks at their last position, today's routes in stop order. Tiles only when the city configured
// a tile URL; without them the vector layers stand alone.
import * as L from '/console/lib/leaflet/leaflet-src.esm.js';
import { all, api, atLeast, el, shortTime } from './api.js';

/** Colour of a bin: grey never reported, green below 75 % of its threshold, amber below it, red at or above. */
export function fillColour(fillPct, thresholdPct) {
  if (fillPct === null || fillPct === undefined) return '#8a97a6';
  if (fillPct >= thresholdPct) return '#d32f2f';
  if (fillPct >= 0.75 * thresholdPct) return '#f9a825';
  return '#2e7d32';
}

const ROUTE_COLOURS = ['#1f6feb', '#8e24aa', '#00897b', '#ef6c00', '#5d4037', '#c2185b', '#3949ab', '#7cb342'];

export class CityMap {
  constructor(node, who, openBin) {
    this.who = who;
    this.openBin = openBin;
    this.map = L.map(node, { zoomSnap: 0.5, minZoom: 2, maxZoom: 19 });
    if (who.tiles && who.tiles.url) {
      L.tileLayer(who.tiles.url, { attribution: who.tiles.attribution || '', maxZoom: 19 }).addTo(this.map);
    }
    this.layers = {
      zones: L.layerGroup().addTo(this.map),
      routes: L.layerGroup().addTo(this.map),
      bins: L.layerGroup().addTo(this.map),
      trucks: L.layerGroup().addTo(this.map),
    };
    L.control.layers(null, { 'zones': this.layers.zones, "today's routes": this.layers.routes,
      'bins': this.layers.bins, 'trucks': this.layers.trucks }, { collapsed: true }).addTo(this.map);
    L.control.scale().addTo(this.map);
    this.bins = new Map();
    this.map.setView([0, 0], 2);
  }

  /** Signed out: the map goes, its container can take the next one. */
  close() {
    this.map.remove();
  }

  async load() {
    const [geo, zones] = await Promise.all([api.get('/bins.geojson?limit=5000'), api.get('/zones')]);
    this.drawBins(geo.features);
    this.drawZones(geo.features, zones.zones);
    const points = geo.features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
    if (points.length) this.map.fitBounds(L.latLngBounds(points).pad(0.1), { maxZoom: 16 });
    if (atLeast(this.who.role, 'dispatcher')) {
      await Promise.all([this.drawTrucks(), this.drawRoutes()]);
    }
  }

  drawBins(features) {
    this.layers.bins.clearLayers();
    this.bins.clear();
    const ids = document.getElementById('bin-ids');
    ids.replaceChildren();
    for (const f of features) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        radius: 7, weight: 1, color: '#1d2733', fillOpacity: 0.9,
        fillColor: fillColour(p.fillPct, p.thresholdPct), className: 'bin bin-' + f.id,
      }).addTo(this.layers.bins);
      marker.bindTooltip(() => this.binTip(f.id));
      marker.on('click', () => this.openBin(f.id));
      this.bins.set(f.id, { marker, props: { ...p } });
      ids.append(el('option', { value: f.id }));
    }
  }

  binTip(id) {
    const b = this.bins.get(id).props;
    const fill = b.fillPct === null || b.fillPct === undefined ? 'no reading yet' : `${Math.round(b.fillPct)} %`;
    return `${id} · ${b.stream} · ${fill} of ${b.thresholdPct} % threshold`;
  }

  /** A live bin_state event: recolour the bin. */
  binState(state) {
    const bin = this.bins.get(state.binId);
    if (!bin) return;
    bin.props.fillPct = state.fillPct;
    bin.props.measuredAt = state.measuredAt;
    bin.marker.setStyle({ fillColor: fillColour(state.fillPct, bin.props.thresholdPct) });
  }

  drawZones(features, tree) {
    this.layers.zones.clearLayers();
    const names = new Map();
    const walk = (zs) => zs.forEach((z) => { names.set(z.id, z.name); walk(z.children || []); });
    walk(tree);
    const byZone = new Map();
    for (const f of features) {
      const list = byZone.get(f.properties.zoneId) || [];
      list.push([f.geometry.coordinates[1], f.geometry.coordinates[0]]);
      byZone.set(f.properties.zoneId, list);
    }
    for (const [zone, points] of byZone) {
      const hull = convexHull(points);
      const style = { color: '#546e7a', weight: 1.5, dashArray: '4 4', fillOpacity: 0.06, className: 'zone zone-' + zone };
      const shape = hull.length >= 3 ? L.polygon(hull, style) : L.circle(hull[0], { ...style, radius: 150 });
      shape.bindTooltip(names.get(zone) || zone, { sticky: true }).addTo(this.layers.zones);
    }
  }

  async drawTrucks() {
    this.layers.trucks.clearLayers();
    const trucks = await all('/trucks');
    for (const t of trucks) {
      if (!t.lastPosition) continue;
      const p = t.lastPosition;
      L.circleMarker([p.lat, p.lon], { radius: 9, weight: 3, color: '#1d2733', fillColor: '#fff', fillOpacity: 1,
        className: 'truck truck-' + t.id })
        .bindTooltip(`${t.id} · load ${p.loadPct ?? '?'} % · ${shortTime(p.at)}`, { permanent: true,
          direction: 'right', className: 'truck-label' })
        .addTo(this.layers.trucks);
    }
    return trucks;
  }

  /** The newest shift date's latest revision per truck, each drawn in stop order with its unloads and breaks. */
  async drawRoutes() {
    this.layers.routes.clearLayers();
    const routes = await all('/routes', 500);
    const newest = routes.reduce((d, r) => (r.shiftDate > d ? r.shiftDate : d), '');
    const latest = new Map();
    for (const r of routes.filter((x) => x.shiftDate === newest)) {
      const seen = latest.get(r.truckId);
      if (!seen || r.revision > seen.revision) latest.set(r.truckId, r);
    }
    let i = 0;
    for (const r of latest.values()) {
      const full = await api.get('/routes/' + r.id);
      this.drawRoute(full, ROUTE_COLOURS[i++ % ROUTE_COLOURS.length]);
    }
  }

  drawRoute(route, colour) {
    const stops = (route.message && route.message.stops) || [];
    const line = [];
    let last = null;
    for (const s of stops) {
      if (s.kind === 'break') {
        if (last) {
          L.marker(last, { icon: L.divIcon({ className: 'stop-label', html: '☕', iconSize: [18, 16] }) })
            .bindTooltip(`${route.truckId}: break of ${s.minutes} min at ${shortTime(s.plannedStart)}`)
            .addTo(this.layers.routes);
        }
        continue;
      }
      if (s.lat === undefined || s.lon === undefined) continue;
      last = [s.lat, s.lon];
      line.push(last);
      if (s.kind === 'unload' || s.kind === 'depot') {
        L.marker(last, { icon: L.divIcon({ className: 'stop-label', html: s.kind === 'unload' ? '⇩' : '⌂',
          iconSize: [18, 16] }) })
          .bindTooltip(`${route.truckId} stop ${s.seq}: ${s.kind} at ${s.facilityId}`).addTo(this.layers.routes);
      }
    }
    if (line.length > 1) {
      L.polyline(line, { color: colour, weight: 3, opacity: 0.8, className: 'route route-' + route.truckId })
        .bindTooltip(`${route.truckId}, revision ${route.revision}: ${route.stops} stops, `
          + `${route.distanceKm ?? '?'} km${route.partial ? ' (stops of other zones left out)' : ''}`, { sticky: true })
        .addTo(this.layers.routes);
    }
  }
}

/** Andrew's monotone chain over [lat, lon] points. */
export function convexHull(points) {
  const p = [...new Map(points.map((x) => [x.join(','), x])).values()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  if (p.length < 3) return p;
  const cross = (o, a, b) => (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
  const lower = [];
  for (const x of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], x) <= 0) lower.pop();
    lower.push(x);
  }
  const upper = [];
  for (const x of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], x) <= 0) upper.pop();
    upper.push(x);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

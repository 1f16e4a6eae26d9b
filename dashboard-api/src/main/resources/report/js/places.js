// The map of communities by rank: each community over the extent of its bins, a numbered marker at their middle,
// green for rank 1 to red for the last (the registry keeps no zone outlines). Tiles when the city configured them.
import * as L from '/console/lib/leaflet/leaflet-src.esm.js';

let map = null;

export function rankColour(rank, count) {
  const t = count > 1 ? (rank - 1) / (count - 1) : 0;
  return `hsl(${Math.round(120 * (1 - t))}, 65%, 38%)`;
}

export function drawMap(node, communities, places, tiles) {
  if (map) map.remove();
  map = L.map(node, { zoomSnap: 0.25, attributionControl: Boolean(tiles && tiles.url), preferCanvas: false });
  if (tiles && tiles.url) {
    L.tileLayer(tiles.url, { attribution: tiles.attribution || '', maxZoom: 19 }).addTo(map);
  }
  const ranked = communities.filter((c) => places[c.zoneId]);
  const points = [];
  for (const c of ranked) {
    const p = places[c.zoneId];
    const colour = rankColour(c.rank, communities.length);
    L.rectangle([[p.south, p.west], [p.north, p.east]], {
      color: colour, weight: 1, fillOpacity: 0.12, className: 'extent extent-' + c.zoneId,
    }).addTo(map);
    L.circleMarker([p.lat, p.lon], {
      radius: 9, color: '#1d2733', weight: 1, fillColor: colour, fillOpacity: 0.95,
      className: 'community community-' + c.zoneId,
    }).addTo(map).bindTooltip(String(c.rank), { permanent: true, direction: 'center', className: 'rank-label' })
      .bindPopup(`${c.rank}. ${c.name}`);
    points.push([p.south, p.west], [p.north, p.east]);
  }
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 16, animate: false });
  else map.setView([0, 0], 2);
  return map;
}

export function resizeMap() {
  if (map) map.invalidateSize({ animate: false });
}

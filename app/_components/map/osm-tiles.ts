import type * as Leaflet from 'leaflet';

export type TileState = 'loading' | 'loaded' | 'failed';

/**
 * OpenStreetMap's tiles on a Leaflet map, reporting whether they load (offline or blocked, the
 * caller says so over the map instead of leaving it blank). The app sends no referrer by default;
 * OpenStreetMap's tile policy asks for one, so the tiles send the origin.
 */
export function addOsmTiles(L: typeof Leaflet, map: Leaflet.Map, onState: (update: (s: TileState) => TileState) => void): void {
  const layer = L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
    subdomains: 'abc',
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    referrerPolicy: 'strict-origin-when-cross-origin',
  });
  layer.on('tileerror', () => onState((t) => (t === 'loaded' ? t : 'failed')));
  layer.on('tileload', () => onState(() => 'loaded'));
  layer.addTo(map);
}

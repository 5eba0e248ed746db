'use client';
import 'leaflet/dist/leaflet.css';
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { addOsmTiles, type TileState } from '@/app/_components/map/osm-tiles';
import { secondary } from './form-ui';

type Point = { latitude: number; longitude: number };

/** Six decimals: about 0.1 m, finer than any place's radius. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const valid = (lat: number, lon: number) => Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/**
 * Picks a place's centre on a map (OpenStreetMap tiles, Leaflet in the browser only): a click or tap
 * puts the centre there; "Use the map's centre" takes the middle of the map (the map pans with the
 * arrow keys once focused, so it works without a pointer too). The place's circle follows the
 * latitude, longitude and radius fields as they are typed. It opens at the place, else at `start`
 * (the car's last position), else the whole world.
 */
export function PlaceMap(props: { latitude: string; longitude: string; radiusM: string; start: Point | null; onPick: (p: Point) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<Leaflet.Map | null>(null);
  const circle = useRef<Leaflet.Circle | null>(null);
  const leaflet = useRef<typeof Leaflet | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const [tiles, setTiles] = useState<TileState>('loading');
  const [ready, setReady] = useState(false);
  const lat = Number(props.latitude);
  const lon = Number(props.longitude);
  const radius = Number(props.radiusM);
  const has = props.latitude.trim() !== '' && props.longitude.trim() !== '' && valid(lat, lon);

  // The map, once: where it opens is decided when it opens; afterwards only the circle moves.
  const opening = useRef(has ? { latitude: lat, longitude: lon, zoom: 16 } : props.start ? { ...props.start, zoom: 15 } : null);
  useEffect(() => {
    let cancelled = false;
    void import('leaflet').then((L) => {
      if (cancelled || !el.current) return;
      leaflet.current = L;
      const at = opening.current;
      const m = L.map(el.current, { scrollWheelZoom: false, keyboard: true }).setView(
        at ? [at.latitude, at.longitude] : [20, 0],
        at?.zoom ?? 2,
      );
      addOsmTiles(L, m, setTiles);
      m.on('click', (e: Leaflet.LeafletMouseEvent) => onPick.current({ latitude: round6(e.latlng.lat), longitude: round6(e.latlng.lng) }));
      map.current = m;
      setReady(true);
    });
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = null;
      circle.current = null;
    };
  }, []);

  // The place's circle, where the fields say.
  useEffect(() => {
    const L = leaflet.current;
    const m = map.current;
    if (!ready || !L || !m) return;
    if (!has) {
      circle.current?.remove();
      circle.current = null;
      return;
    }
    const r = Number.isFinite(radius) && radius > 0 ? radius : 100;
    if (circle.current) circle.current.setLatLng([lat, lon]).setRadius(r);
    else
      circle.current = L.circle([lat, lon], { radius: r, color: '#1d4ed8', weight: 2, fillColor: '#3b82f6', fillOpacity: 0.25 }).addTo(m);
    if (!m.getBounds().contains([lat, lon])) m.panTo([lat, lon]);
  }, [ready, has, lat, lon, radius]);

  function useCentre() {
    const c = map.current?.getCenter();
    if (c) onPick.current({ latitude: round6(c.lat), longitude: round6(c.lng) });
  }

  return (
    <div className="space-y-2">
      <div className="relative">
        <div
          ref={el}
          className="h-64 w-full overflow-hidden rounded-lg bg-gray-100 dark:bg-gray-800"
          data-testid="place-map"
          data-ready={ready ? 'true' : 'false'}
          role="region"
          aria-label="Map: click or tap where the place is"
        />
        {/* The map's centre, for "Use the map's centre". */}
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-1/2 z-[450] h-4 w-4 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-red-600"
        />
        {tiles === 'failed' ? (
          <p
            className="absolute top-3 right-3 left-14 z-[500] rounded-md bg-white/90 px-3 py-2 text-xs text-gray-800 shadow dark:bg-gray-900/90 dark:text-gray-100"
            data-testid="place-map-fallback"
          >
            The map tiles could not load; a click still picks that point.
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={secondary} onClick={useCentre} disabled={!ready}>
          Use the map’s centre
        </button>
        <span className="text-xs text-gray-600 dark:text-gray-400">Click or tap the map, or pan it (arrow keys) and use its centre.</span>
      </div>
    </div>
  );
}

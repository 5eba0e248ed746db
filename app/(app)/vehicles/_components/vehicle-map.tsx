'use client';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { addOsmTiles, type TileState } from '@/app/_components/map/osm-tiles';
import { useInView } from '@/app/_components/use-in-view';

/**
 * Where the car is, on OpenStreetMap tiles (Leaflet, loaded in the browser only). The place and
 * coordinates are always written under the map, so nothing is lost when tiles cannot load
 * (offline, blocked): then the map area says so instead of staying blank. Leaflet's JavaScript loads
 * only when the map comes near the viewport (the place and coordinates are in the server's HTML).
 */
export function VehicleMap(props: { latitude: number; longitude: number; label: string; coordinates: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [tiles, setTiles] = useState<TileState>('loading');
  const { latitude, longitude, label } = props;
  const inView = useInView(el);

  useEffect(() => {
    if (!inView) return;
    let cancelled = false;
    let remove: (() => void) | undefined;
    void import('leaflet').then((L) => {
      if (cancelled || !el.current) return;
      const map = L.map(el.current, { scrollWheelZoom: false, attributionControl: true }).setView([latitude, longitude], 15);
      addOsmTiles(L, map, setTiles);
      L.circleMarker([latitude, longitude], { radius: 9, color: '#1d4ed8', weight: 3, fillColor: '#3b82f6', fillOpacity: 0.8 })
        .addTo(map)
        .bindTooltip(label);
      remove = () => map.remove();
    });
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [inView, latitude, longitude, label]);

  return (
    <figure className="space-y-2">
      <div className="relative">
        <div
          ref={el}
          className="h-64 w-full overflow-hidden rounded-lg bg-gray-100 dark:bg-gray-800"
          data-testid="vehicle-map"
          role="region"
          aria-label={`Map around ${props.label}`}
        />
        {tiles === 'failed' ? (
          <p
            className="absolute top-3 right-3 left-14 z-[500] rounded-md bg-white/90 px-3 py-2 text-sm text-gray-800 shadow dark:bg-gray-900/90 dark:text-gray-100"
            data-testid="map-fallback"
          >
            The map tiles could not load. The car is at {props.label} ({props.coordinates}).
          </p>
        ) : null}
      </div>
      <figcaption className="text-sm text-gray-700 dark:text-gray-300" data-testid="vehicle-location">
        {props.label} · <span className="tabular-nums">{props.coordinates}</span>
      </figcaption>
    </figure>
  );
}

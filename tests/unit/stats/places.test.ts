import { describe, expect, it } from 'vitest';
import { haversineM, matchPlace, type NamedLocation } from '@/lib/stats';

const loc = (id: string, latitude: number, longitude: number, radiusM: number): NamedLocation => ({
  id,
  name: id,
  latitude,
  longitude,
  radiusM,
  tariffId: null,
  isHome: id === 'home',
});

describe('places', () => {
  it('computes great-circle distances (Amsterdam–Paris ≈ 430 km)', () => {
    expect(haversineM({ latitude: 52.3676, longitude: 4.9041 }, { latitude: 48.8566, longitude: 2.3522 }) / 1000).toBeCloseTo(430, -1);
    expect(haversineM({ latitude: 10, longitude: 10 }, { latitude: 10, longitude: 10 })).toBe(0);
  });

  it('matches the nearest location whose radius contains the point', () => {
    const places = [loc('city', 52.38, 4.64, 5000), loc('home', 52.3801, 4.6301, 100), loc('far', 51, 4, 1000)];
    expect(matchPlace({ latitude: 52.38, longitude: 4.63 }, places)?.location.id).toBe('home');
    expect(matchPlace({ latitude: 52.4, longitude: 4.66 }, places)?.location.id).toBe('city');
    expect(matchPlace({ latitude: 52.5, longitude: 4.9 }, places)).toBeNull();
    expect(matchPlace({ latitude: null, longitude: 4.9 }, places)).toBeNull();
  });
});

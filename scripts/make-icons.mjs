#!/usr/bin/env node
/**
 * Draws the app icons (the bolt on a dark rounded square of app/icon.svg) as PNG files, with a
 * tiny PNG encoder on node:zlib, so no image tool is needed. Run after changing the design:
 *   node scripts/make-icons.mjs
 * Writes public/icons/icon-192.png, icon-512.png, maskable-512.png and app/apple-icon.png (180).
 * The output is deterministic, so the committed PNGs only change when this file does.
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const BACKGROUND = [0x11, 0x18, 0x27]; // #111827, as app/icon.svg and the manifest
const BOLT = [0xfa, 0xcc, 0x15]; // #facc15
// app/icon.svg's bolt in its 64×64 box: M36 6 16 36h13l-3 22 22-32H34z
const BOLT_POINTS = [
  [36, 6],
  [16, 36],
  [29, 36],
  [26, 58],
  [48, 26],
  [34, 26],
];
const SAMPLES = 4; // 4×4 samples per pixel for anti-aliased edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes each) as a PNG: filter 0 on every row. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function insidePolygon(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/**
 * One icon: `radius` rounds the background's corners (0 = full bleed, as maskable icons need) and
 * `boltScale` shrinks the bolt around the centre (maskable icons keep it inside the safe circle).
 */
function drawIcon(size, { radius, boltScale }) {
  const unit = size / 64;
  const bolt = BOLT_POINTS.map(([x, y]) => [(32 + (x - 32) * boltScale) * unit, (32 + (y - 32) * boltScale) * unit]);
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          if (!insideRoundedSquare(x, y, size, radius * unit)) continue;
          if (insidePolygon(x, y, bolt)) fg++;
          else bg++;
        }
      }
      const covered = bg + fg;
      const o = (py * size + px) * 4;
      if (covered === 0) continue; // transparent corner
      for (let c = 0; c < 3; c++) pixels[o + c] = Math.round((BACKGROUND[c] * bg + BOLT[c] * fg) / covered);
      pixels[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(size, size, pixels);
}

const ICONS = [
  ['public/icons/icon-192.png', 192, { radius: 14, boltScale: 1 }],
  ['public/icons/icon-512.png', 512, { radius: 14, boltScale: 1 }],
  // Maskable: the launcher crops to its own shape, so fill the square and keep the bolt in the
  // central 80 % safe zone.
  ['public/icons/maskable-512.png', 512, { radius: 0, boltScale: 0.72 }],
  // iOS rounds the corners itself and shows transparency as black: a full square.
  ['app/apple-icon.png', 180, { radius: 0, boltScale: 0.85 }],
];

for (const [file, size, options] of ICONS) {
  const out = path.join(root, file);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, drawIcon(size, options));
  console.log(`wrote ${file} (${size}×${size})`);
}

// Draws media/icon.png (128x128 RGBA) with nothing but Node: shapes are signed-distance
// functions, anti-aliased by 4x4 supersampling, written as a PNG through zlib.
// Run: node scripts/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SAMPLES = 4;

/** Distance from p to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from p to a segment a-b drawn with round caps of radius r. */
function segment(x, y, ax, ay, bx, by, r) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

// Back to front. `color` may depend on the position (the background gradient).
const layers = [
  { shape: (x, y) => roundedRect(x, y, 64, 64, 60, 60, 22), color: (_x, y) => mix(hex('#1f2a3c'), hex('#2f4a6b'), y / SIZE) },
  // prompt chevron ">"
  { shape: (x, y) => Math.min(segment(x, y, 24, 38, 46, 56, 6.5), segment(x, y, 46, 56, 24, 74, 6.5)), color: () => hex('#5fd38d') },
  // the pipe
  { shape: (x, y) => segment(x, y, 62, 30, 62, 98, 5), color: () => hex('#ffb347') },
  // result rows
  { shape: (x, y) => segment(x, y, 78, 42, 104, 42, 5), color: () => hex('#e8eef6') },
  { shape: (x, y) => segment(x, y, 78, 64, 104, 64, 5), color: () => hex('#9fb6d3') },
  { shape: (x, y) => segment(x, y, 78, 86, 96, 86, 5), color: () => hex('#9fb6d3') },
];

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

function pixel(px, py) {
  let rgb = [0, 0, 0];
  let alpha = 0;
  for (const layer of layers) {
    let cover = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = px + (sx + 0.5) / SAMPLES;
        const y = py + (sy + 0.5) / SAMPLES;
        if (layer.shape(x, y) <= 0) cover++;
      }
    }
    const a = cover / (SAMPLES * SAMPLES);
    if (a === 0) continue;
    const c = layer.color(px + 0.5, py + 0.5);
    // "over" compositing with straight (non-premultiplied) alpha
    const outA = a + alpha * (1 - a);
    rgb = rgb.map((v, i) => (c[i] * a + v * alpha * (1 - a)) / outA);
    alpha = outA;
  }
  return [...rgb.map((v) => Math.round(v)), Math.round(alpha * 255)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function renderIconPng() {
  const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL('../media/icon.png', import.meta.url);
  writeFileSync(out, renderIconPng());
  console.log(`wrote ${fileURLToPath(out)}`);
}

import { readFileSync } from 'node:fs';
import { colorIcon } from '../teams/app-icons.ts';
import type { DashboardAssets } from './assets.ts';

/** The files in web/assets, read once (Node). Other runtimes bundle them as text instead. */
export function loadDashboardAssets(): DashboardAssets {
  const read = (file: string) => readFileSync(new URL(`../../../web/assets/${file}`, import.meta.url), 'utf8');
  // Drawn on first request, not at start-up: drawing the icon takes a CPU-second on a busy machine.
  let favicon: Uint8Array | null = null;
  return { css: read('app.css'), js: read('app.js'), favicon: () => (favicon ??= icoOf(colorIcon(), 192)) };
}

/**
 * An .ico holding one PNG (allowed since Windows Vista; every current browser reads it): a
 * 6-byte header, one 16-byte directory entry, then the PNG. The app's own Teams icon, so the
 * tab and the Teams app look the same.
 */
export function icoOf(png: Uint8Array, size: number): Uint8Array {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0); // reserved
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(size % 256, 6); // width (0 means 256)
  head.writeUInt8(size % 256, 7); // height
  head.writeUInt8(0, 8); // no palette
  head.writeUInt8(0, 9); // reserved
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14); // size of the image
  head.writeUInt32LE(22, 18); // where it starts
  return Buffer.concat([head, png]);
}

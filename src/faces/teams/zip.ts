/**
 * A minimal ZIP writer (PKWARE APPNOTE: local headers, central directory, end record), enough for
 * a Teams app package: a few small files, deflated, no ZIP64, no folders.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

// Every entry gets the same DOS time (1980-01-01 00:00, the format's epoch), so the same inputs
// give byte-identical packages: a rebuilt package can be compared with the one installed.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1; // (year - 1980) << 9 | month << 5 | day
const VERSION = 20; // 2.0: deflate
const DEFLATE = 8;

export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    // Plain ASCII names only: anything else would need the UTF-8 flag and tools disagree on it.
    if (!/^[\w.-]+$/.test(entry.name)) throw new Error(`zip entry names are plain file names, got "${entry.name}"`);
    const name = Buffer.from(entry.name, 'ascii');
    const packed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    if (entry.data.length >= 0xffffffff || offset >= 0xffffffff) throw new Error('zip entry too large for a ZIP without ZIP64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, crc, packed.length, entry.data.length, name.length);
    locals.push(local, name, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4); // made by: 2.0, MS-DOS attributes
    writeCommon(central, 6, crc, packed.length, entry.data.length, name.length);
    // file comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  // this disk and the directory's disk: 0
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  // comment length: 0
  return Buffer.concat([...locals, directory, end]);
}

/** The fields local and central headers share, from "version needed" to "extra field length". */
function writeCommon(buf: Buffer, at: number, crc: number, packedSize: number, size: number, nameLength: number): void {
  buf.writeUInt16LE(VERSION, at);
  buf.writeUInt16LE(0, at + 2); // flags: none
  buf.writeUInt16LE(DEFLATE, at + 4);
  buf.writeUInt16LE(DOS_TIME, at + 6);
  buf.writeUInt16LE(DOS_DATE, at + 8);
  buf.writeUInt32LE(crc, at + 10);
  buf.writeUInt32LE(packedSize, at + 14);
  buf.writeUInt32LE(size, at + 18);
  buf.writeUInt16LE(nameLength, at + 22);
  buf.writeUInt16LE(0, at + 24); // extra field length
}

// Writes .zip archives for tests and benchmarks, as 7-Zip writes them: deflated entries, names
// flagged UTF-8, CRC-32 filled in.
'use strict';
const zlib = require('zlib');

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A .zip of `files` ({name: Buffer}); `{ crc: false }` leaves the CRC out (a bomb of 300 MB). */
function zipOf(files, { crc = true } = {}) {
  const parts = [];
  const dir = [];
  let at = 0;
  for (const [name, data] of Object.entries(files)) {
    const nm = Buffer.from(name, 'utf8');
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const sum = crc ? crc32(data) : 0;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(sum, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length >>> 0, 22);
    head.writeUInt16LE(nm.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(sum, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length >>> 0, 24);
    central.writeUInt16LE(nm.length, 28);
    central.writeUInt32LE(at, 42);
    parts.push(head, nm, packed);
    dir.push(central, nm);
    at += 30 + nm.length + packed.length;
  }
  const cd = Buffer.concat(dir);
  const n = Object.keys(files).length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(n, 8);
  end.writeUInt16LE(n, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...parts, cd, end]);
}

module.exports = { zipOf, crc32 };

// Reads what ziping stored in localStorage, as the app writes it (src/store/packed.rs): the mark
// 'Z', two characters holding the byte length, then zlib bytes 15 bits per character from
// U+0800. Entries of the first layout are plain JSON.
'use strict';
const zlib = require('zlib');

function unpack(stored) {
  if (stored == null || stored[0] !== 'Z') return stored;
  const v = Array.from(stored.slice(1), (c) => c.codePointAt(0) - 0x800);
  const len = v[0] * 32768 + v[1];
  const bytes = Buffer.alloc(len);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const x of v.slice(2)) {
    acc = acc * 32768 + x;
    bits += 15;
    while (bits >= 8 && n < len) {
      bits -= 8;
      bytes[n++] = Math.floor(acc / 2 ** bits) & 255;
    }
    acc %= 2 ** bits;
  }
  return zlib.inflateSync(bytes).toString('utf8');
}

/** What the app stores for `text` (the inverse of `unpack`; zlib level 6 as the app uses). */
function pack(text) {
  const bytes = zlib.deflateSync(Buffer.from(text, 'utf8'), { level: 6 });
  const chars = [0x800 + Math.floor(bytes.length / 32768), 0x800 + (bytes.length % 32768)];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = acc * 256 + b;
    bits += 8;
    if (bits >= 15) {
      bits -= 15;
      chars.push(0x800 + Math.floor(acc / 2 ** bits));
      acc %= 2 ** bits;
    }
  }
  if (bits > 0) chars.push(0x800 + acc * 2 ** (15 - bits));
  let out = 'Z';
  for (let i = 0; i < chars.length; i += 4096) out += String.fromCharCode(...chars.slice(i, i + 4096));
  return out;
}

/** The stored document under `key` (parsed), or null. */
async function storedDoc(page, key) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  return raw == null ? null : JSON.parse(unpack(raw));
}

/** Every stored project form, by key order. */
async function storedEvaluations(page) {
  const all = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('ziping:eval:'))
      .sort()
      .map((k) => localStorage.getItem(k)),
  );
  return all.map((raw) => JSON.parse(unpack(raw)).evaluation);
}

/** Polls `check` (an async function) until it returns a truthy value. */
async function until(check, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + check.toString());
    await new Promise((r) => setTimeout(r, 50));
  }
}

module.exports = { pack, unpack, storedDoc, storedEvaluations, until };

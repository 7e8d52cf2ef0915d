// Checks that a build runs in Chromium 86 (360极速浏览器 13), for every path given (a dist/
// directory or a single HTML file):
// - every JavaScript file and inline <script> parses as an ES2019 classic script (acorn), so no
//   top-level await, import.meta, ?? or ?. and no module scripts;
// - every WebAssembly module validates with only the features Chromium 86 has
//   (`wasm-tools validate --features $ZIPING_WASM_FEATURES`: no reference types);
// - an inlined module (single-file edition, base64) is validated the same way.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const acorn = require('acorn');

// one list of features: scripts/legacy-target.sh, beside the flags that produce them
const features =
  process.env.ZIPING_WASM_FEATURES ||
  (/ZIPING_WASM_FEATURES="([^"]+)"/.exec(
    fs.readFileSync(path.join(__dirname, 'legacy-target.sh'), 'utf8'),
  ) || [])[1];
if (!features) {
  console.error('check-legacy: no ZIPING_WASM_FEATURES in scripts/legacy-target.sh');
  process.exit(2);
}
let failures = 0;
let checkedJs = 0;
let checkedWasm = 0;

function fail(where, message) {
  failures += 1;
  console.error(`check-legacy: ${where}: ${message}`);
}

function checkJs(where, source) {
  checkedJs += 1;
  try {
    acorn.parse(source, { ecmaVersion: 2019, sourceType: 'script' });
  } catch (err) {
    fail(where, `not ES2019 (${err.message})`);
  }
}

function checkWasm(where, file) {
  checkedWasm += 1;
  try {
    execFileSync('wasm-tools', ['validate', '--features', features, file], { stdio: 'pipe' });
  } catch (err) {
    fail(where, `wasm-tools validate --features ${features}: ${String(err.stderr || err.message).trim()}`);
  }
}

function checkHtml(where, html) {
  if (/<script[^>]*type\s*=\s*["']?module/i.test(html)) fail(where, 'has a module script');
  const inline = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
  let m;
  let n = 0;
  while ((m = inline.exec(html))) {
    n += 1;
    checkJs(`${where} inline script ${n}`, m[1]);
    // the single-file edition carries its modules as base64 in string constants, and the
    // office worker's script as a string
    const modules = /ZIPING_(OFFICE_)?WASM_BASE64\s*=\s*"([A-Za-z0-9+/=]+)"/g;
    let e;
    while ((e = modules.exec(m[1]))) {
      const tmp = path.join(os.tmpdir(), `ziping-check-${process.pid}-${n}-${e.index}.wasm`);
      fs.writeFileSync(tmp, Buffer.from(e[2], 'base64'));
      checkWasm(`${where} embedded ${e[1] ? 'office ' : ''}module`, tmp);
      fs.unlinkSync(tmp);
    }
    const worker = /ZIPING_OFFICE_WORKER_SOURCE\s*=\s*("(?:[^"\\]|\\.)*")/.exec(m[1]);
    if (worker) checkJs(`${where} embedded office worker`, JSON.parse(worker[1]));
  }
}

function checkPath(p) {
  const stat = fs.statSync(p);
  const entries = stat.isDirectory() ? fs.readdirSync(p).map((f) => path.join(p, f)) : [p];
  for (const file of entries) {
    if (fs.statSync(file).isDirectory()) continue;
    if (file.endsWith('.js')) checkJs(file, fs.readFileSync(file, 'utf8'));
    else if (file.endsWith('.wasm')) checkWasm(file, file);
    else if (file.endsWith('.html')) checkHtml(file, fs.readFileSync(file, 'utf8'));
  }
}

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error('usage: node scripts/check-legacy.js <dist dir or html file>...');
  process.exit(2);
}
targets.forEach(checkPath);
if (checkedWasm === 0) fail(targets.join(' '), 'no WebAssembly module found');
console.log(`check-legacy: ${checkedJs} scripts parsed as ES2019, ${checkedWasm} modules validated (${features})`);
process.exit(failures ? 1 : 0);

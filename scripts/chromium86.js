// Unpacks the real Chromium 86.0.4240 that the npm package chrome-aws-lambda@5.3.1 ships
// (bin/chromium.br, bin/aws.tar.br with NSS and a few libraries, bin/swiftshader.tar.br), so the
// browser suite can run on the browser 360极速浏览器 13 is built on. Skips what is unpacked already.
// Prints the directory; the browser is <dir>/chromium, its libraries <dir>/aws/lib and
// <dir>/swiftshader (LD_LIBRARY_PATH). Used by scripts/setup.sh and tests/chromium86/harness.js.
//
//   node scripts/chromium86.js [dir]     (default: target/chromium86)
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
// the folder is an argument only when this script is run itself: a benchmark that requires it has
// arguments of its own
const DIR = path.resolve((require.main === module && process.argv[2]) || path.join(ROOT, 'target', 'chromium86'));
const BIN = path.join(ROOT, 'node_modules', 'chrome-aws-lambda', 'bin');

function unpack() {
  const done = path.join(DIR, '.unpacked');
  if (fs.existsSync(done)) return DIR;
  if (!fs.existsSync(path.join(BIN, 'chromium.br'))) {
    throw new Error(`${BIN}/chromium.br missing: run "npm ci" (chrome-aws-lambda@5.3.1 is a dev dependency)`);
  }
  fs.mkdirSync(DIR, { recursive: true });
  const inflate = (name) => zlib.brotliDecompressSync(fs.readFileSync(path.join(BIN, `${name}.br`)));
  fs.writeFileSync(path.join(DIR, 'chromium'), inflate('chromium'), { mode: 0o755 });
  for (const name of ['aws', 'swiftshader']) {
    const tar = path.join(DIR, `${name}.tar`);
    fs.writeFileSync(tar, inflate(`${name}.tar`));
    fs.mkdirSync(path.join(DIR, name), { recursive: true });
    execFileSync('tar', ['-xf', tar, '-C', path.join(DIR, name)]);
    fs.unlinkSync(tar);
  }
  fs.writeFileSync(done, new Date().toISOString());
  return DIR;
}

if (require.main === module) {
  console.log(unpack());
}

module.exports = { unpack, DIR };

// Trunk post_build hook (runs in Trunk's staging directory after every build):
// 1. loads the app with classic scripts: wasm-bindgen's "no-modules" output, lowered to ES2019
//    and minified by esbuild, plus a boot script made from static/boot.template.js (Trunk's own
//    loader is an inline module with top-level await: blocked by our Content-Security-Policy and
//    unknown to Chromium 86);
// 2. writes legacy.html: the same page, whose policy adds 'unsafe-eval', which Chromium < 97
//    requires before it compiles WebAssembly (boot falls back to it when index.html is refused);
// 3. builds the full edition (the same crate with its `full` feature: the county view, the 汇总表,
//    the department's figures form), which the boot script loads instead of Trunk's clerk's
//    edition when the page needs it (src/ui/edition.rs);
// 4. builds the office module (office/, a second crate) into its own wasm module and worker
//    script, loaded by the office client (static/office.template.js) only when first used;
// 5. writes sw.js: the service worker for offline use after the first load.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');
const esbuild = require('esbuild');
const bootScript = require('./boot');

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
const root = path.join(__dirname, '..');
const files = fs.readdirSync(dir);

function fail(message) {
  console.error(`trunk-post-build: ${message}`);
  process.exit(1);
}
function hashed(base, body, ext) {
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
  return `${base}-${hash}.${ext}`;
}

const wasm = files.filter((f) => /^ziping-[0-9a-f]+_bg\.wasm$/.test(f));
const glue = files.filter((f) => /^ziping-[0-9a-f]+\.js$/.test(f));
if (wasm.length !== 1 || glue.length !== 1) fail(`expected one wasm and one glue file, found ${files}`);

// wasm-bindgen's glue uses ES2020 syntax (?.) in places; Chromium 86 parses ES2019 safely
const gluePath = path.join(dir, glue[0]);
const lowered = esbuild.transformSync(fs.readFileSync(gluePath, 'utf8'), { target: 'es2019', minify: true });
fs.writeFileSync(gluePath, lowered.code);

// The full edition and the office module, built with the same toolchain and flags as the page's
// module (the environment of scripts/build.sh: the pinned nightly, build-std, no reference types),
// each run through wasm-bindgen ("no-modules") and wasm-opt as Trunk does for the page's.
function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, env: process.env });
}
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
/** Builds a wasm artifact with `cargoArgs`; its optimised module and lowered glue. */
function wasmModule(cargoArgs, artifact) {
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', ...cargoArgs]);
  const built = path.join(targetDir, 'wasm32-unknown-unknown', 'release', `${artifact}.wasm`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${artifact}-`));
  try {
    run('wasm-bindgen', ['--target', 'no-modules', '--no-typescript', '--out-dir', tmp, built]);
    run('wasm-opt', ['-Oz', path.join(tmp, `${artifact}_bg.wasm`), '-o', path.join(tmp, 'opt.wasm')]);
    const glue = fs.readFileSync(path.join(tmp, `${artifact}.js`), 'utf8');
    return {
      wasm: fs.readFileSync(path.join(tmp, 'opt.wasm')),
      glue: esbuild.transformSync(glue, { target: 'es2019', minify: true }).code,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// the full edition: Trunk built the page's module without the `full` feature (index.html); this
// build writes over the same artifact, after Trunk has taken it
const full = wasmModule(['-p', 'ziping', '--bin', 'ziping', '--features', 'full'], 'ziping');
const fullWasmName = hashed('ziping_full', full.wasm, 'wasm').replace(/\.wasm$/, '_bg.wasm');
fs.writeFileSync(path.join(dir, fullWasmName), full.wasm);
const fullGlueName = hashed('ziping_full', full.glue, 'js');
fs.writeFileSync(path.join(dir, fullGlueName), full.glue);
console.log(`trunk-post-build: full edition ${fullWasmName} (${(full.wasm.length / 1024).toFixed(0)} KiB), ${fullGlueName}`);

// the files fetched on demand (English, the guide), hashed beside the page
const assets = {};
for (const [name, text] of Object.entries(bootScript.assetTexts())) {
  const file = hashed(name, text, 'json');
  fs.writeFileSync(path.join(dir, file), text);
  assets[name] = './' + file;
}
// the boot script loads one edition's glue and module (both glues define `wasm_bindgen`)
const editions = {
  clerk: { glue: './' + glue[0], wasm: './' + wasm[0] },
  full: { glue: './' + fullGlueName, wasm: './' + fullWasmName },
};
const boot = bootScript(JSON.stringify(editions), true, assets);
const bootName = hashed('boot', boot, 'js');
fs.writeFileSync(path.join(dir, bootName), boot);

const office = wasmModule(['-p', 'ziping-office'], 'ziping_office');
const officeWasm = office.wasm;
const officeWasmName = hashed('ziping_office', officeWasm, 'wasm');
fs.writeFileSync(path.join(dir, officeWasmName), officeWasm);
const officeGlue = office.glue;
const workerJs =
  officeGlue +
  '\n' +
  fs
    .readFileSync(path.join(root, 'static', 'office-worker.template.js'), 'utf8')
    .replace('__ZIPING_OFFICE_WASM__', () => JSON.stringify('./' + officeWasmName));
const workerName = hashed('office-worker', workerJs, 'js');
fs.writeFileSync(path.join(dir, workerName), workerJs);
const officeClient = fs
  .readFileSync(path.join(root, 'static', 'office.template.js'), 'utf8')
  .replace('__ZIPING_OFFICE_CONFIG__', () => JSON.stringify({ worker: './' + workerName }));
const clientName = hashed('office-client', officeClient, 'js');
fs.writeFileSync(path.join(dir, clientName), officeClient);
// the page itself carries only the stub that loads the client on first use
const officeStub = fs
  .readFileSync(path.join(root, 'static', 'office-stub.template.js'), 'utf8')
  .replace('__ZIPING_OFFICE_CLIENT__', () => JSON.stringify('./' + clientName));
const officeName = hashed('office', officeStub, 'js');
fs.writeFileSync(path.join(dir, officeName), officeStub);
console.log(
  `trunk-post-build: office module ${officeWasmName} (${(officeWasm.length / 1024).toFixed(0)} KiB), ${workerName}, ${clientName}, stub ${officeName}`,
);

const indexPath = path.join(dir, 'index.html');
let html = fs
  .readFileSync(indexPath, 'utf8')
  .replace(/\s+nonce="[^"]*"/g, '')
  // with inject_scripts = false Trunk leaves its own <link data-trunk rel="rust"> in place
  .replace(/\s*<link data-trunk rel="rust"[^>]*>/, '');
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) fail('an inline script is in index.html; the CSP blocks it');
if (/type="module"/.test(html)) fail('a module script is in index.html; Chromium 86 needs classic scripts');
// (the boot script adds the glue of the edition it loads)
const scripts =
  `    <script defer src="./${officeName}"></script>\n` +
  `    <script defer src="./${bootName}"></script>\n`;
html = html.replace('</head>', scripts + '</head>');
fs.writeFileSync(indexPath, html);

const strict = "'wasm-unsafe-eval'";
if (!html.includes(strict)) fail(`index.html's policy has no ${strict}`);
// marked, so that the boot script knows it is on legacy.html whatever address the host gives it
const legacyHtml = html
  .replace(strict, `'unsafe-eval' ${strict}`)
  .replace('<title>', '<meta name="ziping-legacy" content="1">\n    <title>');
if (!legacyHtml.includes('ziping-legacy')) fail('index.html has no <title> to mark legacy.html by');
fs.writeFileSync(path.join(dir, 'legacy.html'), legacyHtml);
console.log(`trunk-post-build: loader ${bootName} (${glue[0]} or ${fullGlueName}); legacy.html`);

// Offline after the first load: a service worker that caches the app shell. Its cache is named
// after a hash of every file it caches, so a new build is a new worker and a new cache.
// the office module and the full edition are not precached (they are not part of a first
// visit, and most browsers never need them): the worker caches them when first used
const shell = fs
  .readdirSync(dir)
  .filter((f) => /\.(html|js|css|wasm|json)$/.test(f) && f !== 'sw.js' && !/^(ziping_office|office-worker|office-client|ziping_full)-/.test(f))
  .concat(fs.existsSync(path.join(dir, 'help')) ? fs.readdirSync(path.join(dir, 'help')).map((f) => `help/${f}`) : [])
  .sort();
const version = crypto.createHash('sha256');
for (const f of shell) version.update(f).update(fs.readFileSync(path.join(dir, f)));
const sw = fs
  .readFileSync(path.join(root, 'static', 'sw.template.js'), 'utf8')
  .replace('__ZIPING_VERSION__', version.digest('hex').slice(0, 16))
  .replace('__ZIPING_FILES__', JSON.stringify(['./', ...shell.map((f) => './' + f)]));
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`trunk-post-build: sw.js caches ${shell.length} files`);

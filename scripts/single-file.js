// Builds the single-file edition: one self-contained HTML file (styles, scripts and the
// WebAssembly module inlined) that runs when opened from file:// or an e-mail attachment, for
// machines that can only open files. Usage: node scripts/single-file.js <dist dir> <output.html>
// (after scripts/build.sh; `bash scripts/single.sh` does both).
//
// Its Content-Security-Policy names each inline script and style by hash (no 'unsafe-inline');
// it allows 'unsafe-eval' because Chromium before 97 compiles no WebAssembly without it and a
// lone file has no second page to fall back to (the hosted page uses legacy.html for that).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const bootScript = require('./boot');

const [distDir, outFile] = process.argv.slice(2);
if (!distDir || !outFile) {
  console.error('usage: node scripts/single-file.js <dist dir> <output.html>');
  process.exit(2);
}
function fail(message) {
  console.error(`single-file: ${message}`);
  process.exit(1);
}
const read = (name) => fs.readFileSync(path.join(distDir, name), 'utf8');
const files = fs.readdirSync(distDir);
const one = (re, what) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) fail(`expected one ${what} in ${distDir}, found ${found.length}`);
  return found[0];
};
const css = read(one(/^main-[0-9a-f]+\.css$/, 'stylesheet'));
// the office module: its worker's script and its wasm, inlined, started on first use from a
// Blob (a file:// page cannot start a worker from a file)
const officeWorker = read(one(/^office-worker-[0-9a-f]+\.js$/, 'office worker'));
// (the hosted page's stub that loads the client on first use is replaced by the client itself)
const officeWasm = fs.readFileSync(path.join(distDir, one(/^ziping_office-[0-9a-f]+\.wasm$/, 'office module')));
// the full edition only (src/ui/edition.rs): a lone file has no second module to reload into
const glue = read(one(/^ziping_full-[0-9a-f]+\.js$/, "full edition's wasm-bindgen glue"));
const wasm = fs.readFileSync(path.join(distDir, one(/^ziping_full-[0-9a-f]+_bg\.wasm$/, 'full edition module')));
const recovery = read('recovery.js');

// Chromium 86 has no Uint8Array.fromBase64; atob is everywhere
const data =
  `var ZIPING_WASM_BASE64 = "${wasm.toString('base64')}";\n` +
  'function zipingWasmBytes() {\n' +
  '  var text = atob(ZIPING_WASM_BASE64);\n' +
  '  var bytes = new Uint8Array(text.length);\n' +
  '  for (var i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);\n' +
  '  return bytes;\n' +
  '}\n';
// the files fetched on demand in the hosted page are inlined here
const assets = {};
for (const [name, text] of Object.entries(bootScript.assetTexts())) assets[name] = { text };
const boot = bootScript('{ full: { wasm: zipingWasmBytes } }', false, assets);
const officeData =
  `var ZIPING_OFFICE_WORKER_SOURCE = ${JSON.stringify(officeWorker).replace(/<\//g, '<\\/')};\n` +
  `var ZIPING_OFFICE_WASM_BASE64 = "${officeWasm.toString('base64')}";\n` +
  'function zipingOfficeWasmBytes() {\n' +
  '  var text = atob(ZIPING_OFFICE_WASM_BASE64);\n' +
  '  var bytes = new Uint8Array(text.length);\n' +
  '  for (var i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);\n' +
  '  return bytes;\n' +
  '}\n';
const officeClient = fs
  .readFileSync(path.join(__dirname, '..', 'static', 'office.template.js'), 'utf8')
  .replace(
    '__ZIPING_OFFICE_CONFIG__',
    () => '{ workerSource: function () { return ZIPING_OFFICE_WORKER_SOURCE; }, wasmBytes: zipingOfficeWasmBytes }',
  );

const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const inlineScript = (code) => {
  if (/<\/script/i.test(code)) fail('a script contains "</script"');
  return `<script>${code}</script>`;
};
const scripts = [recovery, officeData, officeClient, glue, data, boot];
const policy = [
  "default-src 'none'",
  `script-src ${scripts.map(sha).join(' ')} 'unsafe-eval' 'wasm-unsafe-eval'`,
  `style-src ${sha(css)}`,
  'img-src data: blob:',
  // the office worker starts from a Blob of its inlined script
  'worker-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = read('index.html');
const swap = (re, replacement, what) => {
  if (!re.test(html)) fail(`index.html has no ${what}`);
  html = html.replace(re, () => replacement);
};
swap(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${policy}">`, 'policy');
swap(/<link rel="stylesheet"[^>]*>/, `<style>${css}</style>`, 'stylesheet');
swap(/<script src="\.\/recovery\.js"><\/script>/, inlineScript(recovery), 'recovery script');
swap(/\s*<script defer src="\.\/boot-[0-9a-f]+\.js"><\/script>/, '', 'boot script');
swap(/\s*<script defer src="\.\/office-[0-9a-f]+\.js"><\/script>/, '', 'office client');
// deferred scripts run after parsing: the inlined ones go last in <body> to keep that order
swap(/<\/body>/, [officeData, officeClient, glue, data, boot].map(inlineScript).join('\n') + '\n</body>', 'body');
swap(/<title>/, '<meta name="ziping-edition" content="single-file">\n    <title>', 'title');
if (/<(script|link)[^>]*\s(src|href)="\.\//.test(html)) fail('a reference to a separate file is left');

fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
fs.writeFileSync(outFile, html);
console.log(
  `single-file: ${outFile} (${(html.length / 1024).toFixed(0)} KiB, module ${(wasm.length / 1024).toFixed(0)} KiB, office module ${(officeWasm.length / 1024).toFixed(0)} KiB)`,
);

// Trunk post_build hook: move Trunk's inline loader <script> into its own file so the page's
// Content-Security-Policy can allow scripts from 'self' only (no 'unsafe-inline'), and drop the
// build-time nonce placeholders Trunk adds (a static nonce protects nothing).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('trunk-post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

html = html.replace(/\s+nonce="[^"]*"/g, '');

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
let count = 0;
html = html.replace(inline, (_, body) => {
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
  const name = `boot-${hash}.js`;
  fs.writeFileSync(path.join(dir, name), body.trim() + '\n');
  count += 1;
  return `<script type="module" src="./${name}"></script>`;
});
if (count === 0) {
  console.error('trunk-post-build: no inline loader found in index.html');
  process.exit(1);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('trunk-post-build: an inline script is left in index.html; the CSP would block it');
  process.exit(1);
}
fs.writeFileSync(indexPath, html);
console.log(`trunk-post-build: moved ${count} inline loader script(s) to files`);

// Offline after the first load: a service worker that caches the app shell. Its cache is named
// after a hash of every file it caches, so a new build is a new worker and a new cache.
const shell = fs
  .readdirSync(dir)
  .filter((f) => /\.(html|js|css|wasm)$/.test(f) && f !== 'sw.js')
  .sort();
const version = crypto.createHash('sha256');
for (const f of shell) version.update(f).update(fs.readFileSync(path.join(dir, f)));
const template = fs.readFileSync(path.join(__dirname, '..', 'static', 'sw.template.js'), 'utf8');
const sw = template
  .replace('__ZIPING_VERSION__', version.digest('hex').slice(0, 16))
  .replace('__ZIPING_FILES__', JSON.stringify(['./', ...shell.map((f) => './' + f)]));
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`trunk-post-build: sw.js caches ${shell.length} files`);

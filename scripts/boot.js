// The boot script (static/boot.template.js) filled in for one build: `editions` is a JavaScript
// expression for the editions it chooses from (each a glue URL, absent when the glue is inline,
// and a module URL or a function giving its bytes), `hasLegacy` whether legacy.html exists
// beside the page, `assets` the files fetched on demand (name → URL, or name → {text}). Used by
// trunk-post-build.js (hosted) and single-file.js (one file).
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

module.exports = function bootScript(editions, hasLegacy, assets) {
  const script = fs
    .readFileSync(path.join(__dirname, '..', 'static', 'boot.template.js'), 'utf8')
    .replace('__ZIPING_EDITIONS__', () => editions)
    .replace('__ZIPING_HAS_LEGACY__', () => String(hasLegacy))
    .replace('__ZIPING_ASSETS__', () => JSON.stringify(assets || {}).replace(/<\//g, '<\\/'));
  // each placeholder is filled once: a second one left in would be a bare name at run time
  const left = script.match(/__ZIPING_[A-Z_]+__/);
  if (left) throw new Error(`boot.template.js: ${left[0]} is left unfilled (use it once)`);
  // the comments stay in the source: every page load carries this script (−0.7 KB brotli)
  return esbuild.transformSync(script, { target: 'es2019', charset: 'utf8' }).code;
};

/** The files of assets/ (`ui-en.json`, `guide.json`) as name → text. */
module.exports.assetTexts = function assetTexts() {
  const dir = path.join(__dirname, '..', 'assets');
  const out = {};
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    out[f.replace(/\.json$/, '')] = fs.readFileSync(path.join(dir, f), 'utf8');
  }
  return out;
};

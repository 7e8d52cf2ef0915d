// The boot script (static/boot.template.js) filled in for one build: `source` is a JavaScript
// expression for the module (a URL string or the bytes), `hasLegacy` whether legacy.html exists
// beside the page, `assets` the files fetched on demand (name → URL, or name → {text}). Used by
// trunk-post-build.js (hosted) and single-file.js (one file).
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = function bootScript(source, hasLegacy, assets) {
  const script = fs
    .readFileSync(path.join(__dirname, '..', 'static', 'boot.template.js'), 'utf8')
    .replace('__ZIPING_WASM_SOURCE__', () => source)
    .replace('__ZIPING_HAS_LEGACY__', () => String(hasLegacy))
    .replace('__ZIPING_ASSETS__', () => JSON.stringify(assets || {}).replace(/<\//g, '<\\/'));
  // each placeholder is filled once: a second one left in would be a bare name at run time
  const left = script.match(/__ZIPING_[A-Z_]+__/);
  if (left) throw new Error(`boot.template.js: ${left[0]} is left unfilled (use it once)`);
  return script;
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

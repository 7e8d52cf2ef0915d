// The boot script (static/boot.template.js) filled in for one build: `source` is a JavaScript
// expression for the module (a URL string or the bytes), `hasLegacy` whether legacy.html exists
// beside the page. Used by trunk-post-build.js (hosted) and single-file.js (one file).
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = function bootScript(source, hasLegacy) {
  return fs
    .readFileSync(path.join(__dirname, '..', 'static', 'boot.template.js'), 'utf8')
    .replace('__ZIPING_WASM_SOURCE__', () => source)
    .replace('__ZIPING_HAS_LEGACY__', () => String(hasLegacy));
};

// The office module (issue 7/10): its size, the time to load it on first use, and a 50-form
// workbook from file pick to preview. Prints figures; asserts nothing (docs/BENCHMARKS.md).
//
//   node tests/bench/office.js          (after scripts/build.sh; needs LibreOffice)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const { serve, launch, DIST } = require('../browser/harness');

const ROOT = path.join(__dirname, '..', '..');
const sizes = (file) => {
  const bytes = fs.readFileSync(path.join(DIST, file));
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

/** An HTML page of `n` forms in the MOF layout, one after another, for LibreOffice to save. */
function manyForms(n) {
  const form = fs
    .readFileSync(path.join(ROOT, 'tests', 'fixtures', 'forms', 'mof-standard.html'), 'utf8')
    .replace(/^[\s\S]*?<body>/, '')
    .replace(/<\/body>[\s\S]*$/, '');
  let html = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>';
  for (let i = 0; i < n; i++) html += form.replace('基层农技推广体系改革与建设补助项目', `基层农技推广项目${i + 1}`);
  return html + '</body></html>';
}

(async () => {
  const files = fs.readdirSync(DIST);
  const pick = (re) => files.find((f) => re.test(f));
  const office = {
    stub: sizes(pick(/^office-[0-9a-f]+\.js$/)),
    client: sizes(pick(/^office-client-[0-9a-f]+\.js$/)),
    worker: sizes(pick(/^office-worker-[0-9a-f]+\.js$/)),
    module: sizes(pick(/^ziping_office-[0-9a-f]+\.wasm$/)),
  };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-bench-office-'));
  const html = path.join(tmp, 'fifty.html');
  fs.writeFileSync(html, manyForms(50));
  execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/lo`, '--headless', '--infilter=HTML (StarCalc)', '--convert-to', 'xlsx', '--outdir', tmp, html], { stdio: 'ignore' });
  const workbook = path.join(tmp, 'fifty.xlsx');
  const small = path.join(ROOT, 'office', 'tests', 'fixtures', 'mof-standard.xlsx');

  const srv = await serve();
  const browser = await launch();
  const timings = { first_use_ms: [], again_ms: [], fifty_forms_ms: [] };
  for (let run = 0; run < 3; run++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(srv.url);
    await page.waitForSelector('[data-testid="import-file"]');
    const toPreview = async (file) => {
      const t0 = Date.now();
      await page.setInputFiles('[data-testid="import-file"]', file);
      await page.waitForSelector('[data-testid="import-preview"]');
      const ms = Date.now() - t0;
      timings.forms_found = await page.evaluate(() => document.querySelectorAll('[data-testid="recognised-form"]').length);
      await page.click('.import-preview button:not(.primary)');
      return ms;
    };
    // first use: starting the worker, fetching and compiling the module, reading one form
    timings.first_use_ms.push(await toPreview(small));
    timings.again_ms.push(await toPreview(small));
    timings.fifty_forms_ms.push(await toPreview(workbook));
    await ctx.close();
  }
  await browser.close();
  await srv.close();
  console.log(
    JSON.stringify(
      { office_module: office, workbook_bytes: fs.statSync(workbook).size, ...timings },
      null,
      2,
    ),
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Size and speed budgets (issue 6), measured on the release build in headless Chromium.
// Prints figures; asserts nothing (see docs/BENCHMARKS.md).
//
//   node tests/bench/budgets.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { serve, launch, DIST } = require('../browser/harness');
const { storageEntries, evaluation, measureKeystrokes, median } = require('./workspace');

(async () => {
  // transfer size: what a first visit downloads (wasm + JS + CSS), raw, gzip -9 and brotli q11;
  // the office module (worker and wasm) loads on first use only, and the full edition's glue and
  // module instead of the clerk's when its pages are first opened (src/ui/edition.rs): counted apart
  const sizes = {};
  const later = {};
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of fs.readdirSync(DIST)) {
    if (!/\.(wasm|js|css)$/.test(f) || f === 'sw.js') continue;
    const bytes = fs.readFileSync(path.join(DIST, f));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    if (/^(ziping_office|office-worker|office-client|ziping_full)-/.test(f)) {
      later[f] = { raw: bytes.length, gzip: gz, brotli: br };
      continue;
    }
    sizes[f] = { raw: bytes.length, gzip: gz, brotli: br };
    raw += bytes.length;
    gzip += gz;
    brotli += br;
  }

  const srv = await serve();
  const browser = await launch();

  // keystroke → updated total on a form of 200 indicators
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(srv.url);
  await page.waitForSelector('.app-header');
  const big = evaluation(0, 30);
  const rows = [];
  for (let i = 0; i < 200; i++) {
    const r = { ...big.evaluation.indicators[i % 30] };
    r.id = `big-r${i}`;
    rows.push(r);
  }
  big.evaluation.id = 'big';
  big.evaluation.indicators = rows;
  await page.evaluate((doc) => {
    localStorage.setItem('ziping:eval:big', JSON.stringify(doc));
  }, big);
  await page.goto(srv.url + '#/e/big');
  await page.reload();
  await page.waitForSelector('#f-fund-claimed');
  const keystrokes = await measureKeystrokes(page, 30);
  await ctx.close();

  // cold start to interactive with 1,000 stored evaluations
  const ctx2 = await browser.newContext();
  const p2 = await ctx2.newPage();
  await p2.goto(srv.url);
  await p2.waitForSelector('.app-header');
  await p2.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, storageEntries(1000, 30));
  const starts = [];
  for (let i = 0; i < 3; i++) {
    await p2.goto(srv.url + '#/');
    await p2.reload();
    await p2.waitForSelector('[data-testid="new-evaluation"]');
    starts.push(await p2.evaluate(() => performance.now()));
  }
  await ctx2.close();
  await browser.close();
  await srv.close();

  console.log(
    JSON.stringify(
      {
        transfer_raw_bytes: raw,
        transfer_gzip_bytes: gzip,
        transfer_brotli_bytes: brotli,
        files: sizes,
        loaded_on_first_use: later,
        keystroke_to_total_ms_200_indicators_median: Number(median(keystrokes).toFixed(2)),
        keystroke_to_total_ms_200_indicators_max: Number(Math.max(...keystrokes).toFixed(2)),
        cold_start_to_interactive_ms_1000_stored: starts.map(Math.round),
      },
      null,
      2,
    ),
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Scale benchmark (issue 3): 1,000 evaluations of 30 indicators in localStorage, the real built
// page in headless Chromium. Prints figures; it asserts nothing about time (see docs/BENCHMARKS.md).
//
//   node tests/bench/scale.js [count] [rows]
'use strict';
const { serve, launch } = require('../browser/harness');
const { storageEntries, measureKeystrokes, median, listShown, openFirstGroup } = require('./workspace');

const COUNT = Number(process.argv[2] || 1000);
const ROWS = Number(process.argv[3] || 30);

(async () => {
  const srv = await serve();
  const browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(srv.url);
  await page.waitForSelector('.app-header');
  const entries = storageEntries(COUNT, ROWS);
  const chars = await page.evaluate((e) => {
    localStorage.clear();
    let n = 0;
    for (const [k, v] of Object.entries(e)) {
      localStorage.setItem(k, v);
      n += k.length + v.length;
    }
    return n;
  }, entries);

  // count writes to storage from here on
  await ctx.addInitScript(() => {
    window.__writes = [];
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      window.__writes.push(k);
      return set.call(this, k, v);
    };
  });

  // cold load to a rendered list of every evaluation
  const loads = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(srv.url + '#/');
    await page.reload();
    await page.waitForFunction(listShown, COUNT, { timeout: 120000 });
    loads.push(await page.evaluate(() => performance.now()));
  }

  // re-render of the list after coming back from a form
  const listBack = [];
  for (let i = 0; i < 3; i++) {
    await openFirstGroup(page);
    await page.click('table.eval-list a.open >> nth=0');
    await page.waitForSelector('#f-fund-claimed');
    const t = await page.evaluate(async ([n, shown]) => {
      const isShown = new Function('n', `return (${shown})(n)`);
      const t0 = performance.now();
      location.hash = '#/';
      while (!isShown(n)) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - t0;
    }, [COUNT, listShown.toString()]);
    listBack.push(t);
  }

  // the summary of the largest group
  const summary = [];
  for (let i = 0; i < 3; i++) {
    const t = await page.evaluate(async () => {
      const link = document.querySelector('.group a.open-summary');
      const t0 = performance.now();
      link.click();
      while (!document.querySelector('table.summary-table tbody tr')) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      return { ms: performance.now() - t0, rows: document.querySelectorAll('table.summary-table tbody tr').length };
    });
    summary.push(t);
    await page.goBack();
    // the list's tables are folded (hidden rows) over 500 forms: wait for the list, not a row
    await page.waitForFunction(listShown, COUNT, { timeout: 120000 });
  }

  // typing in one evaluation: time from the input event to the updated total, and what is saved
  await openFirstGroup(page);
  await page.click('table.eval-list a.open >> nth=0');
  await page.waitForSelector('#f-fund-claimed');
  await page.evaluate(() => (window.__writes = []));
  const keystrokes = await measureKeystrokes(page, 20);
  await page.waitForTimeout(1000); // past the save debounce
  const writes = await page.evaluate(() => window.__writes);

  // export the whole workspace as JSON, then import it into a fresh profile
  await page.goto(srv.url + '#/');
  await page.waitForFunction(listShown, COUNT, { timeout: 120000 });
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-all"]')]);
  const exportMs = Date.now() - t0;
  const file = path.join(os.tmpdir(), `ziping-bench-${process.pid}.json`);
  await download.saveAs(file);
  const exportBytes = fs.statSync(file).size;
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(srv.url);
  await fresh.waitForSelector('[data-testid="import-file"]');
  const t1 = Date.now();
  await fresh.setInputFiles('[data-testid="import-file"]', file);
  await fresh.waitForSelector('[data-testid="import-preview"]', { timeout: 120000 });
  const previewMs = Date.now() - t1;
  const t2 = Date.now();
  await fresh.click('[data-testid="confirm-import"]');
  await fresh.waitForFunction(listShown, COUNT, { timeout: 120000 });
  const applyMs = Date.now() - t2;
  await fresh.waitForFunction((n) => Object.keys(localStorage).filter((k) => k.startsWith('ziping:eval:')).length === n, COUNT, { timeout: 120000 });
  const savedMs = Date.now() - t2;
  // what the imported workspace takes in the fresh profile (UTF-16 units, what the quota counts)
  const importedChars = await fresh.evaluate(() =>
    Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0),
  );
  fs.rmSync(file, { force: true });

  const result = {
    evaluations: COUNT,
    indicators_each: ROWS,
    stored_chars: chars,
    // every row, or every group's head when the list is folded (over 500 forms)
    cold_load_to_list_ms: loads.map(Math.round),
    back_to_list_ms: listBack.map(Math.round),
    summary_open_ms: summary.map((s) => Math.round(s.ms)),
    summary_rows: summary[0].rows,
    keystroke_to_total_ms_median: Number(median(keystrokes).toFixed(2)),
    keystroke_to_total_ms_max: Number(Math.max(...keystrokes).toFixed(2)),
    storage_writes_after_20_keystrokes: writes,
    export_all_json_ms: exportMs,
    export_bytes: exportBytes,
    import_read_check_preview_ms: previewMs,
    import_apply_to_full_list_ms: applyMs,
    import_apply_to_all_saved_ms: savedMs,
    imported_stored_chars: importedChars,
    page_errors: errors,
  };
  console.log(JSON.stringify(result, null, 2));
  await browser.close();
  await srv.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

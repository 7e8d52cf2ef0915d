// Excel and Word exports (issue 11) in the real built page: a department-year of 50 forms to a
// downloaded .xlsx and .docx, and a workspace of 1,000 forms to one workbook, from the click to
// the download, with the progress the page showed and how long the page took to answer a
// timer while the worker wrote. Prints figures; asserts nothing (docs/BENCHMARKS.md).
//
//   node tests/bench/export.js          (after scripts/build.sh)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { serve, launch } = require('../browser/harness');
const { storageEntries, evaluation } = require('./workspace');

/** `n` forms of one department and year. */
function departmentYear(n) {
  const entries = {};
  const ids = [];
  for (let i = 0; i < n; i++) {
    const doc = evaluation(i, 30);
    doc.evaluation.department = '第1局';
    doc.evaluation.year = '2022';
    ids.push(doc.evaluation.id);
    entries[`ziping:eval:${doc.evaluation.id}`] = JSON.stringify(doc);
  }
  entries['ziping:index'] = JSON.stringify({ schema_version: 1, order: ids });
  return entries;
}

async function timedDownload(page, selector, tmp) {
  // the longest gap between two timer ticks of the page while the file is written: the page
  // is frozen for at most that long
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__tick = setInterval(() => {
      const now = performance.now();
      window.__gaps.push(now - last);
      last = now;
    }, 20);
    window.__progress = [];
    window.__watch = setInterval(() => {
      const s = document.querySelector('[data-testid="export-status"]');
      if (s) window.__progress.push(s.textContent);
    }, 100);
  });
  const t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600000 }), page.click(selector)]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  const ms = Date.now() - t0;
  const { gap, progress } = await page.evaluate(() => {
    clearInterval(window.__tick);
    clearInterval(window.__watch);
    return { gap: Math.max(...window.__gaps), progress: [...new Set(window.__progress)] };
  });
  return {
    ms,
    bytes: fs.statSync(file).size,
    longest_pause_ms: Math.round(gap),
    progress_seen: progress.length,
    progress_last: progress[progress.length - 1] || '',
  };
}

async function withWorkspace(browser, srv, entries, fn) {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(srv.url);
  await page.waitForSelector('.app-header');
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
  await page.reload();
  await page.waitForSelector('[data-testid="export-all-xlsx"]');
  const out = await fn(page);
  await ctx.close();
  return out;
}

(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-bench-export-'));
  const srv = await serve();
  const browser = await launch();
  const results = { fifty_xlsx: [], fifty_docx: [], thousand_xlsx: [] };
  for (let run = 0; run < 3; run++) {
    await withWorkspace(browser, srv, departmentYear(50), async (page) => {
      // the first export starts the office module; the figures are of the second and third
      await page.waitForSelector('.group [data-testid="group-xlsx"]');
      const first = await timedDownload(page, '.group [data-testid="group-xlsx"]', tmp);
      if (run === 0) results.first_use_fifty_xlsx = first;
      results.fifty_xlsx.push(await timedDownload(page, '.group [data-testid="group-xlsx"]', tmp));
      results.fifty_docx.push(await timedDownload(page, '.group [data-testid="group-report"]', tmp));
    });
  }
  results.thousand_xlsx.push(
    await withWorkspace(browser, srv, storageEntries(1000, 30), (page) => timedDownload(page, '[data-testid="export-all-xlsx"]', tmp)),
  );
  await browser.close();
  await srv.close();
  console.log(JSON.stringify(results, null, 2));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

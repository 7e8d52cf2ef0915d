// English as the second language (a remembered switch, one catalogue), keyboard use of the form
// (Enter adds a row, tab order, labels for screen readers) and the in-app 使用说明.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openApp, useApp } = require('./harness');

const suite = useApp();
const CJK = /[\u3400-\u9fff]/;

test('the language switch turns the UI English, keeps the data and is remembered', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  // the English words are a file of their own, fetched when English is first chosen
  const fetched = [];
  page.on('request', (r) => {
    if (/\/(ui-en|guide)-[0-9a-f]+\.json$/.test(r.url())) fetched.push(r.url().replace(/^.*\//, ''));
  });
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.fill('#f-h-ProjectName', '招商引资（改）');
  assert.deepEqual(fetched, [], 'nothing fetched in Chinese');
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(fetched.length, 1);
  assert.match(fetched[0], /^ui-en-/);
  // the same form, the same figures, what was typed kept
  assert.equal(await page.inputValue('#f-h-ProjectName'), '招商引资（改）');
  assert.equal(await page.textContent('[data-testid="total"]'), '87.00');
  assert.equal(await page.textContent('[data-testid="lang-switch"]'), '中文');
  assert.equal(await page.textContent('[data-testid="export-json"]'), 'Export JSON');
  // headers, buttons and the review notes: no Chinese left but the user's own text (a note
  // starts with the indicator's name as the user wrote it: "环保评审合格: score 25.00 …")
  const chrome = await page.$$eval('th, button, h3, svg text, .diagnostics .msg, .diagnostics .level', (els) =>
    els.map((e) => e.textContent.trim()).filter(Boolean),
  );
  assert.ok(chrome.length > 40);
  const ours = (s) => (s.includes(': ') ? s.slice(s.indexOf(': ') + 2) : s);
  const chinese = chrome.map(ours).filter((s) => CJK.test(s) && s !== '中文');
  assert.deepEqual(chinese, []);
  const notes = await page.$$eval('.diagnostics .msg', (els) => els.map((e) => e.textContent));
  assert.ok(notes.length > 0);

  // a refused import says why in English too
  await page.goto(suite.srv.url + '#/');
  await page.setInputFiles('[data-testid="import-file"]', {
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"type": "ziping-export", "format_version": 1, "evaluations": ['),
  });
  await page.waitForSelector('[data-testid="import-error"]');
  const refusal = await page.textContent('[data-testid="import-error"]');
  assert.match(refusal, /“broken.json” was not imported: The file is not valid JSON: a syntax error near line 1/);

  // remembered across a reload
  await page.goto(suite.srv.url + '#/e/sample-zhaoshang');
  await page.reload();
  await page.waitForSelector('[data-testid="total"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction(() => document.querySelector('[data-testid="export-json"]').textContent === 'Export JSON');
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await page.textContent('[data-testid="export-json"]'), '导出JSON');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('Enter in a row adds a row to the same 二级指标; Shift+Enter and IME input do not', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('.indicator-row');
  const rows = () => page.locator('.indicator-row').count();
  const before = await rows();
  const first = page.locator('.indicator-row').first();
  const firstId = await first.getAttribute('data-row');
  const target = first.locator('td.target textarea, td.target input').first();
  await target.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await rows(), before, 'Shift+Enter is a new line, not a row');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.indicator-row').length === n + 1, before);
  // the new row is in the same group and has the focus, ready to type
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  assert.match(focused, /^f-i-.*-Name$/);
  await page.keyboard.type('新增指标');
  await page.waitForTimeout(100);
  const group = await page.evaluate(
    ([a, b]) => {
      const rowA = document.querySelector(`.indicator-row[data-row="${a}"]`);
      const rowB = document.getElementById(b).closest('.indicator-row');
      const level2 = (row) => {
        // the 二级 cell spans its rows: walk up to the row that carries it
        let r = row;
        while (r && !r.querySelector('td.l2')) r = r.previousElementSibling;
        return r && r.querySelector('td.l2').textContent;
      };
      return [level2(rowA), level2(rowB), rowB.querySelector('td.name textarea, td.name input').value];
    },
    [firstId, focused],
  );
  assert.equal(group[0], group[1]);
  assert.equal(group[2], '新增指标');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('every field has a label for screen readers and the tab order follows the page', async () => {
  const { ctx, page } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('.indicator-row');
  const unlabeled = await page.$$eval('input, select, textarea, button', (els) =>
    els
      .filter((e) => e.offsetParent !== null)
      .filter((e) => !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim() || e.title))
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabeled, []);
  assert.equal(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(), 0);
  // Tab from the project name reaches the year, then the department: the form's reading order
  await page.focus('#f-h-ProjectName');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-h-Year');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-h-Department');
  // a field with an error says so
  assert.ok((await page.locator('[aria-invalid="true"]').count()) > 0);
  await ctx.close();
});

test('使用说明 opens from the header, in both languages, with its screenshots', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('[data-testid="help-link"]');
  await page.waitForSelector('[data-testid="help"]');
  assert.match(page.url(), /#\/help$/);
  const titles = await page.$$eval('[data-testid="help"] h3', (els) => els.map((e) => e.textContent));
  assert.ok(titles.length >= 4);
  assert.match(titles[0], /填写/);
  // the screenshots load lazily: each as the reader scrolls to it
  const imgs = page.locator('[data-testid="help"] img');
  assert.ok((await imgs.count()) >= 6, 'a screenshot for each part, the department form\'s too');
  for (let i = 0; i < (await imgs.count()); i++) {
    await imgs.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => {
      const img = document.querySelectorAll('[data-testid="help"] img')[n];
      return img.complete && img.naturalWidth > 0;
    }, i);
  }
  await page.click('[data-testid="lang-switch"]');
  await page.waitForSelector('[data-testid="help"]');
  const english = await page.$$eval('[data-testid="help"] h3', (els) => els.map((e) => e.textContent));
  assert.match(english[0], /Filling in/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

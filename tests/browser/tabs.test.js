// Two tabs on one workspace: changes appear in the other without reload; edits to the same
// evaluation are merged per field, and a true conflict is reported, never silently dropped.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openApp, useApp } = require('./harness');
const { storedDoc } = require('./stored');

const suite = useApp({ tmp: false });

const stored = async (page, id) => (await storedDoc(page, 'ziping:eval:' + id))?.evaluation ?? null;

test('two tabs: live updates, per-field merge, conflicts reported', async () => {
  const { ctx, page: a, problems } = await openApp(suite.browser, suite.srv.url);
  await a.click('button[data-sample="sample-zhaoshang"]');
  await a.waitForSelector('[data-testid="total"]');
  await a.waitForFunction(() => localStorage.getItem('ziping:eval:sample-zhaoshang'));

  const b = await ctx.newPage();
  const bProblems = [];
  b.on('pageerror', (e) => bProblems.push(e.message));
  await b.goto(suite.srv.url + '#/');
  await b.waitForSelector('table.eval-list');

  // a new evaluation in A appears in B's list without reload
  await a.goto(suite.srv.url + '#/');
  await a.click('button[data-sample="sample-guanbi"]');
  await a.waitForSelector('[data-testid="total"]');
  await b.waitForSelector('tr[data-id="sample-guanbi"]');

  // both open the same form; A's saved edit shows in B live
  await a.goto(suite.srv.url + '#/e/sample-zhaoshang');
  await b.goto(suite.srv.url + '#/e/sample-zhaoshang');
  await a.waitForSelector('#f-fund-claimed');
  await b.waitForSelector('#f-fund-claimed');
  await a.fill('#f-fund-claimed', '10');
  await b.waitForFunction(() => document.querySelector('#f-fund-claimed').value === '10');
  assert.equal(await b.textContent('[data-testid="total"]'), '90.00');

  // both edit different fields before either saves: both edits survive in both tabs
  await a.fill('#f-h-ProjectName', '招商引资（甲）');
  await b.fill('#f-h-ImplementingUnit', '投资促进中心（乙）');
  await a.waitForFunction(() => document.querySelector('#f-h-ImplementingUnit').value === '投资促进中心（乙）');
  await b.waitForFunction(() => document.querySelector('#f-h-ProjectName').value === '招商引资（甲）');
  await a.waitForTimeout(1000);
  const s1 = await stored(a, 'sample-zhaoshang');
  assert.equal(s1.project_name, '招商引资（甲）');
  assert.equal(s1.implementing_unit, '投资促进中心（乙）');

  // both change the same field: the later saver keeps its value and says so; nothing silent
  await a.fill('#f-h-Year', '2023');
  await b.fill('#f-h-Year', '2024');
  await Promise.race([
    a.waitForSelector('[data-testid="sync-note"]', { timeout: 5000 }),
    b.waitForSelector('[data-testid="sync-note"]', { timeout: 5000 }),
  ]);
  const notes = (await a.locator('[data-testid="sync-note"]').allTextContents()).concat(
    await b.locator('[data-testid="sync-note"]').allTextContents(),
  );
  assert.ok(notes.some((n) => n.includes('年度')), notes.join(' | '));

  // deleting in A removes it from B's list
  await a.goto(suite.srv.url + '#/');
  await b.goto(suite.srv.url + '#/');
  await a.waitForSelector('tr[data-id="sample-guanbi"]');
  await a.locator('tr[data-id="sample-guanbi"] button', { hasText: '删除' }).click();
  await a.locator('tr[data-id="sample-guanbi"] [data-testid="confirm-delete"]').click();
  await b.waitForSelector('tr[data-id="sample-guanbi"]', { state: 'detached' });
  await b.waitForSelector('[data-testid="trash"]');
  assert.deepEqual(problems, []);
  assert.deepEqual(bProblems, []);
  await ctx.close();
});

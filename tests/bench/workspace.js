// Generates a large workspace in ziping's storage format (see src/store/mod.rs):
// `count` project evaluations of `rows` indicators each, spread over departments and years.
'use strict';
const { pack } = require('../browser/stored');

const LEVEL2 = ['Quantity', 'Quality', 'Timeliness', 'Cost', 'Economic', 'Social', 'Ecological', 'Sustainable', 'ServiceSatisfaction'];
// weights per level-2 so that every form adds up to 100 with 30 rows:
// 产出 50 over 16 rows, 效益 30 over 10 rows, 满意度 10 over 4 rows
const PLAN = [
  ['Quantity', 4], ['Quality', 4], ['Timeliness', 4], ['Cost', 4],
  ['Economic', 3], ['Social', 3], ['Ecological', 2], ['Sustainable', 2],
  ['ServiceSatisfaction', 4],
];

function weightsFor(rows) {
  // 50/16, 30/10, 10/4 → 3.125, 3, 2.5
  return { Output: '3.125', Benefit: '3', Satisfaction: '2.5' };
}

function level1(l2) {
  const i = LEVEL2.indexOf(l2);
  return i < 4 ? 'Output' : i < 8 ? 'Benefit' : 'Satisfaction';
}

function evaluation(i, rows = 30) {
  const id = `bench-${String(i).padStart(4, '0')}`;
  const w = weightsFor(rows);
  const indicators = [];
  let r = 0;
  for (const [l2, n] of PLAN) {
    for (let k = 0; k < n && r < rows; k++, r++) {
      const target = (r % 5 === 4) ? '≤10次' : (r % 3 === 0 ? '≥90%' : `${20 + (r % 7)}个`);
      const actual = (r % 5 === 4) ? `${8 + (i % 5)}次` : (r % 3 === 0 ? `${85 + (i % 15)}%` : `${18 + (i % 9)}个`);
      indicators.push({
        id: `${id}-r${r}`,
        level2: l2,
        name: `第${r + 1}项指标`,
        target,
        actual,
        weight: w[level1(l2)],
        kind_override: null,
        tier: null,
        claimed: '',
        reason: (i + r) % 4 === 0 ? '部分项目推进延迟，已制定整改措施' : '',
      });
    }
  }
  const budget = 50 + (i % 40) * 12.5;
  const executed = budget * (0.8 + (i % 21) / 100);
  return {
    schema_version: 1,
    evaluation: {
      id,
      project_name: `测试项目${i + 1}`,
      department: `第${(i % 10) + 1}局`,
      implementing_unit: `实施单位${i % 37}`,
      year: String(2020 + (i % 4)),
      funds: {
        total: { initial_budget: String(budget), annual_budget: String(budget), executed: executed.toFixed(2) },
        current_year: { initial_budget: String(budget), annual_budget: String(budget), executed: executed.toFixed(2) },
        carried_over: { initial_budget: '', annual_budget: '', executed: '' },
        other: { initial_budget: '', annual_budget: '', executed: '' },
        weight: '10',
        claimed: '',
        reason: '',
      },
      level1_weights: { output: '50', benefit: '30', satisfaction: '10' },
      goal: { expected: '完成年度目标任务', achieved: '基本完成' },
      indicators,
      sign_off: { preparer: '张三', date: '2023年8月', phone: '13800000000', head: '李四' },
      updated_at: 1700000000000 + i,
      created_at: 1700000000000,
    },
  };
}

/** JSON as ziping writes it: empty strings and nulls are left out (they are the defaults). */
function compact(value) {
  return JSON.stringify(value, (k, v) => (v === '' || v === null ? undefined : v));
}

/**
 * `{key: value}` entries for localStorage, packed as the app stores them (src/store/packed.rs);
 * `{ plain: true }` writes the first layout's plain JSON instead.
 */
function storageEntries(count = 1000, rows = 30, { plain = false } = {}) {
  const entries = {};
  const ids = [];
  for (let i = 0; i < count; i++) {
    const doc = evaluation(i, rows);
    ids.push(doc.evaluation.id);
    entries[`ziping:eval:${doc.evaluation.id}`] = plain ? compact(doc) : pack(compact(doc));
  }
  entries['ziping:index'] = JSON.stringify({ schema_version: 1, order: ids });
  return entries;
}

/**
 * Types into the open form's execution score `n` times and returns, per keystroke, the
 * milliseconds from the input event to the updated total on screen.
 */
function measureKeystrokes(page, n) {
  return page.evaluate(async (n) => {
    const input = document.querySelector('#f-fund-claimed');
    const total = document.querySelector('[data-testid="total"]');
    const out = [];
    for (let i = 0; i < n; i++) {
      const before = total.textContent;
      const t0 = performance.now();
      input.value = String(i % 2 === 0 ? 5 : 6);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (total.textContent === before) await Promise.resolve();
      out.push(performance.now() - t0);
    }
    return out;
  }, n);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Puts `entries` in the page's localStorage, nothing else. */
function seed(page, entries) {
  return page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
}

/**
 * In the page: whether the list is shown — every row, or (a workspace over the list's fold
 * limit) every department-year group folded to its head.
 */
function listShown(n) {
  return (
    document.querySelectorAll('table.eval-list tbody tr').length === n ||
    (document.querySelectorAll('[data-testid="group-fold"]').length > 0 &&
      document.querySelectorAll('.group').length === document.querySelectorAll('[data-testid="group-fold"]').length)
  );
}

/** Opens the first group when the list is folded, so its rows can be clicked. */
async function openFirstGroup(page) {
  const fold = page.locator('[data-testid="group-fold"][aria-expanded="false"]').first();
  if ((await fold.count()) > 0) {
    await fold.click();
    await page.waitForSelector('table.eval-list:not(.folded) a.open');
  }
}

module.exports = { storageEntries, evaluation, measureKeystrokes, median, listShown, openFirstGroup, seed };

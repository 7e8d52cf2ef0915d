// dist/ works from any sub-path, on a server that sends .wasm with the wrong MIME type.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { serve, launch, openApp, assertNoForeignRequests, DIST } = require('./harness');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  // CSP and design: nothing the app did may reach another origin
  assertNoForeignRequests();
});

for (const [name, opts] of [
  ['a sub-path', { prefix: '/apps/jixiao/ziping/' }],
  ['a wrong MIME type for .wasm and .js', { prefix: '/shared/', mime: { '.wasm': 'application/octet-stream', '.js': 'application/x-javascript' } }],
]) {
  test(`works from ${name}`, async () => {
    const srv = await serve(DIST, opts);
    const { ctx, page, problems } = await openApp(browser, srv.url);
    assert.ok(page.url().startsWith(srv.url));
    await page.click('button[data-sample="sample-zhaoshang"]');
    await page.waitForSelector('[data-testid="total"]');
    assert.equal(await page.textContent('[data-testid="total"]'), '87.00');
    assert.deepEqual(problems, []);
    await ctx.close();
    await srv.close();
  });
}

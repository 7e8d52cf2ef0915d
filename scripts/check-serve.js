// Checks the README's first command the way a new user meets it: `scripts/build.sh serve` (what
// `scripts/run.sh` runs) builds and serves the page, and everything the page's boot script names
// (both editions' glue and modules, the files fetched on demand) is served. Trunk's own server
// adds an auto-reload script unless told not to (Trunk.toml), which the build refuses: this is
// where that would show. Usage: node scripts/check-serve.js [port]
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const port = Number(process.argv[2] || 18080);
const base = `http://127.0.0.1:${port}/`;
const root = path.join(__dirname, '..');
// into a directory of its own: a failed build must not be hidden by an earlier one's dist/
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-serve-'));
const server = spawn(
  'bash',
  ['scripts/build.sh', 'serve', '--address', '127.0.0.1', '--port', String(port), '--dist', dist],
  { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
let exited = false;
let failedBuild = false;
server.on('exit', () => (exited = true));
for (const stream of [server.stdout, server.stderr]) {
  stream.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (/ERROR/.test(chunk.toString())) failedBuild = true;
  });
}

function stop() {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch (err) {
    // already gone
  }
  fs.rmSync(dist, { recursive: true, force: true });
}
function fail(message) {
  console.error(`check-serve: ${message}`);
  stop();
  process.exit(1);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function get(url) {
  const res = await fetch(url);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

(async () => {
  // the first build takes minutes on a fresh machine
  let index = null;
  for (let waited = 0; waited < 20 * 60 * 1000 && !index; waited += 2000) {
    if (exited) fail('the server stopped');
    if (failedBuild) fail('the build failed (above)');
    try {
      const r = await get(base);
      if (r.status === 200 && /boot-[0-9a-f]+\.js/.test(r.body.toString())) index = r.body.toString();
    } catch (err) {
      // not listening yet
    }
    if (!index) await sleep(2000);
  }
  if (!index) fail(`nothing served at ${base} after 20 minutes`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(index)) fail('the served page has an inline script');
  const boot = (await get(base + /boot-[0-9a-f]+\.js/.exec(index)[0])).body.toString();
  const named = [...new Set(boot.match(/\.\/[\w.-]+\.(?:js|wasm|json)/g) || [])];
  if (!named.some((f) => /^\.\/ziping-/.test(f)) || !named.some((f) => /^\.\/ziping_full-/.test(f))) {
    fail(`the boot script names no clerk's and full edition: ${named.join(', ')}`);
  }
  for (const f of named) {
    const r = await get(base + f.slice(2));
    if (r.status !== 200) fail(`${f}: HTTP ${r.status}`);
    if (f.endsWith('.wasm') && r.body.subarray(0, 4).toString('hex') !== '0061736d') fail(`${f}: not a wasm module`);
  }
  console.log(`check-serve: ${base} serves the page and the ${named.length} files its boot script names`);
  stop();
  process.exit(0);
})().catch((err) => fail(String(err)));

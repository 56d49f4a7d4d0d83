// Benchmark of the release build (dist/): transfer size, startup time of the case list
// against a static HTML page of the same list, and stored bytes per case.
//
// Usage:  node scripts/bench.mjs            (normally through scripts/bench)
// Prints ONE JSON object on stdout; progress goes to stderr. Exits non-zero on failure.
//
// Env:    BENCH_DIST=dir        measure another build instead of dist/
//         BENCH_RUNS=n          measured startup runs per page (default 5)
//         BENCH_WARMUP=n        discarded warm-up runs per page before them (default 1)
//         BENCH_CASES=n         cases seeded for the startup runs (default 20)
//         BENCH_THROTTLE=x      CPU throttling rate (default 4)
//         BENCH_CHROMIUM=path   browser (default /usr/bin/chromium)
//         BENCH_KEEP=1          keep the temp dir (dist/ snapshot + _bench/static/index.html)
//
// What is measured (all in one browser, one loopback server; the dist/ files are copied to
// a temp dir first so that a concurrent rebuild cannot change them mid-run):
//
// transfer_*      One unthrottled load of the case list (20 seeded cases): every response
//                 body the page receives (page.on('response') + response.body()), each
//                 compressed with zlib gzip level 9, summed. Loopback serves them
//                 uncompressed; this is what a gzip-9 server would send.
//
// startup         Fresh browser context per run (empty HTTP cache, new renderer), the
//                 seeded cases written into localStorage from a blank same-origin page
//                 (seed.html, not timed), then CDP Emulation.setCPUThrottlingRate and a
//                 fresh navigation to the page under test (a new document, its own
//                 performance.timeOrigin). Runs alternate app / static (ABBA order) so
//                 that any drift of the machine's load hits both alike; the first
//                 BENCH_WARMUP pair is discarded (reported under `warmup`): the first load
//                 in a new browser can be much slower (browser-wide first-use work; in one
//                 trial here the app's warm-up took 1.7x the median of the runs after it).
//
//   How "visible" is timed: an init script (context.addInitScript, runs before any of the
//   page's own scripts) installs a MutationObserver on `document`. Its callback runs at the
//   microtask checkpoint right after the task that inserted the nodes (the wasm mount for
//   the app, a parser chunk for the static page) and takes performance.now() — milliseconds
//   since the navigation's time origin — the first time it sees <h1>ケース一覧</h1> and all
//   N rows of table.case-table > tbody. This was chosen over page.waitForFunction + reading
//   performance.now() afterwards because (1) there is no polling granularity (rAF polling
//   quantises to ~16 ms frames; interval polling to its interval), (2) the timestamp does
//   not include the CDP round trip to node and back, and (3) no poller runs on the page's
//   main thread while it loads (under 4x throttling a rAF poller would itself slow the page
//   it measures). The observer's own work is one querySelectorAll per mutation batch,
//   identical for both pages. The page tells node it is done with a console message, sent
//   only after the timestamps are taken.
//
//   Reported per run: `ms` (the DOM-ready time above; the medians and `ratio` use it),
//   `painted_ms` (when the main thread has rendered the frame that shows the list: a
//   message posted from the first requestAnimationFrame callback after `ms` runs once that
//   frame's style, layout and paint are done; this includes laying out the Japanese text,
//   which the static page sometimes does partly before `ms`, when the parser yields and a
//   frame of half the page is rendered in between — see `mutation_batches`),
//   `fcp_ms` (the browser's first-contentful-paint entry), `after_response_ms` (ms minus the
//   document's responseEnd: without the browser-side navigation share), and `rows`.
//
//   The static page is built in the same run from the app's rendered DOM
//   (document.documentElement.outerHTML after the list shows, with every <script> and the
//   modulepreload/preload links removed, the same CSS file and CSP meta) and served from
//   the same server: the dist/ snapshot is the server root, the bench's own pages are under
//   /_bench/ (seed.html, static/index.html).
//
// bytes_per_case  (runs first) 5 cases created through the real form (fill + 「ケースを作成」), then the
//                 soudan-workbench/case/* records read back from localStorage. utf16 =
//                 2 x (key length + value length) in UTF-16 code units (the conservative
//                 accounting of localStorage; an engine may store ASCII more compactly);
//                 utf8_json = UTF-8 bytes of the value.
//                 One of these records is the template of the seeded cases (seedItems).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './static-server.mjs';
import { CHROMIUM as DEFAULT_CHROMIUM, LAUNCH_ARGS } from './chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DIST = path.resolve(ROOT, process.env.BENCH_DIST ?? 'dist');
const RUNS = intEnv('BENCH_RUNS', 5, 1);
const WARMUP = intEnv('BENCH_WARMUP', 1, 0);
const SEEDED = intEnv('BENCH_CASES', 20, 1);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);
const CHROMIUM = process.env.BENCH_CHROMIUM ?? DEFAULT_CHROMIUM;
const CASE_KEY_PREFIX = 'soudan-workbench/case/';
const NAME_LABEL = '氏名（仮名・イニシャル）※必須';
const READY_SIGNAL = '__soudan_bench_ready__';
const RUN_TIMEOUT_MS = 30_000;

function intEnv(name, dflt, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${raw}: expected an integer >= ${min}`);
  return n;
}

const log = (...a) => console.error('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const gzip9 = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const round1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
function median(xs) {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// ---------------------------------------------------------------------------------------
// dist/ snapshot

/** Why `dir` is not a usable build, or null. */
function distProblem(dir) {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return `${index} がありません`;
  const html = fs.readFileSync(index, 'utf8');
  if (html.includes('__INLINE_SCRIPT_HASHES__')) return 'index.html の CSP がまだ埋められていません（ビルド中？）';
  if (!fs.readdirSync(dir).some((f) => f.endsWith('.wasm'))) return '.wasm がありません';
  // Every local file index.html refers to (attributes and quoted ./paths in the inline loader).
  const refs = new Set();
  for (const m of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/["'`](\.\/[\w.-]+\.(?:js|wasm|css))["'`]/g)) refs.add(m[1]);
  for (const ref of refs) {
    if (/^(?:[a-z]+:|#|\/\/)/i.test(ref)) continue;
    const rel = ref.replace(/^\.?\//, '').split(/[?#]/)[0];
    if (rel && !fs.existsSync(path.join(dir, rel))) return `index.html が参照する ${rel} がありません`;
  }
  return null;
}

/** Copies dist/ into `dest`, waiting (up to ~1 min) while it is missing or mid-rebuild. */
async function snapshotDist(dest) {
  for (let attempt = 0; ; attempt++) {
    let problem = distProblem(DIST);
    if (!problem) {
      fs.rmSync(dest, { recursive: true, force: true });
      fs.cpSync(DIST, dest, { recursive: true, dereference: true });
      problem = distProblem(dest);
      if (!problem) return;
    }
    if (attempt >= 6) throw new Error(`${DIST} を使えません: ${problem}（scripts/build を実行してください）`);
    log(`${DIST}: ${problem}; 10 秒待って再試行します`);
    await sleep(10_000);
  }
}

// ---------------------------------------------------------------------------------------
// Seed data: fictional cases in the record format of the build under test. The template
// is a record the app itself wrote (bytes_per_case runs first), so the seeds carry the
// current schema_version and the current shape of every part of a case; only the list's
// own fields (name, 受給者証番号, 区分, 障害児, stage, dates) are varied.

const SEED_NAMES = [
  'A.K.', 'さくら（仮名）', 'T.M.', 'Y.S.', 'ひまわり（仮名）', 'K.O.', 'M.H.', 'R.N.', 'そら（仮名）', 'H.I.',
  'N.T.', 'S.F.', 'こはる（仮名）', 'J.W.', 'E.Y.', 'あおい（仮名）', 'D.K.', 'F.U.', 'みなと（仮名）', 'I.A.',
];
const STAGES = ['intake', 'assessment', 'planning', 'team_meeting', 'plan', 'monitoring', 'evaluation'];
const CATEGORIES = [null, '1', '2', '3', '4', '5', '6', 'not_applicable'];

function jstIso(ms) {
  // RFC 3339 in +09:00 with milliseconds, as the app writes it (chrono's to_rfc3339).
  return new Date(ms + 9 * 3600_000).toISOString().replace(/Z$/, '+09:00');
}

function seedItems(n, templateJson) {
  const template = JSON.parse(templateJson);
  if (!template || typeof template.case !== 'object' || typeof template.case.id !== 'string') {
    throw new Error(`seed: the app's record has an unexpected shape: ${templateJson.slice(0, 200)}`);
  }
  const base = Date.parse('2026-11-27T10:42:00+09:00');
  const items = [];
  for (let i = 0; i < n; i++) {
    const id = crypto.createHash('sha256').update(`soudan-bench-${i}`).digest('hex').slice(0, 32);
    const created = base - (i * 5 + 30) * 86_400_000 - i * 3_600_000 + ((i * 337) % 1000);
    const updated = base - i * 26 * 3_600_000 - i * 7 * 60_000 + ((i * 571) % 1000);
    const envelope = structuredClone(template);
    envelope.written_at = jstIso(updated);
    envelope.revision = 1 + (i % 4);
    const c = envelope.case;
    c.id = id;
    c.name = SEED_NAMES[i % SEED_NAMES.length] + (i >= SEED_NAMES.length ? ` ${i + 1}` : '');
    if (i % 3 !== 2) c.certificate_no = String(1_000_000_000 + ((i * 7_919_113) % 8_999_999_999)).padStart(10, '0');
    else delete c.certificate_no;
    Object.assign(c, {
      support_category: CATEGORIES[i % CATEGORIES.length],
      for_child: i % 5 === 3,
      stage: STAGES[i % STAGES.length],
      archived: false,
      created_at: jstIso(created),
      updated_at: jstIso(updated),
    });
    items.push([CASE_KEY_PREFIX + id, JSON.stringify(envelope)]);
  }
  return items;
}

// ---------------------------------------------------------------------------------------
// In-page timing (see the header comment). Runs before the page's own scripts.

function installReadyProbe({ rows, signal }) {
  if (location.pathname.endsWith('/seed.html')) return;
  const probe = { ready: null, painted: null, batches: 0 };
  Object.defineProperty(window, '__soudanBench', { value: probe });
  const isReady = () => {
    let h1 = false;
    for (const h of document.getElementsByTagName('h1')) {
      if (h.textContent.trim() === 'ケース一覧') h1 = true;
    }
    return h1 && document.querySelectorAll('table.case-table > tbody > tr').length >= rows;
  };
  const observer = new MutationObserver(() => {
    probe.batches++;
    if (probe.ready !== null || !isReady()) return;
    probe.ready = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        probe.painted = performance.now();
        console.debug(signal);
      };
      ch.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

// ---------------------------------------------------------------------------------------

async function newContext(browser) {
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(RUN_TIMEOUT_MS);
  await context.addInitScript(installReadyProbe, { rows: SEEDED, signal: READY_SIGNAL });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    if (/\/favicon\.ico$/.test(where)) return;
    errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('crash', () => errors.push('page crashed'));
  return { context, page, errors };
}

function waitForReady(page) {
  return page.waitForEvent('console', {
    predicate: (msg) => msg.text() === READY_SIGNAL,
    timeout: RUN_TIMEOUT_MS,
  });
}

async function seed(page, base, items) {
  await page.goto(base + '_bench/seed.html');
  await page.evaluate((kv) => {
    localStorage.clear();
    for (const [k, v] of kv) localStorage.setItem(k, v);
  }, items);
}

/**
 * Time for a fixed JS loop in the page (~50 ms unthrottled here): shows that the throttling
 * is in effect. (Long enough for the throttler, which suspends the main thread at intervals.)
 */
async function calibrate(page) {
  return page.evaluate(() => {
    let x = 0;
    const t0 = performance.now();
    for (let i = 0; i < 8_000_000; i++) x = (x * 31 + i) % 1_000_003;
    return { ms: performance.now() - t0, x };
  }).then((r) => r.ms);
}

/** One timed load of `url` in a fresh context under CPU throttling. */
async function timedRun(browser, base, url, items, label) {
  const { context, page, errors } = await newContext(browser);
  try {
    await seed(page, base, items);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    const ready = waitForReady(page);
    await page.goto(url, { waitUntil: 'commit' });
    await ready.catch(async (e) => {
      const rows = await page.locator('table.case-table > tbody > tr').count().catch(() => '?');
      throw new Error(`${label}: ケース一覧（${SEEDED} 行）が表示されません（行数 ${rows}）: ${e.message}\n${errors.join('\n')}`);
    });
    const r = await page.evaluate(() => {
      const p = window.__soudanBench;
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        ready: p.ready,
        painted: p.painted,
        batches: p.batches,
        rows: document.querySelectorAll('table.case-table > tbody > tr').length,
        response_end: nav ? nav.responseEnd : null,
      };
    });
    // FCP is reported after the frame is presented; give it a moment (not timed).
    await page
      .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 3_000 })
      .catch(() => {});
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    const calib = await calibrate(page);
    if (errors.length) throw new Error(`${label}: ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    if (r.rows !== SEEDED) throw new Error(`${label}: 行数が ${r.rows}（期待 ${SEEDED}）`);
    return {
      ms: round1(r.ready),
      painted_ms: round1(r.painted),
      fcp_ms: round1(fcp),
      response_end_ms: round1(r.response_end),
      after_response_ms: r.response_end === null ? null : round1(r.ready - r.response_end),
      rows: r.rows,
      mutation_batches: r.batches,
      calibration_loop_ms: round1(calib),
    };
  } finally {
    await context.close().catch(() => {});
  }
}

/** Unthrottled load of the app: response sizes, and the rendered DOM for the static page. */
async function transferRun(browser, base, appPath, items) {
  const { context, page, errors } = await newContext(browser);
  try {
    await seed(page, base, items);
    const responses = [];
    const pending = [];
    page.on('response', (res) => {
      pending.push(
        (async () => {
          const url = new URL(res.url());
          if (!/^https?:$/.test(url.protocol)) return;
          let body = null;
          try {
            body = await res.body();
          } catch {
            /* no body (redirect, aborted) */
          }
          responses.push({ path: url.pathname, status: res.status(), type: res.request().resourceType(), body });
        })(),
      );
    });
    const ready = waitForReady(page);
    await page.goto(base + appPath, { waitUntil: 'commit' });
    await ready;
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const calib = await calibrate(page);

    const staticHtml = await page.evaluate(() => {
      const root = document.documentElement.cloneNode(true);
      root
        .querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"], link[rel="prefetch"]')
        .forEach((e) => e.remove());
      // Absolute paths, so the copy can live in another folder and load the same CSS file.
      for (const l of root.querySelectorAll('link[href]')) {
        const u = new URL(l.getAttribute('href'), document.baseURI);
        if (u.origin === location.origin) l.setAttribute('href', u.pathname);
      }
      return '<!DOCTYPE html>\n' + root.outerHTML;
    });
    if (errors.length) throw new Error(`transfer run: ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    return { responses, staticHtml, calib };
  } finally {
    await context.close().catch(() => {});
  }
}

/** Cases created through the form; stored size per case record. */
async function bytesPerCase(browser, base, appPath) {
  const { context, page, errors } = await newContext(browser);
  const cases = [
    { name: 'A.K.', number: '1234567890', category: '区分3' },
    { name: 'さくら（仮名）', number: '0987654321', category: '区分2', child: true },
    { name: 'T.M.' },
    { name: '山の上 はると（仮名）', number: '１１２２３３４４５５', category: '非該当' },
    { name: 'R.S.', category: '区分5' },
  ];
  try {
    await page.goto(base + appPath);
    await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
    const main = page.getByRole('main');
    for (const c of cases) {
      await main.getByRole('textbox', { name: NAME_LABEL, exact: true }).fill(c.name);
      if (c.number) await main.getByRole('textbox', { name: '受給者証番号', exact: true }).fill(c.number);
      if (c.category) await main.getByRole('combobox', { name: '障害支援区分', exact: true }).selectOption({ label: c.category });
      if (c.child) await main.getByRole('checkbox', { name: '障害児（障害児支援利用計画）', exact: true }).check();
      await main.getByRole('button', { name: 'ケースを作成', exact: true }).click();
      await page.locator('table.case-table').getByRole('link', { name: c.name, exact: true }).waitFor();
    }
    // Autosave may be debounced: wait until every case is in storage.
    await page.waitForFunction(
      ([prefix, n]) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length >= n,
      [CASE_KEY_PREFIX, cases.length],
      { timeout: 10_000 },
    );
    const stored = await page.evaluate(() => Object.entries(localStorage));
    if (errors.length) throw new Error(`bytes_per_case: ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    const records = stored.filter(([k]) => k.startsWith(CASE_KEY_PREFIX));
    if (records.length !== cases.length) {
      throw new Error(`bytes_per_case: ${records.length} 件の記録（期待 ${cases.length}）`);
    }
    const per = records.map(([k, v]) => ({
      name: JSON.parse(v)?.case?.name ?? null,
      utf16_bytes: 2 * (k.length + v.length),
      utf8_json_bytes: Buffer.byteLength(v, 'utf8'),
      key_chars: k.length,
    }));
    const avg = (f) => round1(per.reduce((s, p) => s + p[f], 0) / per.length);
    const others = stored
      .filter(([k]) => !k.startsWith(CASE_KEY_PREFIX))
      .map(([k, v]) => ({ key: k, utf16_bytes: 2 * (k.length + v.length) }));
    const utf16Avg = avg('utf16_bytes');
    return {
      cases_created: per.length,
      utf16_bytes_avg: utf16Avg,
      utf8_json_bytes_avg: avg('utf8_json_bytes'),
      // Records of this size that fit in 5 MiB counted as UTF-16 (a conservative budget).
      est_cases_in_5MiB_utf16: Math.floor((5 * 1024 * 1024) / utf16Avg),
      example_value: records[0][1],
      per_case: per,
      other_keys: others,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  const loadStart = os.loadavg();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soudan-bench-'));
  let server = null;
  let browser = null;
  try {
    // The snapshot is served at the root (URL paths as in production); the bench's own
    // pages go to /_bench/ inside it.
    const root = path.join(tmp, 'root');
    await snapshotDist(root);
    const benchDir = path.join(root, '_bench');
    fs.mkdirSync(path.join(benchDir, 'static'), { recursive: true });
    fs.writeFileSync(path.join(benchDir, 'seed.html'), '<!doctype html><meta charset="utf-8"><title>seed</title>\n');
    server = await startServer(root, 0);
    const base = server.url;
    const appPath = 'index.html';
    log(`${DIST} → ${tmp}; serving ${base}`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const chromiumVersion = browser.version();
    log(`chromium ${chromiumVersion}`);
    // 1. stored bytes per case (its records are also the template for the seeds)
    log('bytes_per_case: creating cases through the form');
    const bpc = await bytesPerCase(browser, base, appPath);
    const items = seedItems(SEEDED, bpc.example_value);
    const seedSchema = JSON.parse(items[0][1]).schema_version;
    log(`seeding ${SEEDED} cases (schema_version ${seedSchema}, ${items[0][1].length} chars each)`);

    // 2. transfer + the static copy of the rendered list
    log('transfer: unthrottled load of the case list');
    const tr = await transferRun(browser, base, appPath, items);
    const files = {};
    const filesRaw = {};
    const failed = [];
    let gzTotal = 0;
    let rawTotal = 0;
    for (const r of tr.responses) {
      if (r.path.startsWith('/_bench/')) continue;
      if (r.status >= 400 || r.body === null) {
        failed.push({ path: r.path, status: r.status });
        continue;
      }
      const key = r.path;
      const gz = gzip9(r.body);
      files[key] = (files[key] ?? 0) + gz;
      filesRaw[key] = (filesRaw[key] ?? 0) + r.body.length;
      gzTotal += gz;
      rawTotal += r.body.length;
    }
    fs.writeFileSync(path.join(benchDir, 'static', 'index.html'), tr.staticHtml);
    const cssFiles = [...tr.staticHtml.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)]
      .map((m) => /href="([^"]+)"/.exec(m[0])?.[1])
      .filter(Boolean);
    const staticGz =
      gzip9(Buffer.from(tr.staticHtml)) +
      cssFiles.reduce((s, href) => s + gzip9(fs.readFileSync(path.join(root, href.replace(/^\//, '')))), 0);
    log(`transfer: ${gzTotal} B gzip-9 (${rawTotal} B raw) in ${Object.keys(files).length} files`);

    // 3. startup, app and static alternating
    const appUrl = base + appPath;
    const staticUrl = base + '_bench/static/index.html';
    const app = [];
    const stat = [];
    const warm = { app: [], static: [] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const warmup = i < WARMUP;
      const tag = warmup ? `warm-up ${i + 1}` : `run ${i - WARMUP + 1}/${RUNS}`;
      // ABBA order: neither page always runs right after the other.
      let a;
      let s;
      if (i % 2 === 0) {
        a = await timedRun(browser, base, appUrl, items, `app ${tag}`);
        s = await timedRun(browser, base, staticUrl, items, `static ${tag}`);
      } else {
        s = await timedRun(browser, base, staticUrl, items, `static ${tag}`);
        a = await timedRun(browser, base, appUrl, items, `app ${tag}`);
      }
      (warmup ? warm.app : app).push(a);
      (warmup ? warm.static : stat).push(s);
      log(`${tag}: app ${a.ms} ms (painted ${a.painted_ms}), static ${s.ms} ms (painted ${s.painted_ms})`);
    }
    const appMed = median(app.map((r) => r.ms));
    const statMed = median(stat.map((r) => r.ms));
    const appPaintMed = median(app.map((r) => r.painted_ms));
    const statPaintMed = median(stat.map((r) => r.painted_ms));

    const result = {
      date: new Date().toISOString(),
      chromium_version: chromiumVersion,
      node_version: process.version,
      dist: path.relative(ROOT, DIST) || '.',
      cpu_throttling: THROTTLE,
      runs: RUNS,
      warmup_runs: WARMUP,
      seeded_cases: SEEDED,
      seed_schema_version: seedSchema,
      transfer_gzip_bytes: gzTotal,
      transfer_raw_bytes: rawTotal,
      transfer_files: files,
      transfer_files_raw: filesRaw,
      transfer_failed: failed,
      static_page: {
        html_raw_bytes: Buffer.byteLength(tr.staticHtml),
        transfer_gzip_bytes: staticGz,
        stylesheets: cssFiles,
      },
      startup: {
        app_ms_median: round1(appMed),
        static_ms_median: round1(statMed),
        ratio: appMed && statMed ? Math.round((appMed / statMed) * 100) / 100 : null,
        app_ms: app.map((r) => r.ms),
        static_ms: stat.map((r) => r.ms),
        // Background load only ever adds time: the minimum is the least disturbed run.
        app_ms_min: Math.min(...app.map((r) => r.ms)),
        static_ms_min: Math.min(...stat.map((r) => r.ms)),
        ratio_of_min: Math.round((Math.min(...app.map((r) => r.ms)) / Math.min(...stat.map((r) => r.ms))) * 100) / 100,
        app_painted_ms_median: round1(appPaintMed),
        static_painted_ms_median: round1(statPaintMed),
        painted_ratio: appPaintMed && statPaintMed ? Math.round((appPaintMed / statPaintMed) * 100) / 100 : null,
        // From the HTML's responseEnd instead of navigation start: leaves out the browser's
        // share (process start, request of the document), the noisiest part on a busy machine.
        app_after_response_ms_median: round1(median(app.map((r) => r.after_response_ms))),
        static_after_response_ms_median: round1(median(stat.map((r) => r.after_response_ms))),
        app_fcp_ms_median: round1(median(app.map((r) => r.fcp_ms))),
        static_fcp_ms_median: round1(median(stat.map((r) => r.fcp_ms))),
        method:
          'fresh context per run; cases seeded from a same-origin blank page; CDP CPU throttling; ' +
          'ms = performance.now() in a MutationObserver (installed by an init script) at the first ' +
          'mutation batch with <h1>ケース一覧</h1> and all rows in tbody; painted_ms = a message posted ' +
          'from the next rAF (after that frame is rendered)',
        calibration_loop_ms: { unthrottled: round1(tr.calib), throttled_median: round1(median(app.concat(stat).map((r) => r.calibration_loop_ms))) },
        app_runs: app,
        static_runs: stat,
        warmup: warm,
      },
      bytes_per_case: bpc,
      host: {
        cpus: os.cpus().length,
        cpu_model: os.cpus()[0]?.model ?? null,
        loadavg_start: loadStart.map(round1),
        loadavg_end: os.loadavg().map(round1),
      },
      duration_s: round1((Date.now() - t0) / 1000),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    log(
      `done in ${result.duration_s} s: transfer ${gzTotal} B gzip, startup app ${result.startup.app_ms_median} ms / ` +
        `static ${result.startup.static_ms_median} ms = ${result.startup.ratio}x, ${bpc.utf16_bytes_avg} B/case (UTF-16)`,
    );
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    if (process.env.BENCH_KEEP === '1') log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error('[bench] FAILED:', e?.stack ?? e);
  process.exitCode = 1;
});

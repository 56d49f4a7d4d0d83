// Shared by the parts of scripts/bench.mjs: settings from the environment, the dist/
// snapshot, seed cases, the case-list probe, fresh contexts, and bytes_per_case (whose
// record is the template of the seeds).
//
// bytes_per_case  (runs first) 5 cases created through the real form (fill + 「ケースを作成」), then the
//                 soudan-workbench/case/* records read back from localStorage. utf16 =
//                 2 x (key length + value length) in UTF-16 code units (the conservative
//                 accounting of localStorage; an engine may store ASCII more compactly);
//                 utf8_json = UTF-8 bytes of the value.
//                 One of these records is the template of the seeded cases (seedItems).
//
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../static-server.mjs';
import { CHROMIUM as DEFAULT_CHROMIUM, LAUNCH_ARGS } from '../chromium.mjs';


export const HERE = path.dirname(fileURLToPath(import.meta.url));
// This file is in scripts/bench-parts/.
export const ROOT = path.resolve(HERE, '..', '..');
export const DIST = path.resolve(ROOT, process.env.BENCH_DIST ?? 'dist');
export const RUNS = intEnv('BENCH_RUNS', 5, 1);
export const WARMUP = intEnv('BENCH_WARMUP', 1, 0);
export const SEEDED = intEnv('BENCH_CASES', 20, 1);
export const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);
export const CHROMIUM = process.env.BENCH_CHROMIUM ?? DEFAULT_CHROMIUM;
export const CASE_KEY_PREFIX = 'soudan-workbench/case/';
export const NAME_LABEL = '氏名（仮名・イニシャル）※必須';
export const READY_SIGNAL = '__soudan_bench_ready__';
export const KEYS = intEnv('BENCH_KEYS', 60, 1);
export const KS_RUNS = intEnv('BENCH_KEYSTROKE_RUNS', 2, 1);
export const KS_WARMUP = intEnv('BENCH_KEYSTROKE_WARMUP', 1, 0);
export const TRACE_DIR = process.env.BENCH_TRACE ? path.resolve(process.env.BENCH_TRACE) : null;
export const TRACE_CATEGORIES = [
  '-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'toplevel', 'v8.execute', 'latencyInfo', 'blink.user_timing',
];
export const ONLY = process.env.BENCH_ONLY ?? '';
export const ONLY_VALUES = ['', 'keystroke', 'check', 'check-browser', 'unlock', 'storage', 'startup', 'startup-repeat', 'startup-first-visit', 'startup-ab', 'single'];
if (!ONLY_VALUES.includes(ONLY)) {
  throw new Error(`BENCH_ONLY=${ONLY}: expected one of ${ONLY_VALUES.filter(Boolean).map((v) => `"${v}"`).join(', ')} or nothing`);
}
/** The first visit's network (issue 17: a municipal office's line): CDP Network.emulateNetworkConditions. */
export const FIRST_VISIT_NETWORK = {
  offline: false,
  latency: intEnv('BENCH_NET_RTT_MS', 40, 0),
  downloadThroughput: (intEnv('BENCH_NET_DOWN_KBIT', 10_000, 1) * 1000) / 8,
  uploadThroughput: (intEnv('BENCH_NET_UP_KBIT', 5_000, 1) * 1000) / 8,
};
/** The repeat visit: how long the untimed first load stays open after the list shows (lets
 * the service worker install and activate, and V8 write its wasm code cache: V8 waits
 * --wasm-caching-timeout-ms, 2 s by default, after the last tier-up before caching). */
export const REPEAT_SETTLE_MS = intEnv('BENCH_REPEAT_SETTLE_MS', 5000, 0);
/** The repeat visit: how many untimed loads come before the timed one (default 1). The first
 * one installs the service worker; the first load the worker serves writes V8's wasm code
 * cache into the worker's cache (once per version, `v8.produceModuleCache` in a trace), which
 * later loads only read: 2 times the visit a specialist makes every day. */
export const REPEAT_VISITS = intEnv('BENCH_REPEAT_VISITS', 1, 1);
/** The issue's goal for the native check of a 20-need plan (printed next to the figure, not enforced). */
export const CHECK_NATIVE_GOAL_MS = 2;
/** The issue's goal for the same check in the browser (compared with the throttled figure; not enforced). */
export const CHECK_BROWSER_GOAL_MS = 8;
export const CHECK_RUNS = intEnv('BENCH_CHECK_RUNS', 40, 1);
export const CHECK_WARMUP = intEnv('BENCH_CHECK_WARMUP', 5, 0);
/** RECHECK_DELAY in src/ui/planning/check_panel.rs: the check runs this long after typing stops. */
export const CHECK_RECHECK_DELAY_MS = 120;
/** How long to wait for the re-check after an edit before failing (120 ms + the check, throttled). */
export const CHECK_WAIT_MS = 5000;
/** Pause after each re-check before the next edit (lets the panel's re-render settle). */
export const CHECK_PAUSE_MS = 50;
/** The check runs at 主任 (every rule), as examples/check_bench.rs times it natively. */
export const CHECK_SETTINGS = ['soudan-workbench/settings', JSON.stringify({ level: 'lead' })];
export const CHECK_LEVEL_LABEL = '主任';
export const KEY_SIGNAL = '__soudan_bench_key__';
export const PLAN_NEEDS = 20;
export const TYPED_NEED = 10;
/** The issue's goal for keystroke-to-paint p95 (printed next to the figure, not enforced). */
export const KEYSTROKE_GOAL_MS = 50;
export const RUN_TIMEOUT_MS = 30_000;

export function intEnv(name, dflt, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${raw}: expected an integer >= ${min}`);
  return n;
}

export const log = (...a) => console.error('[bench]', ...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const gzip9 = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
export const round1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
export const round3 = (x) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);
export const round1All = (xs) => xs.map(round1);

/** Nearest-rank percentile (p95 of 60 values = the 57th smallest, of 120 the 114th). */
export function percentile(xs, p) {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)] : null;
}

/**
 * Pair `i` of an ABBA sequence: `first()` then `second()` on even pairs, the other way round on
 * odd ones, so that neither always runs right after the other. Returns [first's, second's].
 */
export async function abba(i, first, second) {
  if (i % 2 === 0) {
    const x = await first();
    return [x, await second()];
  }
  const y = await second();
  return [await first(), y];
}

export const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}


// ---------------------------------------------------------------------------------------
// dist/ snapshot

/** Why `dir` is not a usable build, or null. */
export function distProblem(dir) {
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
export async function snapshotDist(dest) {
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

export const SEED_NAMES = [
  'A.K.', 'さくら（仮名）', 'T.M.', 'Y.S.', 'ひまわり（仮名）', 'K.O.', 'M.H.', 'R.N.', 'そら（仮名）', 'H.I.',
  'N.T.', 'S.F.', 'こはる（仮名）', 'J.W.', 'E.Y.', 'あおい（仮名）', 'D.K.', 'F.U.', 'みなと（仮名）', 'I.A.',
];
export const STAGES = ['intake', 'assessment', 'planning', 'team_meeting', 'plan', 'monitoring', 'evaluation'];
export const CATEGORIES = [null, '1', '2', '3', '4', '5', '6', 'not_applicable'];

export function jstIso(ms) {
  // RFC 3339 in +09:00 with milliseconds, as the app writes it (chrono's to_rfc3339).
  return new Date(ms + 9 * 3600_000).toISOString().replace(/Z$/, '+09:00');
}

export function seedItems(n, templateJson) {
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

export function installReadyProbe({ rows, signal }) {
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
    // For the startup part's traced load (`compiled_before_list`): the moment, in the trace.
    performance.mark('soudan-bench-ready');
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

/**
 * Keystroke timing (see the header comment). For every `input` event: the timeStamp of the
 * keydown that caused it (the browser's time of the key, so it includes any wait for the
 * main thread), the input event's own timeStamp (when the main thread started on it), and
 * performance.now() in a message posted from the next requestAnimationFrame callback (runs
 * once that frame has been rendered). Also the app's autosaves: every timer callback that
 * writes a case record, from its start to the end of the microtasks it queued.
 */

// ---------------------------------------------------------------------------------------

/**
 * A fresh context with one in-page probe: the case-list probe unless `probe` says otherwise.
 * Service workers are blocked (their install would fetch the whole app again during the
 * timings) unless `serviceWorkers: 'allow'` (the repeat visit, which wants the installed one).
 */
export async function newContext(browser, probe = [installReadyProbe, { rows: SEEDED, signal: READY_SIGNAL }], { serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({
    serviceWorkers,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(RUN_TIMEOUT_MS);
  await context.addInitScript(...probe);
  const page = await context.newPage();
  const errors = [];
  watchErrors(page, errors);
  return { context, page, errors };
}

/** Collects the page's console errors, uncaught exceptions and crashes into `errors`. */
export function watchErrors(page, errors) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    if (/\/favicon\.ico$/.test(where)) return;
    errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('crash', () => errors.push('page crashed'));
}

export function waitForReady(page) {
  return page.waitForEvent('console', {
    predicate: (msg) => msg.text() === READY_SIGNAL,
    timeout: RUN_TIMEOUT_MS,
  });
}

export async function seed(page, base, items) {
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
export async function calibrate(page) {
  return page.evaluate(() => {
    let x = 0;
    const t0 = performance.now();
    for (let i = 0; i < 8_000_000; i++) x = (x * 31 + i) % 1_000_003;
    return { ms: performance.now() - t0, x };
  }).then((r) => r.ms);
}

/** One timed load of `url` in a fresh context under CPU throttling. */

export function staticCopy() {
  const root = document.documentElement.cloneNode(true);
  const sel = 'input, textarea, select';
  const live = document.querySelectorAll(sel);
  const copies = root.querySelectorAll(sel);
  if (live.length !== copies.length) throw new Error(`staticCopy: ${live.length} controls, ${copies.length} in the clone`);
  const synced = { textarea: 0, input: 0, checked: 0, select: 0 };
  live.forEach((el, i) => {
    const c = copies[i];
    if (el instanceof HTMLTextAreaElement) {
      // Also when the text is right but other nodes are in it (a framework's comment marker
      // would become text in the copy: a textarea's content is parsed as text).
      const onlyText = [...c.childNodes].every((n) => n.nodeType === Node.TEXT_NODE);
      if (!onlyText || c.textContent !== el.value) (c.textContent = el.value), synced.textarea++;
    } else if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked !== el.hasAttribute('checked')) c.toggleAttribute('checked', el.checked), synced.checked++;
      } else if (el.type !== 'file' && el.value !== (el.getAttribute('value') ?? '')) {
        c.setAttribute('value', el.value), synced.input++;
      }
    } else if (el instanceof HTMLSelectElement) {
      const opts = [...el.options];
      const dflt = el.multiple ? -1 : Math.max(0, opts.findLastIndex((o) => o.defaultSelected));
      const differs = el.multiple ? opts.some((o) => o.selected !== o.defaultSelected) : el.selectedIndex !== dflt;
      if (differs) {
        const copyOpts = [...c.options];
        opts.forEach((o, k) => copyOpts[k].toggleAttribute('selected', o.selected));
        synced.select++;
      }
    }
  });
  root
    .querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"], link[rel="prefetch"]')
    .forEach((e) => e.remove());
  // Absolute paths, so the copy can live in another folder and load the same CSS file.
  for (const l of root.querySelectorAll('link[href]')) {
    const u = new URL(l.getAttribute('href'), document.baseURI);
    if (u.origin === location.origin) l.setAttribute('href', u.pathname);
  }
  return { html: '<!DOCTYPE html>\n' + root.outerHTML, synced, style_attributes: root.querySelectorAll('[style]').length };
}

/** Unthrottled load of the app: response sizes, and the rendered DOM for the static page. */

export async function bytesPerCase(browser, base, appPath) {
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


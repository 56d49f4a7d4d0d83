// Part of scripts/bench.mjs: startup of the case list against its static copy.
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
//   Two more parts, the same method and figures (ABBA, warm-up discarded, medians, ratio =
//   app / static, the same throttling), differing in what the timed load finds in the cache.
//   Both use a second loopback server in `production` mode (scripts/static-server.mjs):
//   gzip -9 bodies and ETag/304, as a deployed server would answer.
//
// startup_repeat  The same context loads the page once, unthrottled and not timed, with
//                 service workers allowed: the app's sw.js (registered after `load`) installs
//                 and takes control (waited for), the HTTP cache holds every file, and V8 may
//                 write its wasm code cache; the page stays open REPEAT_SETTLE_MS (5 s) after
//                 the list shows and after the network is idle, then is closed. Then a new page
//                 in the same context, throttled, is the timed load: the app's files come from
//                 the service worker's cache, the static copy's HTML and CSS are revalidated
//                 (304). The static copy registers no service worker (it has no scripts).
//                 BENCH_REPEAT_VISITS=n makes n such untimed loads (each in a new page): the
//                 first load the worker serves also writes V8's wasm code cache into the
//                 worker's cache (once per version, about 10 ms at 4x after the list's frame),
//                 so 2 times the visit made every day after that (`untimed_visits`).
//
// startup_first_visit  A fresh context (cold HTTP cache, service workers blocked as in the
//                 startup part: the first visit's install only starts after `load` and would
//                 fetch everything again), seeded from the blank page without emulation, then
//                 CDP Network.emulateNetworkConditions (10 Mbit/s down, 5 Mbit/s up, 40 ms
//                 RTT: BENCH_NET_DOWN_KBIT, BENCH_NET_UP_KBIT, BENCH_NET_RTT_MS) and the CPU
//                 throttling, then the timed load. Every file crosses the emulated line
//                 gzipped; the static copy is one HTML file and the CSS.
//
// compiled_before_list  (cold part only) One more load of the app, untimed, traced (the
//                 `v8.wasm` and `blink.user_timing` trace categories), the same throttling:
//                 how many wasm functions V8 compiled before the list showed (it compiles a
//                 function on the main thread the first time it runs, `wasm.CompileLazy`),
//                 and their compile time. A count of work, so it is steady where the timings
//                 above move with the machine: the measure to compare startup changes by.
//
//   The static page is built in the same run from the app's rendered DOM
//   (document.documentElement.outerHTML after the list shows, with every <script> and the
//   modulepreload/preload links removed, the same CSS file and CSP meta) and served from
//   the same server: the dist/ snapshot is the server root, the bench's own pages are under
//   /_bench/ (seed.html, static/index.html).
//
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RUNS, WARMUP, abba, log, SEEDED, THROTTLE, FIRST_VISIT_NETWORK, REPEAT_SETTLE_MS, REPEAT_VISITS, calibrate, median, newContext, ratio, round1, seed, waitForReady, watchErrors } from './shared.mjs';

/**
 * One timed load of `url` under CPU throttling. `mode`: 'cold' (fresh context, the startup
 * part), 'repeat' (the same context loaded it once before, see startup_repeat) or
 * 'first_visit' (fresh context, emulated network).
 */
export async function timedRun(browser, base, url, items, label, mode = 'cold') {
  const { context, page: first, errors } = await newContext(browser, undefined, {
    serviceWorkers: mode === 'repeat' ? 'allow' : 'block',
  });
  let page = first;
  try {
    await seed(page, base, items);
    let controlled = null;
    const untimedVisits = mode === 'repeat' ? REPEAT_VISITS : 0;
    for (let visit = 0; visit < untimedVisits; visit++) {
      const ready = waitForReady(page);
      await page.goto(url, { waitUntil: 'commit' });
      await ready;
      if (!url.includes('/_bench/')) {
        // The app's first load registers sw.js after `load`; wait until it controls the page.
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      }
      await page.waitForLoadState('networkidle');
      await sleep(REPEAT_SETTLE_MS);
      await page.close();
      page = await context.newPage();
      watchErrors(page, errors);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    if (mode === 'first_visit') {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', FIRST_VISIT_NETWORK);
    }
    const ready = waitForReady(page);
    await page.goto(url, { waitUntil: 'commit' });
    await ready.catch(async (e) => {
      const rows = await page.locator('table.case-table > tbody > tr').count().catch(() => '?');
      throw new Error(`${label}: ケース一覧（${SEEDED} 行）が表示されません（行数 ${rows}）: ${e.message}\n${errors.join('\n')}`);
    });
    const r = await page.evaluate(() => {
      const p = window.__soudanBench;
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      return {
        ready: p.ready,
        painted: p.painted,
        batches: p.batches,
        rows: document.querySelectorAll('table.case-table > tbody > tr').length,
        response_end: nav ? nav.responseEnd : null,
        // Served by the service worker: the navigation's and the files' workerStart is set.
        from_sw: (nav && nav.workerStart > 0 ? 1 : 0) + res.filter((e) => e.workerStart > 0).length,
        controlled: navigator.serviceWorker ? navigator.serviceWorker.controller !== null : false,
      };
    });
    controlled = r.controlled;
    // FCP is reported after the frame is presented; give it a moment (not timed).
    await page
      .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 3_000 })
      .catch(() => {});
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    if (mode === 'first_visit') await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const calib = await calibrate(page);
    if (errors.length) throw new Error(`${label}: ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    if (r.rows !== SEEDED) throw new Error(`${label}: 行数が ${r.rows}（期待 ${SEEDED}）`);
    if (mode === 'repeat' && !url.includes('/_bench/') && !controlled) throw new Error(`${label}: 2 回目の表示が service worker の管理下にありません`);
    return {
      ms: round1(r.ready),
      painted_ms: round1(r.painted),
      fcp_ms: round1(fcp),
      response_end_ms: round1(r.response_end),
      after_response_ms: r.response_end === null ? null : round1(r.ready - r.response_end),
      rows: r.rows,
      mutation_batches: r.batches,
      ...(mode === 'repeat' ? { served_by_service_worker: r.from_sw } : {}),
      calibration_loop_ms: round1(calib),
    };
  } finally {
    await context.close().catch(() => {});
  }
}

const METHOD = {
  cold:
    'fresh context per run; cases seeded from a same-origin blank page; CDP CPU throttling; ' +
    'ms = performance.now() in a MutationObserver (installed by an init script) at the first ' +
    'mutation batch with <h1>ケース一覧</h1> and all rows in tbody; painted_ms = a message posted ' +
    'from the next rAF (after that frame is rendered)',
  repeat:
    'as startup, but each run\'s context first loads the page unthrottled and untimed (service ' +
    'workers allowed: the app\'s sw.js installed and controlling; HTTP cache warm; open ' +
    `${REPEAT_SETTLE_MS} ms after the list and network idle), closes it` +
    (REPEAT_VISITS > 1 ? ` (${REPEAT_VISITS} such loads, each in a new page)` : '') +
    ', and times a new page',
  first_visit:
    'as startup (fresh context, cold cache, no service worker), with CDP ' +
    `Network.emulateNetworkConditions ${(FIRST_VISIT_NETWORK.downloadThroughput * 8) / 1000} kbit/s down, ` +
    `${(FIRST_VISIT_NETWORK.uploadThroughput * 8) / 1000} kbit/s up, ${FIRST_VISIT_NETWORK.latency} ms RTT ` +
    'during the timed load; the server sends gzip -9 bodies',
};

/** Each `mode` of timedRun and the report key of its part. */
export const PART_NAME = { cold: 'startup', repeat: 'startup_repeat', first_visit: 'startup_first_visit' };

/**
 * Startup runs, app and static copy alternating (the static copy is transferPart's).
 * `mode` as for timedRun; `base` is the server to use (the production-mode one for 'repeat'
 * and 'first_visit').
 */
export async function startupPart(browser, base, appPath, items, calib, mode = 'cold') {
  const appUrl = base + appPath;
  const staticUrl = base + '_bench/static/index.html';
  const name = PART_NAME[mode];
  const app = [];
  const stat = [];
  const warm = { app: [], static: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const warmup = i < WARMUP;
    const tag = warmup ? `warm-up ${i + 1}` : `run ${i - WARMUP + 1}/${RUNS}`;
    const [a, s] = await abba(
      i,
      () => timedRun(browser, base, appUrl, items, `${name} app ${tag}`, mode),
      () => timedRun(browser, base, staticUrl, items, `${name} static ${tag}`, mode),
    );
    (warmup ? warm.app : app).push(a);
    (warmup ? warm.static : stat).push(s);
    log(`${name} ${tag}: app ${a.ms} ms (painted ${a.painted_ms}, fcp ${a.fcp_ms}), static ${s.ms} ms (painted ${s.painted_ms}, fcp ${s.fcp_ms})`);
  }
  let compiled = null;
  if (mode === 'cold') {
    compiled = await compiledBeforeList(browser, appUrl, base, items);
    log(`${name}: ${compiled.functions} wasm functions compiled before the list showed (${compiled.ms} ms)`);
  }
  const appMed = median(app.map((r) => r.ms));
  const statMed = median(stat.map((r) => r.ms));
  const appPaintMed = median(app.map((r) => r.painted_ms));
  const statPaintMed = median(stat.map((r) => r.painted_ms));
  const appFcpMed = median(app.map((r) => r.fcp_ms));
  const statFcpMed = median(stat.map((r) => r.fcp_ms));
  return {
    app_ms_median: round1(appMed),
    static_ms_median: round1(statMed),
    ratio: ratio(appMed, statMed),
    app_ms: app.map((r) => r.ms),
    static_ms: stat.map((r) => r.ms),
    // Background load only ever adds time: the minimum is the least disturbed run.
    app_ms_min: Math.min(...app.map((r) => r.ms)),
    static_ms_min: Math.min(...stat.map((r) => r.ms)),
    ratio_of_min: ratio(Math.min(...app.map((r) => r.ms)), Math.min(...stat.map((r) => r.ms))),
    app_painted_ms_median: round1(appPaintMed),
    static_painted_ms_median: round1(statPaintMed),
    painted_ratio: ratio(appPaintMed, statPaintMed),
    app_painted_ms: app.map((r) => r.painted_ms),
    static_painted_ms: stat.map((r) => r.painted_ms),
    // From the HTML's responseEnd instead of navigation start: leaves out the browser's
    // share (process start, request of the document), the noisiest part on a busy machine.
    app_after_response_ms_median: round1(median(app.map((r) => r.after_response_ms))),
    static_after_response_ms_median: round1(median(stat.map((r) => r.after_response_ms))),
    app_fcp_ms_median: round1(appFcpMed),
    static_fcp_ms_median: round1(statFcpMed),
    fcp_ratio: ratio(appFcpMed, statFcpMed),
    ...(compiled ? { compiled_before_list: compiled } : {}),
    method: METHOD[mode],
    ...(mode === 'first_visit' ? { network: FIRST_VISIT_NETWORK } : {}),
    ...(mode === 'repeat' ? { untimed_visits: REPEAT_VISITS } : {}),
    calibration_loop_ms: { unthrottled: round1(calib), throttled_median: round1(median(app.concat(stat).map((r) => r.calibration_loop_ms))) },
    app_runs: app,
    static_runs: stat,
    warmup: warm,
  };
}

/** The wasm functions compiled before the list showed, in one traced cold load (see the header). */
export async function compiledBeforeList(browser, url, base, items) {
  const { context, page } = await newContext(browser);
  const file = path.join(os.tmpdir(), `soudan-bench-trace-${process.pid}.json`);
  try {
    await seed(page, base, items);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await browser.startTracing(page, { path: file, categories: ['v8.wasm', 'blink.user_timing'] });
    const ready = waitForReady(page);
    await page.goto(url, { waitUntil: 'commit' });
    await ready;
    await browser.stopTracing();
    const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
    const mark = events.find((e) => e.name === 'soudan-bench-ready');
    if (!mark) throw new Error('compiled_before_list: no ready mark in the trace');
    const compiled = events.filter((e) => e.name === 'wasm.CompileLazy' && e.ts <= mark.ts);
    return { functions: compiled.length, ms: round1(compiled.reduce((n, e) => n + (e.dur ?? 0), 0) / 1000) };
  } finally {
    fs.rmSync(file, { force: true });
    await context.close().catch(() => {});
  }
}

/** One summary line of a startup part. */
export function startupLine(name, st) {
  return (
    `${name} painted app ${st.app_painted_ms_median} ms / static ${st.static_painted_ms_median} ms = ${st.painted_ratio}x ` +
    `(DOM ready ${st.app_ms_median} / ${st.static_ms_median} = ${st.ratio}x; FCP ${st.app_fcp_ms_median} / ${st.static_fcp_ms_median} = ${st.fcp_ratio}x` +
    (st.compiled_before_list ? `; ${st.compiled_before_list.functions} wasm functions compiled before the list` : '') +
    ')'
  );
}

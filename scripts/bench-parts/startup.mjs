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
//   The static page is built in the same run from the app's rendered DOM
//   (document.documentElement.outerHTML after the list shows, with every <script> and the
//   modulepreload/preload links removed, the same CSS file and CSP meta) and served from
//   the same server: the dist/ snapshot is the server root, the bench's own pages are under
//   /_bench/ (seed.html, static/index.html).
//
import { RUNS, WARMUP, log, SEEDED, THROTTLE, calibrate, median, newContext, ratio, round1, seed, waitForReady } from './shared.mjs';

export async function timedRun(browser, base, url, items, label) {
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

/**
 * The static copy of the page as rendered now (runs in the page, via page.evaluate): the
 * document's outerHTML with every <script> and the modulepreload/preload/prefetch links
 * removed; the CSS link and the CSP meta stay (same-origin hrefs made absolute, so the copy
 * can live under /_bench/ and load the same CSS file). Form controls the app filled through
 * properties, which outerHTML does not show, are written back as markup first: a textarea's
 * value as its only text (the app leaves a comment marker in it), an input's value/checked as attributes, a select's choice as
 * `selected` (only where they differ from the markup; the case list's empty form is left
 * as it is). Also returns what it had to change and the number of style attributes (the
 * CSP has no 'unsafe-inline' for styles: in the copy they would be refused).
 */

/** Startup runs, app and static copy alternating (the static copy is transferPart's). */
export async function startupPart(browser, base, appPath, items, calib) {
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
  return {
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
    calibration_loop_ms: { unthrottled: round1(calib), throttled_median: round1(median(app.concat(stat).map((r) => r.calibration_loop_ms))) },
    app_runs: app,
    static_runs: stat,
    warmup: warm,
  };
}

// Benchmark of the release build (dist/): transfer size, startup time of the case list
// against a static HTML page of the same list, stored bytes per case, keystroke-to-paint
// while typing in a plan of 20 needs against a static HTML copy of the same plan screen, and
// the plan check of that plan (natively, and in the wasm build in the browser).
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
//         BENCH_KEYS=n          measured keystrokes per run (default 60: the typing script below)
//         BENCH_KEYSTROKE_RUNS=n    measured keystroke rounds, each one app + one static run (default 2)
//         BENCH_KEYSTROKE_WARMUP=n  discarded keystroke rounds before them (default 1)
//         BENCH_TRACE=dir       also one traced app and one traced static keystroke run, after
//                               the measured ones and not counted: dir/keystroke-{app,static}.json
//                               (Chrome trace format; open in DevTools' Performance panel)
//         BENCH_ONLY=keystroke  only bytes_per_case (for the seeds) and the keystroke part
//         BENCH_ONLY=check      only the native plan check (no dist/, no browser): `check.native`
//         BENCH_ONLY=check-browser  only bytes_per_case (for the seeds) and the plan check in the
//                               browser: `check.browser` (needs dist/; no native check)
//         BENCH_ONLY=unlock     only bytes_per_case (for the seeds) and the unlock timing
//         BENCH_ONLY=startup    only transfer (its static copy is the baseline) and the three
//                               startup parts: startup, startup_repeat, startup_first_visit
//         BENCH_ONLY=startup-repeat / startup-first-visit   only transfer and that one part
//         BENCH_ONLY=startup-ab  only bytes_per_case and the startup of two builds against
//                               each other: BENCH_DIST (A, default dist/) and BENCH_DIST_B (B),
//                               BENCH_RUNS pairs, cold unless BENCH_AB_MODE=repeat|first_visit
//                               (bench-parts/ab.mjs: to compare a startup change)
//         BENCH_REPEAT_SETTLE_MS=n  the repeat visit's untimed first load stays open this long
//                               after the list shows (default 5000)
//         BENCH_REPEAT_VISITS=n  untimed loads before the repeat visit's timed one (default 1;
//                               2 times a later visit, after the worker wrote the code cache)
//         BENCH_NET_DOWN_KBIT / BENCH_NET_UP_KBIT / BENCH_NET_RTT_MS   the first visit's emulated
//                               network (default 10000 / 5000 / 40)
//         BENCH_ONLY=storage    only the storage part (no dist/ needed: a blank page of its own)
//         BENCH_STORAGE_NATIVE=file  the storage part's native figures from this file (the JSON of
//                               `cargo run --release --example storage_bench`) instead of running it
//         BENCH_UNLOCK_RUNS=n   measured unlocks (default 5, after 1 discarded)
//         BENCH_CHECK_RUNS=n    measured re-checks per throttling rate in the browser (default 40)
//         BENCH_CHECK_WARMUP=n  discarded re-checks before them (default 5)
//         BENCH_CHECK_NATIVE=json  the native check timing, one JSON object from
//                               `cargo run --release --example check_bench` (scripts/bench runs it
//                               and sets this; without it `check.native` is null)
//         BENCH_ONLY=single     only bytes_per_case, transfer, startup and the single file's start
//                               from file:// (dist-single/soudan-workbench.html; BENCH_SINGLE=file
//                               for another)
//         BENCH_KEEP=1          keep the temp dir (dist/ snapshot + _bench/static/{index,plan}.html)
//
//
// One module per part under scripts/bench-parts/ (what each measures and how is said at the
// top of its file): shared.mjs (settings, dist/ snapshot, seeds, fresh contexts, the
// case-list probe, bytes_per_case), transfer.mjs, startup.mjs (also startup_repeat and
// startup_first_visit), keystroke.mjs, check.mjs, unlock.mjs, storage.mjs, single.mjs, ab.mjs
// (two builds' startup against each other, BENCH_ONLY=startup-ab only). This
// file runs them in order and prints the report.
//
// Order: bytes_per_case (its record is the seeds' template), transfer (its static copy of
// the list is the startup baseline), startup, startup_repeat, startup_first_visit,
// keystroke, check, unlock, storage. The dist/
// files are copied to a temp dir first so that a concurrent rebuild cannot change them
// mid-run; everything runs in one browser against one loopback server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './static-server.mjs';
import { LAUNCH_ARGS } from './chromium.mjs';
import {
  CHROMIUM, DIST, ROOT, ONLY, SEEDED, THROTTLE, KEYS, PLAN_NEEDS, KS_RUNS, KS_WARMUP, KEYSTROKE_GOAL_MS,
  RUNS, WARMUP, log, round1, snapshotDist, seedItems, bytesPerCase,
} from './bench-parts/shared.mjs';
import { transferPart } from './bench-parts/transfer.mjs';
import { startupPart, startupLine } from './bench-parts/startup.mjs';
import { keystrokeAll } from './bench-parts/keystroke.mjs';
import { checkNativePart, checkBrowserPart, checkReport, checkLine } from './bench-parts/check.mjs';
import { unlockPart, unlockLine } from './bench-parts/unlock.mjs';
import { storagePart, storageLine } from './bench-parts/storage.mjs';
import { singlePart, singleLine } from './bench-parts/single.mjs';
import { abPart, abLine } from './bench-parts/ab.mjs';

async function main() {
  const t0 = Date.now();
  const loadStart = os.loadavg();
  if (ONLY === 'check') {
    // No dist/, no browser: the native figures scripts/bench measured, in the usual report shape.
    const check = checkReport(checkNativePart(), null);
    const result = {
      date: new Date().toISOString(),
      node_version: process.version,
      only: 'check',
      check,
      host: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? null, loadavg_start: loadStart.map(round1), loadavg_end: os.loadavg().map(round1) },
      duration_s: round1((Date.now() - t0) / 1000),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    log(`done: ${checkLine(check)}`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soudan-bench-'));
  let server = null;
  let prodServer = null;
  let browser = null;
  try {
    if (ONLY === 'storage') {
      // No dist/: a blank page of the bench's own, on a loopback origin.
      const root = path.join(tmp, 'root');
      fs.mkdirSync(path.join(root, '_bench'), { recursive: true });
      fs.writeFileSync(path.join(root, '_bench', 'seed.html'), '<!doctype html><meta charset="utf-8"><title>seed</title>\n');
      server = await startServer(root, 0);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
      const storage = await storagePart(browser, server.url);
      const result = {
        date: new Date().toISOString(),
        chromium_version: browser.version(),
        node_version: process.version,
        only: 'storage',
        storage,
        host: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? null, loadavg_start: loadStart.map(round1), loadavg_end: os.loadavg().map(round1) },
        duration_s: round1((Date.now() - t0) / 1000),
      };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done: ${storageLine(storage)}`);
      return;
    }
    // The snapshot is served at the root (URL paths as in production); the bench's own
    // pages go to /_bench/ inside it.
    const root = path.join(tmp, 'root');
    await snapshotDist(root);
    const benchDir = path.join(root, '_bench');
    fs.mkdirSync(path.join(benchDir, 'static'), { recursive: true });
    fs.writeFileSync(path.join(benchDir, 'seed.html'), '<!doctype html><meta charset="utf-8"><title>seed</title>\n');
    server = await startServer(root, 0);
    const base = server.url;
    // The repeat and first visits: the same files as a deployed server would send them
    // (gzip -9, ETag/304). Another port, so another origin: every run seeds its own.
    prodServer = await startServer(root, 0, '127.0.0.1', { production: true });
    const prodBase = prodServer.url;
    const appPath = 'index.html';
    log(`${DIST} → ${tmp}; serving ${base} (and ${prodBase} with gzip and ETag)`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const chromiumVersion = browser.version();
    log(`chromium ${chromiumVersion}`);
    // 1. stored bytes per case (its records are also the template for the seeds)
    log('bytes_per_case: creating cases through the form');
    const bpc = await bytesPerCase(browser, base, appPath);
    const items = seedItems(SEEDED, bpc.example_value);
    const seedSchema = JSON.parse(items[0][1]).schema_version;
    log(`seeding ${SEEDED} cases (schema_version ${seedSchema}, ${items[0][1].length} chars each)`);
    const appVersion = JSON.parse(bpc.example_value).app_version;
    const header = () => ({
      date: new Date().toISOString(),
      chromium_version: chromiumVersion,
      node_version: process.version,
      dist: path.relative(ROOT, DIST) || '.',
      cpu_throttling: THROTTLE,
    });
    const host = () => ({
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? null,
      loadavg_start: loadStart.map(round1),
      loadavg_end: os.loadavg().map(round1),
    });
    const keystrokePart = async () => {
      log(
        `keystroke: typing ${KEYS} keys into the plan screen (${PLAN_NEEDS} needs), ${THROTTLE}x throttling, ` +
          `app and its static copy, ${KS_WARMUP} warm-up + ${KS_RUNS} rounds`,
      );
      const ks = await keystrokeAll(browser, base, appPath, benchDir, items, appVersion);
      log(
        `keystroke: app p50 ${ks.p50_ms} ms, p95 ${ks.p95_ms} ms, max ${ks.max_ms} ms; static p50 ${ks.baseline.p50_ms} ms, ` +
          `p95 ${ks.baseline.p95_ms} ms, max ${ks.baseline.max_ms} ms (${ks.keys} keys each, ` +
          `${ks.autosaves} autosaves, ${ks.keys_meeting_autosave} keys met one)`,
      );
      return ks;
    };
    const keystrokeLine = (ks) =>
      `keystroke-to-paint p95 ${ks.p95_ms} ms (goal ≤ ${KEYSTROKE_GOAL_MS} ms; p50 ${ks.p50_ms}, max ${ks.max_ms}, ` +
      `${ks.keys} keys, ${ks.needs} needs, ${ks.throttle}x) vs static copy p95 ${ks.baseline.p95_ms} ms ` +
      `(p50 ${ks.baseline.p50_ms}, max ${ks.baseline.max_ms}): ratio p95 ${ks.ratio_p95}, p50 ${ks.ratio_p50}`;
    if (ONLY === 'keystroke') {
      const keystroke = await keystrokePart();
      const result = { ...header(), only: 'keystroke', keystroke, host: host(), duration_s: round1((Date.now() - t0) / 1000) };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done in ${result.duration_s} s: ${keystrokeLine(keystroke)}`);
      return;
    }
    if (ONLY === 'unlock') {
      const unlock = await unlockPart(browser, base, appPath, items);
      const result = { ...header(), only: 'unlock', unlock, host: host(), duration_s: round1((Date.now() - t0) / 1000) };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done in ${result.duration_s} s: ${unlockLine(unlock)}`);
      return;
    }
    if (ONLY === 'startup-ab') {
      const startup_ab = await abPart(browser, base, prodBase, tmp, items);
      const result = { ...header(), only: 'startup-ab', seeded_cases: SEEDED, startup_ab, host: host(), duration_s: round1((Date.now() - t0) / 1000) };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done in ${result.duration_s} s: ${abLine(startup_ab)}`);
      return;
    }
    if (ONLY === 'check-browser') {
      const check = checkReport(checkNativePart(), await checkBrowserPart(browser, base, appPath, items, appVersion));
      const result = { ...header(), only: 'check-browser', check, host: host(), duration_s: round1((Date.now() - t0) / 1000) };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done in ${result.duration_s} s: ${checkLine(check)}`);
      return;
    }

    // 2. transfer + the static copy of the rendered list
    const transfer = await transferPart(browser, base, root, benchDir, appPath, items);

    if (ONLY.startsWith('startup')) {
      const parts = {};
      if (ONLY === 'startup') parts.startup = await startupPart(browser, base, appPath, items, transfer.calib, 'cold');
      if (ONLY !== 'startup-first-visit') parts.startup_repeat = await startupPart(browser, prodBase, appPath, items, transfer.calib, 'repeat');
      if (ONLY !== 'startup-repeat') parts.startup_first_visit = await startupPart(browser, prodBase, appPath, items, transfer.calib, 'first_visit');
      const result = {
        ...header(), only: ONLY, runs: RUNS, warmup_runs: WARMUP, seeded_cases: SEEDED, seed_schema_version: seedSchema,
        ...transfer.fields, ...parts, host: host(), duration_s: round1((Date.now() - t0) / 1000),
      };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done in ${result.duration_s} s: ` + Object.entries(parts).map(([k, v]) => startupLine(k, v)).join('; '));
      return;
    }

    // 3. startup, app and static alternating: cold (then the single file from file://),
    // repeat visit, first visit
    const startup = await startupPart(browser, base, appPath, items, transfer.calib, 'cold');
    const single = await singlePart(browser, tmp, items, startup.static_painted_ms_median);
    if (ONLY === 'single') {
      const result = { ...header(), only: 'single', ...transfer.fields, startup, single, host: host(), duration_s: round1((Date.now() - t0) / 1000) };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done in ${result.duration_s} s: startup painted ratio ${startup.painted_ratio}; ${singleLine(single)}`);
      return;
    }
    const startupRepeat = await startupPart(browser, prodBase, appPath, items, transfer.calib, 'repeat');
    const startupFirstVisit = await startupPart(browser, prodBase, appPath, items, transfer.calib, 'first_visit');

    // 4. typing into the plan screen
    const keystroke = await keystrokePart();

    // 5. the plan check: native figures from scripts/bench, and in the browser
    const check = checkReport(checkNativePart(), await checkBrowserPart(browser, base, appPath, items, appVersion));

    // 6. unlocking with a passphrase
    const unlock = await unlockPart(browser, base, appPath, items);

    // 7. 3-year cases in localStorage
    const storage = await storagePart(browser, base);

    const result = {
      ...header(),
      runs: RUNS,
      warmup_runs: WARMUP,
      seeded_cases: SEEDED,
      seed_schema_version: seedSchema,
      ...transfer.fields,
      startup,
      startup_repeat: startupRepeat,
      startup_first_visit: startupFirstVisit,
      single,
      keystroke,
      check,
      unlock,
      storage,
      bytes_per_case: bpc,
      host: host(),
      duration_s: round1((Date.now() - t0) / 1000),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    log(
      `done in ${result.duration_s} s: transfer ${transfer.fields.transfer_gzip_bytes} B gzip, startup app ${result.startup.app_ms_median} ms / ` +
        `static ${result.startup.static_ms_median} ms = ${result.startup.ratio}x, ${bpc.utf16_bytes_avg} B/case (UTF-16); ` +
        startupLine('startup', startup) + '; ' + startupLine('startup_repeat', startupRepeat) + '; ' +
        startupLine('startup_first_visit', startupFirstVisit) + '; ' +
        keystrokeLine(keystroke) +
        '; ' +
        checkLine(check) +
        '; ' +
        unlockLine(unlock) +
        '; ' +
        storageLine(storage) +
        '; ' +
        singleLine(single),
    );
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    await prodServer?.close().catch(() => {});
    if (process.env.BENCH_KEEP === '1') log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error('[bench] FAILED:', e?.stack ?? e);
  process.exitCode = 1;
});

// Part of scripts/bench.mjs: the plan check, native and in the browser.
//
// check           The plan check (domain::check::check_case at 主任, every rule) of a 20-need
//                 plan. `check.native`: timed natively by examples/check_bench.rs (release
//                 profile, median and p95 of CHECK_BENCH_RUNS runs after a warm-up; the case is
//                 built there and read through the app's export reader); scripts/bench runs it
//                 before the browser parts and passes its JSON in BENCH_CHECK_NATIVE.
//                 `check.browser`: the check timed in the wasm build inside Chromium, by the app
//                 itself: the check panel beside the plan (src/ui/planning/check_panel.rs) takes
//                 performance.now() around each run of the check (check_case + building the
//                 panel's rows from the findings) and writes the duration in ms into
//                 <aside class="check-panel" data-check-ms="…">, and the count of runs into
//                 data-check-runs. The case is the keystroke part's 20-need plan (planCaseEnvelope,
//                 the same seeds), with settings at 主任 so that every rule runs, as natively
//                 (the native case is a different one of the same size, see check_bench.rs). Per
//                 throttling rate (1, then BENCH_THROTTLE) one fresh context: the plan screen
//                 (#/case/<id>/planning) loads unthrottled, the panel must show and say 主任,
//                 the 10th need's 支援目標 is focused (caret at the end), the throttling is
//                 applied, 1 s of quiet; then BENCH_CHECK_WARMUP + BENCH_CHECK_RUNS edits of that
//                 field, alternately 「あ」 typed at the end (Input.insertText) and removed with
//                 Backspace, so the plan stays the seeded one ± one character. Typing re-runs the
//                 check 120 ms after the last edit (RECHECK_DELAY; structural edits re-run it at
//                 once), so each edit causes exactly one run (checked: the counter goes up by one
//                 per edit, and by nothing else). An init script (installCheckProbe) observes
//                 data-check-runs with a MutationObserver and reads both attributes in a task
//                 after the mutation (the counter, not the duration, tells the runs apart: two
//                 runs may take the same time). Reported: median, nearest-rank p95, min, max of
//                 the measured runs per rate; the top-level figures (check_browser_median_ms,
//                 _p95_ms, runs, throttle) are the throttled ones, like every other browser
//                 figure here (startup and keystroke run under BENCH_THROTTLE too), and the
//                 issue's goal (≤ 8 ms in the browser) is compared with them; `unthrottled`
//                 has the same at 1x. `after_input_ms`: from the edit's input event to the run
//                 (≥ 120 ms: the check never runs inside the keystroke's own task and frame;
//                 it can still meet the NEXT key when that key comes while the check runs).
//                 performance.now() in a page that is not cross-origin isolated is coarsened
//                 by Chromium (100 µs steps), so single values are multiples of about 0.1 ms.
//
// ---------------------------------------------------------------------------------------
// plan check
import { CHECK_BROWSER_GOAL_MS, CHECK_LEVEL_LABEL, CHECK_NATIVE_GOAL_MS, CHECK_PAUSE_MS, CHECK_RECHECK_DELAY_MS, CHECK_RUNS, CHECK_SETTINGS, CHECK_WAIT_MS, CHECK_WARMUP, PLAN_NEEDS, THROTTLE, TYPED_NEED, calibrate, log, median, newContext, percentile, round1, round3, seed, sleep } from './shared.mjs';
import { PLAN_CASE_ID, planCaseEnvelope, planSeeds, priorityHeading, typedField } from './keystroke.mjs';


/** The native timing scripts/bench measured (examples/check_bench.rs), or null when not run. */
export function checkNativePart() {
  const raw = process.env.BENCH_CHECK_NATIVE;
  if (!raw) return null;
  const native = JSON.parse(raw);
  for (const k of ['check_native_median_ms', 'check_native_p95_ms', 'runs']) {
    if (typeof native[k] !== 'number') throw new Error(`BENCH_CHECK_NATIVE: no number ${k} in ${raw}`);
  }
  return native;
}

/**
 * Records every run of the plan check that the check panel reports (see the header
 * comment): a MutationObserver on the panel's data-check-runs attribute (the run counter;
 * the duration in data-check-ms may repeat from one run to the next, the counter never does),
 * read in a task after the mutation, once the app's microtasks have set both attributes.
 * Also the timeStamp of the last `input` event, so each run's distance from the edit that
 * caused it is known. `next(n)` resolves once more than n runs are recorded.
 */
export function installCheckProbe() {
  if (location.pathname.endsWith('/seed.html')) return;
  const probe = { records: [], lastInput: null, inputs: 0, waiters: [] };
  probe.next = (n, timeoutMs) =>
    new Promise((resolve) => {
      if (probe.records.length > n) return resolve(probe.records[n]);
      const w = { n, resolve };
      probe.waiters.push(w);
      setTimeout(() => {
        probe.waiters = probe.waiters.filter((x) => x !== w);
        resolve(null);
      }, timeoutMs);
    });
  Object.defineProperty(window, '__soudanCheckBench', { value: probe });
  document.addEventListener(
    'input',
    (e) => {
      probe.lastInput = e.timeStamp;
      probe.inputs++;
    },
    true,
  );
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.attributeName !== 'data-check-runs') continue;
      const el = m.target;
      const seen = performance.now();
      setTimeout(() => {
        probe.records.push({
          runs: Number(el.getAttribute('data-check-runs')),
          ms: Number(el.getAttribute('data-check-ms')),
          after_input_ms: probe.lastInput === null ? null : seen - probe.lastInput,
          inputs: probe.inputs,
        });
        const ready = probe.waiters.filter((w) => probe.records.length > w.n);
        probe.waiters = probe.waiters.filter((w) => probe.records.length <= w.n);
        for (const w of ready) w.resolve(probe.records[w.n]);
      }, 0);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-check-runs'] });
}

/**
 * One context of the browser check at CPU throttling `rate`: the 20-need plan (seeded like
 * the keystroke runs, plus settings at 主任) opened at #/case/<id>/planning, the 10th need's
 * 支援目標 focused, the throttling applied, 1 s of quiet, then CHECK_WARMUP + CHECK_RUNS
 * re-checks, each caused by one edit of that field (alternately 「あ」 typed at the end and
 * removed again with Backspace, so the plan stays the seeded one ± one character) and
 * waited for (the run counter going up); the durations the app wrote are collected.
 */
export async function checkBrowserRun(browser, base, { url, seeds, rate, label }) {
  const { context, page, errors } = await newContext(browser, [installCheckProbe, {}]);
  const fail = (msg) => new Error(`check ${label}: ${msg}`);
  try {
    await seed(page, base, [...seeds.items, CHECK_SETTINGS]);
    await page.goto(url);
    await priorityHeading(page, PLAN_NEEDS).waitFor().catch((e) => {
      throw fail(`計画案の画面に ${PLAN_NEEDS} 件のニーズが出ません: ${e.message}\n${errors.join('\n')}`);
    });
    const panel = page.locator('aside.check-panel');
    await panel.waitFor().catch((e) => {
      throw fail(`チェックパネル（aside.check-panel）が出ません: ${e.message}`);
    });
    if ((await panel.getAttribute('data-check-ms')) === null) throw fail('チェックパネルに data-check-ms がありません');
    if ((await panel.getAttribute('data-check-runs')) === null) {
      throw fail('チェックパネルに data-check-runs（チェックの実行回数）がありません: この計測にはそれを出すビルドが要ります');
    }
    const level = (await panel.locator('.check-panel__level').textContent()).trim();
    if (!level.startsWith(CHECK_LEVEL_LABEL)) throw fail(`レベルが ${CHECK_LEVEL_LABEL} ではありません: 「${level}」`);
    const field = typedField(page);
    const fieldId = await field.getAttribute('id');
    const seeded = seeds.envelope.case.plan.needs[TYPED_NEED - 1].goal;
    if ((await field.inputValue()) !== seeded) throw fail(`優先順位 ${TYPED_NEED} の支援目標が種の値と違います`);
    await field.focus();
    await field.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const calib = await calibrate(page);
    await sleep(1000);
    const runsAt = async () => Number(await panel.getAttribute('data-check-runs'));
    const startRuns = await runsAt();
    const startRecords = await page.evaluate(() => window.__soudanCheckBench.records.length);
    const measured = [];
    const warm = [];
    for (let i = 0; i < CHECK_WARMUP + CHECK_RUNS; i++) {
      const n = startRecords + i;
      if (i % 2 === 0) await page.keyboard.insertText('あ');
      else await page.keyboard.press('Backspace');
      const rec = await page.evaluate(([n, t]) => window.__soudanCheckBench.next(n, t), [n, CHECK_WAIT_MS]);
      if (errors.length) throw fail(`ブラウザのエラー:\n  ${errors.join('\n  ')}`);
      if (!rec) throw fail(`編集 ${i + 1} の後 ${CHECK_WAIT_MS} ms たってもチェックが走りません`);
      if (rec.runs !== startRuns + i + 1 || rec.inputs !== i + 1) {
        throw fail(`編集 ${i + 1} の後のチェックが ${rec.runs - startRuns} 回目、input ${rec.inputs} 回（1 編集に 1 回のはず）`);
      }
      (i < CHECK_WARMUP ? warm : measured).push(rec);
      await sleep(CHECK_PAUSE_MS);
    }
    await sleep(CHECK_RECHECK_DELAY_MS * 2);
    const endRuns = await runsAt();
    const value = await field.inputValue();
    const expected = (CHECK_WARMUP + CHECK_RUNS) % 2 ? seeded + 'あ' : seeded;
    if (value !== expected) throw fail(`支援目標の最後が「${value.slice(-8)}」（期待「${expected.slice(-8)}」）`);
    const summary = (await panel.locator('.check-panel__summary').textContent()).trim();
    const findings = await panel.locator('ul.findings > li').count();
    if (errors.length) throw fail(`ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    const ms = measured.map((r) => r.ms);
    const after = measured.map((r) => r.after_input_ms);
    return {
      throttle: rate,
      check_browser_median_ms: round3(median(ms)),
      check_browser_p95_ms: round3(percentile(ms, 95)),
      check_browser_max_ms: round3(Math.max(...ms)),
      check_browser_min_ms: round3(Math.min(...ms)),
      runs: ms.length,
      warmup_runs: warm.length,
      // Runs beyond one per edit (none expected: nothing else changes the case meanwhile).
      extra_runs: endRuns - startRuns - (CHECK_WARMUP + CHECK_RUNS),
      after_input_ms: { min: round1(Math.min(...after)), median: round1(median(after)), max: round1(Math.max(...after)) },
      calibration_loop_ms: round1(calib),
      field: fieldId,
      summary,
      findings,
      ms: ms.map(round3),
      warmup_ms: warm.map((r) => round3(r.ms)),
    };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * The plan check timed in the browser (the wasm build in Chromium, see the header comment):
 * one fresh context unthrottled, then one under THROTTLE x CPU throttling. The top-level
 * figures are the throttled ones (like every other browser figure of the bench); the goal
 * is compared with them.
 */
export async function checkBrowserPart(browser, base, appPath, listItems, appVersion) {
  const seeds = planSeeds(listItems, appVersion);
  const url = `${base}${appPath}#/case/${PLAN_CASE_ID}/planning`;
  const parts = {};
  for (const [name, rate] of [['unthrottled', 1], ['throttled', THROTTLE]]) {
    log(`check: ${CHECK_WARMUP} warm-up + ${CHECK_RUNS} re-checks of the ${PLAN_NEEDS}-need plan in the browser, ${rate}x throttling`);
    const r = await checkBrowserRun(browser, base, { url, seeds, rate, label: name });
    log(
      `check (browser, ${rate}x): median ${r.check_browser_median_ms} ms, p95 ${r.check_browser_p95_ms} ms, ` +
        `max ${r.check_browser_max_ms} ms (${r.runs} runs; ${r.after_input_ms.min}–${r.after_input_ms.max} ms after the edit; ${r.summary})`,
    );
    parts[name] = r;
  }
  const t = parts.throttled;
  return {
    check_browser_median_ms: t.check_browser_median_ms,
    check_browser_p95_ms: t.check_browser_p95_ms,
    runs: t.runs,
    throttle: t.throttle,
    goal_ms: CHECK_BROWSER_GOAL_MS,
    level: CHECK_LEVEL_LABEL,
    needs: PLAN_NEEDS,
    recheck_delay_ms: CHECK_RECHECK_DELAY_MS,
    unthrottled: parts.unthrottled,
    throttled: parts.throttled,
    method:
      'per throttling rate one fresh context; 20 list cases + the 20-need plan seeded, settings at 主任; ' +
      '#/case/<id>/planning; the 10th need\'s 支援目標 focused, CDP CPU throttling, 1 s quiet; then per run one edit ' +
      '(「あ」 typed at the end / removed with Backspace, alternately) and the app\'s own timing of the re-check it ' +
      'causes 120 ms later (data-check-ms: performance.now() around check_case + building the panel\'s rows), read ' +
      'when data-check-runs goes up; warm-up runs discarded; p95 nearest-rank',
  };
}

/** The report's `check` object. */
export function checkReport(native, browserFigures) {
  return { native, browser: browserFigures, native_goal_ms: CHECK_NATIVE_GOAL_MS, browser_goal_ms: CHECK_BROWSER_GOAL_MS };
}

export const checkLine = (check) => {
  const native = check.native
    ? `check of a 20-need plan (native) median ${check.native.check_native_median_ms} ms, p95 ${check.native.check_native_p95_ms} ms ` +
      `(goal ≤ ${CHECK_NATIVE_GOAL_MS} ms, ${check.native.runs} runs)`
    : 'check: native not measured';
  const b = check.browser;
  const browser = b
    ? `check in the browser (wasm) ${b.throttle}x median ${b.check_browser_median_ms} ms, p95 ${b.check_browser_p95_ms} ms ` +
      `(goal ≤ ${CHECK_BROWSER_GOAL_MS} ms, ${b.runs} runs), unthrottled median ${b.unthrottled.check_browser_median_ms} ms, ` +
      `p95 ${b.unthrottled.check_browser_p95_ms} ms`
    : 'browser not measured';
  return `${native}; ${browser}`;
};


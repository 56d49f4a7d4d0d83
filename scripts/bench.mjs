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
//         BENCH_UNLOCK_RUNS=n   measured unlocks (default 5, after 1 discarded)
//         BENCH_CHECK_RUNS=n    measured re-checks per throttling rate in the browser (default 40)
//         BENCH_CHECK_WARMUP=n  discarded re-checks before them (default 5)
//         BENCH_CHECK_NATIVE=json  the native check timing, one JSON object from
//                               `cargo run --release --example check_bench` (scripts/bench runs it
//                               and sets this; without it `check.native` is null)
//         BENCH_KEEP=1          keep the temp dir (dist/ snapshot + _bench/static/{index,plan}.html)
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
// bytes_per_case  (runs first) 5 cases created through the real form (fill + 「ケースを作成」), then the
//                 soudan-workbench/case/* records read back from localStorage. utf16 =
//                 2 x (key length + value length) in UTF-16 code units (the conservative
//                 accounting of localStorage; an engine may store ASCII more compactly);
//                 utf8_json = UTF-8 bytes of the value.
//                 One of these records is the template of the seeded cases (seedItems).
//
// keystroke       (runs last) Typing into the plan screen (計画案, #/case/<id>/planning) of a
//                 case with a filled assessment and a plan of 20 needs (planCaseEnvelope:
//                 fictional, realistic Japanese in every need/goal/role/notes, 1-2 supports
//                 each; written by hand as a schema_version 4 record, which the current and
//                 the next build both read), seeded with the 20 list cases from a blank
//                 same-origin page into a fresh context. The page loads unthrottled; then
//                 the 10th need's 支援目標 textarea (found by role and label inside the list
//                 item headed 「優先順位 10」, not by its id) is focused (which scrolls it into
//                 view, as a click would), the caret put at the end, CDP
//                 Emulation.setCPUThrottlingRate applied, and after 1 s of quiet the keys are
//                 sent one at a time with CDP: 4 warm-up keys (reported under `warmup_ms`: first
//                 use of the input path), then BENCH_KEYS measured ones (TYPING, 60 keys:
//                 、月に一度面談で振り返る（2027年3月）。). Japanese is typed as with an IME in romaji:
//                 keydown "Process" (keyCode 229) plus Input.imeSetComposition with the
//                 composition after that key (ｔ → ｔｓ → つ → …), Space converts (another
//                 composition update), Enter commits (Input.insertText); of the 60 keys, 53
//                 are IME keys and 7 direct key presses (digits, a Backspace). Every key
//                 makes exactly one `input` event (checked).
//                 The text, field value and stored record are checked afterwards.
//
//   How a key is timed: an init script (installKeyProbe) records, for every `input` event
//   (capture listener on document, so before the app's own handler), the timeStamp of the
//   keydown before it and the input event's timeStamp, then calls requestAnimationFrame;
//   the rAF callback posts a MessageChannel message, whose handler runs once that frame's
//   style, layout, paint and commit are done, and takes performance.now(). All three are on
//   the page's clock (performance.now()). Reported per key: `ms` = painted - keydown
//   timeStamp (the figures p50/p95/max use it; p95 is nearest-rank: the 114th of the
//   120 pooled keys of two runs, the 57th of one run's 60).
//   Why the keydown: for a key sent with CDP Input.dispatchKeyEvent, the keydown's timeStamp
//   is when the browser created the event, so it includes the time the key waited for a
//   busy main thread; the input event (and every event of an IME composition) is stamped
//   when the main thread gets to it, which leaves that wait out (tried here: a key sent
//   during a 300 ms busy loop had keydown.timeStamp at the send and input.timeStamp after
//   the loop). `from_input_event` is the same from the input event's timeStamp, and
//   `queued_ms` the difference. (Playwright's keyboard.press was not used: its keydown
//   carried the time the main thread handled it, not the time it was sent.) For IME keys
//   the keydown and the composition are sent together, so no round trip to node comes
//   between them (they reached the page in order in every trial; each input event must
//   find a keydown before it, or the run fails).
//   The page tells node about each key with a console message sent after the timestamps are
//   taken; the next key goes only after that (keys never queue behind each other) and after
//   the typist's pause (typingActions): 100-199 ms between keys, 200-299 before Space,
//   350-549 before Enter, 700-999 before a new word. When a key takes longer than its pause
//   the next one follows right after its paint, so the real pace is the slower of the two
//   (`gap_ms`): a typist faster than the app would queue keys and see more delay than this.
//
//   Autosave: the app saves 400 ms after the last edit (AUTOSAVE_DELAY, src/ui/state.rs),
//   so it runs in the pauses before a new word and can meet a key after a pause before
//   Enter. The probe wraps window.setTimeout and Storage.prototype.setItem (only in this
//   run) and records each timer callback that writes a case record, from its start to the
//   end of the microtasks it queued (clone, revision check, JSON, setItem, the reactive
//   update of 「保存しました」; the repaint of that line is in the next frame, not in it).
//   Reported: `autosaves` (from the first warm-up key to the last save), `autosave_ms`,
//   and `keys_meeting_autosave`: measured keys whose keydown..painted window overlaps one
//   (summed/pooled over the measured app runs).
//
//   Baseline (`keystroke.baseline`, `ratio_p95`, `ratio_p50`): as for startup, the same
//   typing is measured in the same run on a static copy of the same screen, so that the
//   figure can be read as a ratio against what the browser itself needs. The copy is made
//   like the case list's (staticCopy: the app's DOM as outerHTML, every <script> and
//   modulepreload/preload link removed, the same CSS file and CSP meta, served from the same
//   server as /_bench/static/plan.html) from an unthrottled load of the plan screen in a
//   fresh context with the same seeds, once the 20 needs are shown and the network is idle,
//   before anything is focused. Form state the app set through properties is written back as
//   markup first, or the copy would differ: each textarea's value becomes its only text (the
//   app leaves a framework comment marker inside textareas, which the parser would turn into
//   text "<!---->"), and the 40 ticked boxes of 「根拠にするアセスメント」 (2 per need) get
//   their `checked` attribute. The copy is opened exactly like the app (fresh context, the
//   same seeds, the same init-script probe, the same locator for the field, focus, caret at
//   the end, the same throttling, 1 s of quiet, the same warm-up and measured keys with the
//   same pauses and timing); only the autosave check is left out, as there is no app to
//   save. It is checked to be the same field on the same page: the same id (need-10-goal),
//   10th of 20 li.need, 20 「優先順位」 headings, the same count of body elements, form
//   controls, textareas and body text characters as the app's screen; afterwards the typed text must be in that field (read by
//   the same locator) and still focused, with one input event per key. So the baseline is
//   the browser's own floor for a key in that page: IME composition and editing in the
//   textarea, style/layout/paint/commit of the same DOM under the same CSS, and the probe.
//   Runs: BENCH_KEYSTROKE_WARMUP discarded rounds, then BENCH_KEYSTROKE_RUNS rounds, each one
//   app run and one static run in a fresh context, in ABBA order (app first in even rounds
//   counting the warm-up, static first in odd ones). p50/p95/max (app) and baseline.* are
//   over the pooled keys of the measured runs (120 keys each by default); `rounds` gives
//   each round's own figures and ratios, `warmup` the discarded ones. Caveats: the CSS has
//   `.need { content-visibility: auto; contain-intrinsic-size: auto 60rem }`, which applies
//   to both pages alike: needs off screen are skipped in both, and the focus scrolls to the
//   same place (`scroll_y` per run; normally the same in every run, e.g. 12275 px; once in
//   a trial the first app run was 1552 px further down, the difference between a need's
//   real height and the placeholder's: probably one more need above the field had been
//   rendered once during the load and kept its real height; the same content is in view;
//   such a difference is logged, not an error).
//   The static page has no app JS at all, so no wasm heap and no
//   garbage collection; the app's autosave and its timer exist only in the app. Under CDP
//   CPU throttling on Linux the renderer's main thread is stopped by a signal every 200 µs
//   and spins 3x as long as it ran (Blink's ThreadCPUThrottler), whatever it was doing, so
//   throttled durations in a trace are about 4x and spread over every kind of work.
//
//   Limits: `painted` is when the renderer's main thread has produced the frame, not when
//   the compositor and display have shown it (no GPU here: --disable-gpu; on a real screen
//   add up to a frame or so); headless frames are not tied to a display's vsync. The rAF
//   is requested before the app's handler runs; the app updates the DOM in that task and
//   its microtasks, so the frame after it contains the update, but work the app would
//   defer to a later timer or frame would not be counted. CDP input skips the OS and the
//   browser's own input handling of a real keyboard and IME. One field, one case size; the
//   numbers vary from run to run with the machine's load like the startup times (compare
//   the ratio, and each round's ratio in `rounds`).
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
const KEYS = intEnv('BENCH_KEYS', 60, 1);
const KS_RUNS = intEnv('BENCH_KEYSTROKE_RUNS', 2, 1);
const KS_WARMUP = intEnv('BENCH_KEYSTROKE_WARMUP', 1, 0);
const TRACE_DIR = process.env.BENCH_TRACE ? path.resolve(process.env.BENCH_TRACE) : null;
const TRACE_CATEGORIES = [
  '-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'toplevel', 'v8.execute', 'latencyInfo', 'blink.user_timing',
];
const ONLY = process.env.BENCH_ONLY ?? '';
if (!['', 'keystroke', 'check', 'check-browser', 'unlock'].includes(ONLY)) {
  throw new Error(`BENCH_ONLY=${ONLY}: expected "keystroke", "check", "check-browser", "unlock" or nothing`);
}
/** The issue's goal for the native check of a 20-need plan (printed next to the figure, not enforced). */
const CHECK_NATIVE_GOAL_MS = 2;
/** The issue's goal for the same check in the browser (compared with the throttled figure; not enforced). */
const CHECK_BROWSER_GOAL_MS = 8;
const CHECK_RUNS = intEnv('BENCH_CHECK_RUNS', 40, 1);
const CHECK_WARMUP = intEnv('BENCH_CHECK_WARMUP', 5, 0);
/** RECHECK_DELAY in src/ui/planning/check_panel.rs: the check runs this long after typing stops. */
const CHECK_RECHECK_DELAY_MS = 120;
/** How long to wait for the re-check after an edit before failing (120 ms + the check, throttled). */
const CHECK_WAIT_MS = 5000;
/** Pause after each re-check before the next edit (lets the panel's re-render settle). */
const CHECK_PAUSE_MS = 50;
/** The check runs at 主任 (every rule), as examples/check_bench.rs times it natively. */
const CHECK_SETTINGS = ['soudan-workbench/settings', JSON.stringify({ level: 'lead' })];
const CHECK_LEVEL_LABEL = '主任';
const KEY_SIGNAL = '__soudan_bench_key__';
const PLAN_NEEDS = 20;
const TYPED_NEED = 10;
/** The issue's goal for keystroke-to-paint p95 (printed next to the figure, not enforced). */
const KEYSTROKE_GOAL_MS = 50;
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
const round3 = (x) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);
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
// The case of the keystroke run: a filled assessment (7 domains, 34 entries) and a plan of
// PLAN_NEEDS needs, each with need/goal/persons_role/notes and 1-2 supports (25 in all),
// resting on two entries. Written by hand in schema_version 4 (docs/data-format.md; the
// shape of tests/fixtures/store/v4/plan-draft.json), which every build since the plan
// screen reads.

const PLAN_CASE_ID = crypto.createHash('sha256').update('soudan-bench-plan').digest('hex').slice(0, 32);
const PLAN_SCHEMA_VERSION = 4;

const ASSESSMENT = [
  ['daily_living', {
    current: ['アパートで一人暮らし。掃除は週1回ヘルパーと一緒に行っている', '食事はコンビニの弁当が多く、野菜が少ない'],
    person_wishes: ['自分で簡単な料理を作れるようになりたい', 'いまの部屋に住み続けたい'],
    family_wishes: ['火の始末が心配なので、調理は見守りがあると安心'],
    strengths: [['決めた手順は毎日きちんと守れる', 'character'], ['電子レンジの操作ができる', 'skill']],
  }],
  ['finances', {
    current: ['障害基礎年金2級と作業所の工賃で生活。月末にお金が足りなくなることがある'],
    person_wishes: ['好きなものを買うお金を自分で貯めたい'],
    family_wishes: ['金銭管理は日常生活自立支援事業も考えてほしい'],
    strengths: [['レシートを取っておく習慣がある', 'skill']],
  }],
  ['work_learning', {
    current: ['就労継続支援B型に週3日通所。軽作業（袋詰め）を担当'],
    person_wishes: ['パソコンの仕事に挑戦してみたい', '通う日を週4日に増やしたい'],
    family_wishes: [],
    strengths: [['細かい作業を丁寧に続けられる', 'skill'], ['職員から「休まずに通っている」と評価されている', 'environment']],
  }],
  ['relationships', {
    current: ['母親（70代）が隣の市に住み、週末に電話で話している', '作業所に話せる友人が一人いる'],
    person_wishes: ['友だちと休みの日に出かけたい'],
    family_wishes: ['母親が高齢になり、これからの支え手が心配'],
    strengths: [['人にあいさつを欠かさない', 'character']],
  }],
  ['health', {
    current: ['てんかんの服薬あり（朝・夕）。月1回精神科に通院', '夜ふかしが続くと発作が出やすい'],
    person_wishes: ['薬を飲み忘れないようにしたい'],
    family_wishes: ['通院に付き添えなくなってきた'],
    strengths: [['主治医とは長い付き合いで信頼している', 'environment']],
  }],
  ['leisure', {
    current: ['休日は自室で動画を見て過ごすことが多い'],
    person_wishes: ['月に一度はカラオケに行きたい', '電車に乗って海を見に行きたい'],
    family_wishes: [],
    strengths: [['歌が好きで歌詞をよく覚えている', 'interest'], ['鉄道の時刻表を読むのが得意', 'interest']],
  }],
  ['meaning', {
    current: ['地域の夏祭りの準備に毎年参加している'],
    person_wishes: ['祭りの手伝いを続けたい'],
    family_wishes: [],
    strengths: [['町内会の人に顔を覚えられている', 'environment']],
  }],
];

// [need, goal, persons_role, notes, supports: [formality, kind, content, times, per, hours]]
const NEEDS = [
  ['自分で簡単な料理を作れるようになりたい', '週2回、ヘルパーと一緒に夕食を作り、3品の手順を覚える', '作る献立を前の日に決めてヘルパーに伝える', '火を使う時はヘルパーが見守る',
    [['formal', '居宅介護（家事援助）', '調理の手順を一緒に確認しながら夕食を作る', 2, 'week', 1.5]]],
  ['部屋をきれいに保って、いまのアパートに住み続けたい', '週1回の掃除とごみ出しを自分の当番として続ける', 'ごみの日のカレンダーを冷蔵庫に貼り、前の晩に袋をまとめる', '',
    [['formal', '居宅介護（家事援助）', '掃除機かけと水回りの掃除を一緒に行う', 1, 'week', 1.0], ['informal', '大家さん', 'ごみ出しの日に声をかけてもらう', null, 'week', null]]],
  ['月末にお金が足りなくならないようにしたい', '1週間ごとの予算を決め、月末まで生活費が残る月を3か月続ける', '毎週月曜に財布の中身とレシートを確認する', '日常生活自立支援事業の利用を本人と一緒に検討する',
    [['formal', '日常生活自立支援事業', '生活費を週ごとに受け取り、使い方を一緒に振り返る', 1, 'week', 0.5]]],
  ['好きなものを買うためにお金を貯めたい', '毎月3,000円ずつ貯金し、半年後にゲーム機を買う', '貯金額をノートに記録する', '',
    [['informal', '母親', '月に一度、貯金ノートを一緒に見てほめる', 1, 'month', null]]],
  ['作業所に休まず通い続けたい', '週3日の通所を続け、体調の悪い日は自分で連絡できる', '休む時は朝9時までに自分で電話する', '',
    [['formal', '就労継続支援B型', '袋詰めなどの軽作業と昼食の提供', 3, 'week', 5.0], ['formal', '同行援護', '通所の道順に慣れるまで付き添う', 2, 'month', 1.0]]],
  ['パソコンの仕事に挑戦してみたい', '作業所のパソコン作業を月2回体験し、入力作業ができるか本人と確かめる', '体験した感想を職員に伝える', '就労移行支援の見学も検討する',
    [['formal', '就労継続支援B型', 'データ入力の作業体験', 2, 'month', 2.0]]],
  ['通う日を週4日に増やしたい', '3か月後に体調と疲れ具合を振り返り、週4日にするか決める', '疲れた日を手帳に書いておく', '',
    [['formal', '就労継続支援B型', '通所日数の調整と体調の確認', null, 'week', null]]],
  ['休みの日に友だちと出かけたい', '月1回、作業所の友人と外出する計画を自分で立てる', '行き先と集合時間を自分で決めて友人に伝える', '',
    [['formal', '移動支援', '外出先までの付き添い', 1, 'month', 4.0], ['informal', '作業所の友人', '一緒に出かける', 1, 'month', null]]],
  ['母親に心配をかけずに暮らしたい', '週1回、母親に電話で近況を伝える習慣を続ける', '日曜の夜に自分から電話をかける', '母親の体調の変化にも気をつける',
    [['informal', '母親', '電話で近況を聞き、困りごとを相談員に伝える', 1, 'week', null]]],
  ['これから困った時に相談できる人を増やしたい', '地域の相談窓口と作業所の職員に、困りごとを自分の言葉で話せるようになる', '困ったことをメモに書いて相談の時に見せる', '母親の高齢化に備え、支え手を少しずつ増やす',
    [['formal', '計画相談支援', '困りごとの整理と関係機関との連絡調整', 1, 'month', 1.0]]],
  ['薬を飲み忘れないようにしたい', '服薬カレンダーを使い、飲み忘れを月1回以下にする', '朝食と夕食の後にカレンダーの薬を飲み、印をつける', '飲み忘れが続く時は主治医に相談する',
    [['formal', '訪問看護', '服薬状況の確認と体調の相談', 1, 'week', 0.5], ['informal', '母親', '電話で薬のことを声かけする', 1, 'week', null]]],
  ['発作が起きないように生活のリズムを整えたい', '夜11時までに寝る日を週5日以上にする', '寝る前の1時間は動画を見ないようにする', '',
    [['formal', '訪問看護', '睡眠の記録を一緒に振り返る', 1, 'week', 0.5]]],
  ['一人で通院できるようになりたい', '月1回の精神科通院を、半年後には一人で行けるようにする', '診察で話したいことを前の日にメモする', '',
    [['formal', '移動支援', '通院の付き添い（慣れるまで）', 1, 'month', 3.0]]],
  ['月に一度はカラオケに行きたい', '月に一度、移動支援でカラオケ店に行く', '行きたい日を前の週に伝える', '',
    [['formal', '移動支援', 'カラオケ店への外出の付き添い', 1, 'month', 3.0]]],
  ['電車に乗って海を見に行きたい', '夏までに電車の乗り換えを練習し、海まで出かける', '時刻表を調べて行き方を自分で決める', '',
    [['formal', '移動支援', '電車での外出の練習に付き添う', 2, 'month', 5.0]]],
  ['夏祭りの手伝いを続けたい', '町内会の準備の日に参加し、受付の係を担当する', '準備の日程を町内会の人に自分で確認する', '',
    [['informal', '町内会', '準備の日程を知らせ、当日の係を一緒に行う', null, 'month', null]]],
  ['体力をつけて疲れにくくなりたい', '週2回、近所の公園を20分歩く', '歩いた日をカレンダーに記録する', '',
    [['informal', '近所の公園', '散歩コースとして使う', 2, 'week', 0.5]]],
  ['栄養のバランスのよい食事をとりたい', '野菜を使った料理を週3回以上食べる', 'スーパーで野菜を1品選んで買う', '',
    [['formal', '居宅介護（家事援助）', '買い物の付き添いと献立の相談', 1, 'week', 1.0], ['formal', '訪問看護', '体重と食事の記録を確認する', 1, 'month', 0.5]]],
  ['災害の時にどうしたらよいか知っておきたい', '避難場所と連絡先を書いたカードを作り、年1回避難訓練に参加する', 'カードを財布に入れて持ち歩く', '個別避難計画の作成を市と相談する',
    [['formal', '計画相談支援', '避難先と連絡方法の確認', null, 'month', null]]],
  ['ひとりで暮らしを続けたい', '半年後も今の生活の形を続け、困りごとを早めに相談できる', '困ったら相談員に電話する', '',
    [['formal', '自立生活援助', '定期的な訪問と困りごとの相談', 2, 'month', 1.0]]],
];

function planCaseEnvelope(appVersion) {
  let nextEntry = 1;
  const domains = ASSESSMENT.map(([domain, cols]) => {
    const entry = (text, speaker, kind) => {
      const e = { id: nextEntry++, text, own_words: speaker === 'person', speaker };
      if (kind) e.strength_kind = kind;
      return e;
    };
    return {
      domain,
      hidden: false,
      current: cols.current.map((t) => entry(t, 'supporter')),
      person_wishes: cols.person_wishes.map((t) => entry(t, 'person')),
      family_wishes: cols.family_wishes.map((t) => entry(t, 'family')),
      strengths: cols.strengths.map(([t, k]) => entry(t, 'supporter', k)),
    };
  });
  const wishIds = domains.flatMap((d) => d.person_wishes.map((e) => e.id));
  const strengthIds = domains.flatMap((d) => d.strengths.map((e) => e.id));
  if (NEEDS.length !== PLAN_NEEDS) throw new Error(`NEEDS has ${NEEDS.length} rows, PLAN_NEEDS is ${PLAN_NEEDS}`);
  const needs = NEEDS.map(([need, goal, role, notes, supports], i) => ({
    id: i + 1,
    need,
    goal,
    target_date: i % 3 === 0 ? '令和9年5月' : '令和9年2月',
    supports: supports.map(([formality, kind, content, times, per, hours]) => ({
      formality, kind, content, amount: { times, per, hours }, provider: formality === 'formal' ? '（未定）' : '', corporation: '',
    })),
    persons_role: role,
    review_date: '令和9年2月',
    notes,
    rests_on: [wishIds[i % wishIds.length], strengthIds[(i * 3) % strengthIds.length]],
  }));
  const c = {
    id: PLAN_CASE_ID,
    name: 'H.T.（ニーズ20件）',
    certificate_no: '1234500020',
    support_category: '3',
    for_child: false,
    stage: 'planning',
    archived: false,
    created_at: '2026-10-01T10:00:00.000+09:00',
    updated_at: '2026-11-27T10:00:00.000+09:00',
    intake: {
      referral: '母親の高齢化に伴い、一人暮らしを続けるための支援について作業所から紹介',
      family: '母親（70代）が隣の市に在住。父親は他界',
      housing: 'アパートの2階で一人暮らし',
      handbooks: '療育手帳B',
      pension: '障害基礎年金2級',
      medical: 'てんかん。月1回精神科に通院、朝夕服薬',
      daily_routine_person: '7時起床、9時に作業所へ、16時帰宅、23時ごろ就寝',
    },
    assessment: {
      domains,
      next_entry_id: nextEntry,
      decision_support: {
        participation: '本人が面談に参加し、自分の言葉で希望を話した',
        supports_used: '絵カードと写真で選択肢を示した',
        estimated: false,
        estimated_by: '',
        estimation_reason: '',
      },
    },
    plan: {
      status: 'draft',
      header: {
        office_name: '相談支援センターみなと（架空）', planner: '相談員A', burden_cap: '0円',
        regional_certificate_no: '', day_service_certificate_no: '', drafted_on: '2026-11-27', monitoring_start: '令和8年12月',
      },
      person_wishes: '「いまのアパートでひとりで暮らしを続けたい」「パソコンの仕事をしてみたい」',
      family_wishes: '母親：自分が元気なうちに、頼れる人や仕組みを増やしておいてほしい',
      support_policy: '本人の「ひとりで暮らしたい」という思いを大切にし、家事・金銭管理・服薬を少しずつ自分でできるよう支える。母親の負担を減らし、地域の支え手を増やす。',
      long_term_goal: '今のアパートで、作業所に通いながら安心して一人暮らしを続ける',
      short_term_goal: '調理と服薬の習慣を身につけ、月末までお金をやりくりできる',
      needs,
      next_need_id: needs.length + 1,
      monitoring: { interval_months: 3, reason: '新しいサービスの利用開始と、一人暮らしの生活の変化を確かめるため' },
    },
  };
  return {
    schema_version: PLAN_SCHEMA_VERSION,
    written_at: '2026-11-27T10:00:00.000+09:00',
    app_version: appVersion,
    revision: 3,
    case: c,
  };
}

// ---------------------------------------------------------------------------------------
// What the keystroke run types at the end of one need's 支援目標: 、月に一度面談で振り返る（2027年3月）。
// Japanese goes through the IME as a user types it in romaji: one composition update per
// key (ｔ → ｔｓ → つ → つｋ → …), Space converts (つきにいちど → 月に一度), Enter commits. Digits and
// a typo fix are direct key presses. Every action below makes exactly one `input` event.
//   ['ime', romaji, [composition after each romaji key], converted]  (+ Space + Enter)
//   ['keys', [key, …]]                                                 (direct key presses)
// The warm-up group is typed first and not counted (first use of the input path: wasm
// tier-up, first composition); the measured groups are repeated/truncated to BENCH_KEYS.

const TYPING_WARMUP = [
  ['keys', ['x', 'Backspace']],
  ['ime', ',', ['、'], null],
];
const TYPING = [
  ['ime', 'tsukiniichido', ['ｔ', 'ｔｓ', 'つ', 'つｋ', 'つき', 'つきｎ', 'つきに', 'つきにい', 'つきにいｃ', 'つきにいｃｈ', 'つきにいち', 'つきにいちｄ', 'つきにいちど'], '月に一度'],
  ['ime', 'mendande', ['ｍ', 'め', 'めｎ', 'めんｄ', 'めんだ', 'めんだｎ', 'めんだんｄ', 'めんだんで'], '面談で'],
  ['ime', 'furikaeru', ['ｆ', 'ふ', 'ふｒ', 'ふり', 'ふりｋ', 'ふりか', 'ふりかえ', 'ふりかえｒ', 'ふりかえる'], '振り返る'],
  ['ime', '(', ['（'], null],
  ['keys', ['2', '0', '2', '6', 'Backspace', '7']],
  ['ime', 'nen', ['ｎ', 'ね', 'ねｎ'], '年'],
  ['keys', ['3']],
  ['ime', 'gatsu)', ['ｇ', 'が', 'がｔ', 'がｔｓ', 'がつ', 'がつ）'], '月）'],
  ['ime', '.', ['。'], null],
];

/** The physical key of a romaji/ASCII character (KeyboardEvent.code on a JIS/US layout). */
function keyCode(ch) {
  if (/^[a-z]$/i.test(ch)) return { code: `Key${ch.toUpperCase()}`, vk: ch.toUpperCase().charCodeAt(0) };
  if (/^[0-9]$/.test(ch)) return { code: `Digit${ch}`, vk: ch.charCodeAt(0) };
  const named = {
    ' ': ['Space', 32], Enter: ['Enter', 13], Backspace: ['Backspace', 8], ',': ['Comma', 188], '.': ['Period', 190],
    '(': ['Digit8', 56], ')': ['Digit9', 57],
  }[ch];
  if (!named) throw new Error(`keyCode: no key for ${JSON.stringify(ch)}`);
  return { code: named[0], vk: named[1] };
}

/**
 * The actions of a list of groups, each with the pause a typist makes before it (ms after
 * the previous action was sent): 700-999 before a new word, 100-199 between keys, 200-299
 * before converting, 350-549 before committing. Autosave runs 400 ms after the last edit,
 * so it fires in every pause before a word and in some of the pauses before a commit, where
 * it can meet the next key (that is the point: see the header comment).
 */
function typingActions(groups) {
  const actions = [];
  let rnd = 0x2f6b;
  const pick = (lo, hi) => {
    rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
    return lo + (rnd % (hi - lo + 1));
  };
  for (const [kind, ...g] of groups) {
    let first = true;
    const gap = (lo, hi) => (first ? ((first = false), pick(700, 999)) : pick(lo, hi));
    if (kind === 'keys') {
      for (const key of g[0]) {
        const k = keyCode(key);
        actions.push({ kind: 'key', key, text: key.length === 1 ? key : null, ...k, gap: gap(100, 199) });
      }
    } else {
      const [romaji, steps, converted] = g;
      if ([...romaji].length !== steps.length) throw new Error(`typing: ${romaji} has ${steps.length} steps`);
      [...romaji].forEach((ch, i) => actions.push({ kind: 'compose', key: ch, ...keyCode(ch), text: steps[i], gap: gap(100, 199) }));
      const last = converted ?? steps[steps.length - 1];
      if (converted) actions.push({ kind: 'compose', key: ' ', ...keyCode(' '), text: converted, gap: gap(200, 299) });
      actions.push({ kind: 'commit', key: 'Enter', ...keyCode('Enter'), text: last, gap: gap(350, 549) });
    }
  }
  return actions;
}

/** BENCH_KEYS measured actions (TYPING repeated as needed), after the warm-up ones. */
function typingPlan(n) {
  const warmup = typingActions(TYPING_WARMUP);
  let measured = [];
  while (measured.length < n) measured = measured.concat(typingActions(TYPING));
  measured = measured.slice(0, n);
  // Cut inside a word: commit what is composed (one more, measured, action).
  let composing = null;
  for (const a of measured) composing = a.kind === 'compose' ? a.text : null;
  if (composing !== null) measured.push({ kind: 'commit', key: 'Enter', ...keyCode('Enter'), text: composing, gap: 400 });
  return { warmup, measured };
}

/** What the field should hold after `actions` (what the user sees after the last commit). */
function typedText(before, actions) {
  let text = before;
  for (const a of actions) {
    if (a.kind === 'commit') text += a.text;
    else if (a.kind === 'key') text = a.key === 'Backspace' ? [...text].slice(0, -1).join('') : text + a.text;
  }
  return text;
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

/**
 * Keystroke timing (see the header comment). For every `input` event: the timeStamp of the
 * keydown that caused it (the browser's time of the key, so it includes any wait for the
 * main thread), the input event's own timeStamp (when the main thread started on it), and
 * performance.now() in a message posted from the next requestAnimationFrame callback (runs
 * once that frame has been rendered). Also the app's autosaves: every timer callback that
 * writes a case record, from its start to the end of the microtasks it queued.
 */
function installKeyProbe({ signal, prefix }) {
  if (location.pathname.endsWith('/seed.html')) return;
  const probe = { armed: false, keydown: null, inputs: 0, saves: [] };
  Object.defineProperty(window, '__soudanKeyBench', { value: probe });
  document.addEventListener(
    'keydown',
    (e) => {
      probe.keydown = e.timeStamp;
    },
    true,
  );
  document.addEventListener(
    'input',
    (e) => {
      const rec = { n: ++probe.inputs, keydown: probe.keydown, input: e.timeStamp, type: e.inputType, painted: null };
      probe.keydown = null;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          rec.painted = performance.now();
          console.debug(signal + JSON.stringify(rec));
        };
        ch.port2.postMessage(0);
      });
    },
    true,
  );
  let timer = null; // the timer callback running now
  const { setTimeout: realSetTimeout } = window;
  window.setTimeout = function setTimeout(fn, ...rest) {
    if (typeof fn !== 'function') return realSetTimeout.call(window, fn, ...rest);
    return realSetTimeout.call(
      window,
      function (...args) {
        const outer = timer;
        const t = (timer = { start: performance.now(), chars: null });
        try {
          return fn.apply(this, args);
        } finally {
          timer = outer;
          if (t.chars !== null) {
            // The end: after the microtasks the save queued (the app's reactive updates, such
            // as the 「保存しました」 line), which run before this one.
            const rec = { start: t.start, end: null, chars: t.chars };
            probe.saves.push(rec);
            queueMicrotask(() => {
              rec.end = performance.now();
            });
          }
        }
      },
      ...rest,
    );
  };
  const { setItem } = Storage.prototype;
  Storage.prototype.setItem = function (key, value) {
    if (!probe.armed || !String(key).startsWith(prefix)) return setItem.call(this, key, value);
    if (timer) {
      timer.chars = (timer.chars ?? 0) + String(value).length;
      return setItem.call(this, key, value);
    }
    const start = performance.now(); // a save outside a timer: the write alone
    try {
      return setItem.call(this, key, value);
    } finally {
      probe.saves.push({ start, end: performance.now(), chars: String(value).length, outside_timer: true });
    }
  };
}

// ---------------------------------------------------------------------------------------

/** A fresh context with one in-page probe: the case-list probe unless `probe` says otherwise. */
async function newContext(browser, probe = [installReadyProbe, { rows: SEEDED, signal: READY_SIGNAL }]) {
  const context = await browser.newContext({
    // No service worker: its install would fetch the whole app again during the timings.
    serviceWorkers: 'block',
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(RUN_TIMEOUT_MS);
  await context.addInitScript(...probe);
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
function staticCopy() {
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

    const { html: staticHtml, synced } = await page.evaluate(staticCopy);
    if (errors.length) throw new Error(`transfer run: ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    return { responses, staticHtml, synced, calib };
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

const round1All = (xs) => xs.map(round1);
/** Nearest-rank percentile (p95 of 60 values = the 57th smallest, of 120 the 114th). */
function percentile(xs, p) {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)] : null;
}

/** Sends one action's keydown (and its composition or commit) as a real keyboard/IME would. */
async function sendKeyDown(cdp, a) {
  if (a.kind === 'key') {
    const text = a.text ? { text: a.text, unmodifiedText: a.text } : {};
    await cdp.send('Input.dispatchKeyEvent', {
      type: a.text ? 'keyDown' : 'rawKeyDown', key: a.key, code: a.code, windowsVirtualKeyCode: a.vk, nativeVirtualKeyCode: a.vk, ...text,
    });
    return;
  }
  // With an IME the page sees keydown "Process" (keyCode 229), then the composition. Both
  // are sent at once (they reach the page in order, over the same input channel), so no
  // round trip to node comes between them.
  await Promise.all([
    cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown', key: 'Process', code: a.code, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229,
    }),
    a.kind === 'compose'
      ? cdp.send('Input.imeSetComposition', { text: a.text, selectionStart: a.text.length, selectionEnd: a.text.length })
      : cdp.send('Input.insertText', { text: a.text }),
  ]);
}

/** The seeds of the keystroke runs: the list cases and the 20-need plan. */
function planSeeds(listItems, appVersion) {
  const envelope = planCaseEnvelope(appVersion);
  return { envelope, key: CASE_KEY_PREFIX + PLAN_CASE_ID, items: [...listItems, [CASE_KEY_PREFIX + PLAN_CASE_ID, JSON.stringify(envelope)]] };
}

const KEY_PROBE = [installKeyProbe, { signal: KEY_SIGNAL, prefix: CASE_KEY_PREFIX }];
const priorityHeading = (page, k) => page.getByRole('heading', { level: 4, name: `優先順位 ${k}`, exact: true });
/** The typed field, found the same way in the app and in its static copy. */
const typedField = (page) =>
  page.getByRole('main').getByRole('listitem').filter({ has: priorityHeading(page, TYPED_NEED) })
    .getByRole('textbox', { name: '支援目標', exact: true });
/**
 * The size of the page; all but `elements` must be the same in the app and its static copy
 * (`elements` counts the app's loader too: its <script> and two preload links).
 */
const pageShape = () => ({
  elements: document.getElementsByTagName('*').length,
  body_elements: document.body.getElementsByTagName('*').length,
  form_controls: document.querySelectorAll('input, textarea, select, button').length,
  textareas: document.querySelectorAll('textarea').length,
  body_text_chars: document.body.textContent.length,
});

/**
 * The static copy of the plan screen: an unthrottled load of the app in a fresh context
 * (seeded like the keystroke runs), then staticCopy() once all PLAN_NEEDS needs are shown
 * and the network is idle, before anything is focused or typed.
 */
async function planStaticCopy(browser, base, appPath, seeds) {
  const { context, page, errors } = await newContext(browser, KEY_PROBE);
  try {
    await seed(page, base, seeds.items);
    await page.goto(`${base}${appPath}#/case/${PLAN_CASE_ID}/planning`);
    await priorityHeading(page, PLAN_NEEDS).waitFor();
    await page.waitForLoadState('networkidle');
    await sleep(500); // let any timer the screen starts on mount run first
    const copy = await page.evaluate(staticCopy);
    const shape = await page.evaluate(pageShape);
    if (errors.length) throw new Error(`keystroke static copy: ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    if (copy.style_attributes) {
      throw new Error(`keystroke static copy: style 属性が ${copy.style_attributes} 個（CSP により静的コピーでは効きません）`);
    }
    return { ...copy, shape };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * One keystroke run: typing into the 10th need's 支援目標 of a 20-need plan under CPU
 * throttling, in the app (`isApp`) or in its static copy (same seeds, locator, throttling,
 * keys, pacing and probe; no autosave to wait for). Returns the raw per-key records.
 */
async function keystrokeRun(browser, base, { url, seeds, isApp, label, tracePath = null }) {
  const { context, page, errors } = await newContext(browser, KEY_PROBE);
  const records = [];
  let wake = null;
  page.on('console', (msg) => {
    const text = msg.text();
    if (!text.startsWith(KEY_SIGNAL)) return;
    records.push(JSON.parse(text.slice(KEY_SIGNAL.length)));
    wake?.();
  });
  const fail = (msg) => new Error(`keystroke ${label}: ${msg}`);
  const waitForRecords = async (n, what) => {
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (records.length < n) {
      if (errors.length) throw fail(`ブラウザのエラー:\n  ${errors.join('\n  ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw fail(`${what}: input イベントの後の描画が測れません（${records.length}/${n}）`);
      await new Promise((r) => {
        wake = r;
        setTimeout(r, Math.min(left, 1000));
      });
      wake = null;
    }
  };
  let tracing = false;
  try {
    const { envelope, key } = seeds;
    await seed(page, base, seeds.items);
    await page.goto(url);
    const main = page.getByRole('main');
    await priorityHeading(page, PLAN_NEEDS).waitFor().catch((e) => {
      throw fail(`計画案の画面に ${PLAN_NEEDS} 件のニーズが出ません: ${e.message}\n${errors.join('\n')}`);
    });
    const shown = await main.getByRole('heading', { level: 4, name: /^優先順位 \d+$/ }).count();
    if (shown !== PLAN_NEEDS) throw fail(`ニーズが ${shown} 件（期待 ${PLAN_NEEDS}）`);
    const field = typedField(page);
    const fieldId = await field.getAttribute('id');
    // Which need the field is in, counted in the DOM (its list item among the needs).
    const position = await field.evaluate((el) => {
      const li = el.closest('li.need');
      return li ? { index: [...li.parentElement.children].indexOf(li) + 1, of: li.parentElement.children.length } : null;
    });
    const before = await field.inputValue();
    const seeded = envelope.case.plan.needs[TYPED_NEED - 1].goal;
    if (before !== seeded) throw fail(`優先順位 ${TYPED_NEED} の支援目標が「${before}」（期待「${seeded}」）`);
    const shape = await page.evaluate(pageShape);
    // Focus scrolls the field into view, as a click would; the caret goes to the end.
    await field.focus();
    await field.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
    const scrollY = await page.evaluate(() => Math.round(window.scrollY));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.evaluate(() => {
      window.__soudanKeyBench.armed = true;
    });
    if (tracePath) {
      // No sampling profiler (it would add far more to the app's JS than to the static page).
      await browser.startTracing(page, { path: tracePath, screenshots: false, categories: TRACE_CATEGORIES });
      tracing = true;
    }
    await sleep(1000);

    const { warmup, measured } = typingPlan(KEYS);
    const actions = warmup.concat(measured);
    const gaps = [];
    let lastSent = null;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      if (lastSent !== null) {
        const wait = a.gap - (performance.now() - lastSent);
        if (wait > 0) await sleep(wait);
      }
      const now = performance.now();
      gaps.push(lastSent === null ? null : now - lastSent);
      lastSent = now;
      await sendKeyDown(cdp, a);
      // The next key waits for this one's paint: keys never queue up behind each other.
      await waitForRecords(i + 1, `${i + 1}. キー（${a.kind} ${JSON.stringify(a.text ?? a.key)}）`);
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: a.key, code: a.code, windowsVirtualKeyCode: a.vk, nativeVirtualKeyCode: a.vk });
    }
    if (tracing) {
      await sleep(500); // the last frame and the autosave after it
      await browser.stopTracing();
      tracing = false;
    }
    const calib = await calibrate(page);
    const expected = typedText(before, actions);
    if (isApp) {
      // The last autosave, then: did every key reach the field and the stored case?
      await page
        .waitForFunction(
          ([k, n, text]) => JSON.parse(localStorage.getItem(k) ?? 'null')?.case?.plan?.needs?.[n]?.goal === text,
          [key, TYPED_NEED - 1, expected],
          { timeout: 10_000 },
        )
        .catch(async () => {
          throw fail(`入力した「${expected.slice(before.length)}」が自動保存されません（欄の値「${await field.inputValue()}」）`);
        });
    }
    // Read by the same locator again: the text is in the field that was found before typing.
    const after = await field.inputValue();
    if (after !== expected) throw fail(`欄の値が「${after}」（期待「${expected}」）`);
    if ((await field.getAttribute('id')) !== fieldId) throw fail('入力後に欄の id が変わりました');
    const focusedId = await page.evaluate(() => document.activeElement?.id ?? null);
    if (focusedId !== fieldId) throw fail(`入力後のフォーカスが ${focusedId}（期待 ${fieldId}）`);
    const probe = await page.evaluate(() => ({ inputs: window.__soudanKeyBench.inputs, saves: window.__soudanKeyBench.saves }));
    if (probe.inputs !== actions.length) throw fail(`input イベントが ${probe.inputs} 回（キーは ${actions.length} 回）`);
    const noKeydown = records.filter((r) => r.keydown === null).length;
    if (noKeydown) throw fail(`${noKeydown} 回の input の前に keydown がありません`);
    if (errors.length) throw fail(`ブラウザのエラー:\n  ${errors.join('\n  ')}`);

    const timed = records.slice(warmup.length).map((r, i) => ({
      ...r,
      ms: r.painted - r.keydown,
      from_input_ms: r.painted - r.input,
      queued_ms: r.input - r.keydown,
      gap_ms: gaps[warmup.length + i],
      kind: measured[i].kind,
    }));
    const meets = (r) => probe.saves.some((s) => s.end > r.keydown && s.start < r.painted);
    return {
      label,
      timed,
      warmup_ms: records.slice(0, warmup.length).map((r) => r.painted - r.keydown),
      saves: probe.saves,
      meeting: timed.filter(meets).map((r) => r.ms),
      field: fieldId,
      field_position: position,
      scroll_y: scrollY,
      needs_shown: shown,
      typed: expected.slice(before.length),
      shape,
      calib,
    };
  } finally {
    if (tracing) await browser.stopTracing().catch(() => {});
    await context.close().catch(() => {});
  }
}

/** p50/p95/max of keystroke-to-paint (and from the input event) over a list of runs' keys. */
function keyFigures(runs) {
  const timed = runs.flatMap((r) => r.timed);
  const ms = timed.map((r) => r.ms);
  const fromInput = timed.map((r) => r.from_input_ms);
  return {
    keys: timed.length,
    p50_ms: round1(median(ms)),
    p95_ms: round1(percentile(ms, 95)),
    max_ms: round1(Math.max(...ms)),
    from_input_event: {
      p50_ms: round1(median(fromInput)),
      p95_ms: round1(percentile(fromInput, 95)),
      max_ms: round1(Math.max(...fromInput)),
    },
    queued_ms: { median: round1(median(timed.map((r) => r.queued_ms))), max: round1(Math.max(...timed.map((r) => r.queued_ms))) },
    gap_ms: {
      min: round1(Math.min(...timed.map((r) => r.gap_ms))),
      median: round1(median(timed.map((r) => r.gap_ms))),
      max: round1(Math.max(...timed.map((r) => r.gap_ms))),
    },
    keys_ms: round1All(ms),
    warmup_ms: round1All(runs.flatMap((r) => r.warmup_ms)),
    calibration_loop_ms: round1(median(runs.map((r) => r.calib))),
  };
}
const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
const brief = (runs) => {
  const f = keyFigures(runs);
  return { p50_ms: f.p50_ms, p95_ms: f.p95_ms, max_ms: f.max_ms };
};

/**
 * The keystroke part: the static copy of the plan screen, then KS_WARMUP + KS_RUNS rounds
 * of one app run and one static run (ABBA order; the warm-up rounds are discarded), and
 * with BENCH_TRACE one more traced pair (not counted).
 */
async function keystrokeAll(browser, base, appPath, benchDir, listItems, appVersion) {
  const seeds = planSeeds(listItems, appVersion);
  const copy = await planStaticCopy(browser, base, appPath, seeds);
  fs.writeFileSync(path.join(benchDir, 'static', 'plan.html'), copy.html);
  log(`keystroke: static copy of the plan screen, ${copy.html.length} chars (${JSON.stringify(copy.synced)} form values written as markup)`);
  const appUrl = `${base}${appPath}#/case/${PLAN_CASE_ID}/planning`;
  const staticUrl = `${base}_bench/static/plan.html`;
  const run = (isApp, tag, tracePath) =>
    keystrokeRun(browser, base, { url: isApp ? appUrl : staticUrl, seeds, isApp, label: `${isApp ? 'app' : 'static'} ${tag}`, tracePath });
  const app = [];
  const stat = [];
  const all = [];
  const rounds = [];
  const warmRounds = [];
  for (let i = 0; i < KS_WARMUP + KS_RUNS; i++) {
    const warmup = i < KS_WARMUP;
    const tag = warmup ? `warm-up ${i + 1}` : `round ${i - KS_WARMUP + 1}/${KS_RUNS}`;
    const order = i % 2 === 0 ? ['app', 'static'] : ['static', 'app'];
    const got = {};
    for (const which of order) got[which] = await run(which === 'app', tag);
    all.push(got.app, got.static);
    const a = brief([got.app]);
    const s = brief([got.static]);
    (warmup ? warmRounds : rounds).push({
      order: order.join(','),
      app: a,
      static: s,
      ratio_p95: ratio(a.p95_ms, s.p95_ms),
      ratio_p50: ratio(a.p50_ms, s.p50_ms),
      scroll_y: { app: got.app.scroll_y, static: got.static.scroll_y },
    });
    if (!warmup) app.push(got.app), stat.push(got.static);
    log(`keystroke ${tag}: app p50 ${a.p50_ms} / p95 ${a.p95_ms} ms, static p50 ${s.p50_ms} / p95 ${s.p95_ms} ms`);
  }
  // The static copy's field must be the app's field: same id, same place among as many
  // needs, same page (elements, controls, text), same text typed and found in it.
  const ref = app[0];
  for (const r of all) {
    const same =
      r.field === ref.field && r.needs_shown === ref.needs_shown && r.typed === ref.typed &&
      JSON.stringify(r.field_position) === JSON.stringify(ref.field_position) &&
      JSON.stringify({ ...r.shape, elements: 0 }) === JSON.stringify({ ...copy.shape, elements: 0 });
    if (!same) {
      throw new Error(
        `keystroke: ${r.label} is not the same field/page as the app's: ` +
          JSON.stringify({ field: r.field, position: r.field_position, scroll_y: r.scroll_y, needs: r.needs_shown, shape: r.shape }) +
          ' vs ' +
          JSON.stringify({ field: ref.field, position: ref.field_position, scroll_y: ref.scroll_y, needs: ref.needs_shown, shape: copy.shape }),
      );
    }
  }
  // Not a failure: see the header comment (a need above the field rendered once keeps its
  // real height instead of the placeholder's, which moves the scroll position by the
  // difference; the viewport shows the same content).
  const scrolls = [...new Set(all.map((r) => r.scroll_y))];
  if (scrolls.length > 1) log(`keystroke: scroll positions after the focus differ between runs: ${all.map((r) => `${r.label} ${r.scroll_y}`).join(', ')}`);
  let traces = null;
  if (TRACE_DIR) {
    fs.mkdirSync(TRACE_DIR, { recursive: true });
    traces = { app: path.join(TRACE_DIR, 'keystroke-app.json'), static: path.join(TRACE_DIR, 'keystroke-static.json') };
    const ta = brief([await run(true, 'traced', traces.app)]);
    const ts = brief([await run(false, 'traced', traces.static)]);
    log(`keystroke traced (not counted): app p95 ${ta.p95_ms} ms, static p95 ${ts.p95_ms} ms → ${TRACE_DIR}`);
    traces.figures = { app: ta, static: ts };
  }

  const fa = keyFigures(app);
  const fs_ = keyFigures(stat);
  const saves = app.flatMap((r) => r.saves);
  const saveMs = saves.map((s) => s.end - s.start);
  const timed = app.flatMap((r) => r.timed);
  return {
    keys: fa.keys,
    p50_ms: fa.p50_ms,
    p95_ms: fa.p95_ms,
    max_ms: fa.max_ms,
    throttle: THROTTLE,
    needs: PLAN_NEEDS,
    goal_p95_ms: KEYSTROKE_GOAL_MS,
    baseline: {
      what: 'static copy of the plan screen (the app\'s rendered DOM, no scripts, same CSS/CSP), same field, keys, pacing, probe and throttling',
      url: '/_bench/static/plan.html',
      html_chars: copy.html.length,
      form_values_written: copy.synced,
      p50_ms: fs_.p50_ms,
      p95_ms: fs_.p95_ms,
      max_ms: fs_.max_ms,
      keys: fs_.keys,
      from_input_event: fs_.from_input_event,
      queued_ms: fs_.queued_ms,
      gap_ms: fs_.gap_ms,
      field: stat[0].field,
      field_position: stat[0].field_position,
      scroll_y: stat.map((r) => r.scroll_y),
      needs_shown: stat[0].needs_shown,
      page: stat[0].shape,
      keys_ms: fs_.keys_ms,
      warmup_ms: fs_.warmup_ms,
      calibration_loop_ms: fs_.calibration_loop_ms,
    },
    ratio_p95: ratio(fa.p95_ms, fs_.p95_ms),
    ratio_p50: ratio(fa.p50_ms, fs_.p50_ms),
    ratio_max: ratio(fa.max_ms, fs_.max_ms),
    ratio_from_input_p95: ratio(fa.from_input_event.p95_ms, fs_.from_input_event.p95_ms),
    runs: KS_RUNS,
    warmup_runs: KS_WARMUP,
    keys_per_run: app[0].timed.length,
    rounds,
    warmup: warmRounds,
    from_input_event: fa.from_input_event,
    queued_ms: fa.queued_ms,
    ime_keys: timed.filter((r) => r.kind !== 'key').length,
    direct_keys: timed.filter((r) => r.kind === 'key').length,
    field: ref.field,
    field_position: ref.field_position,
    scroll_y: app.map((r) => r.scroll_y),
    typed: ref.typed,
    page: ref.shape,
    gap_ms: fa.gap_ms,
    autosaves: saves.length,
    autosave_ms: { median: round1(median(saveMs)), max: round1(saveMs.length ? Math.max(...saveMs) : null) },
    autosave_record_chars: saves.at(-1)?.chars ?? null,
    keys_meeting_autosave: app.reduce((n, r) => n + r.meeting.length, 0),
    keys_meeting_autosave_ms: round1All(app.flatMap((r) => r.meeting)),
    keys_ms: fa.keys_ms,
    warmup_ms: fa.warmup_ms,
    seed_schema_version: seeds.envelope.schema_version,
    calibration_loop_ms: fa.calibration_loop_ms,
    traces,
    method:
      'per run one fresh context; 20 list cases + the 20-need plan seeded; CDP CPU throttling; keys sent with CDP ' +
      '(Input.dispatchKeyEvent; IME: keydown "Process" + Input.imeSetComposition / Input.insertText) one at a time, ' +
      'each after the previous one was painted and its typing gap; ms = keydown event.timeStamp → performance.now() ' +
      'in a message posted from the rAF after the input event (after that frame is rendered); app and static copy ' +
      'alternate (ABBA), warm-up rounds discarded, keys of the measured runs pooled',
  };
}

// ---------------------------------------------------------------------------------------
// plan check

/** The native timing scripts/bench measured (examples/check_bench.rs), or null when not run. */
function checkNativePart() {
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
function installCheckProbe() {
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
async function checkBrowserRun(browser, base, { url, seeds, rate, label }) {
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
async function checkBrowserPart(browser, base, appPath, listItems, appVersion) {
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
function checkReport(native, browserFigures) {
  return { native, browser: browserFigures, native_goal_ms: CHECK_NATIVE_GOAL_MS, browser_goal_ms: CHECK_BROWSER_GOAL_MS };
}

const checkLine = (check) => {
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

// ---------------------------------------------------------------------------------------
// Unlock: the time from 「開く」 on the lock screen to the case list with every seeded case
// on it, under CPU throttling; against the bare PBKDF2 derivation (the vault's parameters)
// in the same page at the same throttling, and PBKDF2 alone at other iteration counts, to
// show the choice of strength.

const UNLOCK_RUNS = intEnv('BENCH_UNLOCK_RUNS', 5, 1);
const UNLOCK_GOAL_MS = 1000;
const BENCH_PASSPHRASE = 'ベンチで使う合言葉です';
const KDF_TABLE = [600_000, 1_200_000, 2_000_000, 3_000_000, 4_000_000];

/** PBKDF2-SHA256 by WebCrypto in the page, timed there (ms). */
function pbkdf2Ms(page, iterations) {
  return page.evaluate(async ([pass, it]) => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pass), 'PBKDF2', false, ['deriveBits']);
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const t0 = performance.now();
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: it }, key, 256);
    return performance.now() - t0;
  }, [BENCH_PASSPHRASE, iterations]);
}

async function unlockPart(browser, base, appPath, items) {
  const { context, page, errors } = await newContext(browser, [() => {}, null]);
  const fail = (msg) => new Error(`unlock: ${msg}\n${errors.join('\n')}`);
  try {
    await seed(page, base, items);
    await page.goto(`${base}${appPath}#/settings`);
    await page.getByLabel('新しい合言葉', { exact: true }).fill(BENCH_PASSPHRASE);
    await page.getByLabel('新しい合言葉（確認のためもう一度）', { exact: true }).fill(BENCH_PASSPHRASE);
    await page.getByRole('button', { name: '合言葉を設定して暗号化する' }).click();
    await page.locator('#passphrase-done').waitFor().catch((e) => { throw fail(`合言葉を設定できません: ${e.message}`); });
    const vault = JSON.parse(await page.evaluate(() => localStorage.getItem('soudan-workbench/vault')));
    const iterations = vault.kdf.iterations;
    await page.evaluate(() => { location.hash = '#/'; });
    const cdp = await context.newCDPSession(page);
    const unlock = [];
    const pbkdf2 = [];
    for (let i = 0; i < 1 + UNLOCK_RUNS; i++) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'ロック中' }).waitFor().catch((e) => { throw fail(`ロック画面が出ません: ${e.message}`); });
      await page.getByLabel('合言葉', { exact: true }).fill(BENCH_PASSPHRASE);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      await sleep(300);
      // Timed in the page: from the submit event to the mutation that shows all rows.
      await page.evaluate((rows) => {
        window.__unlockDone = new Promise((resolve) => {
          let t0;
          document.addEventListener('submit', () => { t0 = performance.now(); }, { capture: true, once: true });
          const obs = new MutationObserver(() => {
            const h1 = document.querySelector('main h1');
            if (t0 === undefined || !h1 || h1.textContent !== 'ケース一覧') return;
            if (document.querySelectorAll('table.case-table > tbody > tr').length < rows) return;
            obs.disconnect();
            resolve(performance.now() - t0);
          });
          obs.observe(document, { childList: true, subtree: true });
        });
      }, items.length);
      await page.getByRole('button', { name: '開く', exact: true }).click();
      const ms = await page.evaluate(() => window.__unlockDone);
      const kdfMs = await pbkdf2Ms(page, iterations);
      if (i > 0) {
        unlock.push(round1(ms));
        pbkdf2.push(round1(kdfMs));
      }
      log(`unlock ${i === 0 ? 'warm-up' : `run ${i}/${UNLOCK_RUNS}`}: ${round1(ms)} ms (PBKDF2 alone ${round1(kdfMs)} ms), ${THROTTLE}x`);
    }
    const table = {};
    for (const it of KDF_TABLE) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      table[it] = { throttled_ms: round1(await pbkdf2Ms(page, it)) };
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      table[it].unthrottled_ms = round1(await pbkdf2Ms(page, it));
    }
    if (errors.length) throw fail('ブラウザのエラー');
    const um = median(unlock);
    const km = median(pbkdf2);
    return {
      kdf: vault.kdf.name,
      iterations,
      throttle: THROTTLE,
      cases: items.length,
      unlock_ms_median: round1(um),
      unlock_ms_max: Math.max(...unlock),
      pbkdf2_ms_median: round1(km),
      ratio: Math.round((um / km) * 100) / 100,
      goal_ms: UNLOCK_GOAL_MS,
      unlock_ms: unlock,
      pbkdf2_ms: pbkdf2,
      pbkdf2_by_iterations: table,
      method:
        `fresh context; ${items.length} cases seeded, passphrase set through 設定 (all records sealed); per run: reload → lock ` +
        `screen, passphrase typed, CDP CPU throttling ${THROTTLE}x, ms from the submit event to the mutation that shows ` +
        'all rows of the case list (in-page performance.now); the baseline is WebCrypto PBKDF2-SHA256 alone with the ' +
        "vault's iterations in the same page and throttling, right after; one warm-up discarded",
    };
  } finally {
    await context.close().catch(() => {});
  }
}

const unlockLine = (u) =>
  `unlock (${u.kdf} ${u.iterations}, ${u.cases} cases, ${u.throttle}x) median ${u.unlock_ms_median} ms ` +
  `(goal ≤ ${u.goal_ms} ms) vs PBKDF2 alone ${u.pbkdf2_ms_median} ms: ratio ${u.ratio}`;

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
    if (ONLY === 'check-browser') {
      const check = checkReport(checkNativePart(), await checkBrowserPart(browser, base, appPath, items, appVersion));
      const result = { ...header(), only: 'check-browser', check, host: host(), duration_s: round1((Date.now() - t0) / 1000) };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      log(`done in ${result.duration_s} s: ${checkLine(check)}`);
      return;
    }

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

    // 4. typing into the plan screen
    const keystroke = await keystrokePart();

    // 5. the plan check: native figures from scripts/bench, and in the browser
    const check = checkReport(checkNativePart(), await checkBrowserPart(browser, base, appPath, items, appVersion));

    // 6. unlocking with a passphrase
    const unlock = await unlockPart(browser, base, appPath, items);

    const result = {
      ...header(),
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
        form_values_written: tr.synced,
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
      keystroke,
      check,
      unlock,
      bytes_per_case: bpc,
      host: host(),
      duration_s: round1((Date.now() - t0) / 1000),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    log(
      `done in ${result.duration_s} s: transfer ${gzTotal} B gzip, startup app ${result.startup.app_ms_median} ms / ` +
        `static ${result.startup.static_ms_median} ms = ${result.startup.ratio}x, ${bpc.utf16_bytes_avg} B/case (UTF-16); ` +
        keystrokeLine(keystroke) +
        '; ' +
        checkLine(check) +
        '; ' +
        unlockLine(unlock),
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

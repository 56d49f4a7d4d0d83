// Part of scripts/bench.mjs: storage for years of history (issue 14, part 5).
//
// storage         How many 3-year cases fit in Chromium's localStorage with a passphrase set,
//                 before (one record per case) and after the split (the case record and its
//                 deflated history record, src/store/history.rs).
//                 The cases and their records come from the app's own code, natively:
//                 `cargo run --release --example storage_bench` (examples/storage_bench.rs:
//                 6 final plan versions, 18 recorded monitoring reports, 6 reviews standing in
//                 for the 6 team meetings not yet in Case, each about the size of sample 3's;
//                 written through store::Store under seal::Sealed, and as one envelope for
//                 "before"). It prints the sizes (`bytes_per_case_3y`, UTF-16 code units of
//                 keys and values, sealed and not), the units one keystroke's autosave writes,
//                 the native time of that save, and the sealed records of
//                 STORAGE_BENCH_VARIANTS (6) distinct cases.
//                 In the browser (a blank same-origin page, fresh context, storage cleared):
//                 first the quota itself, in units, by writing one value of growing length
//                 until QuotaExceededError (`quota_units_measured`; the app assumes 5,242,880:
//                 store::QUOTA_UNITS); then the sealed records of the variants, cycled, each
//                 copy under its own case id (keys renumbered; values as sealed), case after
//                 case until a write fails with QuotaExceededError. A case counts when all its
//                 records were written (`cases_3y_fit_sealed`; `_before` for one record per
//                 case). The same for the unsealed sizes is arithmetic: quota / units per case.
//                 BENCH_STORAGE_NATIVE=file uses that file instead of running cargo.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { ROOT, log } from './shared.mjs';

/** store::QUOTA_UNITS: what the app assumes for its 80% warning. */
const QUOTA_UNITS_ASSUMED = 5_242_880;
/** The bar: at least this many sealed 3-year cases fit. */
export const STORAGE_GOAL_CASES = 300;

function nativeFigures() {
  const file = process.env.BENCH_STORAGE_NATIVE;
  if (file) return JSON.parse(fs.readFileSync(file, 'utf8'));
  log('storage: cargo run --release --example storage_bench (native)');
  const out = execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'storage_bench'], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.toString('utf8'));
}

/** In the page: the largest value (in UTF-16 units, with its 1-unit key) that fits. */
function measureQuota() {
  localStorage.clear();
  let lo = 0;
  let hi = 1 << 24;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      localStorage.setItem('q', 'x'.repeat(mid));
      lo = mid;
    } catch (e) {
      if (e.name !== 'QuotaExceededError') throw e;
      hi = mid - 1;
    }
  }
  localStorage.clear();
  return lo + 1;
}

/** In the page: writes copies of the variants' records, case after case, until the quota error. */
function fillWithCases(variants) {
  localStorage.clear();
  const idOf = (records) => /soudan-workbench\/case\/([0-9a-f]{32})/.exec(records[0][0])[1];
  let cases = 0;
  let units = 0;
  for (;;) {
    const records = variants[cases % variants.length];
    const from = idOf(records);
    const to = cases.toString(16).padStart(32, '0');
    const written = [];
    try {
      for (const [k, v] of records) {
        const key = k.replace(from, to);
        localStorage.setItem(key, v);
        written.push(key);
      }
    } catch (e) {
      if (e.name !== 'QuotaExceededError') throw e;
      for (const key of written) localStorage.removeItem(key);
      break;
    }
    units += records.reduce((s, [k, v]) => s + k.length + v.length, 0);
    cases++;
  }
  localStorage.clear();
  return { cases, units };
}

export async function storagePart(browser, base) {
  const native = nativeFigures();
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(base + '_bench/seed.html');
    const quota = await page.evaluate(measureQuota);
    log(`storage: quota ${quota} UTF-16 units (assumed ${QUOTA_UNITS_ASSUMED})`);
    const before = await page.evaluate(fillWithCases, native.records.before);
    log(`storage: one record per case: ${before.cases} sealed 3-year cases fit`);
    const after = await page.evaluate(fillWithCases, native.records.after);
    log(`storage: split: ${after.cases} sealed 3-year cases fit`);
    const b = native.bytes_per_case_3y;
    return {
      bytes_per_case_3y: b,
      cases_3y_fit_sealed: after.cases,
      cases_3y_fit_sealed_before: before.cases,
      cases_3y_fit_plain: Math.floor(quota / b.after.plain),
      cases_3y_fit_plain_before: Math.floor(quota / b.before.plain),
      goal_cases: STORAGE_GOAL_CASES,
      quota_units_measured: quota,
      quota_units_assumed: QUOTA_UNITS_ASSUMED,
      autosave_units_per_keystroke: native.autosave_units_per_keystroke,
      native_save_ms: native.native_save_ms,
      case: native.case,
      variants: native.records.after.length,
      method:
        'cases and records from examples/storage_bench.rs (the app\'s Store, sealed); in Chromium, a blank ' +
        'same-origin page writes copies of the sealed records (keys renumbered) case after case until ' +
        'QuotaExceededError; a case counts when all its records were written',
    };
  } finally {
    await context.close().catch(() => {});
  }
}

export const storageLine = (s) =>
  `storage: ${s.cases_3y_fit_sealed} sealed 3-year cases fit (goal ≥ ${s.goal_cases}; one record per case: ` +
  `${s.cases_3y_fit_sealed_before}), ${s.bytes_per_case_3y.after.sealed} units each sealed ` +
  `(before ${s.bytes_per_case_3y.before.sealed}); autosave writes ${s.autosave_units_per_keystroke.after.sealed} units ` +
  `per keystroke (before ${s.autosave_units_per_keystroke.before.sealed}); quota ${s.quota_units_measured} units`;

// Part of scripts/bench.mjs: startup of two builds against each other (BENCH_ONLY=startup-ab).
//
// startup_ab      The cold startup of the startup part (fresh context per run, the same seeds,
//                 4x throttling, painted_ms), for build A (BENCH_DIST, default dist/) and build
//                 B (BENCH_DIST_B, required), alternating ABBA in one browser, BENCH_WARMUP
//                 pairs discarded, BENCH_RUNS pairs measured. Each build is served from its own
//                 snapshot on its own loopback port. Reported: both medians, `ratio` = B / A
//                 (below 1: B shows the list sooner), and the per-pair ratios.
//                 BENCH_AB_MODE=repeat or first_visit: those parts' loads instead (the
//                 service worker's second visit; the emulated network), both builds served
//                 as a deployed server would (gzip, ETag).
//
//   Why: a change to startup moves the painted time by a few percent, while the ratio
//   against the static copy moves by ±0.2 between full runs on this 2-core machine. Two
//   builds side by side in one browser see the same drift. Its noise floor: the same build
//   as A and B (BENCH_DIST_B=dist) gave 0.98 with 16 pairs (2026-12-05); a difference under
//   about 3 % is not a result.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../static-server.mjs';
import { DIST, RUNS, WARMUP, ROOT, abba, distProblem, log, median, ratio, round1 } from './shared.mjs';
import { PART_NAME, timedRun } from './startup.mjs';

const MODES = Object.keys(PART_NAME);

/**
 * The A/B part; `base` and `prodBase` serve build A (the bench's snapshot; plain and as
 * deployed), `tmp` is the bench's temp dir.
 */
export async function abPart(browser, base, prodBase, tmp, items) {
  const mode = process.env.BENCH_AB_MODE || 'cold';
  if (!MODES.includes(mode)) throw new Error(`BENCH_AB_MODE は ${MODES.join(' / ')} のどれかです（${mode}）`);
  const deployed = mode !== 'cold';
  const distB = process.env.BENCH_DIST_B ? path.resolve(ROOT, process.env.BENCH_DIST_B) : null;
  if (!distB) throw new Error('BENCH_ONLY=startup-ab には BENCH_DIST_B（比べるビルドの dist）が要ります');
  const problem = distProblem(distB);
  if (problem) throw new Error(`BENCH_DIST_B: ${problem}`);
  const rootB = path.join(tmp, 'root-b');
  fs.cpSync(distB, rootB, { recursive: true, dereference: true });
  fs.mkdirSync(path.join(rootB, '_bench'), { recursive: true });
  fs.copyFileSync(path.join(tmp, 'root', '_bench', 'seed.html'), path.join(rootB, '_bench', 'seed.html'));
  const serverB = await startServer(rootB, 0, '127.0.0.1', { production: deployed });
  const urlA = deployed ? prodBase : base;
  try {
    const a = [];
    const b = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const warmup = i < WARMUP;
      const tag = warmup ? `warm-up ${i + 1}` : `pair ${i - WARMUP + 1}/${RUNS}`;
      const [ra, rb] = await abba(
        i,
        () => timedRun(browser, urlA, urlA + 'index.html', items, `A ${tag}`, mode),
        () => timedRun(browser, serverB.url, serverB.url + 'index.html', items, `B ${tag}`, mode),
      );
      log(`startup_ab ${tag}: A painted ${ra.painted_ms} ms, B ${rb.painted_ms} ms`);
      if (!warmup) {
        a.push(ra.painted_ms);
        b.push(rb.painted_ms);
      }
    }
    return {
      dist_a: path.relative(ROOT, DIST) || '.',
      dist_b: path.relative(ROOT, distB) || distB,
      mode,
      pairs: RUNS,
      warmup_pairs: WARMUP,
      a_painted_ms_median: round1(median(a)),
      b_painted_ms_median: round1(median(b)),
      ratio: ratio(median(b), median(a)),
      pair_ratios: a.map((x, i) => ratio(b[i], x)),
      a_painted_ms: a,
      b_painted_ms: b,
      method: `the ${PART_NAME[mode]} part's timed load (seeded, CPU throttling, painted_ms), A and B alternating ABBA in one browser; ratio = median B / median A`,
    };
  } finally {
    await serverB.close().catch(() => {});
  }
}

export const abLine = (ab) =>
  `startup A/B (${ab.mode}): painted A ${ab.a_painted_ms_median} ms, B ${ab.b_painted_ms_median} ms: B/A ${ab.ratio} (${ab.pairs} pairs)`;

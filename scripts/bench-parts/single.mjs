// Part of scripts/bench.mjs: the single file (dist-single/soudan-workbench.html) — its size
// and its start from file://, the way it is used from a USB stick or the desktop.
//
// single          The file is copied into a temp dir with a blank seed page beside it
//                 (file:// pages share one storage area in Chromium, so the seeds written
//                 from there are the ones the app reads), then the same timed run as the
//                 startup part (startup.mjs' timedRun: fresh context, CDP CPU throttling,
//                 the case-list probe), BENCH_WARMUP discarded, RUNS measured. The ratio is
//                 against the startup part's static copy (served over http in the same run):
//                 there is no file:// static copy, since its stylesheet link and CSP would
//                 need rewriting and then it would not be the same page. The single file stays
//                 one module with everything in (it cannot fetch chunks from file://), so its
//                 figures are the cost of that build, apart from the served app's.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { ROOT, RUNS, WARMUP, log, median, round1 } from './shared.mjs';
import { timedRun } from './startup.mjs';

export const SINGLE_FILE = path.resolve(ROOT, process.env.BENCH_SINGLE ?? 'dist-single/soudan-workbench.html');

/** Size and painted startup of the single file; `staticPaintedMedian` from the startup part. */
export async function singlePart(browser, tmp, items, staticPaintedMedian) {
  if (!fs.existsSync(SINGLE_FILE)) {
    log(`single: ${SINGLE_FILE} is missing (scripts/build writes it): skipped`);
    return null;
  }
  const bytes = fs.readFileSync(SINGLE_FILE);
  const dir = path.join(tmp, 'single');
  fs.mkdirSync(path.join(dir, '_bench'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'soudan-workbench.html'), bytes);
  fs.writeFileSync(path.join(dir, '_bench', 'seed.html'), '<!doctype html><meta charset="utf-8"><title>seed</title>\n');
  const base = pathToFileURL(dir).href + '/';
  const runs = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const r = await timedRun(browser, base, base + 'soudan-workbench.html', items, `single ${i < WARMUP ? 'warm-up' : 'run'} ${i + 1}`);
    if (i >= WARMUP) runs.push(r);
    log(`single ${i < WARMUP ? 'warm-up' : `run ${i - WARMUP + 1}/${RUNS}`}: ${r.ms} ms (painted ${r.painted_ms})`);
  }
  const painted = median(runs.map((r) => r.painted_ms));
  return {
    bytes: bytes.length,
    gzip_bytes: zlib.gzipSync(bytes, { level: 9 }).length,
    ms_median: round1(median(runs.map((r) => r.ms))),
    painted_ms_median: round1(painted),
    painted_ratio_vs_served_static: painted && staticPaintedMedian ? Math.round((painted / staticPaintedMedian) * 100) / 100 : null,
    method: 'from file:// (a temp copy), seeds from a file:// page beside it; timing as the startup part',
    runs,
  };
}

export const singleLine = (s) =>
  s === null
    ? 'single file: not built'
    : `single file ${s.bytes} B (${s.gzip_bytes} B gzip), painted ${s.painted_ms_median} ms from file:// (ratio ${s.painted_ratio_vs_served_static} vs the served static copy)`;

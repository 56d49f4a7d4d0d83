// Part of scripts/bench.mjs: transfer size.
//
// transfer_*      One unthrottled load of the case list (20 seeded cases): every response
//                 body the page receives (page.on('response') + response.body()), each
//                 compressed with zlib gzip level 9, summed. Loopback serves them
//                 uncompressed; this is what a gzip-9 server would send.
//
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { gzip9, log, calibrate, newContext, seed, staticCopy, waitForReady } from './shared.mjs';

export async function transferRun(browser, base, appPath, items) {
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

/**
 * The transfer figures of the report (and the static copy of the rendered list, written to
 * _bench/static/index.html for the startup part). `root` is the served dist/ snapshot.
 */
export async function transferPart(browser, base, root, benchDir, appPath, items) {
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
  return {
    calib: tr.calib,
    fields: {
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
    },
  };
}

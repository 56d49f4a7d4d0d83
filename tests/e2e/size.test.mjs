// The first page's size guard (issue 17): what the browser fetches to show the case list, gzip -9,
// must stay within scripts/size-budget.json; and the wasm cost table's attribution
// (scripts/wasm-cost.mjs) on real symbol names.
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { appTest, appUrl, assert, DIST, ROOT, setupSuite } from './helpers.mjs';
import { gzipBytes, overBudget, readBudget } from '../../scripts/size-budget.mjs';
import { owner, sourceModules } from '../../scripts/wasm-cost.mjs';

setupSuite();

/** Every response the page receives until the case list is shown and the network is idle. */
async function firstPage(page) {
  const files = [];
  const pending = [];
  page.on('response', (res) => {
    pending.push(
      (async () => {
        if (!/^https?:/.test(res.url()) || res.status() !== 200) return;
        const body = await res.body().catch(() => null);
        if (body) files.push({ url: new URL(res.url()).pathname, gzip: gzipBytes(body) });
      })(),
    );
  });
  await page.goto(appUrl());
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  return { total: files.reduce((n, f) => n + f.gzip, 0), files };
}

// The lazy screens' chunks (scripts/split.mjs): fetched when a screen is first opened (and by
// the service worker for offline use), never for the first page.
const CHUNK = /\/(split|chunk)_\w+-[0-9a-f]{16}\.wasm$/;

appTest('最初のページ（ケース一覧まで）の gzip サイズが予算（scripts/size-budget.json）以内', async ({ page, t }) => {
  const measured = await firstPage(page);
  assert.ok(measured.files.some((f) => f.url.endsWith('.wasm')), `wasm が読み込まれていません: ${JSON.stringify(measured.files)}`);
  const chunksLoaded = measured.files.filter((f) => CHUNK.test(f.url));
  assert.deepEqual(chunksLoaded, [], '最初のページで画面のチャンクが読み込まれました');
  // What the page loaded, and the chunks it did not (for the record; not counted).
  t.diagnostic(`first page ${measured.total} B gzip: ${measured.files.map((f) => `${f.url} ${f.gzip}`).join(', ')}`);
  const chunks = fs.readdirSync(DIST).filter((f) => CHUNK.test(`/${f}`));
  const chunkBytes = chunks.map((f) => [f, gzipBytes(fs.readFileSync(path.join(DIST, f)))]);
  t.diagnostic(`chunks (not first page) ${chunkBytes.reduce((n, [, b]) => n + b, 0)} B gzip: ${chunkBytes.map(([f, b]) => `${f} ${b}`).join(', ')}`);
  const message = overBudget(measured, readBudget());
  assert.equal(message, null, message ?? '');
});

test('予算を 1 バイトでも超えると、超えた量と大きいファイルと直し方を言って失敗する', () => {
  const measured = { total: 1001, files: [{ url: '/a_bg.wasm', gzip: 900 }, { url: '/a.js', gzip: 101 }] };
  assert.equal(overBudget(measured, { first_page_gzip_bytes: 1001 }), null);
  const message = overBudget(measured, { first_page_gzip_bytes: 1000 });
  assert.match(message, /1 B over the budget of 1000 B/);
  assert.match(message, /900 {2}\/a_bg\.wasm/);
  assert.match(message, /raise the budget in a commit that says what the bytes buy/);
});

test('サイズ表（wasm-cost）は関数をその画面のファイルに、汎用コードをそのクレートに割り当てる', () => {
  const modules = sourceModules(path.join(ROOT, 'src'));
  // A closure inside a component of ui/shell/lock.rs (a v0 name as rustc writes it).
  assert.equal(
    owner('_RNCNCNvNtNtNtCs4MzOzhhb227_16soudan_workbench2ui5shell4lock23___component_lock_screen00B9_', 'soudan_workbench', modules),
    'ui::shell::lock',
  );
  // A leptos generic instantiated for one of our types counts for our file, not for tachys.
  assert.equal(
    owner('_RINvNtCsbaLKXxms1jl_4core3ptr13drop_in_placeNtNtNtCs4MzOzhhb227_16soudan_workbench6domain4plan11ServicePlanECs4MzOzhhb227_16soudan_workbench', 'soudan_workbench', modules),
    'domain::plan',
  );
  // Only the instantiating crate at the end mentions us: the code is core's.
  assert.equal(
    owner('_RINvNtCsbaLKXxms1jl_4core3ptr13drop_in_placeINtNtCs5Jk1LU3DbEr_5alloc4sync3ArceEECs4MzOzhhb227_16soudan_workbench', 'soudan_workbench', modules),
    'core',
  );
  assert.equal(owner('__wbindgen_describe___wbg_error_757e9472f8410341'), '(wasm-bindgen descriptors, removed)');
});

// Lazy screens (issue 17): the first page loads no chunk; a screen's chunk is fetched when the
// screen is first opened and the screen works; after one visit every lazy screen opens with
// the network off (the service worker keeps the chunks); a chunk that cannot be loaded gives a
// clear Japanese message and the rest of the app keeps working. The case list reads only
// summaries (no chunk), shows the rows that reading the cases whole shows, and follows another
// tab's changes; making a case fetches the chunk `cases` first, and says so if it cannot.
import fs from 'node:fs';
import { test } from 'node:test';
import {
  setupSuite, appTest, newContext, gotoApp, createCase, openCase, assert, DIST,
  assertNoAxeViolations, STAGES, exportAll, importText, fileInput, importErrorBox, importConfirmBox, caseRows,
  storeEnvelopes, sampleEnvelope, reloadApp, caseLink, casePage, createForm, rowButton,
} from './helpers.mjs';

setupSuite();

const CHUNK = /\/(split|chunk)_\w+-[0-9a-f]{16}\.wasm$/;
const FAILED = 'この画面を読み込めませんでした。ネットワークに接続してから再度開いてください。';
const IMPORT_CHUNK = /\/split_import-[0-9a-f]{16}\.wasm$/;
const IMPORT_FAILED = 'ファイルを読み込む機能を読み込めませんでした。ネットワークに接続してから、もう一度ファイルを選んでください。';

/** The chunk files of the build (scripts/split.mjs names them). */
function chunkFiles() {
  return fs.readdirSync(DIST).filter((f) => CHUNK.test(`/${f}`));
}

/** Requests the page itself made (not the service worker's install) for chunk files. */
const pageChunkRequests = (requests) => requests.filter((r) => !r.sw && CHUNK.test(new URL(r.url).pathname)).map((r) => new URL(r.url).pathname);

/** Every lazy screen: its route and the heading it shows (a case's routes get the id). */
const SCREENS = [
  ['#/matrix', '相談支援専門員の役割の目安'],
  ['#/community-issues', '地域課題の一覧（協議会用）'],
  ['#/sources', '出典の資料'],
  ['#/guide', null],
  ['#/calendar', '予定（モニタリングと更新）'],
  ['#/training', '研修ケースを選ぶ'],
];

async function waitControlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Opens a route in the running app (a hash change, as a link does) and waits for its h1. */
async function openRoute(page, hash, heading) {
  // The previous screen's heading is marked, so only the new screen's counts.
  await page.evaluate((h) => {
    document.querySelector('main h1')?.setAttribute('data-old', '');
    location.hash = h;
  }, hash);
  const h1 = heading
    ? page.getByRole('heading', { level: 1, name: heading, exact: true })
    : page.locator('main h1:not([data-old])').first();
  await h1.waitFor({ timeout: 15_000 });
  assert.equal(await page.getByText(FAILED).count(), 0, `${hash}: 読み込めませんでした`);
}

test('ビルドに画面のチャンクがあり、sw.js がすべてを保存する', () => {
  const chunks = chunkFiles();
  assert.ok(chunks.some((f) => f.startsWith('split_case-')), `ケースのチャンクがありません: ${chunks}`);
  assert.ok(chunks.some((f) => f.startsWith('split_reference-')), `参照画面のチャンクがありません: ${chunks}`);
  assert.ok(chunks.some((f) => f.startsWith('split_import-')), `ファイル読み込みのチャンクがありません: ${chunks}`);
  const sw = fs.readFileSync(`${DIST}/sw.js`, 'utf8');
  for (const f of chunks) assert.ok(sw.includes(JSON.stringify(f)), `sw.js に ${f} がありません`);
});

appTest('起動時はチャンクを読まず、役割の目安を開くとそのチャンクを読んで使える', async ({ page, requests }) => {
  await gotoApp(page);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(pageChunkRequests(requests), [], '起動時にチャンクが読み込まれました');

  await page.getByRole('banner').getByRole('link', { name: '役割の目安', exact: true }).click();
  const heading = page.getByRole('heading', { level: 1, name: '相談支援専門員の役割の目安' });
  await heading.waitFor({ timeout: 15_000 });
  const loaded = pageChunkRequests(requests);
  assert.ok(loaded.some((p) => /\/split_reference-/.test(p)), `役割の目安のチャンクが読み込まれていません: ${loaded}`);
  assert.ok(!loaded.some((p) => /\/split_case-/.test(p)), `ケースのチャンクまで読み込まれました: ${loaded}`);
  // It works: 40 cells, and the heading has the focus (moved there once the chunk came).
  assert.equal(await page.locator('table.matrix tbody td').count(), 40);
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await page.getByRole('status').filter({ hasText: '読み込み中' }).count(), 0);
  await assertNoAxeViolations(page);

  // Back to the list: no wait, nothing fetched again; the matrix again: no new request.
  const before = requests.length;
  await page.getByRole('banner').getByRole('link', { name: '相談支援ワークベンチ' }).click();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  await page.goBack();
  await heading.waitFor();
  assert.deepEqual(pageChunkRequests(requests.slice(before)), [], '2回目にまたチャンクを読みました');
});

appTest('ケースを開くとケースのチャンクを読み、ステップの移動ではもう待たない', async ({ page, requests }) => {
  await gotoApp(page);
  await createCase(page, { name: '遅延　太郎' });
  // Making a case reads the cases whole (the chunk `cases`), not the case screens.
  assert.ok(!pageChunkRequests(requests).some((p) => /\/split_case-/.test(p)), `${pageChunkRequests(requests)}`);
  await openCase(page, '遅延　太郎');
  assert.ok(pageChunkRequests(requests).some((p) => /\/split_case-/.test(p)));
  const before = requests.length;
  // From インテーク (where the case opens) to each later step.
  for (const stage of STAGES.slice(1)) {
    await page.getByRole('navigation', { name: '支援の流れ', exact: true }).getByRole('link', { name: stage, exact: true }).click();
    await page.locator('#step-heading', { hasText: stage }).waitFor();
    // Moving between steps re-creates the page from the loaded chunk at once: no loading line.
    assert.equal(await page.getByText('読み込み中…').count(), 0, `${stage}: 読み込み中のまま`);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  }
  assert.deepEqual(pageChunkRequests(requests.slice(before)), [], 'ステップの移動でチャンクを読みました');
});

appTest('一度開いたあとは、ネットワークなしでもすべての遅延画面が開く', async ({ context, page }) => {
  await gotoApp(page);
  await waitControlled(page);
  await createCase(page, { name: '離線　花子' });
  const id = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('soudan-workbench/case/'))?.slice('soudan-workbench/case/'.length));
  assert.ok(id, 'ケースの id');

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  for (const [hash, heading] of SCREENS) await openRoute(page, hash, heading);
  await openRoute(page, `#/case/${id}`, '離線　花子さんのケース');
  await openRoute(page, `#/case/${id}/assessment/ecomap`, null);
  await page.locator('#step-heading', { hasText: 'エコマップ' }).waitFor();
  await openRoute(page, `#/case/${id}/print/plan`, null);
  await openRoute(page, '#/settings', '設定');
  await context.setOffline(false);
}, { timeout: 120_000 });

/**
 * Runs `body` in a context without a service worker (so chunk requests reach the network)
 * where requests matching `pattern` are aborted until `unblock()`; then checks that the only
 * console errors were the failed fetch and the loader's report of it — no panic.
 */
async function withChunkBlocked(pattern, body) {
  const { context, page, errors } = await newContext({ serviceWorkers: 'block' });
  try {
    let block = true;
    await page.route(pattern, (route) => (block ? route.abort('internetdisconnected') : route.continue()));
    await body({ page, unblock: () => (block = false) });
    const unexpected = errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|TypeError: Failed|net::ERR/.test(e));
    assert.deepEqual(unexpected, [], `想定外のエラー:\n${unexpected.join('\n')}`);
    assert.ok(!errors.some((e) => /panicked|unreachable/.test(e)));
  } finally {
    await context.close();
  }
}

test('チャンクを読めないときは日本語で知らせ、ほかの画面は使える。再度開けば読み込める', () =>
  // No service worker here: the chunk request goes to the network, where it is aborted.
  withChunkBlocked(CHUNK, async ({ page, unblock }) => {
    await gotoApp(page);
    await page.getByRole('banner').getByRole('link', { name: '役割の目安', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: FAILED }).waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { level: 1, name: '読み込めませんでした' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await assertNoAxeViolations(page);

    // The rest of the app: the list. Making a case needs the chunk `cases`: said at the
    // form, the name typed stays, nothing is made.
    await page.getByRole('link', { name: 'ケース一覧に戻る' }).click();
    await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
    const form = createForm(page);
    await form.name.fill('失敗　次郎');
    await form.submit.click();
    await page.getByRole('alert').filter({ hasText: 'ケースのデータを読み込む機能を読み込めませんでした。ネットワークに接続してから、もう一度操作してください。' }).waitFor({ timeout: 15_000 });
    assert.equal(await form.name.inputValue(), '失敗　次郎');
    assert.equal(await caseRows(page).count(), 0);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('soudan-workbench/case/')).length), 0);
    // The samples' list is in that chunk too: said in place when the section is opened.
    const samples = page.locator('details.samples');
    await samples.locator('summary').click();
    const samplesFailed = samples.getByRole('alert').filter({ hasText: 'サンプルを読み込む機能を読み込めませんでした。ネットワークに接続してから、もう一度開いてください。' });
    await samplesFailed.waitFor({ timeout: 15_000 });
    await assertNoAxeViolations(page);
    await samples.locator('summary').click();

    // The network is back: opening the samples again lists them (as the message says); the
    // same press makes the case; opening the screen again loads it (the failure was not kept).
    unblock();
    await samples.locator('summary').click();
    await samples.getByRole('button', { name: /^読み込む（/ }).first().waitFor({ timeout: 15_000 });
    assert.equal(await samplesFailed.count(), 0);
    await samples.locator('summary').click();
    await form.submit.click();
    await caseLink(page, '失敗　次郎').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#new-case-unavailable').count(), 0);
    await page.getByRole('banner').getByRole('link', { name: '役割の目安', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '相談支援専門員の役割の目安' }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('table.matrix tbody td').count(), 40);
  }));


appTest('ファイル読み込みのチャンクは起動時には読まず、ファイルを選ぶと読んで読み込める', async ({ page, requests }) => {
  await gotoApp(page);
  await page.waitForLoadState('networkidle');
  await createCase(page, { name: '読込　一郎' });
  const file = await exportAll(page);
  const importRequests = () => pageChunkRequests(requests).filter((p) => IMPORT_CHUNK.test(p));
  assert.deepEqual(importRequests(), [], '選ぶ前に読み込みのチャンクを読みました');
  // The same case again: the question, then 「別のケースとして追加する」.
  await importText(page, file, 'all.json');
  await importConfirmBox(page).waitFor({ timeout: 15_000 });
  assert.equal(importRequests().length, 1, `読み込みのチャンク: ${importRequests()}`);
  await assertNoAxeViolations(page);
  await importConfirmBox(page).getByRole('button', { name: '別のケースとして追加する' }).click();
  await page.getByRole('status').filter({ hasText: '1件のケースを読み込みました（1件は別のケースとして追加）。' }).waitFor();
  assert.equal(await caseRows(page).count(), 2);
  await page.waitForFunction(() => document.activeElement?.id === 'import-file');
});

test('ファイル読み込みのチャンクを読めないときはその場で日本語で知らせ、何も失わず、選び直せば読み込める', () =>
  withChunkBlocked(IMPORT_CHUNK, async ({ page, unblock }) => {
    await gotoApp(page);
    await createCase(page, { name: '失敗　三郎' });
    const file = await exportAll(page);
    await importText(page, file, 'all.json');
    const box = importErrorBox(page);
    await box.filter({ hasText: IMPORT_FAILED }).waitFor({ timeout: 15_000 });
    assert.equal(await box.getAttribute('role'), 'alert');
    await page.waitForFunction(() => document.activeElement?.id === 'import-error');
    // Still the case list, the case is there, the input is empty (the same file can be picked again).
    await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
    assert.equal(await caseRows(page).count(), 1);
    assert.equal(await fileInput(page).inputValue(), '');
    await assertNoAxeViolations(page);

    unblock();
    await importText(page, file, 'all.json');
    await importConfirmBox(page).waitFor({ timeout: 15_000 });
    assert.equal(await page.getByText(IMPORT_FAILED).count(), 0);
    await importConfirmBox(page).getByRole('button', { name: '上書きする' }).click();
    await page.getByRole('status').filter({ hasText: '1件のケースを読み込みました（1件を上書き）。' }).waitFor();
    assert.equal(await caseRows(page).count(), 1);
  }));

/** Each row of the case list as the user reads it (name, 段階, 最終更新, 次の予定, buttons). */
async function rowTexts(page) {
  return (await caseRows(page).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

appTest('ケース一覧はケースを丸ごと読まずに、丸ごと読んだときと同じ行を出す', async ({ page }) => {
  // The four samples as one-record cases, and sample 3 (recorded monitorings) once more as the
  // app saves it: split, its monitorings in the history record.
  await storeEnvelopes(page, ['sample-1-chiteki.json', 'sample-2-seishin.json', 'sample-3-shintai.json', 'sample-4-child.json'].map((f) => sampleEnvelope(f)));
  await reloadApp(page);
  await page.locator('details.samples summary').click();
  await page.getByRole('button', { name: /読み込む（.*身体/ }).click();
  await page.getByRole('status').filter({ hasText: /サンプル「.*」を読み込みました/ }).waitFor({ timeout: 15_000 });
  assert.ok(await page.evaluate(() => Object.keys(localStorage).some((k) => k.includes('/history/'))), '履歴の記録がありません');

  const chunks = [];
  page.on('request', (r) => { if (CHUNK.test(new URL(r.url()).pathname)) chunks.push(r.url()); });
  await reloadApp(page);
  await caseRows(page).nth(4).waitFor();
  const before = await rowTexts(page);
  assert.equal(before.length, 5);
  assert.ok(before.some((t) => /モニタリング（|更新の準備（/.test(t)), `次の予定がどの行にもありません: ${before.join(' | ')}`);
  // Search and 「アーカイブしたケースも表示」 work on the summaries too.
  await page.getByLabel('名前で検索').fill(sampleEnvelope('sample-3-shintai.json').case.name);
  assert.equal(await caseRows(page).count(), 2);
  await page.getByLabel('名前で検索').fill('');
  assert.deepEqual(chunks, [], '一覧を出すのにチャンクを読みました');

  // Read whole (the calendar reads every case), then the list again: the same rows.
  await page.getByRole('banner').getByRole('link', { name: '予定', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '予定（モニタリングと更新）' }).waitFor({ timeout: 15_000 });
  assert.ok(chunks.length > 0);
  await page.getByRole('banner').getByRole('link', { name: '相談支援ワークベンチ' }).click();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  await caseRows(page).nth(4).waitFor();
  assert.deepEqual(await rowTexts(page), before);
  await assertNoAxeViolations(page);
});

appTest('一覧だけのタブにも、別のタブでの名前の変更・アーカイブ・削除が出る（ケースを読まずに）', async ({ context, page }) => {
  const one = sampleEnvelope('sample-1-chiteki.json');
  const two = sampleEnvelope('sample-2-seishin.json');
  await storeEnvelopes(page, [one, two]);
  await reloadApp(page);
  const chunks = [];
  page.on('request', (r) => { if (CHUNK.test(new URL(r.url()).pathname)) chunks.push(r.url()); });
  await caseLink(page, one.case.name).waitFor();

  const other = await context.newPage();
  await gotoApp(other);
  await openCase(other, one.case.name);
  await casePage(other).name.fill('名前を変えた一');
  await caseLink(page, '名前を変えた一').waitFor({ timeout: 15_000 });
  assert.equal(await caseLink(page, one.case.name).count(), 0);
  await casePage(other).back.click();
  await rowButton(other, 'アーカイブ', two.case.name).click();
  await page.getByRole('checkbox', { name: 'アーカイブしたケースも表示' }).check();
  await caseRows(page).filter({ hasText: 'アーカイブ済み' }).filter({ hasText: two.case.name }).waitFor({ timeout: 15_000 });
  await rowButton(other, '削除', '名前を変えた一').click();
  await other.getByRole('dialog').getByRole('button', { name: '削除する' }).click();
  await eventuallyGone(page, '名前を変えた一');
  assert.deepEqual(chunks, [], '一覧だけのタブがチャンクを読みました');
  await other.close();
});

async function eventuallyGone(page, name) {
  for (let i = 0; i < 100; i++) {
    if ((await caseLink(page, name).count()) === 0) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`「${name}」が一覧から消えません`);
}

// Offline over http (issue 6 part 5): the service worker (dist/sw.js, scripts/sw.mjs)
// caches the app's own files on the first visit, so the app then opens with the network
// off; a new version is taken up on a later visit, once no page of the old one is open (or
// at once through 「今すぐ更新」), and a page never gets files of two versions. Every request,
// the service worker's own included (Playwright reports them on the context in Chromium),
// goes to the local server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  setupSuite, appTest, appUrl, gotoApp, assert, eventually, createCase, caseLink, readCaseRecord,
  ROOT, DIST, ARTIFACTS, assertNoAxeViolations,
} from './helpers.mjs';
import { startServer } from '../../scripts/static-server.mjs';

setupSuite();

const PREFIX = 'soudan-workbench-';
const NOTICE = '新しいバージョンがあります。このアプリのタブをすべて閉じて開き直すと切り替わります。';

/** The VERSION scripts/sw.mjs wrote into DIR/sw.js. */
function versionOf(dir) {
  const m = /const VERSION = '([0-9a-f]{16})';/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'));
  assert.ok(m, `${dir}/sw.js に VERSION がありません（scripts/sw.mjs で作られていない?）`);
  return m[1];
}

/** Every file under DIR except sw.js, as "/"-separated relative paths, sorted. */
function filesOf(dir, sub = '') {
  return fs.readdirSync(path.join(dir, sub), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesOf(dir, path.join(sub, e.name)) : [path.join(sub, e.name).split(path.sep).join('/')]))
    .filter((f) => f !== 'sw.js')
    .sort();
}

/** Waits until a service worker controls the page (after the first visit's install). */
async function waitControlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** The app's caches in this origin's Cache Storage, and the paths each one holds. */
async function appCaches(page) {
  return page.evaluate(async (prefix) => {
    const out = {};
    for (const name of (await caches.keys()).filter((k) => k.startsWith(prefix))) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => new URL(r.url).pathname.replace(/^\//, '')).sort();
    }
    return out;
  }, PREFIX);
}

/** Requests to anything but `origin` (data: and blob: of the page aside). */
function foreign(requests, origin) {
  return requests.filter(({ url }) => {
    if (/^(data|blob):/.test(url)) return false;
    try {
      return new URL(url).origin !== origin;
    } catch {
      return true;
    }
  });
}

appTest('オフライン: 一度開けばアプリのファイルがすべて保存され、ネットワークなしで開いてケースを作成・保存できる。外部への通信なし', async ({ context, page, errors, requests }) => {
  const origin = new URL(appUrl()).origin;
  const version = versionOf(DIST);
  const files = filesOf(DIST);

  await gotoApp(page);
  // The worker takes control of this first page itself (clients.claim): no reload needed.
  await waitControlled(page);
  assert.deepEqual(await appCaches(page), { [PREFIX + version]: files }, 'キャッシュがこの版のファイルすべてと一致しません');
  // The worker's own fetches are seen by the recorder (else the check below means little).
  assert.ok(requests.some((r) => r.sw && r.url.endsWith('_bg.wasm')), `service worker の取得が記録にありません: ${requests.filter((r) => r.sw).map((r) => r.url).join(', ')}`);

  // A file of the origin that the app does not list (sw.js itself) comes from the network
  // and is not cached.
  assert.equal(await page.evaluate(() => fetch('sw.js').then((r) => r.status)), 200);
  assert.deepEqual(await appCaches(page), { [PREFIX + version]: files }, 'キャッシュに応答が書き足されました');

  await context.setOffline(true);
  // The network is really off, for the page and for the worker: a file the app does not
  // have fails (its console messages are this probe's, not the app's).
  const probe = await page.evaluate(() => fetch('offline-probe.txt').then((r) => `HTTP ${r.status}`, (e) => e.name));
  assert.equal(probe, 'TypeError', 'オフラインになっていません');
  for (let i = errors.length - 1; i >= 0; i--) if (/offline-probe|ERR_INTERNET_DISCONNECTED|FetchEvent/.test(errors[i])) errors.splice(i, 1);

  const nav = await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  assert.ok(nav?.fromServiceWorker(), 'オフラインでの再読み込みが service worker から返っていません');
  const id = await createCase(page, { name: 'オフライン A' });
  await eventually(async () => assert.equal((await readCaseRecord(page, id))?.case?.name, 'オフライン A'));
  await page.reload();
  await caseLink(page, 'オフライン A').waitFor({ timeout: 15_000 });
  // The samples, fetched on demand, are there too.
  const samples = await page.evaluate(() => fetch('samples/index.json').then((r) => r.json()));
  assert.equal(samples.samples.length, 4);

  await context.setOffline(false);
  assert.deepEqual(foreign(requests, origin), [], `アプリ自身（${origin}）以外への通信がありました`);
  assert.deepEqual(await appCaches(page), { [PREFIX + version]: files }, 'キャッシュに応答が書き足されました');
}, { timeout: 90_000 });

// ---------------------------------------------------------------------------------------
// Versions: two copies of dist/ served in turn from one directory.

/** A copy of dist/ marked `label` (a <meta> in index.html, the first sample's title), with
 * its sw.js written again by scripts/sw.mjs: each copy is a version of its own. */
function makeVersion(root, label) {
  const dir = path.join(root, label);
  fs.cpSync(DIST, dir, { recursive: true });
  const index = path.join(dir, 'index.html');
  const html = fs.readFileSync(index, 'utf8');
  assert.ok(html.includes('<title>'));
  fs.writeFileSync(index, html.replace('<title>', () => `<meta name="e2e-build" content="${label}" />\n    <title>`));
  const samples = path.join(dir, 'samples', 'index.json');
  const list = JSON.parse(fs.readFileSync(samples, 'utf8'));
  list.samples[0].title += `（${label}）`;
  fs.writeFileSync(samples, JSON.stringify(list));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'sw.mjs'), dir], { stdio: 'pipe' });
  return { dir, label, version: versionOf(dir), files: filesOf(dir) };
}

/** Serves `live/`, whose contents `serve(v)` replaces by a version's files; stops after
 * the test `t` (after its browser context: the server's close waits for its sockets). */
async function versionedServer(t) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'soudan-offline-'));
  const v1 = makeVersion(root, 'v1');
  const v2 = makeVersion(root, 'v2');
  assert.notEqual(v1.version, v2.version);
  const live = path.join(root, 'live');
  const serve = (v) => {
    fs.rmSync(live, { recursive: true, force: true });
    fs.cpSync(v.dir, live, { recursive: true });
  };
  serve(v1);
  const server = await startServer(live, 0);
  t.after(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return { v1, v2, serve, live, url: server.url, origin: new URL(server.url).origin };
}

/** Which version the page shows: its index.html, and a file it fetches now (through the worker). */
async function shownVersion(page) {
  return page.evaluate(async () => ({
    build: document.querySelector('meta[name="e2e-build"]')?.content,
    sample: (await (await fetch('samples/index.json')).json()).samples[0].title.match(/（(v\d)）$/)?.[1],
  }));
}

const updateNotice = (page) => page.getByRole('status').filter({ hasText: NOTICE });

appTest('更新: 開いているページは自分の版のまま（再読み込みしても）、タブをすべて閉じて開き直すと新しい版だけになり、古いキャッシュは消える', async ({ context, page, requests, t }) => {
  const s = await versionedServer(t);
  const responses = [];
  context.on('response', (r) => responses.push(r));
  await page.goto(s.url);
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  await waitControlled(page);
  assert.deepEqual(await shownVersion(page), { build: 'v1', sample: 'v1' });
  assert.deepEqual(await appCaches(page), { [PREFIX + s.v1.version]: s.v1.files });
  assert.equal(await updateNotice(page).count(), 0, '更新がないのに通知が出ています');

  // The server now has v2. The open page, even reloaded, stays v1: every file from v1's
  // cache, while the browser installs v2 beside it (the reload's update check).
  s.serve(s.v2);
  responses.length = 0;
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  await eventually(async () => assert.equal(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state),
    'installed',
    'v2 がインストールされて待つ状態になりません',
  ), { timeout: 30_000, interval: 200 });
  assert.deepEqual(await shownVersion(page), { build: 'v1', sample: 'v1' }, '再読み込みで新しい版が混ざりました');
  const pageFiles = responses.filter((r) => !r.request().serviceWorker() && r.frame().page() === page && !r.url().endsWith('/sw.js'));
  assert.ok(pageFiles.length >= 4, `ページの応答が記録されていません: ${pageFiles.length}`);
  assert.deepEqual(pageFiles.filter((r) => !r.fromServiceWorker()).map((r) => r.url()), [], 'v1 のキャッシュ以外から読んだファイルがあります');
  assert.deepEqual(await appCaches(page), { [PREFIX + s.v1.version]: s.v1.files, [PREFIX + s.v2.version]: s.v2.files });
  // The quiet notice says so.
  await updateNotice(page).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'offline-update-notice.png') }).catch(() => {});
  await assertNoAxeViolations(page, '更新の通知');
  // A tab opened now is still v1 (v1 is active while a v1 page is open), and it is told too.
  const third = await context.newPage();
  await third.goto(s.url);
  await third.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  assert.deepEqual(await shownVersion(third), { build: 'v1', sample: 'v1' });
  await updateNotice(third).waitFor();

  // All pages closed: the waiting v2 takes over; the next page is v2 only, v1's cache gone.
  await page.close();
  await third.close();
  const next = await context.newPage();
  responses.length = 0;
  await next.goto(s.url);
  await next.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  assert.deepEqual(await shownVersion(next), { build: 'v2', sample: 'v2' }, 'タブを閉じて開き直しても新しい版になりません');
  const nextFiles = responses.filter((r) => !r.request().serviceWorker() && r.frame().page() === next && !r.url().endsWith('/sw.js'));
  assert.ok(nextFiles.length >= 4);
  assert.deepEqual(nextFiles.filter((r) => !r.fromServiceWorker()).map((r) => r.url()), [], 'v2 のキャッシュ以外から読んだファイルがあります');
  assert.ok((await next.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).endsWith('/sw.js'));
  await eventually(async () => assert.deepEqual(await appCaches(next), { [PREFIX + s.v2.version]: s.v2.files }, '古い版のキャッシュが残っています'));
  assert.equal(await updateNotice(next).count(), 0, '切り替わった後も通知が出ています');
  assert.deepEqual(foreign(requests, s.origin), [], `アプリ自身（${s.origin}）以外への通信がありました`);
}, { timeout: 120_000 });

appTest('更新: 「今すぐ更新」で待っている版に切り替わり、開いているタブはどれも読み込み直されて新しい版になる', async ({ context, page, requests, t }) => {
  const s = await versionedServer(t);
  await page.goto(s.url);
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  await waitControlled(page);
  const other = await context.newPage();
  await other.goto(s.url);
  await other.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  assert.equal((await shownVersion(other)).build, 'v1');

  s.serve(s.v2);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  // Both tabs hear of the waiting version; neither has switched.
  await updateNotice(page).waitFor({ timeout: 30_000 });
  await updateNotice(other).waitFor();
  assert.equal((await shownVersion(page)).build, 'v1');
  assert.equal((await shownVersion(other)).build, 'v1');

  const button = updateNotice(page).getByRole('button', { name: '今すぐ更新', exact: true });
  await Promise.all([
    page.waitForEvent('load', { timeout: 15_000 }),
    other.waitForEvent('load', { timeout: 15_000 }),
    button.click(),
  ]);
  for (const p of [page, other]) {
    await p.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(await shownVersion(p), { build: 'v2', sample: 'v2' });
    assert.equal(await updateNotice(p).count(), 0);
  }
  await eventually(async () => assert.deepEqual(await appCaches(page), { [PREFIX + s.v2.version]: s.v2.files }, '古い版のキャッシュが残っています'));
  assert.deepEqual(foreign(requests, s.origin), [], `アプリ自身（${s.origin}）以外への通信がありました`);
}, { timeout: 120_000 });

appTest('更新: 途中までの配置（新しい sw.js に古いファイルが混ざる）は入れず、古い版のまま。揃えば入る', async ({ context, page, requests, t }) => {
  const s = await versionedServer(t);
  await page.goto(s.url);
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  await waitControlled(page);

  // v2's sw.js with one file still v1's, as in the middle of copying a new version over.
  s.serve(s.v2);
  fs.copyFileSync(path.join(s.v1.dir, 'samples', 'index.json'), path.join(s.live, 'samples', 'index.json'));
  assert.equal(await newWorkerState(page), 'redundant', '揃っていない版がインストールされました');
  assert.deepEqual(await appCaches(page), { [PREFIX + s.v1.version]: s.v1.files }, 'キャッシュが変わりました');
  assert.equal(await updateNotice(page).count(), 0, '入らなかった版の通知が出ています');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  assert.deepEqual(await shownVersion(page), { build: 'v1', sample: 'v1' });

  // The copy complete: v2 installs and waits.
  s.serve(s.v2);
  assert.equal(await newWorkerState(page), 'installed');
  await updateNotice(page).waitFor();
  assert.deepEqual(foreign(requests, s.origin), [], `アプリ自身（${s.origin}）以外への通信がありました`);
}, { timeout: 120_000 });

/** Asks the browser to check for a new sw.js now, and returns where the new worker ends:
 * 'installed' (waiting) or 'redundant' (its install failed). */
async function newWorkerState(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const found = new Promise((resolve) => reg.addEventListener('updatefound', () => resolve(reg.installing), { once: true }));
    await reg.update().catch(() => {});
    const w = reg.installing ?? reg.waiting ?? (await Promise.race([found, new Promise((r) => setTimeout(() => r(null), 10_000))]));
    if (!w) return 'no new worker';
    if (w.state === 'installed' || w.state === 'redundant') return w.state;
    return new Promise((resolve) => w.addEventListener('statechange', () => {
      if (w.state === 'installed' || w.state === 'redundant') resolve(w.state);
    }));
  });
}

// ---------------------------------------------------------------------------------------
// 「すべて消す」 forgets the offline copy too (ui::offline::forget_offline_copy).

appTest('消去: 「すべて消す」で service worker の登録とアプリのキャッシュも消え（ほかのキャッシュは残る）、次に開くとネットワークから読む', async ({ page, requests }) => {
  const origin = new URL(appUrl()).origin;
  await gotoApp(page);
  await waitControlled(page);
  assert.equal(Object.keys(await appCaches(page)).length, 1);
  await page.evaluate(() => caches.open('other-app-cache'));

  await page.goto(appUrl('#/settings'));
  await page.getByRole('textbox', { name: '確認のため「すべて消す」と入力してください', exact: true }).fill('すべて消す');
  await page.getByRole('main').getByRole('button', { name: 'すべて消す', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  await eventually(async () => {
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, 'service worker の登録が残っています');
    assert.deepEqual(await appCaches(page), {}, 'アプリのキャッシュが残っています');
  });
  assert.ok((await page.evaluate(() => caches.keys())).includes('other-app-cache'), 'ほかのキャッシュまで消えました');

  // The next visit is served by the network (and, online, caches the app again).
  const nav = await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  assert.equal(nav?.fromServiceWorker(), false, '消した後の読み込みが service worker から返りました');
  assert.deepEqual(foreign(requests, origin), [], `アプリ自身（${origin}）以外への通信がありました`);
});

// Shared harness for the browser tests (node's own test runner + playwright-core driving
// Debian's chromium). Each test file calls `setupSuite()` once (one browser + one static
// server per file) and declares its tests with `appTest(name, async (ctx) => { … })`:
// every test gets a fresh browser context (fresh localStorage), a console/pageerror
// collector that fails the test on any error (a Rust panic shows up as a console error
// mentioning "panicked"), and a recorder of every request the context makes.
//
// Run:  node --test --test-concurrency=1 tests/e2e/
// Env:  E2E_DIST=dir      serve another build instead of dist/
//       E2E_HEADFUL=1     show the browser window (needs a display)
//       E2E_SLOWMO=ms     slow every action down (debugging)
// On failure a screenshot of every open page is written to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';
import { CHROMIUM, LAUNCH_ARGS } from '../../scripts/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const DIST = path.resolve(ROOT, process.env.E2E_DIST ?? 'dist');
export const ARTIFACTS = path.join(HERE, 'artifacts');
const AXE_PATH = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export const CASE_KEY_PREFIX = 'soudan-workbench/case/';
export const STAGES = ['インテーク', 'アセスメント', '計画案', '担当者会議', '計画', 'モニタリング', '評価'];
export const NAME_LABEL = '氏名（仮名・イニシャル）※必須';


/** Suite-wide state: filled in by the `before` hook that `setupSuite` registers. */
const suite = { browser: null, server: null, url: null };

/**
 * Registers the per-file hooks: start the static server on dist/ and launch chromium once.
 * Call at the top level of each *.test.mjs file.
 */
/** Debian's Chromium with the shared flags (E2E_CHROMIUM, E2E_HEADFUL, E2E_SLOWMO to debug). */
function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? CHROMIUM,
    args: LAUNCH_ARGS,
    headless: !process.env.E2E_HEADFUL,
    slowMo: Number(process.env.E2E_SLOWMO ?? 0),
  });
}

export function setupSuite() {
  before(async () => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) {
      throw new Error(`${DIST}/index.html がありません: 先に scripts/build を実行してください`);
    }
    suite.server = await startServer(DIST, 0);
    suite.url = suite.server.url;
    suite.browser = await launchBrowser();
  });
  after(async () => {
    // Close the browser first: the server's close() waits for its keep-alive sockets.
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * Like `setupSuite`, but only the browser, no server: for pages opened from file://
 * (the single-file build). `appTest` and `newContext` work as usual; `appUrl` does not.
 */
export function setupBrowser() {
  before(async () => {
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
  });
  return suite;
}

export function appUrl(hash = '') {
  return suite.url + hash;
}

/**
 * Creates a fresh browser context with a console-error collector and a request recorder
 * attached to every page it opens (also pages opened later, e.g. a second tab).
 */
export async function newContext(options = {}) {
  const context = await suite.browser.newContext({ locale: 'ja-JP', acceptDownloads: true, ...options });
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(15_000);
  const errors = [];
  const requests = [];
  // `sw`: made by the app's service worker itself (Chromium reports those on the context too).
  context.on('request', (req) => requests.push({ url: req.url(), method: req.method(), type: req.resourceType(), sw: !!req.serviceWorker() }));
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location()?.url ?? '';
      // Chromium asks for /favicon.ico by itself; its 404 is not the app's doing.
      if (/\/favicon\.ico$/.test(where)) return;
      errors.push(`console.error: ${msg.text()}${where ? `  (${where})` : ''}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('crash', () => errors.push('page crashed'));
    page.on('websocket', (ws) => requests.push({ url: ws.url(), method: 'WEBSOCKET', type: 'websocket' }));
  };
  context.on('page', watch);
  const page = await context.newPage();
  return { context, page, errors, requests };
}

export function assertNoConsoleErrors(errors) {
  const panics = errors.filter((e) => /panicked/.test(e));
  assert.deepEqual(
    errors,
    [],
    `ブラウザのコンソールにエラーが出ました${panics.length ? '（Rust の panic を含む）' : ''}:\n  ${errors.join('\n  ')}`,
  );
}

/**
 * Declares a test with a fresh context. `fn` receives { context, page, errors, requests }.
 * After `fn`, the test fails if any console error / page error was seen.
 */
export function appTest(name, fn, { timeout = 60_000, contextOptions = {}, skip } = {}) {
  return test(name, { timeout, skip }, async (t) => {
    const ctx = await newContext(contextOptions);
    let failed = true;
    try {
      await fn({ ...ctx, t });
      failed = false;
    } finally {
      if (failed) await screenshotAll(ctx.context, name).catch(() => {});
      await ctx.context.close().catch(() => {});
    }
    assertNoConsoleErrors(ctx.errors);
  });
}

async function screenshotAll(context, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const base = name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 80);
  let i = 0;
  for (const p of context.pages()) {
    if (p.isClosed()) continue;
    await p.screenshot({ path: path.join(ARTIFACTS, `${base}-${i++}.png`), fullPage: true, timeout: 3_000 });
  }
}

/** Navigates to the app (optionally a hash route) and waits for the case list heading. */
export async function gotoApp(page, hash = '') {
  await page.goto(appUrl(hash));
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
}

/** Navigates to any route and waits until the app has mounted (a <main> with an h1). */
export async function gotoRoute(page, hash) {
  await page.goto(appUrl(hash));
  await page.locator('main h1').first().waitFor({ timeout: 15_000 });
}

/** Reloads and waits until the app has mounted again. */
export async function reloadApp(page) {
  await page.reload();
  await page.locator('main h1').first().waitFor({ timeout: 15_000 });
}

// ---------------------------------------------------------------------------------------
// Case list helpers

export function createForm(page) {
  // The list page has exactly one such form; scope to <main> so the exact DOM nesting of
  // the 「新しいケースを作成」 heading does not matter.
  const form = page.getByRole('main');
  return {
    name: form.getByRole('textbox', { name: NAME_LABEL, exact: true }),
    number: form.getByRole('textbox', { name: '受給者証番号', exact: true }),
    category: form.getByRole('combobox', { name: '障害支援区分', exact: true }),
    child: form.getByRole('checkbox', { name: '障害児（障害児支援利用計画）', exact: true }),
    submit: form.getByRole('button', { name: 'ケースを作成', exact: true }),
  };
}

/** Creates a case through the list page form (mouse/fill) and waits until its row shows. */
export async function createCase(page, { name, number, category, child } = {}) {
  const f = createForm(page);
  await f.name.fill(name);
  if (number !== undefined) await f.number.fill(number);
  if (category !== undefined) await f.category.selectOption({ label: category });
  if (child !== undefined) await f.child.setChecked(child);
  await f.submit.click();
  await caseLink(page, name).waitFor();
  return caseIdFromList(page, name);
}

export function caseTable(page) {
  return page.getByRole('table').filter({ has: page.locator('caption', { hasText: '最終更新の新しい順' }) });
}

/** Body rows of the case table (rows that contain a cell, not the header row). */
export function caseRows(page) {
  return caseTable(page).getByRole('row').filter({ has: page.getByRole('cell') });
}

export function caseRow(page, name) {
  return caseRows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
}

/**
 * Accessible name of a row button: 「アーカイブ（NAME）」. Chromium puts a space between the
 * visible text and a visually-hidden (position:absolute) span when it computes the name;
 * screen readers read both the same, so one optional space is accepted.
 */
export function rowButtonName(label, name) {
  return new RegExp(`^${escapeRe(label)}\\s?（${escapeRe(name)}）$`);
}

export function rowButton(page, label, name) {
  return caseRow(page, name).getByRole('button', { name: rowButtonName(label, name) });
}

export function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function caseLink(page, name) {
  return caseTable(page).getByRole('link', { name, exact: true });
}

/** Names in the case table, in display order (the link text of each row). */
export async function listedNames(page) {
  const rows = caseRows(page);
  const n = await rows.count();
  const names = [];
  for (let i = 0; i < n; i++) names.push((await rows.nth(i).getByRole('link').first().innerText()).trim());
  return names;
}

export async function caseIdFromList(page, name) {
  const href = await caseLink(page, name).getAttribute('href');
  const m = /#\/case\/([^/?#]+)$/.exec(href ?? '');
  assert.ok(m, `ケース「${name}」のリンクが #/case/<id> ではありません: ${href}`);
  return decodeURIComponent(m[1]);
}

export function caseIdFromUrl(page) {
  const m = /#\/case\/([^/?#]+)/.exec(new URL(page.url()).hash);
  assert.ok(m, `URL がケース画面ではありません: ${page.url()}`);
  return decodeURIComponent(m[1]);
}

// ---------------------------------------------------------------------------------------
// Case page helpers

export function casePage(page) {
  const main = page.getByRole('main');
  return {
    name: main.getByRole('textbox', { name: NAME_LABEL, exact: true }),
    number: main.getByRole('textbox', { name: '受給者証番号', exact: true }),
    category: main.getByRole('combobox', { name: '障害支援区分', exact: true }),
    child: main.getByRole('checkbox', { name: '障害児（障害児支援利用計画）', exact: true }),
    stage: main.getByRole('combobox', { name: '現在の段階', exact: true }),
    back: page.getByRole('link', { name: 'ケース一覧に戻る', exact: true }),
    stepNav: page.getByRole('navigation', { name: '支援の流れ', exact: true }),
  };
}

/** The save-status live region in the header. */
export function saveStatus(page) {
  return page.getByRole('banner').getByRole('status');
}

/** Opens a case from the list by clicking its name, and waits for its page. */
export async function openCase(page, name) {
  await caseLink(page, name).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

// ---------------------------------------------------------------------------------------
// localStorage helpers (read directly, as the user's data is what matters)

export async function storageSnapshot(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

export async function readRaw(page, key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** The stored record of case `id`, parsed. With `whole` (the default) the frozen history the
 *  app keeps in its own record (`…/history/…`, src/store/history.rs) is put back into `case`,
 *  so the case reads as the app reads it; `history` still says where it came from. A history
 *  record that is named but missing or unreadable throws. Records in the clear only. */
export async function readCaseRecord(page, id, { whole = true } = {}) {
  const raw = await readRaw(page, CASE_KEY_PREFIX + id);
  if (raw === null) return null;
  const record = JSON.parse(raw);
  if (!whole || !record.history) return record;
  const fnv8 = record.history.fnv.slice(0, 8);
  const key = `${CASE_KEY_PREFIX}${id}/history/${record.history.revision}-${fnv8}`;
  const packed = await readRaw(page, key);
  if (packed === null) throw new Error(`履歴の記録 ${key} がありません`);
  const history = JSON.parse(unpackHistory(packed)).history;
  for (const [field, items] of Object.entries(history)) {
    record.case[field] = [...items, ...(record.case[field] ?? [])];
  }
  return record;
}

/** `deflate1:<bytes>:<b15>` → the JSON text (raw deflate; b15 as in store::seal::b15). */
export function unpackHistory(text) {
  const m = /^deflate1:(\d+):(.*)$/s.exec(text);
  if (!m) throw new Error('履歴の記録の形ではありません');
  const len = Number(m[1]);
  const out = Buffer.alloc(len);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const ch of m[2]) {
    acc = ((acc << 15) | (ch.codePointAt(0) - 0x4000)) & 0x3fffff;
    bits += 15;
    while (bits >= 8 && n < len) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return zlib.inflateRawSync(out).toString('utf8');
}

/** Waits until the stored record of case `id` has `case.name === name`. */
export async function waitForStoredName(page, id, name, timeout = 5_000, why = '') {
  await page.waitForFunction(
    ([key, n]) => {
      try {
        return JSON.parse(localStorage.getItem(key))?.case?.name === n;
      } catch {
        return false;
      }
    },
    [CASE_KEY_PREFIX + id, name],
    { timeout },
  ).catch(async (err) => {
    const raw = await readRaw(page, CASE_KEY_PREFIX + id).catch(() => '(読めない)');
    let stored;
    try {
      stored = JSON.parse(raw)?.case?.name;
    } catch {
      stored = raw;
    }
    throw new Error(`${why ? why + ': ' : ''}保存された氏名が ${timeout} ms 以内に「${name}」になりません（保存されているのは「${stored}」）\n${err.message.split('\n')[0]}`);
  });
}

// ---------------------------------------------------------------------------------------
// Keyboard helpers: move focus with Tab only (never a click).

export async function isFocused(locator) {
  return locator.evaluate((el) => el === document.activeElement).catch(() => false);
}

/**
 * Presses Tab (or Shift+Tab) until `locator` has focus; fails after `max` presses. The
 * element is resolved once, so long walks through a big screen stay quick.
 */
export async function tabTo(page, locator, { max = 80, shift = false } = {}) {
  await locator.waitFor();
  const el = await locator.elementHandle();
  const focused = () => el.evaluate((e) => e === document.activeElement).catch(() => false);
  for (let i = 0; i < max; i++) {
    if (await focused()) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  if (await focused()) return;
  assert.fail(`${shift ? 'Shift+Tab' : 'Tab'} を ${max} 回押しても目的の要素にフォーカスが移りません（今: ${await activeDescription(page)}）`);
}

/** What has focus, for failure messages. */
export async function activeDescription(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(body: フォーカスなし)';
    return `${el.tagName.toLowerCase()}#${el.id} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''}`;
  });
}

// ---------------------------------------------------------------------------------------
// axe-core

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeSource = null;

/**
 * Runs axe-core on the current page and fails on any violation.
 * The page's CSP forbids inline scripts, so `page.addScriptTag` is blocked (and logs a
 * console error). `page.evaluate(source)` goes through the DevTools protocol, which CSP
 * does not govern: the CSP stays fully in force, no `bypassCSP` needed.
 */
export async function assertNoAxeViolations(page, label) {
  axeSource ??= fs.readFileSync(AXE_PATH, 'utf8');
  const has = await page.evaluate(() => typeof window.axe === 'object');
  if (!has) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) =>
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`),
          })),
        ),
    WCAG_TAGS,
  );
  const text = violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n}`).join('\n')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe の違反（${label}）:\n${text}`);
}

// ---------------------------------------------------------------------------------------
// Dates: what the browser itself says today is, for comparing with the list's 最終更新.

export async function browserToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    return {
      wareki: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
        era: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
      }).format(d),
      y: d.getFullYear(),
      m: d.getMonth() + 1,
      d: d.getDate(),
      minutes: d.getHours() * 60 + d.getMinutes(),
    };
  });
}

export async function readDownload(download) {
  const p = await download.path();
  return fs.readFileSync(p, 'utf8');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Retries `check` (an async function that throws on failure, e.g. with assert) until it
 * passes or `timeout` ms have gone by; then rethrows its last error. Playwright's `expect`
 * is not part of playwright-core, so this stands in for its auto-retrying assertions.
 */
export async function eventually(check, { timeout = 5_000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
    }
    await sleep(interval);
  }
}

/** Visible text of a locator with whitespace collapsed. */
export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}
export { assert };

// ---------------------------------------------------------------------------------------
// Sample records, settings and the check panel (plan check, 地域課題, 評価・助言, matrix, wipe)

/** The first stored record (envelope) of a sample file in public/samples/, with `spoil(case)` applied. */
export function sampleEnvelope(file, spoil = () => {}) {
  const env = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples', file), 'utf8')).cases[0];
  spoil(env.case);
  return env;
}

/** Stores the records as the app stores them (on the app's origin); the app reads them when it next loads. */
export async function storeEnvelopes(page, envelopes) {
  await gotoRoute(page, '');
  const items = envelopes.map((env) => [CASE_KEY_PREFIX + env.case.id, JSON.stringify(env)]);
  await page.evaluate((kv) => { for (const [k, v] of kv) localStorage.setItem(k, v); }, items);
}

/** 設定: chooses the level (初任者・現任・主任) and waits until it is saved. */
export async function chooseLevel(page, label) {
  await gotoRoute(page, '#/settings');
  await page.getByRole('radio', { name: label, exact: true }).check();
  await eventually(async () => assert.match(await saveStatus(page).innerText(), /設定を保存しました/));
}

/** The 計画チェック panel beside the plan. */
export function checkPanel(page) {
  return page.getByRole('complementary', { name: '計画チェック' });
}

/** Waits until the stored case satisfies `check(case, record)` (which throws with assert). */
export async function waitForStored(page, id, check, timeout = 5_000) {
  return eventually(async () => {
    const rec = await readCaseRecord(page, id);
    assert.ok(rec?.case, '保存されたケースがありません');
    return check(rec.case, rec);
  }, { timeout });
}

/** Japanese input through the IME, as Chromium's DevTools protocol drives it: the reading
 * composed one character at a time, then the conversion committed. `pauseMs` waits in the
 * middle of the composition (e.g. to let an autosave fire). */
export async function imeType(cdp, reading, result, { pauseMs = 0 } = {}) {
  for (let i = 1; i <= reading.length; i++) {
    const s = reading.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
  }
  if (pauseMs) await sleep(pauseMs);
  await cdp.send('Input.imeSetComposition', { text: result, selectionStart: result.length, selectionEnd: result.length });
  await cdp.send('Input.insertText', { text: result });
}

// ---------------------------------------------------------------------------------------
// Import, a full store, the passphrase (import, protection and the adversarial suite)

/** The list's 「ファイルから読み込む」 file input, its error box and its question box. */
export const fileInput = (page) => page.getByLabel('ファイルから読み込む', { exact: true });
export const importErrorBox = (page) => page.locator('#import-error');
export const importConfirmBox = (page) => page.locator('#import-confirm');

/** Chooses a file of `text` (a string, as UTF-8, or a Buffer of bytes) in 「ファイルから読み込む」. */
export async function importText(page, text, name = 'cases.json') {
  const buffer = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  await fileInput(page).setInputFiles({ name, mimeType: 'application/json', buffer });
}

/** 「すべてのケースを書き出す」: the downloaded file's text. */
export async function exportAll(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'すべてのケースを書き出す', exact: true }).click(),
  ]);
  return readDownload(download);
}

/** Fills localStorage to the last character with keys `e2e-filler-<i>`, then frees `room`
 *  characters of the first filler. Returns the number of filler keys. */
export async function fillStorage(page, room = 0) {
  return page.evaluate((room) => {
    let chunk = 1 << 21;
    let i = 0;
    while (chunk >= 1) {
      try {
        localStorage.setItem('e2e-filler-' + i, 'x'.repeat(chunk));
        i++;
      } catch (e) {
        if (e.name !== 'QuotaExceededError') throw e;
        chunk = Math.floor(chunk / 2);
      }
    }
    // The keys themselves cost quota: top up the last filler one character at a time.
    const last = 'e2e-filler-' + (i - 1);
    for (;;) {
      try {
        localStorage.setItem(last, localStorage.getItem(last) + 'x');
      } catch (e) {
        if (e.name !== 'QuotaExceededError') throw e;
        break;
      }
    }
    let full = false;
    try {
      localStorage.setItem('e2e-probe', 'y');
      localStorage.removeItem('e2e-probe');
    } catch {
      full = true;
    }
    if (!full) throw new Error('localStorage をいっぱいにできませんでした');
    const first = localStorage.getItem('e2e-filler-0');
    localStorage.setItem('e2e-filler-0', first.slice(0, first.length - room));
    return i;
  }, room);
}

/** Removes what `fillStorage` wrote. */
export async function emptyFillers(page, count) {
  await page.evaluate((n) => {
    for (let i = 0; i < n; i++) localStorage.removeItem('e2e-filler-' + i);
  }, count);
}

/** 設定 → データの保護: sets (or changes, with `current`) the passphrase; the caller waits for the result. */
export async function setPassphrase(page, pass, current) {
  const field = (name) => page.getByLabel(name, { exact: true });
  // By hash, not by loading the page again: a reload locks.
  await page.evaluate(() => { location.hash = '#/settings'; });
  await page.getByRole('heading', { level: 1, name: '設定' }).waitFor({ timeout: 15_000 });
  if (current !== undefined) await field('今の合言葉').fill(current);
  await field('新しい合言葉').fill(pass);
  await field('新しい合言葉（確認のためもう一度）').fill(pass);
  await page.getByRole('button', { name: current === undefined ? '合言葉を設定して暗号化する' : '合言葉を変更する' }).click();
}

/** The lock screen's form: types the passphrase and presses 開く. */
export async function unlock(page, pass) {
  await page.getByLabel('合言葉', { exact: true }).fill(pass);
  await page.getByRole('button', { name: '開く', exact: true }).click();
}

/** To the case list without reloading (a reload locks). */
export async function home(page) {
  await page.evaluate(() => { location.hash = '#/'; });
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
}

export const lockHeading = (page) => page.getByRole('heading', { level: 1, name: 'ロック中' });

/** Fails if any key or value of a storage snapshot holds one of `markers` in the clear. */
export function assertNoPlaintext(snapshot, markers) {
  const all = Object.entries(snapshot).map(([k, v]) => `${k}=${v}`).join('\n');
  for (const m of markers) assert.ok(!all.includes(m), `保存領域に「${m}」が暗号化されずに残っています`);
}

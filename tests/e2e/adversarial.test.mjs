// The adversarial suite (issue 19): what a hostile but realistic tester tries, kept here
// and run with the other browser tests. Nothing in it is a committed blob: every file is
// made by `adversarial-corpus.mjs` in memory.
//
// - the import corpus: truncated, wrong shape, deep wrong types, a future schema_version,
//   huge ids, 100k-deep nesting, NaN, lone-surrogate escapes, trailing garbage, two records
//   of one id, Shift_JIS, a BOM, a file bigger than the store: each refused in Japanese with
//   storage byte-identical (the BOM file imported);
// - the full store: an edit made while nothing can be saved stays on screen and in the
//   export, storage is untouched, and it is saved once there is room;
// - the locked app: no case text on the page or in storage in the clear, on any route, even
//   while another tab edits; no import while locked;
// - the two-tab race: two tabs edit different fields of one case and save in the same
//   instant, round after round; each round, the stored record holds both edits or the tab
//   whose edit is missing shows the conflict with its edit still on screen.
import {
  appTest, assert, setupSuite, gotoApp, gotoRoute, reloadApp, createCase, openCase, casePage, readCaseRecord,
  readRaw, eventually, sleep, listedNames, storageSnapshot, importText, importErrorBox, exportAll, fillStorage,
  emptyFillers, caseLink, sampleEnvelope, storeEnvelopes, setPassphrase, unlock, home, lockHeading,
  assertNoPlaintext, fileInput, CASE_KEY_PREFIX,
} from './helpers.mjs';
import { importCorpus } from './adversarial-corpus.mjs';

setupSuite();

// ---------------------------------------------------------------------------------------
// The import corpus

/** How many characters of 'x' the browser's localStorage holds (keys aside). */
async function storeCapacity(page) {
  const count = await fillStorage(page, 0);
  const chars = await page.evaluate((n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += localStorage.getItem('e2e-filler-' + i).length;
    return sum;
  }, count);
  await emptyFillers(page, count);
  return chars;
}

appTest('読み込み: 敵対的なファイル一式を、それぞれ日本語の理由を示して断り（BOM 付きは読み込み）、断ったときは保存データが1バイトも変わらない', async ({ page, t }) => {
  await gotoApp(page);
  await createCase(page, { name: '既存 Z', number: '1234567890' });
  const corpus = importCorpus({ storeChars: await storeCapacity(page) });
  let names = ['既存 Z'];
  for (const entry of corpus) {
    const label = `${entry.what}（${entry.name}、${entry.bytes.length} バイト）`;
    const before = await storageSnapshot(page);
    await importText(page, entry.bytes, entry.name);
    if (entry.refused) {
      await importErrorBox(page).getByText(`「${entry.name}」は読み込みませんでした。`).waitFor({ timeout: 30_000 });
      const shown = (await importErrorBox(page).innerText()).replace(/\s+/g, ' ');
      t.diagnostic(`${label}: ${shown}`);
      for (const pattern of entry.refused) assert.match(shown, pattern, `${label}: 断る理由が違います`);
      const after = await storageSnapshot(page);
      assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), `${label}: 断ったのに保存データのキーが変わりました`);
      for (const k of Object.keys(before)) assert.ok(after[k] === before[k], `${label}: 断ったのに ${k} が変わりました`);
    } else {
      await page.getByText(`${entry.imports.length}件のケースを読み込みました。`, { exact: true }).waitFor({ timeout: 30_000 });
      names = [...names, ...entry.imports];
    }
    assert.deepEqual((await listedNames(page)).sort(), [...names].sort(), `${label}: 一覧が違います`);
  }
  await reloadApp(page);
  await caseLink(page, '既存 Z').waitFor();
  assert.deepEqual((await listedNames(page)).sort(), [...names].sort(), '再読み込み後の一覧が違います');
}, { timeout: 150_000 });

// ---------------------------------------------------------------------------------------
// The full store

appTest('保存容量がいっぱい: その間の入力は画面と書き出しに残り、保存データは変わらず、空きができると保存される', async ({ page }) => {
  await gotoApp(page);
  const id = await createCase(page, { name: '満杯 M' });
  await createCase(page, { name: 'ほか N' });
  await openCase(page, '満杯 M');
  const record = await readRaw(page, CASE_KEY_PREFIX + id);
  const fillers = await fillStorage(page, 0);
  const full = await storageSnapshot(page);

  const cp = casePage(page);
  await cp.name.fill('満杯 M 満杯の間に変えた氏名');
  await cp.number.fill('2468013579');
  const alert = page.getByRole('alert').filter({ hasText: '保存できませんでした' });
  await alert.waitFor();
  // Leaving the tab (a flush) while full: nothing changes in storage.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  assert.equal(await readRaw(page, CASE_KEY_PREFIX + id), record, '満杯なのに記録が変わりました');
  assert.deepEqual(Object.keys(await storageSnapshot(page)).sort(), Object.keys(full).sort(), '満杯なのに保存データのキーが変わりました');
  // To another screen and back: the edit is still there.
  await cp.back.click();
  await caseLink(page, '満杯 M 満杯の間に変えた氏名').waitFor();
  await openCase(page, '満杯 M 満杯の間に変えた氏名');
  assert.equal(await casePage(page).number.inputValue(), '2468013579', '画面を移ると満杯の間の入力が消えました');
  // The export holds what could not be saved.
  const exported = JSON.parse(await exportAll(page));
  const mine = exported.cases.find((r) => r.case.id === id).case;
  assert.equal(mine.name, '満杯 M 満杯の間に変えた氏名', '書き出したファイルに保存できなかった入力がありません');
  assert.equal(mine.certificate_no, '2468013579');

  // Room is made: the next input saves everything typed meanwhile.
  await emptyFillers(page, fillers);
  await casePage(page).name.fill('満杯 M 空いた後');
  await eventually(async () => {
    const saved = (await readCaseRecord(page, id)).case;
    assert.equal(saved.name, '満杯 M 空いた後');
    assert.equal(saved.certificate_no, '2468013579', '満杯の間の入力が保存されていません');
  });
  await alert.waitFor({ state: 'hidden' });
  await reloadApp(page);
  await casePage(page).number.waitFor();
  assert.equal(await casePage(page).number.inputValue(), '2468013579', '再読み込み後に満杯の間の入力がありません');
});

// ---------------------------------------------------------------------------------------
// The locked app

const PASS = 'うみべの町で朝ごはん';
const sample = sampleEnvelope('sample-1-chiteki.json');
const MARKERS = [sample.case.name, '森下', sample.case.plan.person_wishes.slice(0, 12), 'スーパーで働きたい'];

appTest('ロック中: どの画面を開いてもケースの文字は画面にも保存領域にも平文でなく、別のタブの編集中も同じ。ファイルは読み込めない', async ({ context, page }) => {
  await storeEnvelopes(page, [sample]);
  await reloadApp(page);
  await setPassphrase(page, PASS);
  await page.locator('#passphrase-done').filter({ hasText: 'すべてのデータを暗号化しました' }).waitFor({ timeout: 15_000 });
  // A second tab, unlocked, goes on editing the case.
  const other = await context.newPage();
  await gotoRoute(other, '#/');
  await unlock(other, PASS);
  await other.getByRole('link', { name: sample.case.name }).click();
  await other.getByRole('heading', { level: 1 }).filter({ hasText: sample.case.name }).waitFor({ timeout: 15_000 });

  await reloadApp(page);
  await lockHeading(page).waitFor();
  const marker = 'ロック中に別のタブで書いた言葉ほたる';
  for (const route of ['#/', `#/case/${encodeURIComponent(sample.case.id)}`, '#/settings', '#/community-issues', '#/matrix']) {
    await page.evaluate((r) => { location.hash = r; }, route);
    await lockHeading(page).waitFor();
    const html = await page.content();
    for (const m of [...MARKERS, marker]) assert.ok(!html.includes(m), `ロック中の画面（${route}）に「${m}」があります`);
    assert.ok(!(await page.title()).includes(sample.case.name), `ロック中のタイトル（${route}）に氏名があります`);
    assert.equal(await fileInput(page).count(), 0, `ロック中（${route}）にファイルを読み込めます`);
    assertNoPlaintext(await storageSnapshot(page), [...MARKERS, marker]);
  }
  // The other tab saves an edit: still nothing here, and sealed in storage.
  await casePage(other).name.waitFor();
  await other.getByRole('main').getByRole('textbox').last().fill(marker);
  await eventually(async () => {
    const raw = await readRaw(other, CASE_KEY_PREFIX + sample.case.id);
    assert.ok(raw.startsWith('{"sealed":'), '封印されていません');
  });
  await sleep(600);
  assert.ok(!(await page.content()).includes(marker), 'ロック中の画面に別のタブの編集が出ました');
  assertNoPlaintext(await storageSnapshot(page), [...MARKERS, marker]);
  await lockHeading(page).waitFor();

  await unlock(page, PASS);
  await home(page).catch(() => {});
  await page.evaluate((r) => { location.hash = r; }, `#/case/${encodeURIComponent(sample.case.id)}`);
  await eventually(async () => assert.equal(await page.getByRole('main').getByRole('textbox').last().inputValue(), marker), { timeout: 15_000 });
}, { timeout: 90_000 });

// ---------------------------------------------------------------------------------------
// The two-tab race (issue 19, item 3)

const conflictAlert = (page) => page.getByRole('alert').filter({ hasText: 'このケースは別のタブで変更されました' });

/**
 * Types `value` into the input `selector` exactly at the instant `at` (ms since the epoch,
 * the same clock in every page of the machine) and, with `pagehide`, then flushes at once
 * as leaving the page does; otherwise the autosave runs after its typing pause, at the same
 * instant in both tabs. The input is looked up at that instant (a form re-created since
 * would otherwise get the value on a detached element, which no user can type into).
 * Resolves with the time the input happened.
 */
function editAt(page, selector, at, value, { pagehide = false } = {}) {
  return page.evaluate(
    ([selector, at, value, pagehide]) =>
      new Promise((resolve) => {
        const go = () => {
          // The last few ms spin: a timer alone is a few ms late, differently in each tab.
          while (Date.now() < at);
          const el = document.querySelector(selector);
          el.value = value;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          if (pagehide) window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
          resolve(Date.now());
        };
        setTimeout(go, Math.max(0, at - Date.now() - 10));
      }),
    [selector, at, value, pagehide],
  );
}

/**
 * Runs `rounds` races between pages `A` (edits the name) and `B` (edits the 受給者証番号) on
 * case `id`. After each, the stored record has both edits, or at least one tab shows the
 * conflict (what must hold); and, as designed, it is the tab whose edit is missing that
 * shows it, with its edit still on screen. Then every conflict is answered with
 * 「別のタブの内容を読み込む」 so the next round starts from one stored version.
 */
async function race(t, A, B, id, name, rounds, { pagehide = false, label }) {
  const seen = { both: 0, conflictA: 0, conflictB: 0, lost: [] };
  const state = async () => {
    const stored = (await readCaseRecord(A, id)).case;
    return { stored, shownA: await conflictAlert(A).count() > 0, shownB: await conflictAlert(B).count() > 0 };
  };
  for (let i = 1; i <= rounds; i++) {
    const nameA = `${name} A${i}`;
    const numberB = String(7000000000 + i);
    const at = Date.now() + 150;
    const [tA, tB] = await Promise.all([
      editAt(A, '#case-name', at, nameA, { pagehide }),
      editAt(B, '#case-certificate-no', at, numberB, { pagehide }),
    ]);
    // Until both edits are stored or a conflict shows (past the autosave pause, 400 ms,
    // and the other tab's storage event); then a little longer for a late second word.
    const settled = ({ stored, shownA, shownB }) => (stored.name === nameA && stored.certificate_no === numberB) || shownA || shownB;
    await eventually(async () => assert.ok(settled(await state())), { timeout: 2_000 }).catch(() => {});
    await sleep(100);
    const { stored, shownA, shownB } = await state();
    const hasA = stored.name === nameA;
    const hasB = stored.certificate_no === numberB;
    const what = `${label} ${i}回目（入力の差 ${Math.abs(tA - tB)} ms）: 保存されているのは 氏名「${stored.name}」・番号「${stored.certificate_no ?? ''}」、衝突の表示 A=${shownA} B=${shownB}`;
    if (hasA && hasB) seen.both++;
    else if (shownA || shownB) {
      if (shownA) seen.conflictA++;
      if (shownB) seen.conflictB++;
    } else seen.lost.push(what);
    if (!hasA && (shownA || shownB)) {
      assert.ok(shownA, `${what}: 入力が保存されていないタブ A に衝突が表示されていません`);
      assert.equal(await casePage(A).name.inputValue(), nameA, `${what}: タブ A の入力が画面から消えました`);
    }
    if (!hasB && (shownA || shownB)) {
      assert.ok(shownB, `${what}: 入力が保存されていないタブ B に衝突が表示されていません`);
      assert.equal(await casePage(B).number.inputValue(), numberB, `${what}: タブ B の入力が画面から消えました`);
    }
    // One stored version again before the next round.
    for (const page of [A, B]) {
      if (await conflictAlert(page).count()) {
        await conflictAlert(page).getByRole('button', { name: '別のタブの内容を読み込む', exact: true }).click();
        await conflictAlert(page).waitFor({ state: 'hidden' });
      }
    }
    await eventually(async () => {
      const now = (await readCaseRecord(A, id)).case;
      for (const page of [A, B]) {
        assert.equal(await casePage(page).name.inputValue(), now.name);
        assert.equal(await casePage(page).number.inputValue(), now.certificate_no ?? '');
      }
    }, { timeout: 3_000 });
  }
  t.diagnostic(`${label}: ${rounds}回中 両方保存 ${seen.both}・衝突を表示 A ${seen.conflictA}／B ${seen.conflictB}・片方が黙って消えた ${seen.lost.length}`);
  assert.deepEqual(seen.lost, [], `${label}: 一方のタブの入力が、衝突の表示なしに失われました`);
}

/** Case `name` created in `A` and open in `A` and in `B`; returns its id. */
async function openInBoth(A, B, name) {
  await gotoApp(A);
  const id = await createCase(A, { name });
  await openCase(A, name);
  await gotoRoute(B, `#/case/${encodeURIComponent(id)}`);
  await B.getByRole('heading', { level: 1, name }).waitFor();
  return id;
}

appTest('競合: 2つのタブが同じ瞬間に自動保存しても、両方の入力が残るか衝突が表示される（30回）', async ({ context, page, t }) => {
  const B = await context.newPage();
  const id = await openInBoth(page, B, '競合 R');
  await race(t, page, B, id, '競合 R', 30, { label: '自動保存' });
}, { timeout: 120_000 });

appTest('競合: 2つのタブが同じ瞬間にページを離れて（pagehide）保存しても、両方の入力が残るか衝突が表示される（15回）', async ({ context, page, t }) => {
  const B = await context.newPage();
  const id = await openInBoth(page, B, '競合 P');
  await race(t, page, B, id, '競合 P', 15, { pagehide: true, label: 'pagehide' });
}, { timeout: 120_000 });

appTest('競合: タブから開いた別ウィンドウと同じ瞬間に自動保存しても、両方の入力が残るか衝突が表示される（6回）', async ({ context, page, t }) => {
  await gotoApp(page);
  const [B] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate(() => { window.open(location.href.split('#')[0], '_blank', 'popup'); }),
  ]);
  await B.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  const id = await openInBoth(page, B, '競合 W');
  await race(t, page, B, id, '競合 W', 6, { label: '別ウィンドウ' });
}, { timeout: 90_000 });

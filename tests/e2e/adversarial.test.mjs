// The adversarial suite (issue 19): what a hostile but realistic tester tries, kept here
// and run in CI. Nothing in it is a committed blob: every file is made by
// `adversarial-corpus.mjs` in memory.
//
// - the two-tab race: two tabs edit different fields of one case and save in the same
//   instant, round after round; each round, the stored record holds both edits or a tab
//   shows the conflict (nothing is ever silently kept from one tab only).
import {
  appTest, assert, setupSuite, gotoApp, gotoRoute, createCase, openCase, casePage, readCaseRecord,
  eventually, sleep, CASE_KEY_PREFIX,
} from './helpers.mjs';

setupSuite();

// ---------------------------------------------------------------------------------------
// The two-tab race (issue 19, item 3)

const conflictAlert = (page) => page.getByRole('alert').filter({ hasText: 'このケースは別のタブで変更されました' });

/**
 * Types `value` into the input `locator` points at exactly at the instant `at` (ms since the
 * epoch, the same clock in every page of the machine) and, with `pagehide`, then flushes at
 * once as leaving the page does; otherwise the autosave runs after its typing pause, at the
 * same instant in both tabs. Resolves with the time the input happened.
 */
function editAt(locator, at, value, { pagehide = false } = {}) {
  return locator.evaluate(
    (el, [at, value, pagehide]) =>
      new Promise((resolve) => {
        const go = () => {
          // The last few ms spin: a timer alone is a few ms late, differently in each tab.
          while (Date.now() < at);
          el.value = value;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          if (pagehide) window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
          resolve(Date.now());
        };
        setTimeout(go, Math.max(0, at - Date.now() - 10));
      }),
    [at, value, pagehide],
  );
}

/**
 * Runs `rounds` races between pages `A` (edits the name) and `B` (edits the 受給者証番号) on
 * case `id`. After each: the stored record has both edits, or the tab whose edit is missing
 * shows the conflict with its edit still on screen; then every conflict is answered with
 * 「別のタブの内容を読み込む」 so the next round starts from one stored version.
 * Returns counts of what happened.
 */
async function race(t, A, B, id, name, rounds, { pagehide = false, label }) {
  const seen = { both: 0, conflict: 0, lost: [] };
  for (let i = 1; i <= rounds; i++) {
    const nameA = `${name} A${i}`;
    const numberB = String(7000000000 + i);
    const at = Date.now() + 120;
    const [tA, tB] = await Promise.all([
      editAt(casePage(A).name, at, nameA, { pagehide }),
      editAt(casePage(B).number, at, numberB, { pagehide }),
    ]);
    // Past the autosave pause (400 ms) and the other tab's storage event.
    await sleep(pagehide ? 300 : 800);
    const stored = (await readCaseRecord(A, id)).case;
    const hasA = stored.name === nameA;
    const hasB = stored.certificate_no === numberB;
    const shownA = await conflictAlert(A).count();
    const shownB = await conflictAlert(B).count();
    const what = `${label} ${i}回目（入力の差 ${Math.abs(tA - tB)} ms）: 保存されているのは 氏名「${stored.name}」・番号「${stored.certificate_no}」、衝突の表示 A=${shownA} B=${shownB}`;
    if (hasA && hasB) seen.both++;
    else if (shownA || shownB) seen.conflict++;
    else seen.lost.push(what);
    // The edit that is not stored is still on the screen of the tab that made it, and that
    // tab asks which version to keep.
    if (!hasA && (shownA || shownB)) {
      if (shownA) assert.equal(await casePage(A).name.inputValue(), nameA, `${what}: タブ A の入力が画面から消えました`);
    }
    if (!hasB && (shownA || shownB)) {
      if (shownB) assert.equal(await casePage(B).number.inputValue(), numberB, `${what}: タブ B の入力が画面から消えました`);
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
  t.diagnostic(`${label}: ${rounds}回中 両方保存 ${seen.both}・衝突を表示 ${seen.conflict}・片方が黙って消えた ${seen.lost.length}`);
  assert.deepEqual(seen.lost, [], `${label}: 一方のタブの入力が、衝突の表示なしに失われました`);
  return seen;
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

appTest('競合: 2つのタブが同じ瞬間にページを離れて（pagehide）保存しても、両方の入力が残るか衝突が表示される（20回）', async ({ context, page, t }) => {
  const B = await context.newPage();
  const id = await openInBoth(page, B, '競合 P');
  await race(t, page, B, id, '競合 P', 20, { pagehide: true, label: 'pagehide' });
}, { timeout: 120_000 });

appTest('競合: タブから開いた別ウィンドウと同じ瞬間に自動保存しても、両方の入力が残るか衝突が表示される（10回）', async ({ context, page, t }) => {
  await gotoApp(page);
  const [B] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate(() => { window.open(location.href.split('#')[0], '_blank', 'popup'); }),
  ]);
  await B.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  const id = await openInBoth(page, B, '競合 W');
  await race(t, page, B, id, '競合 W', 10, { label: '別ウィンドウ' });
}, { timeout: 90_000 });

// Shared by the 研修モード tests (training.test.mjs, training-exercise.test.mjs): a real case
// stored first, the way into 研修モード by keyboard, and the check that leaving it leaves the
// real case's record byte-identical and no key of the training session behind.
import { assert, gotoApp, createCase, storageSnapshot, eventually, tabTo, CASE_KEY_PREFIX } from './helpers.mjs';

export const REAL = '実在ケース 山田';

/** Opens the app, creates the real case, waits for it to be stored; returns localStorage then. */
export async function storeRealCase(page) {
  await gotoApp(page);
  await createCase(page, { name: REAL });
  await eventually(async () => assert.ok(Object.keys(await storageSnapshot(page)).some((k) => k.startsWith(CASE_KEY_PREFIX)), '保存されていません'));
  return storageSnapshot(page);
}

/** From the footer's link, by keyboard, to 「研修ケースを選ぶ」. */
export async function enterTraining(page) {
  await tabTo(page, page.getByRole('contentinfo').getByRole('link', { name: '研修モード', exact: true }), { max: 120 });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: '研修ケースを選ぶ' }).waitFor();
}

/** Leaves by the header's 「研修モードを終わる」 (keyboard, backwards) and checks nothing is left. */
export async function leaveTrainingLeavesNothing(page, before) {
  await tabTo(page, page.getByRole('link', { name: '研修モードを終わる', exact: true }), { shift: true, max: 200 });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  const after = await storageSnapshot(page);
  assert.deepEqual(after, before, 'localStorage が変わりました');
  const sessionKeys = await page.evaluate(() => Object.keys(sessionStorage));
  const left = [...Object.keys(after), ...sessionKeys].filter((k) => /training|exercise|研修/i.test(k));
  assert.deepEqual(left, [], `研修のキーが残っています: ${left}`);
}

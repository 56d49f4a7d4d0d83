// 設定 →「このブラウザからデータをすべて消す」: a typed confirmation; a wrong one changes nothing
// (storage byte for byte), the right one removes every key the app wrote (cases, settings,
// profile, set-aside records) and nothing else, a pending autosave does not bring a case
// back, and no request leaves the local server.
import {
  appTest, assert, setupSuite, gotoRoute, reloadApp, CASE_KEY_PREFIX, assertNoAxeViolations,
  eventually, storageSnapshot, sleep, caseRows, saveStatus, activeDescription, sampleEnvelope,
} from './helpers.mjs';

setupSuite();

const PREFIX = 'soudan-workbench/';
const FOREIGN = ['other-app/x', 'ほかのアプリのデータ'];
const NOTICE = 'このブラウザから相談支援ワークベンチのデータをすべて消しました。';

/** Two sample cases, settings, a profile record, a record the app cannot read, and a key of
 * another app on the same origin; then opens 設定. Returns the two cases. */
async function seed(page) {
  const a = sampleEnvelope('sample-1-chiteki.json');
  const b = sampleEnvelope('sample-2-seishin.json');
  const items = [
    [CASE_KEY_PREFIX + a.case.id, JSON.stringify(a)],
    [CASE_KEY_PREFIX + b.case.id, JSON.stringify(b)],
    [CASE_KEY_PREFIX + 'broken', '{"schema_version": 999'],
    [PREFIX + 'settings', JSON.stringify({ level: 'practitioner', office: 'designated', own_corporation: 'テスト福祉会' })],
    [PREFIX + 'profile', JSON.stringify({ self_assessment: [{ area: 'council', level: 'novice', on: '2026-05-01', status: 'working', note: '部会に初めて出た' }] })],
    FOREIGN,
  ];
  await gotoRoute(page, '');
  await page.evaluate((kv) => { for (const [k, v] of kv) localStorage.setItem(k, v); }, items);
  await gotoRoute(page, '#/settings');
  await reloadApp(page);
  // The seeded settings were read: the form shows them.
  assert.equal(await page.getByRole('textbox', { name: 'あなたの事業所の法人名' }).inputValue(), 'テスト福祉会');
  return [a.case, b.case];
}

const confirmField = (page) => page.getByRole('textbox', { name: '確認のため「すべて消す」と入力してください', exact: true });
const wipeButton = (page) => page.getByRole('main').getByRole('button', { name: 'すべて消す', exact: true });

function assertLocalOnly(requests, origin) {
  assert.ok(requests.some((r) => r.url.endsWith('.wasm')), 'リクエストの記録が機能していません（.wasm がない）');
  const outside = requests.filter((r) => { try { return new URL(r.url).origin !== origin; } catch { return true; } });
  assert.deepEqual(outside.map((r) => r.url), [], '外部への通信があります');
}

appTest('消去: 確認の文字が違えば何も消さず（保存内容はそのまま）、欄の横とまとめにエラーが出る。axe の違反なし', async ({ page, requests }) => {
  await seed(page);
  const before = await storageSnapshot(page);
  assert.equal(Object.keys(before).filter((k) => k.startsWith(PREFIX)).length, 5);
  await page.getByRole('heading', { level: 2, name: 'このブラウザからデータをすべて消す' }).waitFor();

  for (const typed of ['', 'すべて', 'すべて 消す', '全て消す', 'すべて消す。']) {
    await confirmField(page).fill(typed);
    await wipeButton(page).click();
    const summary = page.getByRole('alert').filter({ hasText: '入力内容を確認してください' });
    await summary.waitFor();
    await eventually(async () => assert.ok(await summary.evaluate((el) => el === document.activeElement), `エラーのまとめにフォーカスがありません（今: ${await activeDescription(page)}）`));
    assert.equal(await confirmField(page).getAttribute('aria-invalid'), 'true');
    assert.equal(await confirmField(page).getAttribute('aria-describedby'), 'wipe-confirm-error');
    assert.equal((await page.locator('#wipe-confirm-error').innerText()).replace(/^⚠\s*/, ''), '消すには「すべて消す」と入力してください。何も消していません。');
    assert.deepEqual(await storageSnapshot(page), before, `「${typed}」で保存内容が変わりました`);
  }
  // The summary's link goes to the field.
  await page.getByRole('alert').getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'wipe-confirm');

  await assertNoAxeViolations(page, '設定（消去の確認エラー）');
  await reloadApp(page);
  assert.deepEqual(await storageSnapshot(page), before, '再読み込みで保存内容が変わりました');
  await gotoRoute(page, '#/');
  assert.equal(await caseRows(page).count(), 2);
  assertLocalOnly(requests, new URL(page.url()).origin);
});

appTest('消去: 「すべて消す」でアプリのキーがすべて消え（ほかのアプリのキーは残る）、一覧に通知、保存待ちの自動保存も復活しない', async ({ page, requests }) => {
  const [a] = await seed(page);

  // A case field typed into just before: its autosave (400 ms) is still pending at the wipe.
  await gotoRoute(page, `#/case/${a.id}`);
  await page.locator('#case-name').waitFor();
  const elapsed = await page.evaluate(async () => {
    const t0 = performance.now();
    const name = document.getElementById('case-name');
    name.value = '消える直前の入力';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    location.hash = '#/settings';
    let field;
    while (!(field = document.getElementById('wipe-confirm'))) await new Promise((r) => requestAnimationFrame(r));
    // Full-width and half-width spaces around the phrase are accepted.
    field.value = '\u3000すべて消す ';
    field.form.requestSubmit(field.form.querySelector('button[type=submit]'));
    return performance.now() - t0;
  });
  assert.ok(elapsed < 300, `入力から消去まで ${elapsed} ms: 自動保存が先に走った可能性があります`);

  // To the case list, the notice focused.
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  const notice = page.locator('#list-notice');
  await eventually(async () => assert.equal((await notice.innerText()).trim(), NOTICE));
  await eventually(async () => assert.ok(await notice.evaluate((el) => el === document.activeElement), `通知にフォーカスがありません（今: ${await activeDescription(page)}）`));
  assert.equal(new URL(page.url()).hash, '#/');
  assert.match(await saveStatus(page).innerText(), /データをすべて消しました/);
  assert.equal(await caseRows(page).count(), 0);
  await page.getByText('ケースはまだありません。').waitFor();

  const only = async (why) => assert.deepEqual(await storageSnapshot(page), { [FOREIGN[0]]: FOREIGN[1] }, why);
  await only('消去の直後');
  await sleep(1_200); // well past the autosave delay
  await only('自動保存の待ち時間の後');
  await reloadApp(page);
  await only('再読み込みの後');
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  assert.equal(await caseRows(page).count(), 0, '再読み込みでケースが戻りました');
  assert.equal(await page.locator('#list-notice').count(), 0, '通知は一度だけ');

  // Settings are back to the defaults.
  await gotoRoute(page, '#/settings');
  assert.equal(await page.getByRole('textbox', { name: 'あなたの事業所の法人名' }).inputValue(), '');
  assert.ok(await page.getByRole('radio', { name: '初任者', exact: true }).isChecked());
  await only('設定を開いた後');
  assertLocalOnly(requests, new URL(page.url()).origin);
});

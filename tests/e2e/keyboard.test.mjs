// Keyboard and screen readers around the 計画チェック (issue 18, item 4): the form comes
// before the panel in tab order (a skip link leads to the panel), focus stays on a finding
// when it is marked, buttons repeated per finding name their finding, headings focused by
// the app show no input-style ring after a mouse click, and the 週間計画表 is axe clean.
import {
  appTest, assert, setupSuite, gotoRoute, reloadApp, assertNoAxeViolations, eventually, activeDescription,
  sampleEnvelope, storeEnvelopes, chooseLevel, checkPanel as panel,
} from './helpers.mjs';

setupSuite();

async function openSample(page, file, hash = '') {
  const env = sampleEnvelope(file);
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await gotoRoute(page, `#/case/${env.case.id}/planning${hash}`);
  await panel(page).waitFor();
  return env.case;
}

/** Tabs from the page's h1 until `locator` has focus; returns how many presses it took. */
async function tabsFromHeading(page, locator, max = 120) {
  await page.locator('main h1').focus();
  const el = await locator.elementHandle();
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await el.evaluate((e) => e === document.activeElement)) return i;
  }
  assert.fail(`Tab を ${max} 回押しても届きません（今: ${await activeDescription(page)}）`);
}

const openFindings = (page) => panel(page).locator('.check-panel__group li.finding');

appTest('キーボード: 最初の欄と「枠を追加する」までの Tab の数は指摘の数によらず、スキップリンクで計画チェックへ移れる', async ({ page }) => {
  const c = await openSample(page, 'sample-2-seishin.json');
  const firstField = page.locator('#plan-office-name');
  const few = await openFindings(page).count();
  const toField = await tabsFromHeading(page, firstField);
  await gotoRoute(page, `#/case/${c.id}/planning/schedule`);
  await panel(page).waitFor();
  const addSlot = page.getByRole('region', { name: '枠を追加する', exact: true }).getByRole('button', { name: '枠を追加する', exact: true });
  const toAddSlot = await tabsFromHeading(page, addSlot, 200);

  await chooseLevel(page, '主任');
  await gotoRoute(page, `#/case/${c.id}/planning`);
  await panel(page).getByText('主任の目安で確認しています。').waitFor();
  const many = await openFindings(page).count();
  assert.ok(many > few, `主任のほうが指摘が多いはずです（${few} → ${many}）`);
  assert.equal(await tabsFromHeading(page, firstField), toField, '指摘が増えると最初の欄までの Tab が増えます');
  assert.ok(toField <= 16, `最初の欄まで ${toField} 回の Tab`);
  await gotoRoute(page, `#/case/${c.id}/planning/schedule`);
  await panel(page).waitFor();
  assert.equal(await tabsFromHeading(page, addSlot, 200), toAddSlot, '指摘が増えると「枠を追加する」までの Tab が増えます');

  // The skip link at the top of the form: Enter, then the next Tab is inside the panel.
  await gotoRoute(page, `#/case/${c.id}/planning`);
  await panel(page).waitFor();
  const skip = page.getByRole('link', { name: '計画チェックへ移動', exact: true });
  assert.ok((await tabsFromHeading(page, skip)) <= 14);
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'check-panel-heading'));
  await page.keyboard.press('Tab');
  assert.ok(await panel(page).evaluate((p) => p.contains(document.activeElement)), 'スキップリンクの次の Tab が計画チェックの中にありません');
});

appTest('キーボード: 「該当しないにする」「対応済みにする」「印を外す」のあと、フォーカスはその指摘に残る', async ({ page }) => {
  await chooseLevel(page, '主任');
  await openSample(page, 'sample-2-seishin.json');
  const focusedFinding = () => page.evaluate(() => {
    const li = document.activeElement?.closest('li.finding');
    return li ? { id: li.id, answered: !!li.closest('.check-panel__answered'), text: li.innerText } : { id: null, what: document.activeElement?.tagName };
  });

  const informal = openFindings(page).filter({ hasText: 'インフォーマルな支えが一つもありません' });
  await informal.getByRole('button', { name: /^該当しない…/ }).click();
  await informal.getByRole('textbox', { name: '該当しない理由' }).fill('本人が今は制度以外の人と会うことを望まないため。');
  await informal.getByRole('button', { name: '該当しないにする' }).click();
  await eventually(async () => {
    const f = await focusedFinding();
    assert.ok(f.answered, `フォーカスが印をつけた指摘にありません: ${JSON.stringify(f)}`);
    assert.match(f.text, /インフォーマルな支え/);
    assert.match(f.text, /印：該当しない（本人が今は制度以外の人と会うことを望まないため。）/);
  });
  await page.keyboard.press('Tab');
  assert.ok(await panel(page).evaluate((p) => p.contains(document.activeElement)), '次の Tab が計画チェックの外に出ました');

  const monitoring = openFindings(page).filter({ hasText: 'モニタリング期間' });
  await monitoring.getByRole('button', { name: /^対応済みにする/ }).focus();
  await page.keyboard.press('Enter');
  await eventually(async () => {
    const f = await focusedFinding();
    assert.ok(f.answered && /モニタリング期間/.test(f.text), `フォーカスが対応済みにした指摘にありません: ${JSON.stringify(f)}`);
  });

  const answered = panel(page).locator('.check-panel__answered li.finding', { hasText: 'モニタリング期間' });
  await answered.getByRole('button', { name: /^印を外す/ }).click();
  await eventually(async () => {
    const f = await focusedFinding();
    assert.ok(f.id && !f.answered && /モニタリング期間/.test(f.text), `印を外した指摘にフォーカスがありません: ${JSON.stringify(f)}`);
  });
});

appTest('スクリーンリーダー: 指摘ごとのボタンと「出典」は、どの指摘のものかを名前に含む', async ({ page }) => {
  await chooseLevel(page, '主任');
  await openSample(page, 'sample-2-seishin.json');
  const items = openFindings(page);
  const n = await items.count();
  assert.ok(n >= 3);
  for (const [label, role] of [['対応済みにする', 'button'], ['該当しない…', 'button']]) {
    const names = [];
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      const message = (await item.locator('a.finding__jump').innerText()).trim();
      const name = await item.getByRole(role, { name: new RegExp(`^${label}`) }).evaluate((el) => el.textContent.trim());
      assert.ok(name.startsWith(label), `名前が見える文字「${label}」で始まりません: ${name}`);
      assert.ok(name.includes(message), `「${label}」の名前に指摘の文がありません: ${name}`);
      names.push(name);
    }
    assert.equal(new Set(names).size, n, `「${label}」の名前が重なっています`);
  }
  const sources = await panel(page).locator('.check-panel__group .finding__source > summary').allTextContents();
  assert.equal(new Set(sources).size, sources.length, `「出典」の名前が重なっています: ${sources.join(' / ')}`);
  assert.ok(sources.every((s) => s.startsWith('出典（')), sources.join(' / '));
});

appTest('フォーカス: マウスで画面を移ると見出しに入力欄のような枠が出ない（キーボードでは控えめな線が出る）', async ({ page }) => {
  const c = await openSample(page, 'sample-1-chiteki.json');
  const ring = () => page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    return { tag: el.tagName, outline: `${cs.outlineStyle} ${cs.outlineWidth}`, shadow: cs.boxShadow };
  });
  await page.getByRole('navigation', { name: '支援の流れ' }).getByRole('link', { name: 'アセスメント' }).click();
  await page.getByRole('heading', { level: 2, name: 'アセスメント' }).waitFor();
  await eventually(async () => assert.equal((await ring()).tag, 'H1'));
  const mouse = await ring();
  assert.match(mouse.outline, /^none/, `マウスのあと見出しに枠: ${JSON.stringify(mouse)}`);
  assert.equal(mouse.shadow, 'none', `マウスのあと見出しに影の枠: ${JSON.stringify(mouse)}`);

  const link = page.getByRole('navigation', { name: '支援の流れ' }).getByRole('link', { name: '計画案' });
  await link.focus();
  await page.keyboard.press('Enter');
  await panel(page).waitFor();
  await eventually(async () => assert.equal((await ring()).tag, 'H1'));
  const keys = await ring();
  assert.match(keys.outline, /^dotted/, `キーボードのあと見出しにフォーカスの線がありません: ${JSON.stringify(keys)}`);
  assert.equal(keys.shadow, 'none', `キーボードのあと見出しが入力欄のような枠です: ${JSON.stringify(keys)}`);
  assert.match(page.url(), new RegExp(`#/case/${c.id}/planning$`));
});

/** axe's landmark rules (best practice, outside the WCAG tags `assertNoAxeViolations` runs). */
async function landmarkViolations(page) {
  return page.evaluate(() => window.axe
    .run(document, { runOnly: { type: 'rule', values: ['landmark-unique', 'landmark-no-duplicate-main', 'landmark-complementary-is-top-level'] } })
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
}

appTest('axe: 週間計画表（計画チェックつき）と目標表に違反がない（landmark-unique を含む）', async ({ page }) => {
  const c = await openSample(page, 'sample-2-seishin.json', '/schedule');
  await page.getByRole('heading', { name: '週間計画表', level: 3 }).waitFor();
  await assertNoAxeViolations(page, '週間計画表');
  assert.deepEqual(await landmarkViolations(page), [], '週間計画表のランドマーク');
  await gotoRoute(page, `#/case/${c.id}/planning`);
  await panel(page).waitFor();
  await assertNoAxeViolations(page, '目標表（計画案）');
  assert.deepEqual(await landmarkViolations(page), [], '目標表のランドマーク');
});

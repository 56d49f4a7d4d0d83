// 研修モード (issue 15, part 2): the presenter view at #/training and the guided walkthrough.
// The walk is done with the keyboard alone (Tab/Enter to choose, →/PageDown/←/PageUp/Home/End
// as a presentation clicker sends them) on two cases; a real case's stored record is
// byte-identical afterwards and no key of a training session is left. axe on the list and a
// step; the presenter screenshots at 1280×720 and 1920×1080 are written to docs/.
import fs from 'node:fs';
import path from 'node:path';
import {
  appTest, assert, setupSuite, gotoApp, gotoRoute, createCase, storageSnapshot, assertNoAxeViolations,
  eventually, isFocused, tabTo, ROOT, setPassphrase, lockHeading,
} from './helpers.mjs';
import { REAL, storeRealCase, enterTraining, leaveTrainingLeavesNothing } from './training-helpers.mjs';

setupSuite();

const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/training/index.json'), 'utf8'));
const modelOf = (c) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/training', c.model), 'utf8')).cases[0].case;
const draftOf = (c) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/training', c.draft), 'utf8')).cases[0].case;

// Each step's heading and words of its quoted source, written out here apart from the Rust
// table (domain::walkthrough::STEPS), so a step that loses or changes its quote fails.
const STEPS = [
  ['インテーク', '本人やその家族、支援者からの相談を受け付け、受理の判断を行う。'],
  ['アセスメント', '本人とともにめざすべき方向を一緒に定める。'],
  ['計画案', '本人とともに定めた方向に向かうための具体的な方法を考え'],
  ['担当者会議', 'チーム内の合意形成や役割調整等が的確に確保されていることが必要である。'],
  ['計画', '5) わかりやすい計画を立案できる'],
  ['モニタリング', '利用者の状況等に応じてよりきめ細かく実施することが重要である。'],
  ['評価', 'モニタリングに基づきプランをさらに進め'],
];

const stepHeading = (page, label) => page.getByRole('heading', { level: 1, name: label, exact: true });
const mainText = (page) => page.locator('main').innerText();

async function atStep(page, n) {
  const [label, quote] = STEPS[n];
  const h1 = stepHeading(page, label);
  await h1.waitFor();
  await eventually(async () => assert.ok(await isFocused(h1), `${label}: 見出しにフォーカスがありません`));
  assert.equal((await page.locator('.training-count').innerText()).trim(), `ステップ ${n + 1} / 7`);
  const text = await mainText(page);
  assert.ok(text.includes(`「${quote}`) || text.includes(quote), `${label}: 出典の引用がありません`);
  assert.ok(text.includes('すること') && text.includes('よくあるまちがい'), `${label}: すること・よくあるまちがい`);
  return text;
}

appTest('研修モード: キーボードだけで 2 ケースの 7 ステップをたどっても、実際のケースの保存データは 1 バイトも変わらず、研修のキーも残らない', async ({ page }) => {
  const before = await storeRealCase(page);

  // In from the footer, with the keyboard.
  await enterTraining(page);

  for (const c of [index.cases[0], index.cases[index.cases.length - 1]]) {
    const model = modelOf(c);
    const draft = draftOf(c);
    await tabTo(page, page.getByRole('link', { name: c.title, exact: true }));
    await page.keyboard.press('Enter');
    for (let n = 0; n < STEPS.length; n++) {
      const text = await atStep(page, n);
      assert.ok(text.includes(c.title), `${STEPS[n][0]}: ケース名（仮名）がありません`);
      assert.ok(!(await page.locator('body').innerText()).includes(REAL), '実際のケースの名前が見えています');
      if (STEPS[n][0] === 'インテーク') assert.ok(text.includes(model.intake.referral.trim()), '相談に至った経緯');
      if (STEPS[n][0] === 'アセスメント') {
        const words = model.assessment.domains.flatMap((d) => d.person_wishes).find((e) => e.own_words && e.speaker === 'person');
        assert.ok(text.includes(`「${words.text.trim()}」`), 'アセスメントの本人の言葉');
      }
      if (STEPS[n][0] === '計画案') {
        assert.ok(text.includes(draft.plan.needs[0].goal.trim()), '下書きの目標');
        assert.ok(text.includes(model.plan.needs[0].goal.trim()), '模範の目標');
      }
      if (n < STEPS.length - 1) await page.keyboard.press(n % 2 ? 'PageDown' : 'ArrowRight');
    }
    // Past the last step nothing moves; then back as a clicker does, and Home / End.
    await page.keyboard.press('ArrowRight');
    await atStep(page, 6);
    await page.keyboard.press('ArrowLeft');
    await atStep(page, 5);
    await page.keyboard.press('PageUp');
    await atStep(page, 4);
    await page.keyboard.press('Home');
    await atStep(page, 0);
    await page.keyboard.press('End');
    await atStep(page, 6);
    // The last step's button leads back to the list.
    await tabTo(page, page.getByRole('link', { name: '研修ケースの一覧へ', exact: true }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '研修ケースを選ぶ' }).waitFor();
  }

  // Leave 研修モード (header), with the keyboard.
  await leaveTrainingLeavesNothing(page, before);
  assert.equal(await page.evaluate(() => document.documentElement.className), '', 'プロジェクター表示のままです');
  assert.ok((await mainText(page)).includes(REAL), '実際のケースが一覧にありません');
});

appTest('研修モード: プロジェクター表示（28px 以上・ヘッダーは「研修モード」と「研修モードを終わる」だけ・個人情報の枠なし）、axe、1280×720 と 1920×1080 の画面', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: REAL });
  for (const [w, h, base] of [[1280, 720, 28], [1920, 1080, 42]]) {
    await page.setViewportSize({ width: w, height: h });
    await gotoRoute(page, '#/training');
    await page.getByRole('link', { name: index.cases[0].title, exact: true }).waitFor();
    if (w === 1280) await assertNoAxeViolations(page, '研修ケースの一覧');
    await page.screenshot({ path: path.join(ROOT, `docs/training-list-${w}x${h}.png`) });

    await gotoRoute(page, `#/training/${index.cases[0].slug}/planning`);
    await stepHeading(page, '計画案').waitFor();
    await page.getByText(modelOf(index.cases[0]).plan.needs[0].goal.trim()).first().waitFor();
    const m = await page.evaluate(() => ({
      base: parseFloat(getComputedStyle(document.documentElement).fontSize),
      li: parseFloat(getComputedStyle(document.querySelector('.training-section li')).fontSize),
      small: Math.min(...[...document.querySelectorAll('main *')].filter((e) => e.offsetParent && e.textContent.trim()).map((e) => parseFloat(getComputedStyle(e).fontSize))),
      main: document.querySelector('main').clientWidth,
      scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      header: [...document.querySelectorAll('header a, header button')].map((e) => e.textContent.trim()),
    }));
    assert.equal(Math.round(m.base), base, `${w}×${h}: 基本の文字 ${m.base}px`);
    assert.ok(m.li >= base, `${w}×${h}: 本文 ${m.li}px`);
    assert.ok(m.small >= base * 0.79, `${w}×${h}: いちばん小さい文字 ${m.small}px`);
    assert.equal(m.scroll, 0, `${w}×${h}: 横にスクロールします`);
    const perLine = Math.floor(m.main / m.base);
    assert.ok(perLine >= 38 && perLine <= 48, `${w}×${h}: 1 行 ${perLine} 字`);
    assert.deepEqual(m.header, ['研修モード', '研修モードを終わる']);
    assert.equal(await page.locator('.save-status, .site-footer').count(), 0, '保存の状態やフッターが出ています');
    assert.equal(await page.locator('a[href^="#/case"]').count(), 0, 'ケースへのリンクがあります');
    assert.ok(!(await page.locator('body').innerText()).includes(REAL));
    if (w === 1280) await assertNoAxeViolations(page, '計画案のステップ');
    await page.screenshot({ path: path.join(ROOT, `docs/training-step-${w}x${h}.png`) });
    // The same step scrolled to the case: the draft's needs beside the model's.
    await page.locator('#training-case').evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(ROOT, `docs/training-case-${w}x${h}.png`) });
    console.log(`[training] ${w}×${h}: base ${m.base}px, smallest ${m.small}px, ${perLine} characters a line`);
  }
});

appTest('研修モード: モニタリングのステップに下書きと模範の頻度と理由が並び、学びどころが出る；ない研修ケースは一覧へ戻れる', async ({ page }) => {
  const c = index.cases.find((x) => x.points.some((p) => (p.rule ?? '').startsWith('monitoring.')));
  await gotoRoute(page, `#/training/${c.slug}/monitoring`);
  await stepHeading(page, 'モニタリング').waitFor();
  const model = modelOf(c);
  await page.getByText(`理由：${model.plan.monitoring.reason.trim()}`).waitFor();
  const point = c.points.find((p) => (p.rule ?? '').startsWith('monitoring.'));
  await page.getByText(point.title, { exact: true }).waitFor();

  await gotoRoute(page, '#/training/no-such-case/intake');
  await page.getByRole('alert').filter({ hasText: 'この研修ケースはありません' }).waitFor();
  await page.getByRole('link', { name: '研修ケースを選び直す' }).click();
  await page.getByRole('heading', { level: 1, name: '研修ケースを選ぶ' }).waitFor();
});

appTest('研修モード: ロック中でも開ける（実際のケースは何も出ない）。終わるとロック画面に戻り、保存データは変わらない', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: REAL });
  await setPassphrase(page, 'ひまわり畑の向こうに青い電車が走る');
  await page.locator('#passphrase-done').filter({ hasText: 'すべてのデータを暗号化しました' }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await lockHeading(page).waitFor();
  const before = await storageSnapshot(page);

  await page.evaluate(() => { location.hash = '#/training'; });
  await page.getByRole('link', { name: index.cases[1].title, exact: true }).click();
  await atStep(page, 0);
  await page.keyboard.press('PageDown');
  await atStep(page, 1);
  assert.equal(await lockHeading(page).count(), 0);
  assert.ok(!(await page.content()).includes(REAL), '実際のケースの名前が見えています');

  await page.getByRole('link', { name: '研修モードを終わる', exact: true }).click();
  await lockHeading(page).waitFor();
  assert.deepEqual(await storageSnapshot(page), before, 'localStorage が変わりました');
});

// Finding links land in view (issue 18, item 1): every sample loaded from the case list, at
// level 主任, every finding of the 計画チェック clicked in turn from the top of the 計画案; the
// element that then has focus must be the finding's field (or the first control of its
// group) and lie wholly inside the viewport once the screen has settled — at 1366×768 and at
// 1280×720 shown at 150 % (853×480 CSS px, device scale 1.5).
import fs from 'node:fs';
import path from 'node:path';
import {
  appTest, assert, setupSuite, gotoApp, gotoRoute, reloadApp, chooseLevel, listedNames, eventually, sleep, ROOT,
  sampleEnvelope, storeEnvelopes, checkPanel as panel,
} from './helpers.mjs';

setupSuite();

const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples/index.json'), 'utf8'));
const sampleName = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples', file), 'utf8')).cases[0].case.name;

/** Loads every sample through the case list's 「サンプルケース」 section; returns [{ file, id }]. */
async function loadSamples(page) {
  await gotoApp(page);
  await page.getByText('サンプルケース（研修・練習用）を読み込む').click();
  const out = [];
  for (const s of index.samples) {
    const name = sampleName(s.file);
    await page.getByRole('button', { name: `読み込む（${s.title}）` }).click();
    await eventually(async () => assert.ok((await listedNames(page)).includes(name)));
    const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
    out.push({ file: s.file, id: href.split('/').pop() });
  }
  return out;
}

/** Where focus is and whether it lies inside the viewport (CSS px). */
function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const r = el?.getBoundingClientRect();
    return {
      id: el?.id ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      top: r?.top, bottom: r?.bottom, left: r?.left, right: r?.right,
      width: innerWidth, height: innerHeight, scrollY,
      inView: !!r && el !== document.body && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
      hash: location.hash,
    };
  });
}

/** Does the focused element stand for the finding's field (`data-field`): it, or a control of its group? */
function focusIsOnField(page, field) {
  return page.evaluate((field) => {
    const target = document.getElementById(field);
    const el = document.activeElement;
    if (!target || !el || el === document.body) return false;
    if (el === target) return true;
    const group = target.closest('fieldset, .field');
    return !!group && group.contains(el);
  }, field);
}

/** Clicks every open finding of each case in turn (from the top of the 計画案, or `fromBottom`
 * after scrolling to its end) and returns the jumps that left focus out of view. */
async function jumpAll(page, cases, { fromBottom = false } = {}) {
  const misses = [];
  let jumps = 0;
  for (const { file, id } of cases) {
    await gotoRoute(page, `#/case/${id}/planning`);
    await panel(page).waitFor();
    const links = panel(page).locator('.check-panel__group li.finding a.finding__jump');
    const count = await links.count();
    for (let i = 0; i < count; i++) {
      await gotoRoute(page, `#/case/${id}/planning`);
      await panel(page).waitFor();
      await eventually(async () => assert.equal(await links.count(), count));
      if (fromBottom) await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const link = links.nth(i);
      const text = (await link.innerText()).trim().slice(0, 40);
      const field = await link.getAttribute('data-field');
      await link.click();
      jumps++;
      // Settled: in view now, and still in view a moment later (late layout must not move it away).
      let state;
      try {
        await eventually(async () => {
          state = await focusState(page);
          assert.ok(state.inView);
          // Near the top, not on the bottom edge.
          assert.ok(state.top <= state.height / 2, `下端寄り（top ${state.top}）`);
          if (field) assert.ok(await focusIsOnField(page, field), `フォーカスが ${field} にありません（${state.tag}#${state.id}）`);
        }, { timeout: 3_000 });
        await sleep(400);
        state = await focusState(page);
        assert.ok(state.inView && state.top <= state.height / 2);
      } catch {
        state = await focusState(page);
        misses.push(`${file} 指摘${i + 1}「${text}」→ ${state.tag}#${state.id} ${field ? `(欄 ${field})` : ''} top ${Math.round(state.top)} bottom ${Math.round(state.bottom)} / 画面の高さ ${state.height}`);
      }
    }
  }
  return { misses, jumps };
}

async function everyJumpInView(page, label) {
  await chooseLevel(page, '主任');
  const cases = await loadSamples(page);
  const { misses, jumps } = await jumpAll(page, cases);
  assert.ok(jumps >= 7, `${label}: 指摘が少なすぎます（${jumps}件）`);
  assert.deepEqual(misses, [], `${label}: ${misses.length}/${jumps} 件の指摘で、欄が画面の外に残りました`);
}

appTest('指摘リンク: 主任で全サンプルの全指摘を押すと、欄が画面内に来る（1366×768）', async ({ page }) => {
  await everyJumpInView(page, '1366×768');
}, { timeout: 240_000, contextOptions: { viewport: { width: 1366, height: 768 } } });

appTest('指摘リンク: 主任で全サンプルの全指摘を押すと、欄が画面内に来る（1280×720 を 150%: 853×480、倍率 1.5）', async ({ page }) => {
  await everyJumpInView(page, '853×480@1.5');
}, { timeout: 240_000, contextOptions: { viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 } });

/** Sample 2 with every kind of finding the checker locates: plan fields, a need's fields (goal,
 * dates, role, the entries it rests on, 地域課題の候補), a support's amount and reason, the
 * 週間計画表, the assessment's 意思決定支援, and the 支援困難ケース fields. */
function spoiled(c) {
  c.plan.support_policy = '';
  const last = c.plan.needs[c.plan.needs.length - 1];
  Object.assign(last, { goal: '', target_date: '', review_date: '', persons_role: '', unmet: true, rests_on: [] });
  Object.assign(c.plan.needs[1].supports[0], { reason: '', content: '掃除と買い物を一緒にする。', amount: { times: null, per: 'week', hours: null } });
  c.plan.monitoring.interval_months = null;
  c.plan.difficulty = { marked: true, emergency: '', team: '', meetings: '' };
  c.assessment.decision_support.participation = '';
}

for (const [label, contextOptions] of [
  ['1366×768', { viewport: { width: 1366, height: 768 } }],
  ['853×480@1.5', { viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 }],
]) {
  appTest(`指摘リンク: あらゆる種類の指摘（16件）で、上からでも下までスクロールした後でも欄が画面内に来る（${label}）`, async ({ page }) => {
    await chooseLevel(page, '主任');
    const env = sampleEnvelope('sample-2-seishin.json', spoiled);
    await storeEnvelopes(page, [env]);
    await reloadApp(page);
    const cases = [{ file: 'sample-2（欄を空けたもの）', id: env.case.id }];
    for (const fromBottom of [false, true]) {
      const { misses, jumps } = await jumpAll(page, cases, { fromBottom });
      assert.ok(jumps >= 16, `指摘が少なすぎます（${jumps}件）`);
      assert.deepEqual(misses, [], `${label}${fromBottom ? '（下から）' : ''}: ${misses.length}/${jumps} 件の指摘で、欄が画面の外に残りました`);
    }
  }, { timeout: 240_000, contextOptions });
}

appTest('変更リンク: 確認ページの「変更」はどれも、その欄を画面内（上半分）に出す（853×480、倍率 1.5）', async ({ page }) => {
  const env = sampleEnvelope('sample-2-seishin.json');
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await gotoRoute(page, `#/case/${env.case.id}/planning/check`);
  const ids = await page.locator('main a[id^="change-"]').evaluateAll((as) => as.map((a) => a.id));
  assert.ok(ids.length >= 20, `変更リンクが少なすぎます（${ids.length}件）`);
  const misses = [];
  for (const id of ids) {
    await gotoRoute(page, `#/case/${env.case.id}/planning/check`);
    await page.locator(`#${id}`).click();
    const field = id.replace(/^change-/, '');
    try {
      await eventually(async () => {
        const s = await focusState(page);
        assert.equal(s.id, field);
        assert.ok(s.inView && s.top <= s.height / 2);
      }, { timeout: 3_000 });
    } catch {
      const s = await focusState(page);
      misses.push(`${id} → ${s.tag}#${s.id} top ${Math.round(s.top)} / ${s.height}`);
    }
  }
  assert.deepEqual(misses, [], `${misses.length}/${ids.length} 件の「変更」で、欄が画面の外か下端に残りました`);
}, { timeout: 240_000, contextOptions: { viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 } });

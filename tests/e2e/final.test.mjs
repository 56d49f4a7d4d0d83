// 確認・確定 and the 計画 step: the check-answers page of the whole draft (「未記入」, a 「変更」
// link per row that lands on the field and comes back), making the plan final with 計画作成日
// and the consent (西暦 or 和暦; every error in a focused summary, nothing stored), the 計画
// step with the frozen copy, changing the plan (a new draft; the first final copy never
// changes; a second final is listed), the final plan printed to PDF (no （案）), axe, and a
// keyboard-only path from a new case to both printed sheets.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  setupSuite, appTest, appUrl, gotoApp, gotoRoute, reloadApp, assert, eventually, sleep, textOf,
  createForm, caseLink, caseIdFromList, casePage, isFocused, assertNoAxeViolations, waitForStored, readCaseRecord,
  escapeRe, imeType, CASE_KEY_PREFIX,
  tabTo, activeDescription,
} from './helpers.mjs';

setupSuite();

const MADE_MISSING = '計画作成日を入力してください。';
const CONSENT_MISSING = '同意日を入力してください。';
const SIGNER_MISSING = '同意した人（本人または代理人）を入力してください。';
const ACK_MISSING = '残っている指摘や未記入を確かめてから確定するときは、「確かめました」にチェックを入れてください。';
const ORDER_ERROR = '同意日は計画作成日と同じ日か、その後の日にしてください。';
const MADE_BAD = '計画作成日は「2026年4月1日」や「R8.4.1」のように入力してください。';
const CONSENT_BAD = '同意日は「2026年4月1日」や「R8.4.1」のように入力してください。';
const ID = '0000000000000000000000000000f001';
const NAME = '確定 花子（架空）';

// ---------------------------------------------------------------------------------------
// helpers local to this file

/** A plan draft as the app stores it (schema 5): some items filled, some left empty. */
function draftRecord() {
  return {
    schema_version: 5,
    written_at: '2026-11-27T10:00:00+09:00',
    app_version: 'e2e',
    revision: 1,
    case: {
      id: ID, name: NAME, certificate_no: '1234567890', support_category: '3', for_child: false,
      stage: 'planning', archived: false, created_at: '2026-11-01T10:00:00+09:00', updated_at: '2026-11-27T10:00:00+09:00',
      plan: {
        status: 'draft',
        header: {
          office_name: '相談支援センターみなと（架空）', planner: '相談員 一郎', burden_cap: '9,300円',
          regional_certificate_no: '', day_service_certificate_no: '', drafted_on: '2026-11-27', monitoring_start: '令和8年12月',
        },
        person_wishes: '「作業所に通い続けたい」', family_wishes: '',
        support_policy: '本人のペースを大切に、日中の居場所を続ける。', long_term_goal: '作業所で長く働く', short_term_goal: '週3回通う',
        needs: [{
          id: 1,
          need: '日中、通う場所がほしい',
          goal: '生活介護に週3回通う',
          target_date: '2027-05-31',
          supports: [{
            id: 1, formality: 'formal', kind: '生活介護', content: '日中活動（軽作業）',
            amount: { times: 3, per: 'week', hours: 6 }, provider: 'みどり作業所（架空）', corporation: '',
          }],
          persons_role: '休むときは前の日に電話する',
          review_date: '',
          notes: '',
          rests_on: [],
        }],
        monitoring: { interval_months: 3, reason: '利用開始のため' },
        schedule: {
          start_month: '令和8年12月',
          slots: [{ id: 1, columns: ['mon', 'wed', 'fri'], start: '9:30', end: '15:30', text: '', support: 1 }],
          non_weekly: '短期入所（月1回）', whole_life: '作業所に通い、家族と暮らす。', next_slot_id: 2,
        },
        next_need_id: 2,
        next_support_id: 2,
      },
    },
  };
}

async function seedDraft(page, hash) {
  await gotoApp(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [CASE_KEY_PREFIX + ID, JSON.stringify(draftRecord())]);
  await page.goto(appUrl(hash));
  await reloadApp(page);
}

function subnav(page) {
  return page.getByRole('navigation', { name: '計画案の画面', exact: true });
}

async function checkReady(page) {
  await page.getByRole('main').getByRole('heading', { level: 2, name: '計画案の確認', exact: true }).waitFor();
  await page.getByRole('main').getByRole('heading', { level: 3, name: '計画として確定する', exact: true }).waitFor();
}

async function planStepReady(page) {
  await page.getByRole('main').getByRole('heading', { level: 2, name: '計画', exact: true }).waitFor();
}

/** The accessible name of a 変更 link: 「変更（LABEL）」, one optional space (see README). */
function changeName(label) {
  return new RegExp(`^変更\\s?（${escapeRe(label)}）$`);
}

/** Every row of the summary lists: [heading (h3 / h4 above it), label, value, 変更 link name or null]. */
async function summaryRows(page) {
  return page.getByRole('main').evaluate((main) => {
    const out = [];
    let h3 = '';
    let h4 = '';
    for (const el of main.querySelectorAll('h3, h4, .summary-list__row')) {
      if (el.tagName === 'H3') { h3 = el.textContent.trim(); h4 = ''; continue; }
      if (el.tagName === 'H4') { h4 = el.textContent.trim(); continue; }
      const link = el.querySelector('a');
      out.push([
        h4 ? `${h3}／${h4}` : h3,
        el.querySelector('dt').textContent.trim(),
        el.querySelector('.summary-list__value').innerText.replace(/[ \t]+/g, ' ').trim(),
        link ? link.textContent.replace(/\s+/g, '') : null,
      ]);
    }
    return out;
  });
}

/** A stored consent without `open` (what was still open when it was made final, checked on its own). */
function signed(consent) {
  const { open, ...rest } = consent ?? {};
  assert.ok(open === undefined || (open.required + open.warning + open.unfilled > 0), `open は残っていたときだけ: ${JSON.stringify(open)}`);
  return rest;
}

function finalForm(page) {
  const main = page.getByRole('main');
  return {
    madeOn: main.getByRole('textbox', { name: '計画作成日 ※必須', exact: true }),
    consentedOn: main.getByRole('textbox', { name: '同意日 ※必須', exact: true }),
    signer: main.getByRole('textbox', { name: '同意した人 ※必須', exact: true }),
    submit: main.getByRole('button', { name: '計画として確定する', exact: true }),
    summary: page.locator('#final-error-summary'),
    /** Shown only when findings or required items are still open (issue 18 item 2). */
    acknowledge: main.getByRole('checkbox', { name: /確かめました/ }),
  };
}

async function submitFinal(page, { madeOn, consentedOn, signer }) {
  const f = finalForm(page);
  await f.madeOn.fill(madeOn);
  await f.consentedOn.fill(consentedOn);
  await f.signer.fill(signer);
  if (await f.acknowledge.count()) await f.acknowledge.check();
  await f.submit.click();
}

async function errorMessages(page) {
  return finalForm(page).summary.getByRole('link').allInnerTexts();
}

/** The 計画 step's consent list: 計画作成日 / 同意日 / 同意した人 → value. */
async function consentShown(page) {
  const rows = await summaryRows(page);
  return Object.fromEntries(rows.filter(([h, label]) => h === '' && ['計画作成日', '同意日', '同意した人'].includes(label)).map(([, l, v]) => [l, v]));
}

function pdfText(buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'final-pdf-'));
  const file = path.join(dir, 'plan.pdf');
  fs.writeFileSync(file, buffer);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  return { pages, width: Number(size[1]), height: Number(size[2]), all: text.replace(/\s+/g, '') };
}

const FINAL = { madeOn: '令和8年12月1日', consentedOn: 'R8.12.3', signer: '本人（確定 花子）' };

// ---------------------------------------------------------------------------------------
// 1. the check page

appTest('確認ページ: 全項目が節ごとに並び、空の項目は「未記入」、各行に「変更（項目名）」がある', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  assert.match(page.url(), new RegExp(`#/case/${ID}/planning/check$`));
  assert.equal(await subnav(page).getByRole('link', { name: '確認・確定', exact: true }).getAttribute('aria-current'), 'page',
    '確認ページで「確認・確定」に aria-current="page" がありません');
  assert.equal(await subnav(page).locator('[aria-current="page"]').count(), 1);
  assert.ok(await page.getByRole('main').locator('dl.summary-list').count() >= 5, '確認の一覧（dl.summary-list）が節ごとにありません');

  const B = '計画の基本事項';
  const W = '生活に対する意向と目標';
  const N = '解決すべき課題と支援／優先順位1';
  const M = 'モニタリング期間の提案';
  const expected = [
    [B, '相談支援事業者名', '相談支援センターみなと（架空）'],
    [B, '計画作成担当者', '相談員 一郎'],
    [B, '計画案作成日', '令和8年11月27日'],
    [B, 'モニタリング期間（開始年月）', '令和8年12月'],
    [B, '利用者負担上限額', '9,300円'],
    [B, '地域相談支援受給者証番号', '未記入'],
    [B, '通所受給者証番号', '未記入'],
    [W, '本人の意向', '「作業所に通い続けたい」'],
    [W, '家族の意向', '未記入'],
    [W, '総合的な援助の方針', '本人のペースを大切に、日中の居場所を続ける。'],
    [W, '長期目標', '作業所で長く働く'],
    [W, '短期目標', '週3回通う'],
    [N, '解決すべき課題（本人のニーズ）', '日中、通う場所がほしい'],
    [N, '支援目標', '生活介護に週3回通う'],
    [N, '達成時期', '令和9年5月31日'],
    [N, '福祉サービス等', '生活介護　日中活動（軽作業）　週3回・1回6時間　みどり作業所（架空）'],
    [N, '課題解決のための本人の役割', '休むときは前の日に電話する'],
    [N, '評価時期', '未記入'],
    [N, 'その他留意事項', '未記入'],
    [M, '提案する期間', '3か月ごと'],
    [M, 'その期間を提案する理由', '利用開始のため'],
    ['週間計画表', '計画開始年月', '令和8年12月'],
    ['週間計画表', '週単位以外のサービス', '短期入所（月1回）'],
    ['週間計画表', 'サービス提供によって実現する生活の全体像', '作業所に通い、家族と暮らす。'],
    ['週間計画表', '枠', '1枠。目標表の量と合っています。'],
  ];
  const rows = await summaryRows(page);
  assert.deepEqual(rows.map(([h, l, v]) => [h, l, v]), expected, '確認ページの項目（節・項目名・値・「未記入」）が違います');
  // Each row: a 変更 link named after its row.
  for (const [heading, label, , link] of rows) {
    // A need's rows say whose they are: 「変更（優先順位1の支援目標）」.
    const need = heading.split('／')[1];
    const name = label === '枠' ? '週間計画表' : need ? `${need}の${label}` : label;
    assert.equal(link, `変更（${name}）`, `「${label}」の行の変更リンクの文字が違います`);
    assert.equal(await page.getByRole('main').getByRole('link', { name: changeName(name) }).count(), 1,
      `「変更（${name}）」という名前のリンクが 1 つではありません`);
  }
  // The empty ones look empty, not just say so.
  assert.equal(await page.getByRole('main').locator('.summary-list__value--empty').count(), expected.filter(([, , v]) => v === '未記入').length);
  // 週間計画表's 変更 goes to its screen.
  await page.getByRole('link', { name: changeName('週間計画表') }).click();
  await page.getByRole('main').getByRole('heading', { level: 2, name: '週間計画表', exact: true }).waitFor();
  assert.match(page.url(), new RegExp(`#/case/${ID}/planning/schedule$`));
});

appTest('確認ページの「変更」: どの行からも入力欄にフォーカスが移り、「確認ページに戻る」で戻る。直した値が確認ページに出る（キーボードでも）', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  const main = page.getByRole('main');
  const links = main.locator('.summary-list__action a');
  const n = await links.count();
  assert.equal(n, 25, '変更リンクの数が項目の数（25）と違います');
  // Every row's 変更 (the last is 週間計画表, its own screen).
  for (let i = 0; i < n - 1; i++) {
    const link = links.nth(i);
    const label = (await link.textContent()).replace(/^変更/, '').replace(/^（|）$/g, '').trim();
    const href = await link.getAttribute('href');
    const m = new RegExp(`^#/case/${ID}/planning/change/([a-z0-9-]+)$`).exec(href);
    assert.ok(m, `「変更（${label}）」のリンク先が …/planning/change/<欄> ではありません: ${href}`);
    await link.click();
    await eventually(async () => {
      const active = await page.evaluate(() => {
        const el = document.activeElement;
        return { id: el?.id, label: el?.labels?.[0]?.textContent.replace(/\s+/g, ' ').trim() ?? '' };
      });
      assert.equal(active.id, m[1], `「変更（${label}）」のあと、その欄（#${m[1]}）にフォーカスがありません（今: #${active.id}）`);
      // A need's rows name their need first (「優先順位1の支援目標」); the field's label does not.
      const rowLabel = label.replace(/^優先順位\d+の/, '');
      const fieldLabel = rowLabel === '福祉サービス等' ? '種類' : rowLabel;
      assert.ok(active.label.startsWith(fieldLabel), `「変更（${label}）」でフォーカスされた欄のラベルが「${active.label}」です`);
    });
    // The 週間計画表's own fields are changed on its screen.
    const screen = m[1].startsWith('schedule-') ? '週間計画表' : '目標表（計画案）';
    assert.equal(await subnav(page).getByRole('link', { name: screen, exact: true }).getAttribute('aria-current'), 'page',
      `変更の画面で「${screen}」に aria-current="page" がありません`);
    const back = main.getByRole('link', { name: '確認ページに戻る', exact: true });
    assert.equal(await back.count(), 2, '変更の画面に「確認ページに戻る」が上と下の 2 つありません');
    await back.nth(i % 2).click();
    await checkReady(page);
    await eventually(async () => {
      const active = await page.evaluate(() => document.activeElement?.id);
      assert.equal(active, `change-${m[1]}`, `確認ページに戻ったとき、「変更（${label}）」にフォーカスが戻りません（今: #${active}）`);
    });
  }

  // Keyboard: 変更（優先順位1の支援目標） → type at the end → back → the new value is listed.
  await tabTo(page, main.getByRole('link', { name: changeName('優先順位1の支援目標') }), { max: 100 });
  await page.keyboard.press('Enter');
  const goal = main.getByRole('textbox', { name: '支援目標', exact: true });
  await eventually(async () => assert.ok(await isFocused(goal), `Enter で「変更（支援目標）」を開いても「支援目標」にフォーカスがありません（今: ${await activeDescription(page)}）`));
  assert.match(page.url(), new RegExp(`#/case/${ID}/planning/change/need-1-goal$`));
  await page.keyboard.press('Control+End');
  await page.keyboard.type('（送迎あり）');
  await waitForStored(page, ID, (c) => assert.equal(c.plan.needs[0].goal, '生活介護に週3回通う（送迎あり）'));
  await tabTo(page, main.getByRole('link', { name: '確認ページに戻る', exact: true }).first(), { shift: true, max: 60 });
  await page.keyboard.press('Enter');
  await checkReady(page);
  const rows = await summaryRows(page);
  assert.deepEqual(rows.find(([, l]) => l === '支援目標').slice(1, 3), ['支援目標', '生活介護に週3回通う（送迎あり）'],
    '変更から戻った確認ページに直した「支援目標」が出ません');
  // An empty item filled in through 変更 is no longer 「未記入」.
  await main.getByRole('link', { name: changeName('家族の意向') }).click();
  const family = main.getByRole('textbox', { name: '家族の意向（希望する生活）', exact: true });
  await eventually(async () => assert.ok(await isFocused(family)));
  await page.keyboard.type('母：無理なく続けてほしい');
  await main.getByRole('link', { name: '確認ページに戻る', exact: true }).last().click();
  await checkReady(page);
  assert.deepEqual((await summaryRows(page)).find(([, l]) => l === '家族の意向').slice(1, 3), ['家族の意向', '母：無理なく続けてほしい']);
});

// ---------------------------------------------------------------------------------------
// 2. validation

appTest('確定の入力エラー: 必須3つ・日付の形・同意日が作成日より前。要約にフォーカスが移り、各リンクで欄へ。何も確定・保存されない', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  const f = finalForm(page);
  const before = (await readCaseRecord(page, ID)).case;

  await f.submit.click();
  await f.summary.waitFor();
  assert.equal(await f.summary.getAttribute('role'), 'alert', 'エラーの要約が role="alert" ではありません');
  assert.equal(await textOf(f.summary.getByRole('heading')), '入力を確認してください');
  await eventually(async () => assert.ok(await isFocused(f.summary), `エラーの要約にフォーカスが移りません（今: ${await activeDescription(page)}）`));
  assert.deepEqual(await errorMessages(page), [MADE_MISSING, CONSENT_MISSING, SIGNER_MISSING, ACK_MISSING], '空で確定したときのエラーが違います');
  for (const field of [f.madeOn, f.consentedOn, f.signer]) {
    assert.equal(await field.getAttribute('aria-invalid'), 'true', '空の必須欄が aria-invalid="true" になりません');
  }
  const described = await f.signer.evaluate((e) => (e.getAttribute('aria-describedby') ?? '').split(/\s+/)
    .map((i) => document.getElementById(i)?.textContent.trim() ?? '').join(' '));
  assert.ok(described.includes(SIGNER_MISSING), '「同意した人」がエラーメッセージを aria-describedby で参照していません');
  const targets = [f.madeOn, f.consentedOn, f.signer];
  for (let i = 0; i < 3; i++) {
    await f.summary.getByRole('link').nth(i).click();
    await eventually(async () => assert.ok(await isFocused(targets[i]), `エラーの要約の ${i + 1} つ目のリンクで欄にフォーカスが移りません（今: ${await activeDescription(page)}）`));
  }

  const cases = [
    [{ madeOn: 'R8.12.5', consentedOn: 'R8.12.1', signer: '本人' }, [ORDER_ERROR]],
    [{ madeOn: '12月1日', consentedOn: '2026年12月1日', signer: '本人' }, [MADE_BAD]],
    [{ madeOn: '2026年12月1日', consentedOn: '令和8年2月30日', signer: '本人' }, [CONSENT_BAD]],
    [{ madeOn: 'R8.12.1', consentedOn: 'R8.12.1', signer: '　' }, [SIGNER_MISSING]],
  ];
  for (const [input, messages] of cases) {
    await submitFinal(page, input);
    await eventually(async () => assert.deepEqual(await errorMessages(page), messages, `入力 ${JSON.stringify(input)} のエラーが違います`));
    await eventually(async () => assert.ok(await isFocused(f.summary), `入力 ${JSON.stringify(input)} でエラーの要約にフォーカスが移りません`));
  }
  assert.equal(await f.madeOn.getAttribute('aria-invalid'), 'false', '正しい計画作成日が aria-invalid="true" のままです');
  assert.equal(await f.signer.getAttribute('aria-invalid'), 'true');
  await sleep(300);
  const after = (await readCaseRecord(page, ID)).case;
  assert.equal(after.plan.status, 'draft', 'エラーなのに計画が確定（status final）になりました');
  assert.equal(after.plan.consent ?? null, null, 'エラーなのに同意が保存されました');
  assert.equal((after.final_plans ?? []).length, 0, 'エラーなのに確定した計画が保存されました');
  assert.equal(after.stage, before.stage, 'エラーなのに段階が変わりました');
  assert.match(page.url(), /\/planning\/check$/, 'エラーなのに確認ページから移りました');
});

appTest('残っているもの: 印のない要対応・要確認と未記入がリンクで並び、確かめないと確定できず、確かめて確定すると数が計画と一緒に残る', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  const open = page.locator('#final-open');
  await open.waitFor();
  const heading = await textOf(open.getByRole('heading'));
  const m = heading.match(/要対応 (\d+)件・要確認 (\d+)件・未記入 (\d+)項目/);
  assert.ok(m, `残っているものの見出しに数がありません: ${heading}`);
  const [required, warning, unfilled] = m.slice(1).map(Number);
  assert.ok(required + warning + unfilled > 0);
  const links = await open.getByRole('link').allInnerTexts();
  assert.equal(links.length, required + warning + unfilled, `リンクの数が見出しの数と違います: ${links.join(' / ')}`);
  assert.equal(links.filter((t) => t.startsWith('未記入：')).length, unfilled);
  assert.equal(links.filter((t) => t.startsWith('要対応：') || t.startsWith('要確認：')).length, required + warning);
  await assertNoAxeViolations(page, '確認ページ（残っているものあり）');

  // A finding's link goes to its field; 確認・確定 brings the page back.
  const first = open.getByRole('link').first();
  await first.click();
  await eventually(async () => assert.ok(!page.url().endsWith('/planning/check'), '指摘のリンクで入力画面へ移りません'));
  await eventually(async () => assert.ok(await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'H3'].includes(document.activeElement?.tagName)), `指摘のリンクで欄にフォーカスが移りません（今: ${await activeDescription(page)}）`));
  await page.goto(appUrl(`#/case/${ID}/planning/check`));
  await checkReady(page);

  const f = finalForm(page);
  await f.madeOn.fill('R8.12.1');
  await f.consentedOn.fill('R8.12.1');
  await f.signer.fill('本人');
  await f.submit.click();
  await f.summary.waitFor();
  assert.deepEqual(await errorMessages(page), [ACK_MISSING], '確かめずに確定できてしまいます');
  assert.equal((await readCaseRecord(page, ID)).case.plan.status, 'draft');
  await f.summary.getByRole('link').first().click();
  await eventually(async () => assert.ok(await isFocused(f.acknowledge), 'エラーのリンクで「確かめました」にフォーカスが移りません'));
  await f.acknowledge.check();
  await f.submit.click();
  await planStepReady(page);
  const row = page.getByRole('main').locator('.summary-list__row', { hasText: '確定したときに残っていたもの' });
  assert.match(await textOf(row), new RegExp(`要対応 ${required}件・要確認 ${warning}件・未記入 ${unfilled}項目`));
  await eventually(async () => {
    const c = (await readCaseRecord(page, ID)).case;
    assert.deepEqual(c.final_plans[0].consent.open, { required, warning, unfilled }, '確定した計画に残っていた数がありません');
  });
});

appTest('確定の入力: 入力した日付は「変更」で離れて戻っても残る。ニーズが1つもない計画案は確定できず、目標表へのリンクが出る', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  const f = finalForm(page);
  await f.madeOn.fill('R8.12.1');
  await f.signer.fill('本人');
  await page.getByRole('main').getByRole('link', { name: changeName('長期目標') }).click();
  await page.getByRole('main').getByRole('link', { name: '確認ページに戻る', exact: true }).first().click();
  await checkReady(page);
  assert.equal(await f.madeOn.inputValue(), 'R8.12.1', '「変更」から戻ると計画作成日が消えています');
  assert.equal(await f.signer.inputValue(), '本人', '「変更」から戻ると同意した人が消えています');

  // The same case without needs.
  const record = draftRecord();
  record.case.plan.needs = [];
  record.case.plan.schedule.slots = [];
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [CASE_KEY_PREFIX + ID, JSON.stringify(record)]);
  await reloadApp(page);
  await checkReady(page);
  await submitFinal(page, { madeOn: 'R8.12.1', consentedOn: 'R8.12.1', signer: '本人' });
  await f.summary.waitFor();
  const NEEDS_MISSING = '解決すべき課題（ニーズ）が1つもありません。目標表に書いてから確定してください。';
  assert.deepEqual(await errorMessages(page), [NEEDS_MISSING]);
  assert.match(await f.summary.getByRole('link', { name: NEEDS_MISSING }).getAttribute('href'), new RegExp(`#/case/${ID}/planning$`),
    'ニーズがないエラーのリンクが目標表の画面を指していません');
  await sleep(300);
  assert.equal((await readCaseRecord(page, ID)).case.plan.status, 'draft', 'ニーズがないのに確定されました');
});

// ---------------------------------------------------------------------------------------
// 3. making final, the 計画 step, changing the plan, printing

appTest('和暦で確定 → 計画の段階（確定の表示・和暦の日付・同意した人・変更リンクなし）。保存は status final と凍結コピー。確定後の計画案・週間計画表は編集できない', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  await submitFinal(page, FINAL);
  await planStepReady(page);
  assert.match(page.url(), new RegExp(`#/case/${ID}/plan$`), '確定のあと #/case/<id>/plan に移りません');
  assert.equal(await casePage(page).stepNav.getByRole('link', { name: '計画', exact: true }).getAttribute('aria-current'), 'page');
  const main = page.getByRole('main');
  await main.getByText('計画は確定しています。', { exact: true }).waitFor();
  assert.deepEqual(await consentShown(page), { 計画作成日: '令和8年12月1日', 同意日: '令和8年12月3日', 同意した人: '本人（確定 花子）' },
    '計画の段階の計画作成日・同意日（和暦）・同意した人が違います');
  assert.equal(await main.getByRole('link', { name: '計画を印刷する', exact: true }).getAttribute('href'), `#/case/${ID}/print/plan`);
  assert.equal(await main.getByRole('link', { name: '週間計画表を印刷する', exact: true }).getAttribute('href'), `#/case/${ID}/print/schedule`);
  await main.getByRole('button', { name: '計画を変更する（新しい計画案を作る）', exact: true }).waitFor();
  await main.getByRole('heading', { level: 3, name: '確定した計画の内容', exact: true }).waitFor();
  const rows = await summaryRows(page);
  assert.ok(rows.some(([, l, v]) => l === '支援目標' && v === '生活介護に週3回通う'), '確定した計画の内容に支援目標がありません');
  assert.ok(rows.some(([, l, v]) => l === '枠' && v === '1枠。目標表の量と合っています。'));
  assert.equal(await main.getByRole('link', { name: /^変更/ }).count(), 0, '確定した計画の内容に「変更」リンクがあります');
  assert.equal(await main.getByRole('heading', { name: 'これまでに確定した計画' }).count(), 0, '確定が 1 回なのに「これまでに確定した計画」が出ています');

  await waitForStored(page, ID, (stored) => {
    assert.equal(stored.plan.status, 'final', '確定しても保存された計画が status final になりません');
    assert.deepEqual(signed(stored.plan.consent), { made_on: '2026-12-01', consented_on: '2026-12-03', signer: '本人（確定 花子）' }, '保存された同意（西暦の日付）が違います');
    assert.equal(stored.stage, 'plan', '確定しても段階が「計画」になりません');
    assert.equal(stored.final_plans?.length, 1, '確定した計画（final_plans）が 1 件ではありません');
    assert.deepEqual(stored.final_plans[0], stored.plan, '確定した計画のコピーが今の計画と違います');
  });

  // The draft screens are read-only now.
  await gotoRoute(page, `#/case/${ID}/planning`);
  await main.getByText('この計画は確定しています。', { exact: false }).first().waitFor();
  assert.equal(await main.getByRole('textbox').count(), 0, '確定した計画の目標表の画面に入力欄があります');
  assert.equal(await main.getByRole('button', { name: '＋ ニーズを追加' }).count(), 0);
  assert.ok((await summaryRows(page)).some(([, l, v]) => l === '長期目標' && v === '作業所で長く働く'), '確定した計画の目標表の画面に内容が出ません');
  await gotoRoute(page, `#/case/${ID}/planning/schedule`);
  await main.getByRole('group', { name: '週間計画表の表', exact: true }).waitFor();
  await main.getByText('この計画は確定しています。', { exact: false }).first().waitFor();
  assert.equal(await main.getByRole('region', { name: '枠を追加する' }).count(), 0, '確定した計画の週間計画表に「枠を追加する」があります');
  assert.equal(await main.getByRole('button', { name: /この枠を削除/ }).count(), 0, '確定した計画の週間計画表に削除ボタンがあります');
  assert.equal(await main.getByRole('textbox').count(), 0, '確定した計画の週間計画表に入力欄があります');
  assert.equal(await main.locator('.week-grid__slot').count(), 3);
  await gotoRoute(page, `#/case/${ID}/planning/check`);
  await main.getByText('この計画はすでに確定しています。', { exact: true }).waitFor();
  assert.equal(await finalForm(page).submit.count(), 0, '確定した計画の確認ページに「計画として確定する」があります');

  // Reload: still final.
  await reloadApp(page);
  await gotoRoute(page, `#/case/${ID}/plan`);
  await planStepReady(page);
  await main.getByText('計画は確定しています。', { exact: true }).waitFor();
});

appTest('確定した計画の印刷: 題は「サービス等利用計画」（（案）なし）、計画作成日と同意日が PDF に入り、利用者同意署名欄には手書きの署名の場所が空いている', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  await submitFinal(page, FINAL);
  await planStepReady(page);
  await page.getByRole('main').getByRole('link', { name: '計画を印刷する', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'サービス等利用計画の印刷', exact: true }).waitFor();
  const sheet = page.getByRole('article', { name: '印刷される計画' });
  assert.equal(await textOf(sheet.getByRole('heading', { level: 2 })), 'サービス等利用計画', '確定した計画の印刷の題に（案）が付いています');
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.ok(Math.abs(pdf.width - 842) < 2 && Math.abs(pdf.height - 595) < 2, `A4 横ではありません: ${pdf.width}x${pdf.height}`);
  assert.ok(!pdf.all.includes('（案）'), '確定した計画の PDF に「（案）」があります');
  assert.ok(!pdf.all.includes('計画案作成日'), '確定した計画の PDF に「計画案作成日」があります（「計画作成日」のはず）');
  for (const expected of ['サービス等利用計画', NAME, '計画作成日', '令和8年12月1日', '利用者同意署名欄', '令和8年12月3日', '生活介護', '週3回・1回6時間']) {
    assert.ok(pdf.all.includes(expected.replace(/\s+/g, '')), `確定した計画の PDF に「${expected}」がありません`);
  }
  assert.match(pdf.all, /利用者同意署名欄同意日令和8年12月3日/, '利用者同意署名欄に同意日が入っていません');
  // The box is for the person's own hand: no typed name or 「同意」 in it.
  assert.ok(!pdf.all.includes('本人（確定花子）'), '利用者同意署名欄に、手書きの署名の代わりに入力した名前が印刷されています');
  assert.doesNotMatch(pdf.all, /令和8年12月3日本人/, '利用者同意署名欄が入力した文字で埋まっています');
  // Room to sign: the box, printed, holds the date and at least 12 mm of empty space.
  await page.emulateMedia({ media: 'print' });
  const room = await sheet.locator('.sheet__signature').evaluate((td) => {
    const date = td.querySelector('.sheet__consent-date');
    const mm = (px) => (px * 25.4) / 96;
    return { empty: mm(td.getBoundingClientRect().bottom - date.getBoundingClientRect().bottom), text: td.innerText.replace(/\s+/g, '') };
  });
  await page.emulateMedia({ media: 'screen' });
  assert.equal(room.text, '同意日令和8年12月3日', '利用者同意署名欄に同意日のほかの文字があります');
  assert.ok(room.empty >= 12, `利用者同意署名欄の署名の場所が ${room.empty.toFixed(1)} mm しかありません（12 mm 以上）`);
  // Back goes to the 計画 step (the plan is final).
  await page.getByRole('link', { name: '入力画面に戻る', exact: true }).click();
  await planStepReady(page);
});

appTest('計画の変更: 新しい計画案は編集でき、1回目の確定コピーは変わらない。2回目の確定で「これまでに確定した計画」に2件', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  await submitFinal(page, FINAL);
  await planStepReady(page);
  const first = await waitForStored(page, ID, (c) => {
    assert.equal(c.final_plans?.length, 1, '確定した計画が保存されません');
    return structuredClone(c.final_plans[0]);
  });
  const main = page.getByRole('main');

  await main.getByRole('button', { name: '計画を変更する（新しい計画案を作る）', exact: true }).click();
  await main.getByRole('heading', { level: 3, name: '計画の基本事項', exact: true }).waitFor();
  assert.match(page.url(), new RegExp(`#/case/${ID}/planning$`), '「計画を変更する」で計画案の画面に移りません');
  const longGoal = main.getByRole('textbox', { name: '長期目標', exact: true });
  assert.equal(await longGoal.inputValue(), '作業所で長く働く', '新しい計画案が確定した計画の内容から始まりません');
  await waitForStored(page, ID, (c) => {
    assert.equal(c.plan.status, 'draft', '「計画を変更する」で計画案（draft）に戻りません');
    assert.equal(c.plan.consent ?? null, null, '新しい計画案に前の同意が残っています');
  });
  await longGoal.fill('一般就労をめざす');
  await main.getByRole('textbox', { name: '支援目標', exact: true }).fill('就労移行支援の見学に行く');
  await waitForStored(page, ID, (c) => assert.equal(c.plan.long_term_goal, '一般就労をめざす'));
  // The schedule of the new draft too.
  await gotoRoute(page, `#/case/${ID}/planning/schedule`);
  await main.getByRole('button', { name: 'この枠を削除（月・水・金 9:30〜15:30）', exact: true }).click();
  await waitForStored(page, ID, (c) => assert.deepEqual(c.plan.schedule.slots, []));
  let stored = (await readCaseRecord(page, ID)).case;
  assert.equal(stored.final_plans.length, 1);
  assert.deepEqual(stored.final_plans[0], first, '計画案を直したら、確定した計画のコピー（final_plans[0]）まで変わりました');
  // The draft prints as （案） again.
  await gotoRoute(page, `#/case/${ID}/print/plan`);
  await page.getByRole('heading', { level: 1, name: 'サービス等利用計画（案）の印刷', exact: true }).waitFor();

  // The 計画 step while the change is drafted: the last final plan, a way back to the draft.
  await gotoRoute(page, `#/case/${ID}/plan`);
  await planStepReady(page);
  await main.getByText('計画の変更案を作成中です。', { exact: false }).waitFor();
  assert.ok((await summaryRows(page)).some(([, l, v]) => l === '長期目標' && v === '作業所で長く働く'), '計画の段階に最後に確定した計画の内容が出ません');
  assert.equal(await main.getByRole('link', { name: '変更案の入力に戻る', exact: true }).getAttribute('href'), `#/case/${ID}/planning`);

  // Final again (西暦).
  await gotoRoute(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  await submitFinal(page, { madeOn: '2027年3月1日', consentedOn: '2027-03-05', signer: '母 確定 良子' });
  await planStepReady(page);
  assert.deepEqual(await consentShown(page), { 計画作成日: '令和9年3月1日', 同意日: '令和9年3月5日', 同意した人: '母 確定 良子' });
  const history = main.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '同意した人' }) });
  await main.getByRole('heading', { level: 3, name: 'これまでに確定した計画', exact: true }).waitFor();
  const bodyRows = history.getByRole('row').filter({ has: page.getByRole('cell') });
  assert.equal(await bodyRows.count(), 2, '「これまでに確定した計画」が 2 行ではありません');
  const cells = [];
  for (let i = 0; i < 2; i++) cells.push((await bodyRows.nth(i).getByRole('cell').allInnerTexts()).map((t) => t.trim()));
  assert.deepEqual(cells, [
    ['1', '令和8年12月1日', '令和8年12月3日', '本人（確定 花子）'],
    ['2', '令和9年3月1日', '令和9年3月5日', '母 確定 良子'],
  ], '「これまでに確定した計画」の行が違います');
  stored = await waitForStored(page, ID, (c) => {
    assert.equal(c.final_plans?.length, 2, '2回目の確定が保存されません');
    return c;
  });
  assert.deepEqual(stored.final_plans[0], first, '2回目の確定で1回目の確定コピーが変わりました');
  assert.equal(stored.final_plans[1].long_term_goal, '一般就労をめざす');
  assert.deepEqual(signed(stored.final_plans[1].consent), { made_on: '2027-03-01', consented_on: '2027-03-05', signer: '母 確定 良子' });
  assert.deepEqual(stored.final_plans[1].schedule.slots, []);
});

// ---------------------------------------------------------------------------------------
// 4. axe

appTest('axe: 確認ページ（エラーの要約あり）と計画の段階（確定2回・これまでの一覧）に違反がない', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  await submitFinal(page, { madeOn: 'きのう', consentedOn: '', signer: '' });
  await finalForm(page).summary.waitFor();
  await assertNoAxeViolations(page, '確認ページ（エラーの要約あり）');
  await submitFinal(page, FINAL);
  await planStepReady(page);
  await assertNoAxeViolations(page, '計画の段階（確定1回）');
  await page.getByRole('main').getByRole('button', { name: '計画を変更する（新しい計画案を作る）', exact: true }).click();
  await page.getByRole('main').getByRole('heading', { level: 3, name: '計画の基本事項', exact: true }).waitFor();
  await gotoRoute(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  await submitFinal(page, { madeOn: 'R9.3.1', consentedOn: 'R9.3.1', signer: '本人' });
  await planStepReady(page);
  await page.getByRole('main').getByRole('heading', { level: 3, name: 'これまでに確定した計画', exact: true }).waitFor();
  await assertNoAxeViolations(page, '計画の段階（確定2回・これまでの一覧）');
});

// ---------------------------------------------------------------------------------------
// 5. keyboard only, from a new case to both printed sheets

appTest('キーボードだけで: 新しいケース → 計画案（基本事項・意向・ニーズと支援と量）→ 週間計画表に置く → 確認・確定 → 計画と週間計画表の印刷画面で「印刷する」', async ({ context, page }) => {
  await context.addInitScript(() => {
    window.__printCalls = 0;
    window.print = () => { window.__printCalls += 1; };
  });
  const printCalls = () => page.evaluate(() => window.__printCalls);
  const CASE = '鍵盤 太郎';
  await gotoApp(page);
  const f = createForm(page);
  await tabTo(page, f.name);
  await page.keyboard.type(CASE);
  await tabTo(page, f.submit);
  await page.keyboard.press('Enter');
  const link = caseLink(page, CASE);
  await link.waitFor();
  const id = await caseIdFromList(page, CASE);
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: CASE }).waitFor();
  const main = page.getByRole('main');
  const nav = casePage(page).stepNav;

  // --- 計画案
  await tabTo(page, nav.getByRole('link', { name: '計画案', exact: true }));
  await page.keyboard.press('Enter');
  await main.getByRole('heading', { level: 3, name: '計画の基本事項', exact: true }).waitFor();
  const tb = (label) => main.getByRole('textbox', { name: label, exact: true });
  for (const [label, value] of [
    ['相談支援事業者名', '相談支援センターかぎ（架空）'],
    ['計画作成担当者', '相談員 鍵山'],
    ['計画案作成日', 'R8.11.27'],
    ['利用者負担上限額', '0円'],
    ['本人の意向（希望する生活）', '「作業所で友だちと働きたい」'],
    ['家族の意向（希望する生活）', '父：毎日通えるとよい'],
  ]) {
    await tabTo(page, tb(label));
    await page.keyboard.type(value);
  }
  await tabTo(page, main.getByRole('button', { name: '＋ ニーズを追加', exact: true }), { max: 120 });
  await page.keyboard.press('Enter');
  const need = main.locator('li.need').first();
  await eventually(async () => assert.ok(await isFocused(need.getByRole('textbox', { name: '解決すべき課題（本人のニーズ）', exact: true })),
    `「＋ ニーズを追加」のあと「解決すべき課題」にフォーカスが移りません（今: ${await activeDescription(page)}）`));
  await page.keyboard.type('日中、通う場所がほしい');
  await tabTo(page, need.getByRole('textbox', { name: '支援目標', exact: true }));
  await page.keyboard.type('作業所に週3回通う');
  const support = need.locator('div.support').first();
  await tabTo(page, support.getByRole('combobox', { name: '種類', exact: true }).or(support.getByRole('textbox', { name: '種類', exact: true })));
  await page.keyboard.type('生活介護');
  await tabTo(page, support.getByRole('textbox', { name: '回数', exact: true }));
  await page.keyboard.type('3');
  await tabTo(page, support.getByRole('textbox', { name: '1回の時間（時間）', exact: true }));
  await page.keyboard.type('6');
  await waitForStored(page, id, (c) => assert.deepEqual(c.plan.needs[0]?.supports[0]?.amount, { times: 3, per: 'week', hours: 6 }));

  // --- 週間計画表
  await tabTo(page, subnav(page).getByRole('link', { name: '週間計画表', exact: true }), { shift: true, max: 150 });
  await page.keyboard.press('Enter');
  await main.getByRole('heading', { level: 2, name: '週間計画表', exact: true }).waitFor();
  await tabTo(page, tb('計画開始年月'));
  await page.keyboard.type('令和8年12月');
  const form = main.getByRole('region', { name: '枠を追加する', exact: true });
  for (const day of ['月', '水', '金']) {
    await tabTo(page, form.getByRole('checkbox', { name: day, exact: true }));
    await page.keyboard.press('Space');
  }
  await tabTo(page, form.getByRole('textbox', { name: '始まり', exact: true }));
  await page.keyboard.type('9:30');
  await tabTo(page, form.getByRole('textbox', { name: '終わり', exact: true }));
  await page.keyboard.type('15:30');
  await tabTo(page, form.getByRole('combobox', { name: '目標表の支援', exact: true }));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, form.getByRole('button', { name: '枠を追加する', exact: true }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await textOf(page.locator('#schedule-agreement')), '目標表の量と週間計画表は合っています。',
    '月・水・金に置いても「合っています」になりません'));
  await tabTo(page, tb('週単位以外のサービス'), { max: 60 });
  await page.keyboard.type('短期入所（月1回）');
  await waitForStored(page, id, (c) => {
    assert.equal(c.plan.schedule.slots.length, 1);
    assert.equal(c.plan.schedule.non_weekly, '短期入所（月1回）');
  });

  // --- 確認・確定
  await tabTo(page, subnav(page).getByRole('link', { name: '確認・確定', exact: true }), { shift: true, max: 80 });
  await page.keyboard.press('Enter');
  await checkReady(page);
  const ff = finalForm(page);
  await tabTo(page, ff.madeOn, { max: 120 });
  await page.keyboard.type('R8.12.1');
  await tabTo(page, ff.consentedOn);
  await page.keyboard.type('2026年12月1日');
  await tabTo(page, ff.signer);
  await page.keyboard.type('本人');
  if (await ff.acknowledge.count()) {
    await tabTo(page, ff.acknowledge);
    await page.keyboard.press('Space');
  }
  await tabTo(page, ff.submit);
  await page.keyboard.press('Enter');
  await planStepReady(page);
  await main.getByText('計画は確定しています。', { exact: true }).waitFor();
  assert.deepEqual(await consentShown(page), { 計画作成日: '令和8年12月1日', 同意日: '令和8年12月1日', 同意した人: '本人' });

  // --- print the plan
  await tabTo(page, main.getByRole('link', { name: '計画を印刷する', exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'サービス等利用計画の印刷', exact: true }).waitFor();
  const planText = (await page.getByRole('article', { name: '印刷される計画' }).innerText()).replace(/\s+/g, '');
  for (const e of [CASE, '相談支援センターかぎ（架空）', '令和8年12月1日', '「作業所で友だちと働きたい」', '日中、通う場所がほしい', '生活介護', '週3回・1回6時間']) {
    assert.ok(planText.includes(e.replace(/\s+/g, '')), `計画の印刷画面に「${e}」がありません`);
  }
  await tabTo(page, page.getByRole('button', { name: '印刷する', exact: true }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await printCalls(), 1, '計画の印刷画面で Enter を押しても印刷（window.print）が呼ばれません'));
  await tabTo(page, page.getByRole('link', { name: '入力画面に戻る', exact: true }), { shift: true });
  await page.keyboard.press('Enter');
  await planStepReady(page);

  // --- print the 週間計画表
  await tabTo(page, main.getByRole('link', { name: '週間計画表を印刷する', exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: '週間計画表の印刷', exact: true }).waitFor();
  await tabTo(page, page.getByRole('button', { name: '印刷する', exact: true }));
  await page.keyboard.press('Space');
  await eventually(async () => assert.equal(await printCalls(), 2, '週間計画表の印刷画面で Space を押しても印刷（window.print）が呼ばれません'));
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.equal(pdf.pages, 1, `週間計画表が 1 ページではありません（${pdf.pages} ページ）`);
  for (const e of ['週間計画表', CASE, '相談支援センターかぎ（架空）', '相談員鍵山', '令和8年12月', '9:30〜15:30', '生活介護', '短期入所（月1回）']) {
    assert.ok(pdf.all.includes(e.replace(/\s+/g, '')), `週間計画表の PDF に「${e}」がありません`);
  }
  await waitForStored(page, id, (stored) => {
    assert.equal(stored.plan.status, 'final');
    assert.deepEqual(signed(stored.plan.consent), { made_on: '2026-12-01', consented_on: '2026-12-01', signer: '本人' });
    assert.equal(stored.final_plans?.length, 1);
    assert.equal(stored.stage, 'plan');
  });
}, { timeout: 120_000 });

appTest('IME: 確定の欄（計画作成日・同意日・同意した人）に日本語入力で書いても文字が壊れず、そのまま確定できる', async ({ page }) => {
  await seedDraft(page, `#/case/${ID}/planning/check`);
  await checkReady(page);
  const f = finalForm(page);
  const cdp = await page.context().newCDPSession(page);
  await f.madeOn.click();
  await imeType(cdp, 'れいわ', '令和', { pauseMs: 300 });
  await page.keyboard.type('8年12月1日');
  await f.consentedOn.click();
  await imeType(cdp, 'れいわ', '令和');
  await page.keyboard.type('8年12月2日');
  await f.signer.click();
  await imeType(cdp, 'はは', '母', { pauseMs: 300 });
  await page.keyboard.type(' ');
  await imeType(cdp, 'やまだはなこ', '山田花子');
  assert.equal(await f.madeOn.inputValue(), '令和8年12月1日', 'IME で入力した計画作成日が壊れました');
  assert.equal(await f.signer.inputValue(), '母 山田花子', 'IME で入力した「同意した人」が壊れました');
  assert.ok(await isFocused(f.signer), 'IME の入力中に「同意した人」からフォーカスが外れました');
  if (await f.acknowledge.count()) await f.acknowledge.check();
  await f.submit.click();
  await planStepReady(page);
  await eventually(async () => {
    const c = (await readCaseRecord(page, ID)).case;
    assert.deepEqual(signed(c.plan.consent), { made_on: '2026-12-01', consented_on: '2026-12-02', signer: '母 山田花子' });
  });
});

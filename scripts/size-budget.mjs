// The first page's size budget (issue 17): what the browser fetches to show the case list,
// gzip -9, against the figure recorded in scripts/size-budget.json. Growth past the budget fails
// CI (tests/e2e/size.test.mjs) until the budget is raised in a commit that says what the bytes
// buy; the budget file keeps that history.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET_FILE = fileURLToPath(new URL('./size-budget.json', import.meta.url));

/** { first_page_gzip_bytes, history: [{ bytes, date, why }] } */
export function readBudget(file = BUDGET_FILE) {
  const budget = JSON.parse(readFileSync(file, 'utf8'));
  if (!Number.isInteger(budget.first_page_gzip_bytes) || budget.first_page_gzip_bytes <= 0) {
    throw new Error(`${file}: first_page_gzip_bytes must be a positive integer`);
  }
  return budget;
}

/** gzip -9 size of one response body (what a gzip-9 server would send). */
export function gzipBytes(body) {
  return gzipSync(body, { level: 9 }).length;
}

/**
 * Compares a measurement ({ total, files: [{ url, gzip }] }) with the budget. Returns null when
 * it fits, else the message CI prints: how much over, the biggest files, and what to do.
 */
export function overBudget(measured, budget) {
  const limit = budget.first_page_gzip_bytes;
  if (measured.total <= limit) return null;
  const files = [...measured.files]
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 5)
    .map((f) => `  ${String(f.gzip).padStart(9)}  ${f.url}`)
    .join('\n');
  return (
    `first page ${measured.total} B gzip is ${measured.total - limit} B over the budget of ${limit} B ` +
    `(scripts/size-budget.json).\n${files}\n` +
    'Make it smaller (node scripts/wasm-cost.mjs shows what the wasm is made of), or raise ' +
    'the budget in a commit that says what the bytes buy (add a line to its history).'
  );
}

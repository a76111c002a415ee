/**
 * Driving the fixture playground (`/test/playground/`, scenario `test/two-threads`) in
 * Chromium: open it, type into either editor, run and wait, read storage.
 */
import type { Page } from 'playwright-core';
import { editKey } from '../../src/playground/storage-keys';

export const testPage = 'test/playground/';
export const fixtureId = 'test/two-threads';

/** A scenario for the fixture page with `body` as main's body. */
export const scenario = (body: string, runtime = 'cpython-3.12') => `import { defineScenario, py, spawn, join, log, sleep } from "gilsim";

export default defineScenario({
  title: "Test",
  runtime: "${runtime}",
  cpus: 2,
  *main() {
${body}
  },
});
`;

/** Press Edit & run and wait until the live playground is up. */
export async function openEditor(page: Page): Promise<void> {
  await page.locator('gil-playground [data-action="edit"]').first().click();
  await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
}

const editorSelector = '.gil-monaco .view-lines, .gil-textarea-editor textarea';

/** Replace all the code by typing (Monaco or textarea). */
export async function replaceCode(page: Page, code: string): Promise<void> {
  if (await page.getAttribute('gil-playground', 'data-editor') === 'monaco') {
    await page.locator('.gil-monaco .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(code); // avoids Monaco's auto-closing brackets
  } else {
    await page.locator('.gil-textarea-editor textarea').fill(code);
  }
}

/** Type one character at the end of the first line, as a reader would. */
export async function typeOneKey(page: Page): Promise<void> {
  await page.locator(editorSelector).first().click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
}

export async function editorText(page: Page): Promise<string> {
  if (await page.getAttribute('gil-playground', 'data-editor') === 'monaco') {
    return (await page.locator('.gil-monaco .view-lines').innerText()).replace(/\u00a0/g, ' ');
  }
  return page.locator('.gil-textarea-editor textarea').inputValue();
}

/** Click `action` (Run by default) and wait for a new outcome. */
export async function runAndWait(page: Page, action = 'run', timeout = 60_000): Promise<string> {
  const before = await page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('gil-playground')!;
    delete host.dataset.outcome;
    return host.dataset.runs ?? '0';
  });
  await page.click(`gil-playground [data-action="${action}"]`);
  await page.waitForFunction((runs) => {
    const host = document.querySelector<HTMLElement>('gil-playground')!;
    return host.dataset.outcome && (host.dataset.outcome !== 'done' || host.dataset.runs !== runs);
  }, before, { timeout });
  return (await page.getAttribute('gil-playground', 'data-outcome')) ?? '';
}

/** The reader's own saved edit of the fixture scenario, as stored (null when none). */
export function ownEdit(page: Page, scenarioId = fixtureId): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), editKey(scenarioId));
}

export { editKey };

/**
 * The editor knows the scenario API's types (issue 8, item 17): with `yield*` a
 * thread handle is a TaskHandle on hover, and passing its name to `join` is marked
 * as an error before anything runs.
 */
import { describe, expect } from 'vitest';
import { test } from './harness';

const code = `import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const worker = yield* spawn("worker", function* () { yield py(1000); });
    yield join(worker.name);
  },
});
`;

describe('types in the editor', () => {
  test.override('contextOptions', { viewport: { width: 1280, height: 900 } });

  test('hovering a yield* spawn handle shows TaskHandle, and join(worker.name) is a type error', async ({ site, page }) => {
    await page.goto(site.url + 'test/playground/');
    await page.locator('gil-playground [data-action="edit"]').click();
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await page.locator('.gil-monaco .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(code);
    // TypeScript's own check (Monaco's worker), before any Run: line 8 is marked.
    await page.waitForSelector('.gil-monaco .squiggly-error', { timeout: 60_000 });
    const marked = await page.evaluate(() => {
      const squiggle = document.querySelector('.gil-monaco .squiggly-error')!.getBoundingClientRect();
      const middle = squiggle.top + squiggle.height / 2;
      const number = [...document.querySelectorAll<HTMLElement>('.gil-monaco .line-numbers')]
        .find((element) => element.getBoundingClientRect().top <= middle && middle <= element.getBoundingClientRect().bottom);
      return Number(number?.textContent);
    });
    expect(marked).toBe(8);
    // The identifier shares a token span with the spaces around it: measure just its letters.
    const target = await page.evaluate(() => {
      const line = [...document.querySelectorAll('.gil-monaco .view-line')]
        .find((element) => /const\s+worker/.test(element.textContent?.replace(/\u00a0/g, ' ') ?? ''))!;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('worker');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'worker'.length);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      throw new Error('no "worker" on the line');
    });
    await page.mouse.move(target.x, target.y);
    await page.waitForFunction(() => /const worker: /.test(document.querySelector('.monaco-hover:not(.hidden)')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await page.locator('.monaco-hover:not(.hidden)').first().innerText()).toMatch(/const worker: TaskHandle/);
  });
});

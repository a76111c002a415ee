// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { fileURLToPath } from 'node:url';
import { rm } from 'node:fs/promises';

// BASE_PATH lets the same build deploy at a domain root ("/") or under a sub-path
// such as a GitHub project page ("/gil-lab/").
const base = process.env.BASE_PATH ?? '/';

/**
 * src/pages/test/ holds bare fixture pages for the playground's browser tests and
 * benchmark. They are built only when GIL_TEST_PAGES is set (`npm test` sets it);
 * a normal build removes them so they never ship.
 */
const testPagesOnlyForTests = {
  name: 'gil-lab:test-pages',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      if (!process.env.GIL_TEST_PAGES) await rm(new URL('test/', dir), { recursive: true, force: true });
    },
  },
};

export default defineConfig({
  // SITE_URL (the origin the site is served from, e.g. https://gil.example.org) gives
  // every page an absolute canonical and og:url address; without it they are left out.
  site: process.env.SITE_URL || undefined,
  base,
  trailingSlash: 'ignore',
  integrations: [mdx(), testPagesOnlyForTests],
  markdown: {
    // Both themes in every code block; the site CSS switches to --shiki-dark in the dark theme.
    shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' } },
  },
  vite: {
    resolve: {
      alias: {
        // Scenario files import from "gilsim", exactly as readers write them.
        gilsim: fileURLToPath(new URL('./src/sim/index.ts', import.meta.url)),
      },
    },
    worker: { format: 'es' },
  },
});

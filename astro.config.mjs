// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { fileURLToPath } from 'node:url';

// BASE_PATH lets the same build deploy at a domain root ("/") or under a sub-path
// such as a GitHub project page ("/gil-lab/").
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  trailingSlash: 'ignore',
  integrations: [mdx()],
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

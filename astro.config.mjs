// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx()],
  server: {
    port: Number(process.env.PORT ?? 4321),
    host: process.env.HOST ?? '127.0.0.1',
  },
  // Origin checks for every state-changing request (JSON included) live in src/middleware.ts.
  security: { checkOrigin: false },
  vite: {
    resolve: {
      alias: { '@practicum/reference': new URL('./reference/index.ts', import.meta.url).pathname },
    },
  },
});

// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { fileURLToPath } from 'node:url';
import { referenceAliases } from './src/server/content/reference-library.ts';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx()],
  server: {
    port: Number(process.env.PORT ?? 4321),
    host: process.env.HOST ?? '127.0.0.1',
  },
  security: {
    // Origin checks for every state-changing request (JSON included) live in src/middleware.ts.
    checkOrigin: false,
    // A Content-Security-Policy on every page: Astro hashes the scripts it emits, so no inline
    // script runs unless the build produced it. Styles keep 'unsafe-inline' because Monaco injects its
    // themes as <style> elements at run time (Astro then emits no style hashes, as the spec requires).
    // The WebContainer runtime is framed from StackBlitz's hosts. In server output Astro sends the policy
    // as a response header, so frame-ancestors applies; src/server/security-headers.ts gives responses
    // Astro does not render (errors, the verification fast path) the same frame-ancestors rule.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' https://*.stackblitz.com https://*.webcontainer-api.io wss://*.webcontainer-api.io",
        "frame-src https://stackblitz.com https://*.stackblitz.com https://*.webcontainer-api.io",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  vite: {
    resolve: {
      // each program's reference library under its specifier (program.json referenceLibrary; the platform's by default)
      alias: referenceAliases(fileURLToPath(new URL('.', import.meta.url))),
    },
  },
});

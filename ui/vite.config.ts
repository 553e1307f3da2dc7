import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

const browserCrypto = fileURLToPath(new URL('./src/lib/verify/node-crypto-for-browser.ts', import.meta.url));

/**
 * In the browser bundle only, `node:crypto` is the @noble-based module that
 * lets the auditor page run `audit/src/verify` itself (one verifier for CLI
 * and browser). Server code keeps Node's own crypto.
 */
function browserVerifierCrypto(): Plugin {
  return {
    name: 'meridian-browser-verifier-crypto',
    enforce: 'pre',
    resolveId(id, _importer, options) {
      if (options?.ssr) return null;
      return id === 'node:crypto' || id === 'crypto' ? browserCrypto : null;
    },
  };
}

export default defineConfig({
  plugins: [
    browserVerifierCrypto(),
    sveltekit({
      adapter: adapter({ out: 'build', precompress: false }),
      compilerOptions: { runes: true },
      // Scripts only from this origin; SvelteKit hashes its inline bootstrap script.
      csp: {
        mode: 'hash',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'connect-src': ['self'],
          'frame-ancestors': ['none'],
          'form-action': ['self'],
          'base-uri': ['none'],
          'object-src': ['none'],
        },
      },
    }),
  ],
  server: { fs: { allow: ['..'] } },
  ssr: {
    // Loaded at run time, not bundled: PGlite finds its WASM next to its own files, and the
    // workspaces read their data files (region profiles) relative to their sources.
    external: ['@electric-sql/pglite', 'pg', 'pino', 'better-auth', 'kysely', 'undici', '@meridian/core', '@meridian/audit', '@meridian/regions'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  logLevel: 'warn',
});

// Vite builds the task pane and the plain web page (one app, two HTML doors: taskpane.html loads
// Office.js, index.html does not): native ESM in development (instant start, no bundle step), one small
// entry chunk with the core, the Excel adapter, the readers, exceljs and chart.js split out and loaded
// lazily (dynamic import), and a plain static dist-web/ that any intranet web server can host (base './').
// CR_WEB_OUT builds elsewhere (the browser tests build their own copy so they never race a developer's).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type ServerOptions, type UserConfig } from 'vite';

const here = import.meta.dirname;
const ASSETS = resolve(here, 'assets');

/** Serves and emits assets/*.png at /assets/…, where manifest.xml expects the icons. */
function addinIcons(): Plugin {
  return {
    name: 'addin-icons',
    configureServer(server) {
      server.middlewares.use('/assets', (req, res, next) => {
        const file = resolve(ASSETS, (req.url ?? '').replace(/^\/+/, '').split('?')[0] ?? '');
        if (!file.startsWith(ASSETS) || !existsSync(file) || !file.endsWith('.png')) return next();
        res.setHeader('Content-Type', 'image/png');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const name of readdirSync(ASSETS).filter((f) => f.endsWith('.png'))) {
        this.emitFile({ type: 'asset', fileName: `assets/${name}`, source: readFileSync(resolve(ASSETS, name)) });
      }
    },
  };
}

/**
 * Inlines src/taskpane/oldWebview.js (ES5) at the end of every page's <head> (after the charset, before
 * any module runs): in Internet Explorer 11 and Edge Legacy webviews, which cannot run the ES2022 bundle,
 * it shows what to do instead.
 */
function oldWebviewFallback(): Plugin {
  const file = resolve(here, 'src/taskpane/oldWebview.js');
  return {
    name: 'old-webview-fallback',
    transformIndexHtml: () => [{ tag: 'script', children: readFileSync(file, 'utf8'), injectTo: 'head' }],
  };
}

/**
 * HTTPS with the Office development certificates when office-addin-dev-certs is installed and can
 * install them (Office refuses http task panes); otherwise plain http with a warning, which is still
 * fine for using the page in a browser.
 */
async function httpsOptions(): Promise<ServerOptions['https']> {
  try {
    const require = createRequire(import.meta.url);
    const devCerts = require('office-addin-dev-certs') as {
      getHttpsServerOptions(): Promise<{ ca: Buffer; key: Buffer; cert: Buffer }>;
    };
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    console.warn(
      `\n⚠ 未能使用 HTTPS 开发证书，改用 http：Office 不会加载 http 任务窗格，但浏览器中可以使用本页面。\n` +
        `⚠ HTTPS development certificates unavailable (${why}); serving plain http. Office will not load an http task pane; a browser will.\n` +
        `  Fix: npx office-addin-dev-certs install\n`,
    );
    return undefined;
  }
}

export default defineConfig(async ({ command }): Promise<UserConfig> => ({
  root: resolve(here, 'src/app'),
  base: './',
  publicDir: false,
  plugins: [addinIcons(), oldWebviewFallback()],
  build: {
    outDir: process.env['CR_WEB_OUT'] ? resolve(process.env['CR_WEB_OUT']) : resolve(here, 'dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    // exceljs (≈ 930 kB, 256 kB gzip) is one lazily loaded chunk that only xlsx reading/writing fetches.
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      input: {
        index: resolve(here, 'src/app/index.html'),
        taskpane: resolve(here, 'src/app/taskpane.html'),
        commands: resolve(here, 'src/app/commands.html'),
        help: resolve(here, 'src/app/help.html'),
      },
    },
  },
  server: {
    port: 3000,
    strictPort: true,
    host: 'localhost',
    https: command === 'serve' && !process.env['VITEST'] ? await httpsOptions() : undefined,
    fs: { allow: [here] },
  },
  preview: { port: 3000, strictPort: true },
}));

import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { renderShell } from '../../../src/webview/html';

// Serves the BUILT webview (dist/webview) and the production HTML shell, so the tests run under the
// real Content-Security-Policy with a fresh nonce, the way VS Code would load the view.

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

import { repoRoot } from '../../harness/repoRoot';

export { repoRoot };

export interface AssetServer {
  origin: string;
  close(): Promise<void>;
}

function serveAsset(distDir: string, urlPath: string, res: http.ServerResponse): void {
  const name = path.basename(decodeURIComponent(urlPath));
  const file = path.join(distDir, name);
  if (!name || !fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
  });
  fs.createReadStream(file).pipe(res);
}

export async function startAssetServer(locale = 'en'): Promise<AssetServer> {
  const distDir = path.join(repoRoot(), 'dist', 'webview');
  if (!fs.existsSync(path.join(distDir, 'main.js'))) {
    throw new Error(`The webview bundle is missing at ${distDir}: run "node esbuild.js" first.`);
  }
  let origin = '';
  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', origin).pathname;
    if (urlPath !== '/') return serveAsset(distDir, urlPath, res);
    const html = renderShell({
      cspSource: origin,
      scriptUri: `${origin}/main.js`,
      styleUri: `${origin}/main.css`,
      locale,
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

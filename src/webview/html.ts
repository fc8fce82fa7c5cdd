import { randomBytes } from 'node:crypto';

export interface ShellAssets {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  locale: string;
}

/**
 * The webview's HTML shell. Model output is rendered into this page, so the policy assumes the page
 * is hostile: nothing loads from the network, scripts run only with this load's nonce, and there is
 * no form or frame an injected answer could use to send data anywhere.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    // No data: and no remote images (answers' images are placeholders, icons are a font). blob:
    // is for the chips of pasted images only: a blob: URL names bytes the page's own script holds
    // (URL.createObjectURL), so an injected answer can neither carry data in it nor send any out.
    `img-src ${cspSource} blob:`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function renderShell(assets: ShellAssets, nonce = createNonce()): string {
  const csp = contentSecurityPolicy(assets.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(assets.locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(assets.styleUri)}">
<title>Twin Chat</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${escapeAttribute(assets.scriptUri)}"></script>
</body>
</html>`;
}

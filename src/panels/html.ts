import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * A panel's page (the trace panel: bundle `webview`; the insights panel: `insights`): `default-src 'none'`, the
 * bundle's one script by nonce from dist/, styles and fonts only from the webview's own resource origin, no
 * network. Everything a trace or a record contains reaches the page as data through postMessage and is rendered
 * as text by the Preact app — never as HTML. uPlot (insights) draws on canvases and sizes elements through the
 * CSSOM, which needs no 'unsafe-inline'; its stylesheet is part of dist/insights.css. `view` picks the app the
 * `webview` bundle starts: the trace viewer or the compare view (they share components, styles and this CSP).
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, bundle: 'webview' | 'insights', view: 'trace' | 'compare' = 'trace'): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    "connect-src 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${asset('dist', `${bundle}.css`)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="root" data-view="${view}"></div>
<script nonce="${nonce}" src="${asset('dist', `${bundle}.js`)}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const traceHtml = (webview: vscode.Webview, extensionUri: vscode.Uri, title: string, view: 'trace' | 'compare' = 'trace'): string =>
  panelHtml(webview, extensionUri, title, 'webview', view);

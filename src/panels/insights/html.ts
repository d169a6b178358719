import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The insights panel's page, under the trace panel's policy: `default-src 'none'`, one nonce'd script from
 * dist/, styles and fonts only from the webview's resource origin, no network. uPlot draws on canvases and
 * sizes elements through the CSSOM, which needs no 'unsafe-inline'; its stylesheet is part of dist/insights.css.
 */
export function insightsHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
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
<link rel="stylesheet" href="${asset('dist', 'insights.css')}">
<title>${title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${asset('dist', 'insights.js')}"></script>
</body>
</html>`;
}

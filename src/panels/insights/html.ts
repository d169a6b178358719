import type * as vscode from 'vscode';
import { panelHtml } from '../html';

/** The insights panel's page, under the trace panel's policy (src/panels/html.ts). */
export const insightsHtml = (webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string => panelHtml(webview, extensionUri, title, 'insights');

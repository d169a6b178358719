import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ProxySettings } from '../api/proxy';
import type { Logger } from '../util/logger';

/** Settings that change how API requests leave the machine: a change recreates every client. */
const HTTP_KEYS = ['http.proxy', 'http.proxyStrictSSL', 'http.noProxy', 'http.proxySupport', 'agentlens.http.caCertificates'];

export function affectsHttpSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return HTTP_KEYS.some((k) => e.affectsConfiguration(k));
}

/**
 * VS Code's proxy settings, the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the extra CA certificates
 * of `agentlens.http.caCertificates`, for the API clients (src/api/proxy.ts); no proxy at all when
 * `http.proxySupport` is `off`. An unreadable certificate file
 * is logged and skipped; the proxy URL is never logged (it may hold credentials).
 */
export function readHttpSettings(log: Logger, env: Readonly<Record<string, string | undefined>> = process.env): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const noProxy = http.get<unknown>('noProxy');
  const files = vscode.workspace.getConfiguration('agentlens').get<unknown>('http.caCertificates');
  const ca: string[] = [];
  for (const file of Array.isArray(files) ? files : []) {
    if (typeof file !== 'string' || !file.trim()) continue;
    try {
      ca.push(readFileSync(file.trim(), 'utf8'));
    } catch (e) {
      log.warn(`agentlens.http.caCertificates: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); skipped`);
    }
  }
  // `http.proxySupport: off` is how VS Code users keep extensions' requests away from any proxy.
  if (http.get<string>('proxySupport') === 'off') return ca.length ? { ca } : {};
  return {
    proxy: http.get<string>('proxy') ?? '',
    strictSSL: http.get<boolean>('proxyStrictSSL') !== false,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((x): x is string => typeof x === 'string') : [],
    env,
    ...(ca.length ? { ca } : {}),
  };
}

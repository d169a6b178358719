// The parts of undici the HTTP layer uses, loaded from their own modules and only when the first client is
// made. undici's package root also loads fetch, WebSocket, EventSource, the cache stores, mocks and
// interceptors (~520 KB of a minified bundle against ~250 KB for these), and loading even these pieces (and
// the node:http/tls/net they need) at activation would be paid by every window that never makes a request:
// the bundler keeps a module behind require() unevaluated until that require() runs. The root is what
// attaches `request()` and `connect()` to Dispatcher.prototype, so that is done here (idempotently: tests
// may load the root too, which is the same modules). Anything else from undici must come through here, never
// from 'undici' directly (type imports are fine).
import type { Agent as AgentClass, Dispatcher as DispatcherClass, ProxyAgent as ProxyAgentClass } from 'undici';

interface Undici {
  Agent: typeof AgentClass;
  ProxyAgent: typeof ProxyAgentClass;
}

let loaded: Undici | undefined;

export function undici(): Undici {
  if (loaded) return loaded;
  const Agent = require('undici/lib/dispatcher/agent') as typeof AgentClass;
  const ProxyAgent = require('undici/lib/dispatcher/proxy-agent') as typeof ProxyAgentClass;
  const Dispatcher = require('undici/lib/dispatcher/dispatcher') as typeof DispatcherClass;
  const proto = Dispatcher.prototype as { request?: unknown; connect?: unknown };
  proto.request ??= require('undici/lib/api/api-request');
  proto.connect ??= require('undici/lib/api/api-connect');
  return (loaded = { Agent, ProxyAgent });
}

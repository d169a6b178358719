// The parts of undici the HTTP layer uses, imported from their own modules. undici's package root also
// loads fetch, WebSocket, EventSource, the cache stores, mocks and interceptors: ~520 KB of a minified
// bundle against ~300 KB for these. The root is what attaches `request()` and `connect()` to
// Dispatcher.prototype, so that is done here (idempotently: tests may load the root too, same modules).
// Anything else from undici must be imported here as well, never from 'undici' directly (types are fine).
import Agent from 'undici/lib/dispatcher/agent';
import Dispatcher from 'undici/lib/dispatcher/dispatcher';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent';
import connect from 'undici/lib/api/api-connect';
import request from 'undici/lib/api/api-request';

const proto = Dispatcher.prototype as { request?: unknown; connect?: unknown };
proto.request ??= request;
proto.connect ??= connect;

export { Agent, ProxyAgent };

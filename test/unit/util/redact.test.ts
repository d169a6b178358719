import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../../src/util/disposable';
import { Logger, type LogSink } from '../../../src/util/logger';
import { Redactor } from '../../../src/util/redact';

describe('Redactor', () => {
  it('removes registered secrets verbatim, whatever their shape', () => {
    const r = new Redactor();
    r.addSecret('canary-7f3a9c1e');
    assert.equal(r.redact('key=canary-7f3a9c1e; again canary-7f3a9c1e!'), 'key=***; again ***!');
  });

  it('removes Fruxon keys and tokens but keeps their prefix', () => {
    const r = new Redactor();
    assert.equal(r.redact('using fx_live_abcDEF123456'), 'using fx_live_***');
    assert.equal(r.redact('using fxn_live_abc.def-123'), 'using fxn_live_***');
    assert.equal(r.redact('pat fx_pat_Zz9 and sat fx_sat_q1w2'), 'pat fx_pat_*** and sat fx_sat_***');
  });

  it('removes Bearer tokens, header values and JWTs', () => {
    const r = new Redactor();
    assert.equal(r.redact('Authorization: Bearer abc.def.ghi'), 'Authorization: ***');
    assert.equal(r.redact('sent Bearer sk-123456 to host'), 'sent Bearer *** to host');
    assert.equal(r.redact('{"X-API-KEY":"k-123456789"}'), '{"X-API-KEY":"***"}');
    assert.equal(r.redact('jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.sig-part_x end'), 'jwt *** end');
  });

  it('ignores secrets too short to redact safely and can forget a secret', () => {
    const r = new Redactor();
    r.addSecret('abc');
    assert.equal(r.redact('abc'), 'abc');
    r.addSecret('longer-secret');
    r.removeSecret('longer-secret');
    assert.equal(r.redact('longer-secret'), 'longer-secret');
  });

  it('removes the longer of two overlapping secrets whole', () => {
    const r = new Redactor();
    r.addSecret('secret-1234');
    r.addSecret('secret-1234-extended');
    assert.equal(r.redact('x secret-1234-extended y'), 'x *** y');
  });
});

describe('Logger', () => {
  function sink(lines: string[]): LogSink {
    const push = (level: string) => (m: string) => lines.push(`${level} ${m}`);
    return { trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
  }

  it('prefixes the component and redacts messages and errors', () => {
    const lines: string[] = [];
    const r = new Redactor();
    r.addSecret('canary-0000-1111');
    const log = new Logger(sink(lines), r).child('http');
    log.info('GET /agents with canary-0000-1111');
    log.error('failed', new Error('server echoed canary-0000-1111'));
    assert.deepEqual(lines, ['info [http] GET /agents with ***', 'error [http] failed Error: server echoed ***']);
  });
});

describe('DisposableStore', () => {
  it('disposes in reverse order, once, and disposes late registrations at once', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.register({ dispose: () => order.push('a') });
    store.register({ dispose: () => order.push('b') });
    store.dispose();
    store.dispose();
    assert.deepEqual(order, ['b', 'a']);
    store.register({ dispose: () => order.push('late') });
    assert.deepEqual(order, ['b', 'a', 'late']);
    assert.equal(store.isDisposed, true);
  });

  it('disposes everything even when one disposable throws, then reports the failure', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.register({ dispose: () => order.push('first') });
    store.register({ dispose: () => { throw new Error('boom'); } });
    assert.throws(() => store.dispose(), AggregateError);
    assert.deepEqual(order, ['first']);
  });
});

import * as assert from 'node:assert/strict';
import { makeProfile, normalizeBaseUrl, parseStoredProfiles, profileFromEnvironment, validateTenant } from '../../../src/connections/profiles';

describe('connection profiles', () => {
  it('normalizes base URLs and explains bad ones', () => {
    assert.equal(normalizeBaseUrl(' https://api.fruxon.com/ '), 'https://api.fruxon.com');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:4000/prefix//'), 'http://127.0.0.1:4000/prefix');
    assert.throws(() => normalizeBaseUrl(''), /Enter the API base URL/);
    assert.throws(() => normalizeBaseUrl('api.fruxon.com'), /not a URL/);
    assert.throws(() => normalizeBaseUrl('ftp://x'), /must start with https/);
    assert.throws(() => normalizeBaseUrl('https://user:pw@x.com'), /not in the URL/);
    assert.throws(() => normalizeBaseUrl('https://x.com/?a=1'), /query/);
  });

  it('validates tenants', () => {
    assert.equal(validateTenant('acme'), undefined);
    assert.match(validateTenant(' ') ?? '', /Enter your tenant/);
    assert.match(validateTenant('a/b') ?? '', /no spaces, slashes/);
  });

  it('labels and identifies profiles by base URL and tenant, never by credential', () => {
    const p = makeProfile('https://api.fruxon.com/', 'acme');
    assert.equal(p.label, 'acme');
    assert.equal(p.id, 'fruxon:https://api.fruxon.com#acme');
    assert.equal(makeProfile('http://127.0.0.1:9/', 'acme').label, 'acme @ 127.0.0.1:9');
  });

  it('makes a connection from FRUXON_* variables only when key and tenant are set', () => {
    assert.equal(profileFromEnvironment({ FRUXON_API_KEY: 'k' }), undefined);
    const e = profileFromEnvironment({ FRUXON_API_KEY: 'fx_live_1', FRUXON_TENANT: 'acme', FRUXON_BASE_URL: 'http://127.0.0.1:5/' });
    assert.ok(e);
    assert.equal(e.credential, 'fx_live_1');
    assert.equal(e.profile.baseUrl, 'http://127.0.0.1:5');
    assert.equal(e.profile.fromEnvironment, true);
    assert.equal(JSON.stringify(e.profile).includes('fx_live_1'), false);
    assert.equal(profileFromEnvironment({ FRUXON_API_KEY: 'k', FRUXON_TENANT: 't', FRUXON_BASE_URL: 'nope' }), undefined);
  });

  it('reads stored profiles defensively', () => {
    assert.deepEqual(parseStoredProfiles(undefined), []);
    const list = parseStoredProfiles([{ baseUrl: 'https://a.com', tenant: 't' }, { baseUrl: 5 }, null, { baseUrl: 'bad', tenant: 't' }]);
    assert.equal(list.length, 1);
    assert.equal(list[0]!.id, 'fruxon:https://a.com#t');
  });
});

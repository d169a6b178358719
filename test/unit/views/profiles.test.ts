import * as assert from 'node:assert/strict';
import {
  DEFAULT_ZAIA_BASE_URL, isZaiaProfile, makeProfile, makeZaiaProfile, normalizeBaseUrl, parseStoredProfiles, profileFromEnvironment, validateTenant,
  zaiaProfileFromEnvironment,
} from '../../../src/connections/profiles';

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

describe('connection profiles: Zaia', () => {
  it('makes one Zaia profile per base URL, labelled, with no tenant', () => {
    const p = makeZaiaProfile();
    assert.equal(p.kind, 'zaia');
    assert.equal(p.baseUrl, DEFAULT_ZAIA_BASE_URL);
    assert.equal(p.id, 'zaia:https://api.endless.zaia.app');
    assert.equal(p.label, 'Zaia Endless');
    assert.equal(p.tenant, '');
    assert.equal(makeZaiaProfile('http://127.0.0.1:9/').label, 'Zaia Endless @ 127.0.0.1:9');
    assert.throws(() => makeZaiaProfile('nope'), /not a URL/);
    assert.ok(isZaiaProfile(p));
    assert.equal(isZaiaProfile(makeProfile('https://api.fruxon.com', 'acme')), false);
  });

  it('makes a Zaia connection from ZAIA_API_KEY (and optional ZAIA_BASE_URL), never storing the key in it', () => {
    assert.equal(zaiaProfileFromEnvironment({ ZAIA_BASE_URL: 'http://127.0.0.1:5' }), undefined);
    const d = zaiaProfileFromEnvironment({ ZAIA_API_KEY: ' zaia_k1 ' });
    assert.equal(d?.profile.baseUrl, DEFAULT_ZAIA_BASE_URL);
    assert.equal(d?.credential, 'zaia_k1');
    const e = zaiaProfileFromEnvironment({ ZAIA_API_KEY: 'zaia_k1', ZAIA_BASE_URL: 'http://127.0.0.1:5/' });
    assert.equal(e?.profile.baseUrl, 'http://127.0.0.1:5');
    assert.equal(e?.profile.fromEnvironment, true);
    assert.match(e?.profile.label ?? '', /\(environment\)$/);
    assert.equal(JSON.stringify(e?.profile).includes('zaia_k1'), false);
    assert.equal(zaiaProfileFromEnvironment({ ZAIA_API_KEY: 'k', ZAIA_BASE_URL: 'ftp://x' }), undefined);
  });

  it('reads stored Fruxon and Zaia profiles side by side, old profiles without a kind as Fruxon', () => {
    const stored = [
      { id: 'fruxon:https://api.fruxon.com#acme', label: 'acme', baseUrl: 'https://api.fruxon.com', tenant: 'acme' },
      { kind: 'fruxon', baseUrl: 'http://127.0.0.1:4', tenant: 'beta', auth: 'bearer' },
      { kind: 'zaia', id: 'zaia:http://127.0.0.1:7', baseUrl: 'http://127.0.0.1:7/', tenant: '' },
      { kind: 'zaia', baseUrl: 42 },
      { kind: 'langfuse', baseUrl: 'https://x', tenant: 't' },
      { kind: 'zaia', baseUrl: 'not a url' },
    ];
    const out = parseStoredProfiles(JSON.parse(JSON.stringify(stored)));
    assert.deepEqual(out.map((p) => [p.kind, p.id]), [
      ['fruxon', 'fruxon:https://api.fruxon.com#acme'],
      ['fruxon', 'fruxon:http://127.0.0.1:4#beta'],
      ['zaia', 'zaia:http://127.0.0.1:7'],
    ]);
    assert.equal(out[1]!.auth, 'bearer');
    // What a version with Zaia writes, the same version reads back unchanged.
    assert.deepEqual(parseStoredProfiles(JSON.parse(JSON.stringify(out))), out);
  });
});

// The `agentlens` command line as a child process (dist/cli.js, the built artifact) against the simulator over
// real HTTP: exit codes, JUnit XML, the concurrency limit, a malformed file among valid ones, no re-sent POSTs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { parseXml, type El } from './xml';

const CLI = resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

interface Run { code: number; stdout: string; stderr: string }
function cli(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

const passing = (i: number, extra: Record<string, unknown> = {}) => ({
  agent: 'support-triage', parameters: { ticketId: `ZD-${i}`, message: 'Please refund the double charge.', ...extra },
  expect: { status: 'COMPLETED', noErrors: true, output: { matches: '\\S' }, maxCostUsd: 1 },
});
const failing = { agent: 'invoice-extractor', parameters: { currency: 'EUR' }, expect: { status: 'COMPLETED', output: { jsonPath: { '$.currency': 'USD' } } } };

/** The most requests of a route that were in flight at once, from the simulator's log. */
function maxInFlight(sim: Simulator, route: string): number {
  const edges: Array<[number, number]> = [];
  for (const r of sim.requests.filter((x) => x.route === route)) edges.push([r.time, 1], [r.end ?? r.time, -1]);
  // Ends before starts at the same millisecond: back-to-back is not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cur = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (cur += d));
  return max;
}

const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

describe('agentlens test (command line)', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let dir: string;
  let env: Record<string, string>;
  const write = (name: string, content: unknown): void => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  };

  before(async () => {
    sim = await startSimulator({ port: 0, quiet: true });
    env = { FRUXON_BASE_URL: sim.baseUrl, FRUXON_TENANT: sim.tenant, FRUXON_API_KEY: sim.apiKey };
  });
  after(async () => sim.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'agentlens-cli-'));
    sim.resetLog();
    sim.clearFaults();
    sim.setScript({});
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every test passes, and skips run files without expect', async () => {
    write('a/one.agentrun.json', passing(1));
    write('a/plain.agentrun.json', { agent: 'support-triage', parameters: {} });
    const r = await cli(['test'], dir, env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✓ a\/one\.agentrun\.json/);
    assert.match(r.stdout, /1 passed of 1/);
    assert.equal(sim.count('execute', 'POST'), 1);
  });

  it('exits 1 with a failure showing expected and actual, and writes JUnit XML of the usual shape', async () => {
    write('suite/pass.agentrun.json', passing(2));
    write('suite/fail.agentrun.json', failing);
    write('other/broken.agentrun.json', '{\n  "agent": "support-triage",\n  "expect": { "status": "COMPLETED" }\n  "parameters": {}\n}');
    const r = await cli(['test', '--junit', 'reports/junit.xml'], dir, env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /FAILED suite\/fail\.agentrun\.json\nsuite\/fail\.agentrun\.json:\d+:\d+ expect\.output\.jsonPath\.\$\.currency: .*\n {2}expected: USD\n {2}actual: {3}EUR/);
    // The malformed file is an error case naming line and column; it sent nothing, and the others still ran.
    assert.match(r.stdout, /ERROR other\/broken\.agentrun\.json:4:3\n.*line 4, column 3/);
    assert.equal(sim.count('execute', 'POST'), 2);

    const xml = parseXml(readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8'));
    assert.equal(xml.name, 'testsuites');
    assert.deepEqual([xml.attrs.tests, xml.attrs.failures, xml.attrs.errors, xml.attrs.skipped], ['3', '1', '1', '0']);
    const suites = all(xml, 'testsuite');
    assert.deepEqual(suites.map((s) => s.attrs.name).sort(), ['other', 'suite']);
    for (const s of suites) {
      const cases = s.children.filter((c) => c.name === 'testcase');
      assert.equal(Number(s.attrs.tests), cases.length);
      assert.equal(Number(s.attrs.failures), cases.filter((c) => c.children.some((x) => x.name === 'failure')).length);
      assert.equal(Number(s.attrs.errors), cases.filter((c) => c.children.some((x) => x.name === 'error')).length);
      assert.match(s.attrs.time ?? '', /^\d+\.\d{3}$/);
      assert.ok(s.attrs.timestamp);
      for (const c of cases) {
        assert.ok(c.attrs.name && c.attrs.classname, 'testcase needs name and classname');
        assert.match(c.attrs.time ?? '', /^\d+\.\d{3}$/);
      }
    }
    const failure = all(xml, 'failure')[0];
    assert.match(failure?.attrs.message ?? '', /\$\.currency differs/);
    assert.match(failure?.text ?? '', /expected: USD/);
    const error = all(xml, 'error')[0];
    assert.match(error?.attrs.message ?? '', /line 4, column 3/);
    assert.equal(error?.attrs.type, 'notRun');
  });

  it('never has more than --concurrency executions in flight', async () => {
    for (let i = 0; i < 6; i++) write(`c/t${i}.agentrun.json`, passing(100 + i, { _sim: { durationMs: 300 } }));
    const r = await cli(['test', 'c', '--concurrency', '2'], dir, env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(sim.count('execute', 'POST'), 6);
    assert.equal(maxInFlight(sim, 'execute'), 2);
  });

  it('reports a rejected credential as errored (exit 1) and a POST that may have reached the server is not re-sent', async () => {
    write('t/one.agentrun.json', passing(3));
    const denied = await cli(['test'], dir, { ...env, FRUXON_API_KEY: 'fx_live_wrong' });
    assert.equal(denied.code, 1);
    assert.match(denied.stdout, /ERROR t\/one\.agentrun\.json\n.*401/);
    sim.resetLog();
    sim.addFault({ route: 'execute', method: 'POST', reset: true, times: 1 });
    const reset = await cli(['test', 't/one.agentrun.json'], dir, env);
    assert.equal(reset.code, 1);
    assert.match(reset.stdout, /not re-sent: it may have reached the server/);
    assert.equal(sim.count('execute', 'POST'), 1);
  });

  it('exits 2 when it cannot run at all: no credentials, nothing to run, a bad option', async () => {
    write('x.agentrun.json', passing(4));
    assert.equal((await cli(['test'], dir, {})).code, 2);
    const none = await cli(['test', 'nowhere/*.agentrun.json'], dir, env);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /nothing matches nowhere/);
    assert.equal((await cli(['test', '--concurrency', '0'], dir, env)).code, 2);
    assert.equal((await cli(['frobnicate'], dir, env)).code, 2);
    assert.equal(sim.count('execute', 'POST'), 0);
  });
});

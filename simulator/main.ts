// CLI: `node out/simulator/main.js [--port N] [--host H] [--seed N] [--big-trace-steps N] [--latency MS]
//   [--fault JSON]... [--agents-shape array|items] [--summaries-shape array|items] [--tenant T] [--quiet]
//   [--now MS|fixed] [--run-ms MS] [--run-script JSON] [--zaia-api-key K] [--zaia-list-shape items|data|array]
//   [--zaia-nesting-shape tree|flat|wrapped] [--zaia-status-case lower|upper|pascal] [--zaia-entity-spelling singular|plural]
//   [--approval-fields canonical|alt] [--approvals-list-shape items|named|array] [--approval-answer-shape approval|empty|wrapped]
//   [--approval-closed-as conflict|gone|notFound|ok]`
// `--run-ms` makes every scripted :execute / :stream run take that long (the stream spreads its events
// over it); `--run-script` sets the whole script, e.g. '{"approval":true}' (see scripted.ts).
// Unlike the importable server (fixed clock, for tests), the CLI lays its data out back from the current
// hour, so a person trying AgentLens sees executions from minutes and days ago; `--now fixed` restores
// the tests' clock and `--now MS` sets any other.
import { validateVariants } from './admin';
import { validateFault } from './faults';
import { validateScript } from './scripted';
import { currentHour } from './clock';
import { startSimulator } from './server';
import type { Fault, SimulatorOptions } from './types';

function int(flag: string, v: string | undefined): number {
  if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${flag} needs a non-negative integer`);
  return Number(v);
}

function shape(flag: string, v: string | undefined): 'array' | 'items' {
  if (v !== 'array' && v !== 'items') throw new Error(`${flag} must be 'array' or 'items'`);
  return v;
}

export function parseArgs(argv: readonly string[]): SimulatorOptions {
  const opts: SimulatorOptions = { quiet: false, now: currentHour() };
  const faults: Fault[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const next = (): string | undefined => argv[++i];
    switch (flag) {
      case '--port': opts.port = int(flag, next()); break;
      case '--host': opts.host = next(); break;
      case '--seed': opts.seed = int(flag, next()); break;
      case '--tenant': opts.tenant = next(); break;
      case '--big-trace-steps': opts.bigTraceSteps = int(flag, next()); break;
      case '--latency': faults.push({ latencyMs: int(flag, next()) }); break;
      case '--fault': {
        const text = next() ?? '';
        let parsed: unknown;
        try { parsed = JSON.parse(text); } catch { throw new Error(`--fault needs a JSON object, got ${text}`); }
        faults.push(validateFault(parsed));
        break;
      }
      case '--agents-shape': opts.variants = { ...opts.variants, agentsShape: shape(flag, next()) }; break;
      case '--summaries-shape': opts.variants = { ...opts.variants, summariesShape: shape(flag, next()) }; break;
      case '--zaia-list-shape': case '--zaia-nesting-shape': case '--zaia-status-case': case '--zaia-entity-spelling':
      case '--approval-fields': case '--approvals-list-shape': case '--approval-answer-shape': case '--approval-closed-as': {
        const key = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
        opts.variants = validateVariants({ ...opts.variants, [key]: next() });
        break;
      }
      case '--zaia-api-key': opts.zaiaApiKey = next(); break;
      case '--quiet': opts.quiet = true; break;
      case '--run-ms': opts.script = { ...opts.script, durationMs: int(flag, next()) }; break;
      case '--run-script': {
        const text = next() ?? '';
        let parsed: unknown;
        try { parsed = JSON.parse(text); } catch { throw new Error(`--run-script needs a JSON object, got ${text}`); }
        opts.script = { ...opts.script, ...validateScript(parsed) };
        break;
      }
      case '--now': {
        const v = next();
        if (v === 'fixed') delete opts.now;
        else opts.now = int(flag, v);
        break;
      }
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  if (faults.length > 0) opts.faults = faults;
  return opts;
}

async function main(): Promise<void> {
  let opts: SimulatorOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`simulator: ${(e as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(opts);
  console.log(`Fruxon simulator listening on ${sim.baseUrl}`);
  console.log(`tenant: ${sim.tenant}`);
  console.log(`api key: ${sim.apiKey}`);
  console.log(`token: ${sim.token}`);
  console.log(`FRUXON_BASE_URL=${sim.baseUrl} FRUXON_TENANT=${sim.tenant} FRUXON_API_KEY=${sim.apiKey}`);
  console.log(`Zaia Endless simulator on the same server: base URL ${sim.baseUrl}, api key: ${sim.zaiaApiKey}`);
  console.log(`ZAIA_BASE_URL=${sim.baseUrl} ZAIA_API_KEY=${sim.zaiaApiKey}`);
  const stop = (): void => { void sim.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Runs only as a program, so tests can import parseArgs.
if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

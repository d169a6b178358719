// One fixture scenario in its own process (instrumentations patch modules for the whole process):
//   node run.cjs <scenario> <outDir>
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { startFakeOpenAI } = require('./fakeOpenAI.cjs');
const { setupTelemetry } = require('./telemetry.cjs');

const SCENARIOS = {
  'vercel-ai-v6': { file: './scenarios/vercel-ai.cjs', opts: { version: 6 } },
  'vercel-ai-v7': { file: './scenarios/vercel-ai.cjs', opts: { version: 7 } },
  'vercel-ai-v7-legacy': { file: './scenarios/vercel-ai.cjs', opts: { version: 7, legacy: true } },
  'openinference-openai': { file: './scenarios/openinference.cjs', opts: { which: 'openai' } },
  'openinference-langchain': { file: './scenarios/openinference.cjs', opts: { which: 'langchain' } },
  openllmetry: { file: './scenarios/openllmetry.cjs', opts: {}, ownSdk: true },
  'otel-instrumentation-openai': { file: './scenarios/otelOpenai.cjs', opts: {}, withLogs: true },
};

async function main() {
  const [name, outDir] = process.argv.slice(2);
  const s = SCENARIOS[name];
  if (!s) throw new Error(`unknown scenario ${name}; one of ${Object.keys(SCENARIOS).join(', ')}`);
  const fake = await startFakeOpenAI();
  const tel = await setupTelemetry(`fixture-${name}`, { withLogs: !!s.withLogs, register: !s.ownSdk });
  try {
    await require(s.file).run({ ...s.opts, openaiUrl: fake.url, telemetry: tel });
  } finally {
    await fake.close();
  }
  const out = await tel.finish();
  mkdirSync(join(outDir, name), { recursive: true });
  writeFileSync(join(outDir, name, 'traces.json'), `${JSON.stringify(out.traces, null, 1)}\n`);
  if (out.logs) writeFileSync(join(outDir, name, 'logs.json'), `${JSON.stringify(out.logs, null, 1)}\n`);
  const spans = out.traces.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((ss) => ss.spans)).length;
  const records = out.logs ? out.logs.resourceLogs.flatMap((r) => r.scopeLogs.flatMap((sl) => sl.logRecords)).length : 0;
  console.log(`${name}: ${spans} spans${out.logs ? `, ${records} log records` : ''}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

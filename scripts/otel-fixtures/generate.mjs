// Regenerates test/fixtures/otel/<scenario>/traces.json (and logs.json) with the real instrumentation libraries
// pinned in package.json, each scenario in its own process against a local fake OpenAI server (fakeOpenAI.cjs):
//   cd scripts/otel-fixtures && npm ci && npm run generate [-- scenario…]
// Ids and times differ on each run; the mapping tests derive what they expect from the files' own attributes.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../test/fixtures/otel');
const all = ['vercel-ai-v6', 'vercel-ai-v7', 'vercel-ai-v7-legacy', 'openinference-openai', 'openinference-langchain', 'openllmetry', 'otel-instrumentation-openai'];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
let failed = 0;
for (const name of chosen) {
  const r = spawnSync(process.execPath, [join(here, 'run.cjs'), name, out], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);

// The simulator for `bench:open`, in a worker thread: its own event loop, so serving a 100,000-step response
// does not count as the extension host blocking (the host is the bench's main thread). workerData:
// {steps}. Posts {baseUrl, tenant, apiKey, zaiaApiKey, fruxon: {agentId, recordId}, zaia: {executionId}}.
// Zaia: the simulator has no big nestings of its own, so one squad run gets steps-1 sub-executions added to
// its data here (same record shape as its own children); the simulator's real route serves them.
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from '../simulator/index';

async function main(): Promise<void> {
  const steps = (workerData as { steps: number }).steps;
  const sim = await startSimulator({ port: 0, seed: 7, quiet: true, bigTraceSteps: steps });
  const z = sim.zaia;
  const root = z.byId.get(z.special.squad)!;
  const template = (z.children.get(root.id) ?? [])[0] ?? root;
  const kids = Array.from({ length: Math.max(0, steps - 1) }, (_, i) => {
    const at = root.startedAt + i;
    return { ...template, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, parentId: root.id, startedAt: at, createdAt: at, updatedAt: at + 900, endedAt: at + 900 };
  });
  for (const k of kids) z.byId.set(k.id, k);
  z.children.set(root.id, kids);
  const { agentId, recordId } = sim.data.special.huge;
  parentPort!.postMessage({
    baseUrl: sim.baseUrl, tenant: sim.tenant, apiKey: sim.apiKey, zaiaApiKey: sim.zaiaApiKey,
    fruxon: { agentId, recordId }, zaia: { executionId: root.id },
  });
  parentPort!.on('message', () => void sim.close().then(() => process.exit(0)));
}

void main();

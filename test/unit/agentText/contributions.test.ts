// package.json's `languageModelTools` are the tools the code registers and serves over MCP: same names,
// descriptions and input schemas (VS Code validates a model's input against the contributed schema).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL_DEFINITIONS } from '../../../src/agentTools/definitions';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));

describe('agentTools: contributed tools match their definitions', () => {
  it('contributes each tool with its definition', () => {
    const contributed = pkg.contributes.languageModelTools as Array<Record<string, unknown>>;
    assert.deepEqual(contributed.map((t) => t.name), TOOL_DEFINITIONS.map((t) => t.name));
    for (const d of TOOL_DEFINITIONS) {
      const c = contributed.find((t) => t.name === d.name)!;
      assert.deepEqual(
        [c.displayName, c.toolReferenceName, c.modelDescription, c.userDescription, c.icon, c.inputSchema],
        [d.displayName, d.referenceName, d.modelDescription, d.userDescription, d.icon, d.inputSchema], d.name,
      );
    }
  });

  it('contributes the @agentlens participant with its commands, and keeps engines at a version that has the APIs', () => {
    const [p] = pkg.contributes.chatParticipants;
    assert.equal(p.name, 'agentlens');
    assert.deepEqual(p.commands.map((c: { name: string }) => c.name), ['explain', 'compare', 'recent']);
    // lm.registerTool, prepareInvocation and chat.createChatParticipant are in @types/vscode 1.95.
    assert.equal(pkg.engines.vscode, '^1.95.0');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, conversationFileSchema } from '@baton/shared';
import { runConversation } from '../../server/src/conversations/runConversation.ts';
import { prepareFlow } from '../../server/src/engine/RuntimeFlow.ts';
import { NlpjsNlu } from '../../server/src/nlu/NlpjsNlu.ts';

const flowsDir = path.resolve(import.meta.dirname, '../../flows');
const nlu = new NlpjsNlu();
const files = readdirSync(path.join(flowsDir, 'conversations')).filter((f) => f.endsWith('.json'));

describe('example flows', () => {
  for (const file of readdirSync(flowsDir).filter((f) => f.endsWith('.json'))) {
    it(`When ${file} is compiled, then it has no errors`, () => {
      const { compiled, issues } = compileFlow(JSON.parse(readFileSync(path.join(flowsDir, file), 'utf8')));
      expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(compiled).toBeDefined();
    });
  }
});

for (const file of files) {
  const suite = conversationFileSchema.parse(JSON.parse(readFileSync(path.join(flowsDir, 'conversations', file), 'utf8')));
  const { compiled } = compileFlow(JSON.parse(readFileSync(path.join(flowsDir, `${suite.flowId}.json`), 'utf8')));
  describe(`conversations on ${suite.flowId}`, () => {
    const flow = prepareFlow(compiled!, 'draft', nlu);
    for (const test of suite.tests) {
      it(test.name, () => {
        const result = runConversation(flow, test);
        const failures = result.results.filter((r) => !r.passed).map((r) => `${r.expectation}: ${r.detail}`);
        expect(failures).toEqual([]);
        expect(result.results.length).toBeGreaterThan(0);
      });
    }
  });
}

import { describe, expect, it } from 'vitest';
import { flowIdFromName, freeFlowId } from './flowId.ts';

describe('flow ids from names', () => {
  it.each([
    ['Billing support (copy)', 'billing-support-copy'],
    ['  Cartes & Crédit!  ', 'cartes-cr-dit'],
    ['日本語', 'flow'],
    ['x'.repeat(100), 'x'.repeat(70)],
  ])('When a flow is named "%s", then its id is "%s"', (name, id) => {
    expect(flowIdFromName(name)).toBe(id);
  });

  it('When the id from a name is taken, then the next numbered one is used, and none after 50', () => {
    const taken = new Set(['billing', 'billing-2']);
    expect(freeFlowId('billing', (id) => taken.has(id))).toBe('billing-3');
    expect(freeFlowId('billing', () => true)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { flowPath, matchRoute, whatIfPath } from './matchRoute.ts';

describe('matchRoute', () => {
  it('When the path is the home page or /flows, then it shows the flows list', () => {
    expect(matchRoute('/')).toEqual({ page: 'flows' });
    expect(matchRoute('/flows/')).toEqual({ page: 'flows' });
  });

  it('When the path names a flow, then it opens that flow in the editor', () => {
    expect(matchRoute('/flows/billing-support')).toEqual({ page: 'flow', flowId: 'billing-support' });
    expect(matchRoute(flowPath('a b'))).toEqual({ page: 'flow', flowId: 'a b' });
  });

  it('When the path ends in /what-if, then it opens the what-if page of that flow', () => {
    expect(matchRoute('/flows/billing-support/what-if')).toEqual({ page: 'what_if', flowId: 'billing-support' });
    expect(matchRoute(whatIfPath('a b'))).toEqual({ page: 'what_if', flowId: 'a b' });
  });

  it('When the path is /personas, then it shows the simulated callers', () => {
    expect(matchRoute('/personas')).toEqual({ page: 'personas' });
  });

  it('When the path is /settings/queues or /settings/agents, then it shows that settings page', () => {
    expect(matchRoute('/settings/queues')).toEqual({ page: 'queues' });
    expect(matchRoute('/settings/agents/')).toEqual({ page: 'agents' });
    expect(matchRoute('/settings')).toEqual({ page: 'not_found' });
  });

  it('When the path is /agent, then it shows the agent desk, whichever agent the query names', () => {
    expect(matchRoute('/agent')).toEqual({ page: 'agent_desk' });
    expect(matchRoute('/agent/')).toEqual({ page: 'agent_desk' });
    expect(matchRoute('/agents')).toEqual({ page: 'not_found' });
  });

  it('When the path is unknown or badly encoded, then it shows the not-found page', () => {
    expect(matchRoute('/flows/x/other')).toEqual({ page: 'not_found' });
    expect(matchRoute('/flows/%E0%A4%A')).toEqual({ page: 'not_found' });
  });
});

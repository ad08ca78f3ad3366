import { useState } from 'react';
import { Tabs } from '@mantine/core';
import type { FlowIssue } from '@baton/shared';
import { TestConsole } from './console/TestConsole.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { IssuesPanel } from './issues/IssuesPanel.tsx';
import { ConversationTestsPanel } from './tests/ConversationTestsPanel.tsx';

interface SidePanelProps {
  flowId: string;
  issues: FlowIssue[] | null;
  saveFirst(): Promise<boolean>;
}

/** Beside the canvas: the selected step and the issues; trying the flow as a caller; the flow's conversation tests. */
export function SidePanel({ flowId, issues, saveFirst }: SidePanelProps) {
  const [tab, setTab] = useState<string | null>('edit');
  const errors = issues?.filter((i) => i.severity === 'error').length ?? 0;
  return (
    <Tabs value={tab} onChange={setTab} className="editor__side" keepMounted>
      <Tabs.List grow>
        <Tabs.Tab value="edit">Step and issues{errors > 0 ? ` (${errors})` : ''}</Tabs.Tab>
        <Tabs.Tab value="try">Try it</Tabs.Tab>
        <Tabs.Tab value="tests">Tests</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="edit" className="editor__side-panel editor__side-panel--edit">
        <Inspector />
        <IssuesPanel issues={issues} />
      </Tabs.Panel>
      <Tabs.Panel value="try" className="editor__side-panel">
        <TestConsole flowId={flowId} saveFirst={saveFirst} />
      </Tabs.Panel>
      <Tabs.Panel value="tests" className="editor__side-panel">
        {/* Loaded each time the tab opens, so a test just saved from "Try it" is there. */}
        {tab === 'tests' && <ConversationTestsPanel flowId={flowId} saveFirst={saveFirst} />}
      </Tabs.Panel>
    </Tabs>
  );
}

import { conversationTestId, type ConversationTest, type StoredConversationTest } from '@baton/shared';
import type { StoreData } from './StoreData.ts';
import { AppError, notFound } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import { own } from './ownRecord.ts';
import type { ConversationTestRepository } from './types.ts';

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const duplicateName = (flowId: string, name: string) =>
  new AppError(409, 'conversation_test_exists', `The flow "${flowId}" already has a conversation test named "${name}". Give this one another name.`);

/** Each flow's conversation tests in the store's data, in the same durable file and write queue as the flows. */
export class DbConversationTestRepository implements ConversationTestRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(flowId: string): StoredConversationTest[] {
    return structuredClone(own(this.db.data.conversationTests, flowId) ?? []);
  }

  create(flowId: string, tests: ConversationTest[]): Promise<StoredConversationTest[]> {
    return this.change(flowId, (current) => {
      const added: StoredConversationTest[] = [];
      for (const test of tests) {
        if ([...current, ...added].some((t) => sameName(t.name, test.name))) throw duplicateName(flowId, test.name);
        added.push({ id: conversationTestId(test.name, [...current, ...added].map((t) => t.id)), ...structuredClone(test) });
      }
      return { tests: [...current, ...added], result: added };
    });
  }

  update(flowId: string, testId: string, test: ConversationTest): Promise<StoredConversationTest> {
    return this.change(flowId, (current) => {
      const index = current.findIndex((t) => t.id === testId);
      if (index < 0) throw notFound(`conversation test in flow "${flowId}"`, testId);
      if (current.some((t) => t.id !== testId && sameName(t.name, test.name))) throw duplicateName(flowId, test.name);
      const stored: StoredConversationTest = { id: testId, ...structuredClone(test) };
      return { tests: current.map((t, i) => (i === index ? stored : t)), result: structuredClone(stored) };
    });
  }

  remove(flowId: string, testId: string): Promise<void> {
    return this.change(flowId, (current) => {
      if (!current.some((t) => t.id === testId)) throw notFound(`conversation test in flow "${flowId}"`, testId);
      return { tests: current.filter((t) => t.id !== testId), result: undefined };
    });
  }

  /** Checks inside the queued change that the flow exists, so a test never outlives (or precedes) its flow. */
  private change<R>(flowId: string, edit: (current: StoredConversationTest[]) => { tests: StoredConversationTest[]; result: R }): Promise<R> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.flows, flowId)) throw notFound('flow', flowId);
      const { tests, result } = edit(own(data.conversationTests, flowId) ?? []);
      return { next: { ...data, conversationTests: { ...data.conversationTests, [flowId]: tests } }, result: structuredClone(result) };
    });
  }
}

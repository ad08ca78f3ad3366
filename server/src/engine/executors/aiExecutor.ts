import type { IntentDefinition } from '@baton/shared';
import { next, wait, type Executor } from './Executor.ts';

export const aiExecutor: Executor = {
  enter(ctx, node) {
    ctx.say(node, 'prompt', 'question');
    ctx.listen(node);
    return wait;
  },
  input(ctx, node, input) {
    if (input.type !== 'utterance') {
      // Keypad digits and silence carry no intent: treat them as not understood.
      ctx.tried(node, input.type === 'silence' ? 'caller was silent' : 'caller pressed keys');
      ctx.say(node, 'noMatchReply', 'question');
      return next('no_match');
    }
    const { classification, entities } = input.understanding;
    for (const entity of entities) ctx.session.slots[entity.type] = entity.value;
    const intent = classification?.intent;
    if (!intent) {
      ctx.tried(node, `did not understand "${input.text.slice(0, 60)}"`);
      ctx.say(node, 'noMatchReply', 'question');
      return next('no_match');
    }
    const index = (node.data.intents as IntentDefinition[]).findIndex((i) => i.name === intent);
    ctx.tried(node, `understood ${intent}`);
    ctx.say(node, `intents.${index}.reply`, 'message');
    return next(intent);
  },
};

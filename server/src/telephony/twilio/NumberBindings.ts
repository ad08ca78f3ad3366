import { z } from 'zod';
import { AppError, notFound } from '../../errors.ts';
import type { FlowRepository, NumberBinding, NumberRepository } from '../../store/types.ts';
import { parseBody } from '../../usecases/callInputs.ts';
import { preconditionOf } from '../../usecases/ifMatch.ts';
import type { SaveConditions } from '../../usecases/StaffingService.ts';

const E164 = /^\+[1-9][0-9]{4,14}$/;
// `version` may come back as a GET gave it; the If-Match header, not the body, says which version was edited.
const bindingSchema = z.object({ flowId: z.string().min(1, 'flowId must not be empty').max(80), version: z.unknown().optional() }).strict();

/** Which flow answers which phone number: the settings behind `/api/numbers`. */
export class NumberBindings {
  constructor(
    private readonly numbers: NumberRepository,
    private readonly flows: Pick<FlowRepository, 'summary'>,
  ) {}

  list(): NumberBinding[] {
    return this.numbers.list();
  }

  get(number: string): NumberBinding {
    const binding = this.numbers.get(checkNumber(number));
    if (!binding) throw notFound('phone number', number);
    return binding;
  }

  /**
   * 400 for a number not in E.164 or a bad body; 422 `unknown_flow` when no flow has the id. Changing a number's flow
   * needs If-Match (428 without, 412 when someone else saved since); binding a new number needs none.
   */
  put(number: string, body: unknown, conditions: SaveConditions): Promise<{ binding: NumberBinding; created: boolean }> {
    const expected = preconditionOf(conditions);
    const { flowId } = parseBody(bindingSchema, body);
    if (!this.flows.summary(flowId)) throw new AppError(422, 'unknown_flow', `No flow with id "${flowId}". Pick one of the flows in the Flows list.`, [{ path: 'flowId', message: 'no such flow' }]);
    return this.numbers.put(checkNumber(number), flowId, expected);
  }

  remove(number: string): Promise<void> {
    return this.numbers.remove(checkNumber(number));
  }
}

function checkNumber(number: string): string {
  if (!E164.test(number)) throw new AppError(400, 'invalid_phone_number', `"${number.slice(0, 40)}" is not a phone number in international format: write it like +442071234567.`, [{ path: 'number', message: 'must be E.164, e.g. +442071234567' }]);
  return number;
}

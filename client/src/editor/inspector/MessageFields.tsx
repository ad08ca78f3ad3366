import { MessageField } from './MessageField.tsx';
import type { KindFieldsProps } from './KindFieldsProps.ts';

/** The form of kinds that only say things: one message field per entry. */
export function messageFields(fields: Array<{ field: string; label: string; description?: string; waitKnown?: boolean }>) {
  return function MessageFields({ data, errors, set }: KindFieldsProps) {
    return (
      <>
        {fields.map(({ field, ...more }) => (
          <MessageField key={field} field={field} {...more} value={data[field]} error={errors.get(field)} onChange={(value) => set(field, value)} />
        ))}
      </>
    );
  };
}

import { z } from 'zod';

/** The short name a node shows on the canvas. */
export const labelSchema = z.string().max(80).default('');
/** Something said to the caller; may hold {{variables}}. */
export const messageSchema = z.string().max(1000);
/** A rule in the rule language (CEL). */
export const ruleSchema = z.string().max(2000);
export const portNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _ (e.g. "check_balance")');

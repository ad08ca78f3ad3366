import { describe, expect, it } from 'vitest';
import { estimateSpeakingSeconds, isKnownVariable, parseTemplate, renderTemplate } from './template.ts';

describe('message templates', () => {
  it('When a transparency message uses queue and reason variables, then the caller hears them filled in', () => {
    const text = renderTemplate("I'm connecting you to {{queue.name}} because {{handoff.reasonText}}. The wait is about {{ queue.ewtMinutes }} minutes.", {
      queue: { name: 'a billing specialist', ewtMinutes: 2 },
      handoff: { reasonText: 'you asked for a person' },
    });
    expect(text).toBe("I'm connecting you to a billing specialist because you asked for a person. The wait is about 2 minutes.");
  });

  it('When a variable is missing or reaches for a prototype, then it renders as nothing', () => {
    expect(renderTemplate('Hi {{caller.name}}!', { caller: {} })).toBe('Hi !');
    expect(renderTemplate('{{slots.constructor}}{{slots.__proto__}}{{caller.toString}}', { slots: {}, caller: {} })).toBe('');
  });

  it('When a value holds markup, then it is passed on as plain text, length-capped', () => {
    expect(renderTemplate('{{slots.x}}', { slots: { x: '<b>hi</b>' } })).toBe('<b>hi</b>');
    expect(renderTemplate('{{slots.x}}', { slots: { x: 'a'.repeat(500) } })).toHaveLength(200);
  });

  it('When a template or a value has stray spaces, then the caller hears them closed up, whichever part brought them', () => {
    const templates = ['Hi {{caller.name}}, welcome.', '  Hi  {{caller.name}} ', 'Hi {{caller.name}} {{slots.x}}!', '{{slots.x}}', 'Hi\n\t{{slots.x}}', 'Hi {{ bad name }} {{slots.x}}'];
    const values = ['Ann', '', ' Ann', 'Ann ', 'Ann  Lee', 'Ann Lee', '\tAnn'];
    for (const template of templates) {
      for (const value of values) {
        const filled = template.replace('{{caller.name}}', value).replace('{{slots.x}}', value);
        expect(renderTemplate(template, { caller: { name: value }, slots: { x: value } }), `${template} with "${value}"`).toBe(filled.replace(/\s{2,}/g, ' ').trim());
      }
    }
  });

  it('When braces are not closed or the name is not a variable, then the template reports it', () => {
    expect(parseTemplate('Hello {{caller.name').problems).toHaveLength(1);
    expect(parseTemplate('Hello {{ 1 + 1 }}').problems[0]).toMatch(/not a variable name/);
  });

  it('When checking variable names, then known ones and any slot pass and others do not', () => {
    expect(isKnownVariable('queue.ewtMinutes')).toBe(true);
    expect(isKnownVariable('slots.refund_amount')).toBe(true);
    expect(isKnownVariable('queue.secret')).toBe(false);
    expect(isKnownVariable('slots')).toBe(false);
  });

  it('When estimating speaking time, then 25 words take about 10 seconds', () => {
    expect(estimateSpeakingSeconds('word '.repeat(25))).toBe(10);
  });
});

export * from './queueSettings.ts';
export * from './routingEvents.ts';

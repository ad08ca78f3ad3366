export * from './queueSettings.ts';
export * from './routingEvents.ts';
export * from './desk.ts';
export * from './liveFigures.ts';

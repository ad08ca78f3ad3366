// Run as a child process by the benchmark, so the load tool and the server do not share one event loop.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { baseApp, BODY_LIMIT, createApp } from '../src/http/createApp.ts';
import { NlpjsNlu } from '../src/nlu/NlpjsNlu.ts';
import { openStore } from '../src/store/openStore.ts';
import { RedisCalls } from '../src/store/RedisCalls.ts';

const store = await openStore(mkdtempSync(path.join(os.tmpdir(), 'baton-bench-')));
const flow = JSON.parse(readFileSync(process.argv[2], 'utf8'));
await store.flows.create(flow);
// BENCH_REDIS_URL: calls in progress shared through Redis, as each of several instances runs.
const sharedCalls = process.env.BENCH_REDIS_URL ? await RedisCalls.connect(process.env.BENCH_REDIS_URL) : undefined;
const { app } = createApp({ store, nlu: new NlpjsNlu(), log: pino({ level: 'silent' }), sharedCalls });

// The baseline: the same Express settings and JSON parsing, answering at once.
const bare = baseApp();
bare.use(express.json({ limit: BODY_LIMIT }));
bare.post('/turn', (req, res) => {
  res.json({ actions: [], state: { nodeId: 'bare', status: 'ai' }, heard: req.body.text });
});

const a = app.listen(0, '127.0.0.1', () => {
  const b = bare.listen(0, '127.0.0.1', () => {
    process.send!({ api: (a.address() as { port: number }).port, bare: (b.address() as { port: number }).port });
  });
});
process.on('SIGINT', () => process.exit(0));
// Server CPU time on request, so the bench can report CPU per request independent of the load tool.
process.on('message', (m) => {
  if (m === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
  }
});

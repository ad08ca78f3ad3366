// Run as a child process by the benchmark, so the load tool and the server do not share one event loop.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import express from 'express';
import { authenticate } from '../src/accounts/authenticate.ts';
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
// The bench's requests carry an access key that runs calls (BENCH_TOKEN, the same for every instance of a run).
const secret = process.env.BENCH_TOKEN!;
await store.accounts.addToken({ id: 'bench', name: 'bench', scope: 'calls', hash: createHash('sha256').update(secret).digest('hex'), prefix: secret.slice(0, 12), createdBy: 'bench' });
// The bench starts thousands of calls from one client in seconds: no limit on call starts here.
const { app, accounts } = createApp({ store, nlu: new NlpjsNlu(), log: pino({ level: 'silent' }), sharedCalls, callStartsPerMinute: 10_000_000 });

// The baseline: the same Express settings, the same check of who is asking and JSON parsing, answering at once.
const bare = baseApp();
bare.use('/api', authenticate(accounts));
bare.use(express.json({ limit: BODY_LIMIT }));
bare.post('/api/calls/bare/turns', (req, res) => {
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

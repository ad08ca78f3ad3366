import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NlpjsNlu } from '../src/nlu/NlpjsNlu.ts';
import { openStore } from '../src/store/openStore.ts';
import { CallService } from '../src/usecases/CallService.ts';
import { billingScript } from './script.ts';
const store = await openStore(mkdtempSync(path.join(os.tmpdir(), 'b-')));
await store.flows.create(JSON.parse(readFileSync('flows/billing-support.json', 'utf8')));
const calls = new CallService(store, new NlpjsNlu());
const ids: string[] = [];
for (let i = 0; i < 400; i++) ids.push((await calls.start({ flowId: 'billing-support' })).callId);
let n = 0, bytes = 0;
const t0 = performance.now();
for (let k = 0; k < 40000; k++) {
  const r = await calls.turn(ids[k % 400], { text: billingScript[Math.floor(k / 400) % billingScript.length] });
  bytes += JSON.stringify(r).length; n++;
}
console.log('us per turn (incl stringify)', ((performance.now() - t0) * 1000 / n).toFixed(1), 'avg response bytes', Math.round(bytes / n));
await store.close();

// `npm run bench`: one `name: value` line per figure; each ratio compares against a baseline measured in this same run.
import path from 'node:path';
import { analyticsBench } from './analyticsBench.ts';
import { compileBench } from './compileBench.ts';
import { engineBench } from './engineBench.ts';
import { editorBench } from './editorBench.ts';
import { handoffBench } from './handoffBench.ts';
import { httpBench } from './httpBench.ts';
import { mediaBench } from './mediaBench.ts';
import { routeBench } from './routeBench.ts';
import { scaleOutBench } from './scaleOutBench.ts';
import { startRedis } from '../../test/services/redis.ts';
import { simulateBench } from './simulateBench.ts';
import { twilioBench } from './twilioBench.ts';

const billing = path.resolve(import.meta.dirname, '../../flows/billing-support.json');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const print = (figures: Record<string, number>) => {
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
};

const engine = engineBench(billing, seconds);
print(engine);
print(await simulateBench(engine.engine_turns_per_s));
const c1000 = compileBench(1000);
const c4000 = compileBench(4000);
print({ compile_ms_1000_nodes: c1000, compile_ms_4000_nodes: c4000, compile_growth_4000_vs_1000: Number((c4000 / c1000).toFixed(2)) });
print(await httpBench(billing, seconds * 2));
// Several instances: Debian's redis-server (and HAProxy), installed with apt when the bench runs as root.
const redis = await startRedis();
try {
  print(await httpBench(billing, seconds * 2, redis.url));
  print(await scaleOutBench(billing, seconds * 2, redis.url));
} finally {
  await redis.stop();
}
print(routeBench());
print(await mediaBench());
print(await handoffBench());
print(await twilioBench());
print(await editorBench());
print(await analyticsBench());

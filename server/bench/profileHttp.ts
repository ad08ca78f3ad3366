import path from 'node:path';
import { httpBench } from './httpBench.ts';
console.log(await httpBench(path.resolve(import.meta.dirname, '../../flows/billing-support.json'), 4));

import path from 'node:path';
import { engineBench } from './engineBench.ts';
console.log(engineBench(path.resolve(import.meta.dirname, '../../flows/billing-support.json'), 4));

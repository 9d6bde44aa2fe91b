import path from 'node:path';
import { bundleBench, printBundleBench } from './bundle-budget';

/** `npm run bench:bundles`: the bundle part of the bench alone (a minute, no DynamoDB). */
const rounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 15);
printBundleBench(await bundleBench(path.resolve(import.meta.dirname, '..'), rounds), rounds);

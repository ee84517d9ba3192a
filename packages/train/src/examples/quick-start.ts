import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbeddedDataset } from '@makemore/data';
import { loadModel, trainModel } from '../index.js';
import { readModelDirectory, writeModelDirectory } from '../node/index.js';

// Train the lecture's MLP on 8,422 names in one call; every option has a default.
const names = loadEmbeddedDataset('first-names');
const model = await trainModel(names, { model: 'mlp', steps: 6000, seed: 1 });
// Validation loss per character: an untrained model scores log(27) ≈ 3.30.
console.log(model.training!.steps, model.training!.val! < 2.8); // 6000 true

// Sample: a seed repeats a run, and the first names for a seed do not depend on the count.
const five = await model.sample({ count: 5, seed: 42 });
const ten = await model.sample({ count: 10, seed: 42 });
console.log(five.items.length, ten.items.slice(0, 5).join() === five.items.join()); // 5 true
// Without a seed a fresh one is drawn, and returned so the run can be repeated.
const { seed } = await model.sample({ count: 3 });
console.log(Number.isSafeInteger(seed)); // true

// Score words: the log-likelihood of each under the model.
const [emma, xqzv] = await model.score(['emma', 'xqzv']);
console.log(emma!.logLikelihood > xqzv!.logLikelihood); // true

// Save the model directory and load it back: in Node with the helpers of @makemore/train/node
// (atomic, as the CLI's), in a browser wherever you keep bytes.
const dir = join(await mkdtemp(join(tmpdir(), 'makemore-')), 'names');
await writeModelDirectory(dir, model.save());
const loaded = loadModel(await readModelDirectory(dir));
console.log(loaded.type, (await loaded.sample({ count: 5, seed: 42 })).items.join() === five.items.join()); // mlp true

// The count bigram of the first lecture is one call too, and its samples are the same everywhere.
const bigram = await trainModel(names, { model: 'bigram' });
console.log((await bigram.sample({ count: 4, seed: 7 })).items); // [ 'rierbisba', 'hrde', 'd', 'mesely' ]

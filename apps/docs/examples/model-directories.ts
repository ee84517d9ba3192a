import { BigramCounts, BigramModel } from '@makemore/bigram';
import { fingerprintItems, loadEmbeddedDataset, Vocab } from '@makemore/data';
import {
  decodeModelDirectory,
  encodeModelDirectory,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
} from '@makemore/train';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);
const counts = BigramCounts.fromItems(names, vocab);

// A model directory is config.json (validated, versioned) plus model.safetensors (the weights).
// This is what `makemore train --model bigram` writes, and what the playground downloads.
const files = encodeModelDirectory({
  config: {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    model: 'bigram',
    hyperparameters: { smoothing: 1 },
    vocab,
    data: { source: 'first-names', fingerprint: await fingerprintItems(names), items: names.length },
    created: new Date(0).toISOString(),
  },
  weights: new Map([['counts', { dtype: 'I32', shape: [vocab.size, vocab.size], data: counts.counts }]]),
});
console.log([...files].map(([name, bytes]) => `${name} ${bytes.length} bytes`)); // [ 'config.json 677 bytes', 'model.safetensors 3248 bytes' ]

// Reading checks every field and every byte offset; the caller names the model types it can build.
const { config, weights } = decodeModelDirectory(files, ['bigram']);
const stored = weights.get('counts')!;
const model = BigramModel.fromCounts(BigramCounts.fromArray(config.vocab, stored.data), 1);
console.log(config.model, stored.dtype, stored.shape, model.sample(3, { seed: 7 })); // bigram I32 [ 28, 28 ] [ 'zastaiannne', 'clbieme', 'utty' ]

// A damaged file gives an error that says what to do, never a crash.
const broken = new Map(files).set('model.safetensors', files.get('model.safetensors')!.subarray(0, 100));
try {
  decodeModelDirectory(broken, ['bigram']);
} catch (error) {
  console.log((error as Error).name, (error as { code?: string }).code); // CheckpointError CORRUPT_WEIGHTS
}

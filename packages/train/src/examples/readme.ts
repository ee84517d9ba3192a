import { Vocab } from '@makemore/data';
import { decodeModelDirectory, encodeModelDirectory, MODEL_FORMAT, MODEL_FORMAT_VERSION } from '../index.js';

// A model directory in memory: a validated config and safetensors weights.
const vocab = Vocab.fromItems(['ab', 'ba']);
const files = encodeModelDirectory({
  config: {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    model: 'bigram',
    hyperparameters: { smoothing: 1 },
    vocab,
    data: { source: 'inline', fingerprint: '0'.repeat(64), items: 2 },
    created: new Date(0).toISOString(),
  },
  weights: new Map([['counts', { dtype: 'I32', shape: [3, 3], data: new Int32Array(9) }]]),
});
console.log([...files.keys()]); // [ 'config.json', 'model.safetensors' ]

// Write the bytes wherever you keep files; read them back and validate them.
const { config, weights } = decodeModelDirectory(files, ['bigram']);
console.log(config.model, config.vocab.size, weights.get('counts')?.shape); // bigram 3 [ 3, 3 ]

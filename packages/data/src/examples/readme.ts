import {
  buildContexts,
  decodeText,
  loadEmbeddedDataset,
  parseItems,
  requireItems,
  splitItems,
  Vocab,
} from '../index.js';

// Read items from a file's bytes (in Node: const bytes = await readFile('names.txt')).
const bytes = new TextEncoder().encode('Emma\r\nOlivia\n\nAva\n');
const parsed = parseItems(decodeText(bytes), { lowercase: true });
const items = requireItems(parsed, 'names.txt');
console.log(items, parsed.dropped.blank); // [ 'emma', 'olivia', 'ava' ] 1

// The vocabulary: '.' marks both ends of a word, characters sorted after it.
const vocab = Vocab.fromItems(items);
console.log(vocab.itos.join(''), vocab.size); // .aeilmov 8
console.log(vocab.encodeWithBoundaries('ava')); // [ 0, 1, 7, 1, 0 ]
console.log(vocab.decode([5, 1])); // ma

// Context windows for an MLP with a context of 3 characters.
const { X, Y, count } = buildContexts(['emma'], vocab, 3);
console.log(count, X.subarray(3, 6), Y[1]); // 5 Int32Array(3) [ 0, 0, 2 ] 5

// A seeded 80/10/10 split of the built-in offline dataset.
const names = loadEmbeddedDataset('first-names');
const { train, val, test } = splitItems(names, { seed: 42 });
console.log(names.length, train.length, val.length, test.length); // 8422 6737 842 843

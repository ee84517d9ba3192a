import { loadEmbeddedDataset, Vocab } from '@makemore/data';
import { BigramCounts, BigramModel, heatmapSvg } from '../index.js';

// Count every pair of adjacent characters of 8,422 first names, with '.' at both ends of each name.
const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);
const counts = BigramCounts.fromItems(names, vocab);
console.log(counts.total); // 59167
console.log(counts.mostCommon(2).map(({ prev, next, count }) => `${prev}${next} ${count}`)); // [ 'e. 1928', 'a. 1754' ]

// Turn counts into probabilities, with +1 smoothing so that no name is impossible.
const model = BigramModel.fromCounts(counts, 1);
console.log(model.averageNll(names).nll.toFixed(4)); // 2.4232
console.log(model.logLikelihood('emma').logLikelihood.toFixed(3)); // -12.392

// Sample new names; the same seed gives the same names everywhere.
console.log(model.sample(5, { seed: 3407 })); // [ 'za', 'k', 'et', 'chicanaudalien', 'berile' ]

// The lecture's heatmap as a standalone SVG (in Node: await writeFile('bigrams.svg', svg)), one cell per
// bigram of the 28 tokens: '.', '-' and a to z.
const svg = heatmapSvg(counts);
console.log(svg.split('<rect ').length - 1); // 784

import { BigramCounts, heatmapSvg } from '@makemore/bigram';
import { loadEmbeddedDataset, Vocab } from '@makemore/data';

// 8,422 English first names ship with @makemore/data, so this works offline.
const names = loadEmbeddedDataset('first-names');
console.log(names.length, names.slice(0, 3)); // 8422 [ 'aaren', 'aarika', 'aaron' ]

// '.' marks both the start and the end of a name; the characters follow in code-point order.
const vocab = Vocab.fromItems(names);
console.log(vocab.size, vocab.itos.join('')); // 28 .-abcdefghijklmnopqrstuvwxyz
console.log(vocab.encodeWithBoundaries('emma')); // [ 0, 6, 14, 14, 2, 0 ]

// The lecture's N: N[prev][next] counts how often `next` follows `prev` over every name.
const counts = BigramCounts.fromItems(names, vocab);
const [dot, a, n] = [vocab.stoi('.'), vocab.stoi('a'), vocab.stoi('n')];
console.log(counts.total, counts.get(dot, a), counts.get(a, n), counts.get(n, dot)); // 59167 730 1081 981
console.log(counts.mostCommon(3)); // [ { prev: 'e', next: '.', count: 1928 }, { prev: 'a', next: '.', count: 1754 }, { prev: 'a', next: 'n', count: 1081 } ]

// The same table as the lecture's plt.imshow(N) grid, an SVG string you can write to a file.
const svg = heatmapSvg(counts);
console.log(svg.includes('<svg'), svg.split('<rect ').length - 1); // true 784

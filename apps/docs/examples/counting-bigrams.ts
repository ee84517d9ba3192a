// #region data
import { BigramCounts, heatmapSvg } from '@makemore/bigram';
import { Vocab } from '@makemore/data';
import { loadDataset } from '@makemore/data/node';

// names.txt, the lecture's data: downloaded from makemore's repository and checked against its sha256.
// A copy already in the cache directory is used instead when it has the same sha256 (here the
// repository's ../shared/data/names.txt, so the example runs offline).
const names = await loadDataset('names', {
  cacheDirectory: new URL('../../../../shared/data/', import.meta.url),
});
console.log(names.length, names.slice(0, 5));

// The lecture's vocabulary: 'a'–'z' are 0–25, then <START> = 26 and <END> = 27 (the 'split' layout).
const vocab = Vocab.fromItems(names, { layout: 'split' });
console.log(vocab.size, vocab.stoi('a'), vocab.stoi('z'), vocab.startId, vocab.endId);
console.log(vocab.encodeWithBoundaries('emma'));
// #endregion data

// #region get-bigrams
// get_bigrams(n): count every bigram of the first n names in a dictionary keyed by (previous, next).
function getBigrams(n = names.length): Map<string, number> {
  const bigrams = new Map<string, number>();
  for (const name of names.slice(0, n)) {
    const ids = vocab.encodeWithBoundaries(name); // <START> e m m a <END>
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = `(${vocab.tokenName(ids[i]!)}, ${vocab.tokenName(ids[i + 1]!)})`;
      bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
    }
  }
  return bigrams;
}
const show = (entries: Iterable<[string, number]>) => [...entries].map(([k, c]) => `${k} ${c}`).join(', ');

console.log(show(getBigrams(2))); // emma, olivia
const all = getBigrams();
console.log(
  all.size,
  [...all.values()].reduce((sum, count) => sum + count, 0),
);
console.log(show([...all].sort((x, y) => y[1] - x[1]).slice(0, 5)));
// #endregion get-bigrams

// #region table
// The same counts as the lecture's 28 × 28 table N: row = previous token, column = next token.
const N = BigramCounts.fromItems(names, vocab);
const [a, b] = [vocab.stoi('a'), vocab.stoi('b')];
console.log(
  N.counts.length,
  N.total,
  N.get(a, b),
  N.get(vocab.startId, a),
  N.get(vocab.stoi('n'), vocab.endId),
);

// The exercise: how likely is a name to start with b? Row <START> of N, normalised.
const start = Array.from({ length: vocab.size }, (_, next) => N.get(vocab.startId, next));
const starts = start.reduce((sum, count) => sum + count, 0); // every name starts once
console.log(`P(b first) = ${start[b]} / ${starts} = ${(start[b]! / starts).toFixed(4)}`);
// #endregion table

// #region heatmap
// The lecture's plt.imshow(N, cmap='Blues'): every cell labelled with its bigram and its count.
const svg = heatmapSvg(N);
console.log(svg.includes('<svg'), svg.split('<rect ').length - 1, svg.includes('>6763</text>'));
// #endregion heatmap

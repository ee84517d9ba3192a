// #region table
import { BigramCounts, BigramModel } from '@makemore/bigram';
import { Vocab } from '@makemore/data';
import { loadDataset } from '@makemore/data/node';
import { generate, noveltyReport } from '@makemore/sampling';
import { Generator, multinomial, rand, tensor } from '@makemore/tensor';

// names.txt and the lecture's 28-token vocabulary, as in chapter 1.
const names = await loadDataset('names', {
  cacheDirectory: new URL('../../../../shared/data/', import.meta.url),
});
const vocab = Vocab.fromItems(names, { layout: 'split' });
const counts = BigramCounts.fromItems(names, vocab);
const N = tensor(counts.counts, { dtype: 'float32' }).view(vocab.size, vocab.size); // (28, 28)
// #endregion table

// #region normalise
// Divide every row by its own sum: N.sum(1, keepdim=true) is (28, 1), and broadcasting stretches it
// along the row. Without keepdim it would be (28), stretched down the columns: every column divided
// by one row's sum, which is not a distribution at all.
const rowSums = N.sum(1, true);
console.log(rowSums.shape, N.sum(1).shape);
const P = N.div(rowSums); // (28, 28)
const rowOf = (t: typeof P, id: number) => Array.from(t.select(0, id).dataSync());
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(4)).join(' ');
console.log('P[<START>] a b c:', fmt(rowOf(P, vocab.startId).slice(0, 3)));
console.log('every row sums to 1:', fmt(Array.from(P.sum(1).dataSync()).slice(0, 3)), '…');
// Nothing ever follows <END>: its row of N is all zeros, and 0 / 0 is NaN.
console.log('row <END>:', rowSums.dataSync()[vocab.endId], rowOf(P, vocab.endId).slice(0, 3));
const wrong = N.div(N.sum(1)); // (28, 28) / (28): column j divided by the sum of row j
console.log('without keepdim, P[<START>] a b c:', fmt(rowOf(wrong, vocab.startId).slice(0, 3)));
// #endregion normalise

// #region multinomial
// torch.multinomial on a small example: 3 random weights, normalised, then 20 draws.
const g = new Generator(2147483647);
const p = rand([3], { generator: g });
const pn = p.div(p.sum());
console.log(fmt(Array.from(pn.dataSync())));
console.log(Array.from(multinomial(pn, 20, { generator: g, replacement: true }).dataSync()).join(' '));
// #endregion multinomial

// #region sampling
// The sampling loop: start at <START>, draw the next token from its row of P, stop at <END>.
const sampler = new Generator(2147483647);
const samples: string[] = [];
for (let i = 0; i < 5; i++) {
  let out = '';
  let ix = vocab.startId;
  for (;;) {
    ix = multinomial(P.select(0, ix), 1, { generator: sampler, replacement: true }).item();
    if (ix === vocab.endId) break;
    out += vocab.itos[ix];
  }
  samples.push(out);
}
console.log(samples);
// #endregion sampling

// #region toolkit
// The same model, packaged: BigramModel counts and normalises, and samples with its own seeded generator.
const model = BigramModel.fit(names, vocab, { smoothing: 0 });
console.log(model.nextTokenProbabilities(vocab.startId)[vocab.stoi('b')]!.toFixed(4));
console.log(model.sample(5, { seed: 2147483647 }));

// @makemore/sampling works with any model: temperature, top-k, top-p and prefixes.
const more = await generate(model, { count: 6, seed: 42, temperature: 0.8, topK: 10 });
console.log(more);
console.log(await generate(model, { count: 3, seed: 42, prefix: 'mar' }));

// makemore's novelty marks: is each sample a name of the training data, or new?
const report = noveltyReport(more, { train: names });
console.log(report.samples.map((s) => `${s.sample}:${s.status}`).join(' '), report.counts);
// #endregion toolkit

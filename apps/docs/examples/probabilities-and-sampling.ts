import { BigramModel } from '@makemore/bigram';
import { loadEmbeddedDataset, Vocab } from '@makemore/data';
import { generate, noveltyReport } from '@makemore/sampling';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);

// P = N normalised over each row: the distribution of the next character given the previous one.
const model = BigramModel.fit(names, vocab, { smoothing: 0 });
const first = model.nextTokenProbabilities(vocab.startId);
const top = [...first.keys()].sort((i, j) => first[j]! - first[i]!).slice(0, 3);
console.log(top.map((id) => `${vocab.tokenName(id)} ${first[id]!.toFixed(4)}`)); // [ 'a 0.0867', 'c 0.0817', 'm 0.0803' ]
console.log(first.reduce((sum, p) => sum + p, 0).toFixed(6)); // 1.000000

// Sampling walks the table: start at '.', draw the next character, stop at '.'. Seeded, so repeatable.
console.log(model.sample(5, { seed: 2147483647 })); // [ 'a', 'fa', 'josanery', 'd', 'fatlui' ]

// @makemore/sampling works with any model: temperature, top-k, top-p and prefixes.
const samples = await generate(model, { count: 6, seed: 42, temperature: 0.8, topK: 10 });
console.log(samples); // [ 'drd', 'jostthrie', 'charym', 'lile', 'celien', 'dalarle' ]
console.log(await generate(model, { count: 3, seed: 42, prefix: 'mar' })); // [ 'margue', 'mariprttithe', 'marddatyn' ]

// makemore's novelty marks: is each sample a name from the training data, or new?
const report = noveltyReport(samples, { train: names });
console.log(report.samples.map((s) => `${s.sample}:${s.status}`).join(' '), report.counts); // drd:new jostthrie:new charym:new lile:new celien:new dalarle:new { new: 6, train: 0, val: 0, test: 0 }

// #region likelihood
import { BigramModel } from '@makemore/bigram';
import { Vocab } from '@makemore/data';
import { loadDataset } from '@makemore/data/node';
import { averageNll, scoreWords } from '@makemore/sampling';

// names.txt and the lecture's 28-token vocabulary, as in chapter 1; P = N / N.sum(1, keepdim) as in chapter 2.
const names = await loadDataset('names', {
  cacheDirectory: new URL('../../../../shared/data/', import.meta.url),
});
const vocab = Vocab.fromItems(names, { layout: 'split' });
const model = BigramModel.fit(names, vocab, { smoothing: 0 });

// The likelihood of a name: the product of the probabilities of its bigrams, term by term.
const lecture = names.slice(0, 5); // emma, olivia, ava, isabella, sophia
for (const name of lecture) {
  const { terms } = model.logLikelihood(name);
  const likelihood = terms.reduce((product, t) => product * t.probability, 1);
  console.log(
    `${name}: ${terms.map((t) => t.probability.toFixed(4)).join(' × ')} = ${likelihood.toExponential(4)}`,
  );
}
// #endregion likelihood

// #region log-likelihood
// Products of many numbers below 1 vanish; the log of a product is the sum of the logs.
for (const name of lecture) {
  const { logLikelihood, terms } = model.logLikelihood(name);
  console.log(
    `${name}: ${terms.map((t) => t.logProbability.toFixed(4)).join(' + ')} = ${logLikelihood.toFixed(4)}`,
  );
}
// #endregion log-likelihood

// #region loss
// The loss: the negative log-likelihood summed over every name, divided by the number of names.
// The lecture adds each log P into a float32 torch scalar; Math.fround rounds the same way.
const P = model.probabilities(); // (28, 28), row-major
let logLikelihood = 0;
let float64 = 0;
let bigrams = 0;
for (const name of names) {
  const ids = vocab.encodeWithBoundaries(name);
  for (let i = 0; i + 1 < ids.length; i++) {
    const p = P[ids[i]! * vocab.size + ids[i + 1]!]!;
    logLikelihood = Math.fround(logLikelihood + Math.fround(Math.log(Math.fround(p))));
    float64 += Math.log(p);
    bigrams += 1;
  }
}
console.log(
  `loss per name: ${(-logLikelihood / names.length).toFixed(4)} (${(-float64 / names.length).toFixed(4)} in float64)`,
);
// Per predicted character instead: the same sum divided by the 228,146 bigrams.
console.log(`loss per character: ${(-float64 / bigrams).toFixed(4)} over ${bigrams} bigrams`);
// #endregion loss

// #region smoothing
// 'jq' has never been seen: P(q | j) = 0, so the whole name is impossible.
const jq = model.logLikelihood('jq');
console.log(
  jq.terms.map((t) => `(${t.prev}, ${t.next}) ${t.probability.toFixed(4)}`).join(', '),
  jq.logLikelihood,
);

// Add-one smoothing: N + 1 before normalising, so nothing is impossible any more.
const smoothed = BigramModel.fit(names, vocab, { smoothing: 1 });
console.log(
  smoothed.logLikelihood('jq').logLikelihood.toFixed(4),
  smoothed.logLikelihood('emma').logLikelihood.toFixed(4),
);
console.log(
  `loss per character: ${model.averageNll(names).nll.toFixed(4)} → ${smoothed.averageNll(names).nll.toFixed(4)} with N + 1`,
);
// #endregion smoothing

// #region toolkit
// The same numbers through @makemore/sampling, which works for every model of the toolkit.
const [scored] = await scoreWords(smoothed, ['jq']);
const average = await averageNll(smoothed, names);
console.log(scored!.logLikelihood.toFixed(4), average.nll.toFixed(4), average.tokens);
// #endregion toolkit

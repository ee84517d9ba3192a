import { BigramModel } from '@makemore/bigram';
import { loadEmbeddedDataset, Vocab } from '@makemore/data';
import { averageNll, scoreWords } from '@makemore/sampling';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);
const model = BigramModel.fit(names, vocab, { smoothing: 0 });

// The likelihood of a word is the product of its bigram probabilities; we add their logs instead.
const emma = model.logLikelihood('emma');
console.log(emma.terms.map((t) => `${t.prev}${t.next} ${t.probability.toFixed(4)}`).join(', ')); // .e 0.0489, em 0.0220, mm 0.0410, ma 0.3529, a. 0.2719
console.log(emma.logLikelihood.toFixed(4)); // -12.3705

// The loss: the average negative log-likelihood per predicted character over the whole dataset.
const { nll, tokens } = model.averageNll(names);
console.log(tokens, nll.toFixed(4)); // 59167 2.4187

// A bigram never seen in training has probability 0, so the word is impossible: -Infinity.
console.log(model.logLikelihood('andrejq').logLikelihood); // -Infinity

// Smoothing adds a fake count α to every cell (the lecture's N + 1), so nothing is impossible.
const smoothed = BigramModel.fit(names, vocab, { smoothing: 1 });
console.log(smoothed.logLikelihood('andrejq').logLikelihood.toFixed(4)); // -28.9954
console.log(smoothed.averageNll(names).nll.toFixed(4)); // 2.4232

// The same numbers through @makemore/sampling, which works for every model in the toolkit.
const [scored] = await scoreWords(smoothed, ['emma']);
const average = await averageNll(smoothed, names);
console.log(scored!.logLikelihood.toFixed(4), average.nll.toFixed(4)); // -12.3919 2.4232

import { BigramModel } from '@makemore/bigram';
import { Vocab } from '@makemore/data';
import { averageNll, generate, noveltyReport, scoreWords } from '../index.js';

// Any model with nextTokenLogProbs works; here, the count bigram.
const items = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'amelia'];
const vocab = Vocab.fromItems(items);
const model = BigramModel.fit(items, vocab, { smoothing: 0.1 });

const samples = await generate(model, { count: 5, seed: 42, temperature: 0.8, prefix: 'a' });
console.log(samples.every((s) => s.startsWith('a'))); // true

const report = noveltyReport(samples, { train: items });
console.log(report.counts.new + report.counts.train); // 5

const [ava] = await scoreWords(model, ['ava']);
console.log(ava?.terms.map((t) => t.next).join(' ')); // a v a .

// 36 characters plus one end token per item.
const { tokens } = await averageNll(model, items);
console.log(tokens); // 43

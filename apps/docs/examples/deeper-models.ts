import { fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import { getModelEntry, listModels, resolveHyperparameters } from '@makemore/models';
import { generate } from '@makemore/sampling';
import { createTrainingRun } from '@makemore/train';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);

// Every model of the lectures and of makemore is an entry of one registry, with its defaults; here, the
// number of parameters each has with its default hyperparameters on this dataset.
const sizes = listModels().map((name) => {
  const entry = getModelEntry(name);
  return `${name} ${entry.parameterCount(resolveHyperparameters(entry, {}, { items: names }), vocab.size)}`;
});
console.log(sizes.join(', ')); // bigram-nn 784, mlp 12108, mlp-bn 12508, wavenet 76732, rnn 11932, gru 28444, lstm 36956, bow 12956, transformer 204672

// A training run: the lecture's recipe for the model (here shortened to 300 steps), on the seeded split.
const split = splitItems(names, { seed: 3407 });
const data = { source: 'first-names', fingerprint: await fingerprintItems(names), items: names.length };
const run = createTrainingRun({ model: 'mlp-bn', split, vocab, data, recipe: { steps: 300 } });
const losses: number[] = [];
const done = await run.train({
  logEvery: 100,
  onEvent: (event) => {
    if (event.event === 'step') losses.push(event.loss);
  },
});
console.log(losses.map((loss) => loss.toFixed(2)).join(' → '), done.val?.toFixed(4)); // 2.71 → 2.53 → 2.56 2.5986

// The run's model directory is what `makemore train` writes; its model samples like any other.
console.log([...run.checkpointFiles().keys()].sort()); // [ 'config.json', 'last.safetensors', 'model.safetensors', 'optimizer.safetensors', 'training-state.json' ]
console.log(await generate(run.languageModel(), { count: 5, seed: 3407 })); // [ 'suw', 'saqssenelinerlilagrdayrloifurysze', 'pareogwlegnenan', 'cicerle', 'pievsy' ]

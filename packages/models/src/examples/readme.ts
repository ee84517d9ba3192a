import { Vocab } from '@makemore/data';
import { generate } from '@makemore/sampling';
import { Generator } from '@makemore/tensor';
import {
  asLanguageModel,
  describeRange,
  getModelDocs,
  getModelEntry,
  listModels,
  resolveHyperparameters,
  wavenet,
} from '../index.js';

// Every model of the lectures and of makemore, by name.
console.log(listModels().join(' ')); // bigram-nn mlp mlp-bn wavenet rnn gru lstm bow transformer

// An entry holds what building and training a model need: hyperparameters, parameter count, recipe.
const entry = getModelEntry('wavenet');
const hyperparameters = resolveHyperparameters(entry);
console.log(hyperparameters, entry.parameterCount(hyperparameters, 27)); // { blockSize: 8, nEmbd: 24, nHidden: 128 } 76579
console.log(entry.recipe.optimizer, entry.recipe.lr, entry.recipe.lrDecayAt, entry.recipe.steps); // sgd 0.1 150000 200000

// Each hyperparameter is declared once, with its type, default and range; the CLI's flags and the
// checks of overrides and of a model directory's config.json read it. The entry types its hyperparameters.
const { blockSize } = wavenet.hyperparameters;
console.log(blockSize.default, describeRange(blockSize)); // 8 a power of 2 from 2 to 1024

// What a model is, where it comes from and what each hyperparameter controls are its docs, apart from
// the entry so that an app that only loads a model and samples does not carry them.
const docs = getModelDocs('wavenet');
console.log(docs.title); // WaveNet-style hierarchical MLP (FlattenConsecutive(2) ×3)
console.log(docs.hyperparameters['blockSize']); // context length, a power of 2 (one fusing level per doubling)

// Overrides are checked; sequence models take makemore's blockSize = longest item + 1.
const items = ['emma', 'olivia', 'ava'];
const gru = getModelEntry('gru');
console.log(resolveHyperparameters(gru, { nEmbd2: 32 }, { items })); // { blockSize: 7, nEmbd: 64, nEmbd2: 32 }

// Build a model and sample from it (untrained, so the words are noise).
const vocab = Vocab.fromItems(items);
const model = entry.create(hyperparameters, { vocabSize: vocab.size, generator: new Generator(42) });
const words = await generate(asLanguageModel(model, vocab), { count: 3, seed: 1 });
console.log(model.numParameters(), words.length); // 73672 3

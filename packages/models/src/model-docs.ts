import type { Hyperparameters } from './model-entry.js';
import type { BigramNNHyperparameters } from './models/bigram-nn.js';
import type { BoWHyperparameters } from './models/bow.js';
import type { MlpHyperparameters } from './models/mlp.js';
import type { RecurrentHyperparameters } from './models/recurrent.js';
import type { TransformerHyperparameters } from './models/transformer.js';
import type { WaveNetHyperparameters } from './models/wavenet.js';
import { getModelEntry } from './registry.js';

/**
 * What a model is, for people: the line of `train --help` and of the docs, where it comes from, and
 * what each hyperparameter controls. Kept apart from its {@link ModelEntry}, which loading, training
 * and sampling read, so that a page that only loads a model directory and samples does not bundle it;
 * the CLI's help, the docs and the playground's form read it from {@link MODEL_DOCS}.
 */
export interface ModelDocs<H extends Hyperparameters = Hyperparameters> {
  /** One line for `--help` and the docs. */
  readonly title: string;
  /** Where the architecture comes from (lecture, paper, makemore). */
  readonly source: string;
  /** What each hyperparameter of the entry controls: the help of its flag and of the docs. */
  readonly hyperparameters: { readonly [K in keyof H]: string };
}

// Hyperparameters that several models declare alike are described alike.
const SEQUENCE_BLOCK_SIZE = 'longest sequence; 0 = longest item + 1 (makemore)';
const CHARACTER_EMBEDDING = 'size of each character embedding';

/** The lectures' window MLP, which `mlp-bn` builds on with the same hyperparameters. */
const MLP_HYPERPARAMETERS: ModelDocs<MlpHyperparameters>['hyperparameters'] = {
  blockSize: 'context length: how many previous characters the model sees',
  nEmbd: CHARACTER_EMBEDDING,
  nHidden: 'units in the tanh hidden layer',
};

/** makemore's `RNN` class, whichever cell it runs. */
const RECURRENT_HYPERPARAMETERS: ModelDocs<RecurrentHyperparameters>['hyperparameters'] = {
  blockSize: SEQUENCE_BLOCK_SIZE,
  nEmbd: 'size of each token embedding',
  nEmbd2: 'size of the hidden state',
};

/**
 * The {@link ModelDocs} of every registered model, by registry name, in the registry's order. Each is
 * typed by its entry's hyperparameters, so a hyperparameter cannot go undescribed.
 *
 * @example
 * ```ts
 * for (const name of listModels()) console.log(name, getModelDocs(name).title);
 * ```
 */
export const MODEL_DOCS: {
  readonly 'bigram-nn': ModelDocs<BigramNNHyperparameters>;
  readonly mlp: ModelDocs<MlpHyperparameters>;
  readonly 'mlp-bn': ModelDocs<MlpHyperparameters>;
  readonly wavenet: ModelDocs<WaveNetHyperparameters>;
  readonly rnn: ModelDocs<RecurrentHyperparameters>;
  readonly gru: ModelDocs<RecurrentHyperparameters>;
  readonly lstm: ModelDocs<RecurrentHyperparameters>;
  readonly bow: ModelDocs<BoWHyperparameters>;
  readonly transformer: ModelDocs<TransformerHyperparameters>;
} = {
  'bigram-nn': {
    title: 'Neural bigram: one-hot × W with an L2 term',
    source: 'makemore lecture 1 ("The spelled-out intro to language modeling"), second half',
    hyperparameters: { regularization: 'weight of mean(W²) in the loss' },
  },
  mlp: {
    title: 'MLP of Bengio et al. 2003 over a window of characters',
    source: 'makemore lecture 2 ("Building makemore Part 2: MLP"); Bengio et al., JMLR 2003',
    hyperparameters: MLP_HYPERPARAMETERS,
  },
  'mlp-bn': {
    title: 'MLP with Kaiming init and BatchNorm',
    source:
      'makemore lecture 3 ("Building makemore Part 3: Activations & Gradients, BatchNorm"); Ioffe & Szegedy 2015',
    hyperparameters: MLP_HYPERPARAMETERS,
  },
  wavenet: {
    title: 'WaveNet-style hierarchical MLP (FlattenConsecutive(2) ×3)',
    source: 'makemore lecture 5 ("Building makemore Part 5: Building a WaveNet"); van den Oord et al. 2016',
    hyperparameters: {
      blockSize: 'context length, a power of 2 (one fusing level per doubling)',
      nEmbd: CHARACTER_EMBEDDING,
      nHidden: 'units in each hidden layer',
    },
  },
  rnn: {
    title: 'Vanilla recurrent network (makemore)',
    source: 'karpathy/makemore makemore.py, class RNN with RNNCell; Mikolov et al. 2010',
    hyperparameters: RECURRENT_HYPERPARAMETERS,
  },
  gru: {
    title: 'Gated recurrent unit network (makemore)',
    source: 'karpathy/makemore makemore.py, class RNN with GRUCell; Cho et al. 2014',
    hyperparameters: RECURRENT_HYPERPARAMETERS,
  },
  lstm: {
    title: 'Long short-term memory network (makemore RNN with an LSTM cell)',
    source: 'karpathy/makemore makemore.py, class RNN with torch.nn.LSTMCell; Hochreiter & Schmidhuber 1997',
    hyperparameters: RECURRENT_HYPERPARAMETERS,
  },
  bow: {
    title: 'Causal bag of words (makemore)',
    source: 'karpathy/makemore makemore.py, class BoW with BoWBlock and CausalBoW',
    hyperparameters: {
      blockSize: SEQUENCE_BLOCK_SIZE,
      nEmbd: 'size of each token and position embedding',
      nEmbd2: "width of the block's MLP hidden layer",
    },
  },
  transformer: {
    title: 'Transformer (makemore, GPT-2 style)',
    source: 'karpathy/makemore makemore.py, class Transformer; Vaswani et al. 2017, Radford et al. 2019',
    hyperparameters: {
      blockSize: SEQUENCE_BLOCK_SIZE,
      nLayer: 'number of blocks',
      nHead: 'attention heads per block (must divide nEmbd)',
      nEmbd: 'width of the residual stream',
    },
  },
};

/**
 * The {@link ModelDocs} of the registered model called `name`.
 *
 * @throws {@link ModelError} `UNKNOWN_MODEL` listing the known names, as {@link getModelEntry}
 * @example
 * ```ts
 * getModelDocs('mlp').hyperparameters['nHidden']; // 'units in the tanh hidden layer'
 * ```
 */
export function getModelDocs(name: string): ModelDocs {
  // The registry decides which names exist and words the error; a test checks that each has docs.
  getModelEntry(name);
  return MODEL_DOCS[name as keyof typeof MODEL_DOCS];
}

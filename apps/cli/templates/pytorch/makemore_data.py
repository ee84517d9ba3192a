"""makemore-ts's vocabulary and datasets in Python, read from the model's config.json, so that the
PyTorch side encodes words exactly as the model was trained: the same ids, the same boundary tokens,
the same rows.

- Vocab: layout 'shared' has one boundary token '.' at id 0 and the characters at 1..; layout
  'split' has the characters at 0.., then <START> and <END>.
- Window models (bigram-nn, mlp, mlp-bn, wavenet) read the lecture's contexts: block_size previous
  ids, padded with the start token, predicting the next id.
- Sequence models (rnn, gru, lstm, bow, transformer) read makemore's rows: the start token then the
  word's ids (padded with the start token), predicting the ids, the end token, then -1 (ignored).
"""
import torch

WINDOW_MODELS = ('bigram-nn', 'mlp', 'mlp-bn', 'wavenet')
SEQUENCE_MODELS = ('rnn', 'gru', 'lstm', 'bow', 'transformer')


class Vocab:
    """The vocab of config.json (`{"layout", "chars"}`)."""

    def __init__(self, vocab_json):
        self.layout = vocab_json['layout']
        self.chars = list(vocab_json['chars'])
        if self.layout == 'shared':
            self.start_id = self.end_id = 0
            first = 1
        elif self.layout == 'split':
            self.start_id, self.end_id = len(self.chars), len(self.chars) + 1
            first = 0
        else:
            raise ValueError(f"config.json has vocab layout {self.layout!r}; expected 'shared' or 'split'")
        self.ids = {ch: first + i for i, ch in enumerate(self.chars)}
        self.size = len(self.chars) + (1 if self.layout == 'shared' else 2)

    def encode(self, word):
        """The ids of the characters of `word` (no boundary tokens)."""
        unknown = sorted({ch for ch in word if ch not in self.ids})
        if unknown:
            raise ValueError(f'{word!r} has characters the model never saw: {" ".join(unknown)}')
        return [self.ids[ch] for ch in word]

    def decode(self, ids):
        """The word of `ids`, without boundary tokens."""
        itos = {i: ch for ch, i in self.ids.items()}
        return ''.join(itos[i] for i in ids if i in itos)


def block_size_of(config):
    """How many ids a model reads: its blockSize, or 1 for the neural bigram."""
    return int(config['hyperparameters'].get('blockSize', 1))


def read_items(path, config):
    """The words of a file, one a line, read as makemore-ts's `train --data` reads them: blank lines
    dropped, lower-cased when the model was (config.data.lowercase), too long ones dropped (maxLength)."""
    data = config.get('data', {})
    with open(path, encoding='utf-8') as f:
        items = [line.strip() for line in f]
    items = [item for item in items if item]
    if data.get('lowercase'):
        items = [item.lower() for item in items]
    if data.get('maxLength'):
        items = [item for item in items if len(item) <= data['maxLength']]
    return items


def build_dataset(items, vocab, config):
    """(X, Y) as int64 tensors: windows (N, block_size) -> (N), or sequences (N, T) -> (N, T)."""
    block_size = block_size_of(config)
    xs, ys = [], []
    if config['model'] in WINDOW_MODELS:
        for item in items:
            context = [vocab.start_id] * block_size
            for nxt in vocab.encode(item) + [vocab.end_id]:
                xs.append(list(context))
                ys.append(nxt)
                context = context[1:] + [nxt]
    else:
        for item in items:
            ids = vocab.encode(item)
            if len(ids) + 1 > block_size:
                raise ValueError(f'{item!r} has {len(ids)} characters but the model reads at most {block_size - 1}')
            x = [vocab.start_id] * block_size
            y = [-1] * block_size
            x[1:len(ids) + 1] = ids
            y[:len(ids)] = ids
            y[len(ids)] = vocab.end_id
            xs.append(x)
            ys.append(y)
    return torch.tensor(xs, dtype=torch.long), torch.tensor(ys, dtype=torch.long)


@torch.no_grad()
def word_log_likelihood(model, vocab, config, word):
    """log p(word, then the end token | the start token): what `makemore score --json` reports as
    `logLikelihood`. The model must be in eval mode."""
    x, y = build_dataset([word], vocab, config)
    logits = model(x)
    if logits.dim() == 3:  # sequences: (1, T, V); positions with target -1 are padding
        logits, y = logits[0], y[0]
    keep = y >= 0
    logp = torch.log_softmax(logits[keep].double(), dim=-1)
    return logp.gather(1, y[keep].unsqueeze(1)).sum().item()

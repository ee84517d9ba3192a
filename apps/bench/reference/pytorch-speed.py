"""PyTorch yardstick for `node dist/train-speed.js --vs-pytorch`: times the training step of each
makemore model in PyTorch, built to the same spec as ours, with the same timing method.

    python3 apps/bench/reference/pytorch-speed.py [--threads 1] [--spec JSON] < spec.json
    python3 apps/bench/reference/pytorch-speed.py --probe

The spec (one JSON object, or a list of them; train-speed.ts writes it from the resolved training
run) names the model, its hyperparameters (camelCase, as ours), vocabSize, blockSize, dataFormat
('window' or 'sequence'), batchSize and fullBatch, the optimizer ({type: 'sgd'|'adamw', lr,
weightDecay, betas and eps for adamw, momentum for sgd}), the data file, trainItems (how many names
the training split has), warmupMs, windowMs, windows and seed. It prints one JSON line per model:
the parameter count (which must equal ours, or the two steps are not the same work), the batch size
and the steps per second.
--probe prints {"torch": version}, or {"error": why} and exits with status 3 when torch is missing
(without --probe, that exit says how to install it).

The models are the ones ours reproduce: makemore.py's RNN/GRU, BoW and Transformer
(packages/models/scripts/makemore_rnn.py, makemore_bow.py and makemore_transformer.py), its RNN with
torch.nn.LSTMCell (makemore_lstm.py), and the lectures' bigram, MLP, BatchNorm MLP and WaveNet
written as the lectures write them. The split is a random one: only the step's shape matters here,
not which names land in train.
"""
import argparse
import json
import os
import platform
import sys
import time
import warnings

# The CPU wheel warns on import when NumPy is absent; nothing here uses NumPy.
warnings.filterwarnings('ignore', message='Failed to initialize NumPy')

INSTALL_HINT = ('PyTorch is not importable from {python}. From the repo root: '
                'python3 -m venv .venv && .venv/bin/pip install torch '
                '(or pass --python PATH / set MAKEMORE_PYTHON to a Python that has torch).')

try:
    import torch
    import torch.nn as nn
    from torch.nn import functional as F
except ImportError as error:
    if '--probe' in sys.argv:  # train-speed.ts words the message itself
        print(json.dumps({'error': str(error), 'python': sys.executable}))
    else:
        sys.stderr.write(f'{INSTALL_HINT.format(python=sys.executable)} ({error})\n')
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ beside the shared module in packages/
sys.path.insert(0, os.path.join(HERE, '../../../packages/models/scripts'))
from makemore_bow import BoW  # noqa: E402
from makemore_lstm import LSTM  # noqa: E402
from makemore_rnn import RNN, ModelConfig  # noqa: E402
from makemore_transformer import Transformer  # noqa: E402


# -----------------------------------------------------------------------------
# The lectures' models. Each `forward(x, y)` returns the training loss, as our CharModel.loss.


class BigramNN(nn.Module):
    """Lecture 1: `one_hot(x) @ W`, W from randn, and the L2 term `regularization * mean(W**2)`."""

    def __init__(self, vocab_size, regularization):
        super().__init__()
        self.vocab_size, self.regularization = vocab_size, regularization
        self.W = nn.Parameter(torch.randn(vocab_size, vocab_size))

    def forward(self, x, y):
        xenc = F.one_hot(x.view(-1), num_classes=self.vocab_size).float()
        return F.cross_entropy(xenc @ self.W, y) + self.regularization * (self.W ** 2).mean()


class MLP(nn.Module):
    """Lecture 2 (Bengio et al. 2003): C, W1, b1, W2, b2, all randn, with a tanh hidden layer."""

    def __init__(self, vocab_size, block_size, n_embd, n_hidden):
        super().__init__()
        self.C = nn.Parameter(torch.randn(vocab_size, n_embd))
        self.W1 = nn.Parameter(torch.randn(block_size * n_embd, n_hidden))
        self.b1 = nn.Parameter(torch.randn(n_hidden))
        self.W2 = nn.Parameter(torch.randn(n_hidden, vocab_size))
        self.b2 = nn.Parameter(torch.randn(vocab_size))

    def forward(self, x, y):
        emb = self.C[x]
        h = torch.tanh(emb.view(emb.shape[0], -1) @ self.W1 + self.b1)
        return F.cross_entropy(h @ self.W2 + self.b2, y)


class BatchNorm1d(nn.Module):
    """Lectures 3 and 5's BatchNorm1d: batch statistics over dim 0 (or 0 and 1 for 3-D input), the
    unbiased `x.var`, and running estimates updated with `momentum`."""

    def __init__(self, dim, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.gamma = nn.Parameter(torch.ones(dim))
        self.beta = nn.Parameter(torch.zeros(dim))
        self.register_buffer('running_mean', torch.zeros(dim))
        self.register_buffer('running_var', torch.ones(dim))

    def forward(self, x):
        if self.training:
            dim = 0 if x.ndim == 2 else (0, 1)
            xmean = x.mean(dim, keepdim=True)
            xvar = x.var(dim, keepdim=True)
        else:
            xmean, xvar = self.running_mean, self.running_var
        out = self.gamma * (x - xmean) / torch.sqrt(xvar + self.eps) + self.beta
        if self.training:
            with torch.no_grad():
                self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * xmean.view(-1)
                self.running_var = (1 - self.momentum) * self.running_var + self.momentum * xvar.view(-1)
        return out


class MLPBatchNorm(nn.Module):
    """Lecture 3 as our mlp-bn.ts: Kaiming W1 (gain 5/3), b1 * 0.01 (kept: the lecture's 12,297
    parameters count it), W2 * 0.01, b2 = 0, and BatchNorm before the tanh with momentum 0.001."""

    def __init__(self, vocab_size, block_size, n_embd, n_hidden):
        super().__init__()
        fan_in = block_size * n_embd
        self.C = nn.Parameter(torch.randn(vocab_size, n_embd))
        self.W1 = nn.Parameter(torch.randn(fan_in, n_hidden) * (5 / 3) / fan_in ** 0.5)
        self.b1 = nn.Parameter(torch.randn(n_hidden) * 0.01)
        self.W2 = nn.Parameter(torch.randn(n_hidden, vocab_size) * 0.01)
        self.b2 = nn.Parameter(torch.randn(vocab_size) * 0)
        self.bn = BatchNorm1d(n_hidden, momentum=0.001)

    def forward(self, x, y):
        emb = self.C[x]
        hpreact = emb.view(emb.shape[0], -1) @ self.W1 + self.b1
        h = torch.tanh(self.bn(hpreact))
        return F.cross_entropy(h @ self.W2 + self.b2, y)


class Linear(nn.Module):
    """Lecture 5's Linear: `x @ W` with W from `randn / sqrt(fan_in)` and an optional zero bias."""

    def __init__(self, fan_in, fan_out, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(fan_in, fan_out) / fan_in ** 0.5)
        self.bias = nn.Parameter(torch.zeros(fan_out)) if bias else None

    def forward(self, x):
        out = x @ self.weight
        return out + self.bias if self.bias is not None else out


class Embedding(nn.Module):
    """Lecture 5's Embedding: `weight[IX]` with weight from randn."""

    def __init__(self, num_embeddings, embedding_dim):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))

    def forward(self, ix):
        return self.weight[ix]


class FlattenConsecutive(nn.Module):
    """Lecture 5: `(B, T, C)` -> `(B, T/n, C*n)`, squeezing the time axis when it reaches 1."""

    def __init__(self, n):
        super().__init__()
        self.n = n

    def forward(self, x):
        b, t, c = x.shape
        x = x.view(b, t // self.n, c * self.n)
        return x.squeeze(1) if x.shape[1] == 1 else x


class Tanh(nn.Module):
    def forward(self, x):
        return torch.tanh(x)


class WaveNet(nn.Module):
    """Lecture 5's hierarchical model: log2(block_size) levels of FlattenConsecutive(2), Linear (no
    bias), BatchNorm1d and Tanh, then a Linear output layer whose weight starts scaled by 0.1."""

    def __init__(self, vocab_size, block_size, n_embd, n_hidden):
        super().__init__()
        levels = block_size.bit_length() - 1
        if block_size != 1 << levels or levels < 1:
            raise ValueError(f'wavenet needs a block size that is a power of 2, got {block_size}')
        layers = [Embedding(vocab_size, n_embd)]
        for level in range(levels):
            fan_in = 2 * (n_embd if level == 0 else n_hidden)
            layers += [FlattenConsecutive(2), Linear(fan_in, n_hidden, bias=False),
                       BatchNorm1d(n_hidden), Tanh()]
        layers.append(Linear(n_hidden, vocab_size))
        with torch.no_grad():
            layers[-1].weight *= 0.1
        self.net = nn.Sequential(*layers)

    def forward(self, x, y):
        return F.cross_entropy(self.net(x), y)


class SequenceLoss(nn.Module):
    """makemore's models return `(logits, loss)` (RNN) or the loss (Transformer); this returns the loss."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, y):
        out = self.model(x, y)
        return out[1] if isinstance(out, tuple) else out


def build_model(spec):
    """The spec's model with its hyperparameters (our camelCase names)."""
    name, h = spec['model'], spec['hyperparameters']
    vocab_size, block_size = spec['vocabSize'], spec['blockSize']
    if name == 'bigram-nn':
        return BigramNN(vocab_size, h['regularization'])
    if name == 'mlp':
        return MLP(vocab_size, block_size, h['nEmbd'], h['nHidden'])
    if name == 'mlp-bn':
        return MLPBatchNorm(vocab_size, block_size, h['nEmbd'], h['nHidden'])
    if name == 'wavenet':
        return WaveNet(vocab_size, block_size, h['nEmbd'], h['nHidden'])
    if name in ('rnn', 'gru'):
        config = ModelConfig(block_size=block_size, vocab_size=vocab_size,
                             n_embd=h['nEmbd'], n_embd2=h['nEmbd2'])
        return SequenceLoss(RNN(config, name))
    if name == 'lstm':
        return SequenceLoss(LSTM(vocab_size, block_size, h['nEmbd'], h['nEmbd2']))
    if name == 'bow':
        return SequenceLoss(BoW(vocab_size, block_size, h['nEmbd'], h['nEmbd2']))
    if name == 'transformer':
        return SequenceLoss(Transformer(vocab_size, block_size, h['nEmbd'], h['nHead'], h['nLayer']))
    raise ValueError(f'no PyTorch model for {name!r}')


def build_optimizer(spec, parameters):
    o = spec['optimizer']
    if o['type'] == 'adamw':
        return torch.optim.AdamW(parameters, lr=o['lr'], betas=tuple(o['betas']), eps=o['eps'],
                                 weight_decay=o['weightDecay'])
    if o['type'] == 'sgd':
        return torch.optim.SGD(parameters, lr=o['lr'], momentum=o.get('momentum', 0),
                               weight_decay=o['weightDecay'])
    raise ValueError(f'unknown optimizer {o["type"]!r}')

# -----------------------------------------------------------------------------
# Data: the lecture's build_dataset windows and makemore's CharDataset rows, from names.txt.


def read_words(path):
    """makemore's create_datasets: stripped, non-empty lines; ids 1.. for the sorted characters."""
    with open(path, encoding='utf-8') as f:
        words = [w.strip() for w in f.read().splitlines()]
    words = [w for w in words if w]
    stoi = {c: i + 1 for i, c in enumerate(sorted(set(''.join(words))))}
    return words, stoi


def windows(words, stoi, block_size):
    """The lecture's build_dataset: every context of `block_size` ids (0-padded) and the next id."""
    xs, ys = [], []
    for w in words:
        context = [0] * block_size
        for ix in [stoi[c] for c in w] + [0]:
            xs.append(context)
            ys.append(ix)
            context = context[1:] + [ix]
    return torch.tensor(xs, dtype=torch.long), torch.tensor(ys, dtype=torch.long)


def sequences(words, stoi, block_size):
    """makemore's CharDataset rows: X = 0 then the ids, Y = the ids, 0, then -1 (ignored)."""
    x = torch.zeros(len(words), block_size, dtype=torch.long)
    y = torch.zeros(len(words), block_size, dtype=torch.long)
    for j, w in enumerate(words):
        ix = torch.tensor([stoi[c] for c in w], dtype=torch.long)
        if len(ix) + 1 > block_size:
            raise ValueError(f'{w!r} does not fit in block size {block_size}')
        x[j, 1:1 + len(ix)] = ix
        y[j, :len(ix)] = ix
        y[j, len(ix) + 1:] = -1
    return x, y


def build_data(spec):
    """Training rows of a random split with spec['trainItems'] names. A full batch (bigram-nn) is
    exactly spec['batchSize'] rows, taken from all the names so that there are always enough."""
    words, stoi = read_words(spec['data'])
    if len(stoi) + 1 != spec['vocabSize']:
        raise ValueError(f"{spec['data']} has {len(stoi) + 1} tokens, the spec says {spec['vocabSize']}")
    words = [words[i] for i in torch.randperm(len(words)).tolist()]
    if not spec['fullBatch']:
        words = words[:spec['trainItems']]
    build = sequences if spec['dataFormat'] == 'sequence' else windows
    x, y = build(words, stoi, spec['blockSize'])
    if spec['fullBatch']:
        if len(x) < spec['batchSize']:
            raise ValueError(f"{spec['data']} has {len(x)} rows, fewer than the batch of {spec['batchSize']}")
        x, y = x[:spec['batchSize']], y[:spec['batchSize']]
    return x, y

# -----------------------------------------------------------------------------
# Timing: the same method as apps/bench/src/timing.ts.


def rate(fn, ms, min_calls=3):
    """Runs `fn` for about `ms` milliseconds (and at least `min_calls` times); calls per second."""
    calls = 0
    start = now = time.perf_counter()
    while (now - start) * 1000 < ms or calls < min_calls:
        fn()
        calls += 1
        now = time.perf_counter()
    return calls / (now - start)


def median_rate(fn, warmup_ms, window_ms, windows_count):
    """A warm-up window, then the median of `windows_count` timed windows, in calls per second."""
    rate(fn, warmup_ms)
    rates = sorted(rate(fn, window_ms) for _ in range(windows_count))
    mid = len(rates) // 2
    return rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2


def time_model(spec):
    torch.manual_seed(spec.get('seed', 42))
    x, y = build_data(spec)
    model = build_model(spec)
    model.train()
    optimizer = build_optimizer(spec, model.parameters())
    batch_size = spec['batchSize']

    def step():
        # The training loop's step: a batch drawn with replacement (or the full batch), the loss,
        # zero_grad, backward and the optimizer step. The loss is read back, as our step reads it.
        if spec['fullBatch']:
            xb, yb = x, y
        else:
            ix = torch.randint(0, x.shape[0], (batch_size,))
            xb, yb = x[ix], y[ix]
        loss = model(xb, yb)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    steps_per_second = median_rate(step, spec['warmupMs'], spec['windowMs'], spec['windows'])
    return {
        'model': spec['model'],
        'parameters': sum(p.numel() for p in model.parameters()),
        'batchSize': batch_size,
        'stepsPerSecond': steps_per_second,
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--threads', type=int, default=1, help='torch.set_num_threads (default 1)')
    parser.add_argument('--spec', help='the JSON spec (default: read from stdin)')
    parser.add_argument('--probe', action='store_true', help='print the torch version and exit')
    args = parser.parse_args()
    if args.probe:
        print(json.dumps({'torch': torch.__version__, 'python': platform.python_version()}))
        return
    torch.set_num_threads(args.threads)
    spec = json.loads(args.spec if args.spec is not None else sys.stdin.read())
    for one in spec if isinstance(spec, list) else [spec]:
        print(json.dumps(time_model(one)), flush=True)


if __name__ == '__main__':
    main()

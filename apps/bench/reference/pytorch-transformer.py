"""makemore's Transformer trained in PyTorch with makemore.py's defaults, as a yardstick for
`node dist/train-models.js --model transformer`: the same split (torch.manual_seed(3407);
torch.randperm(n), the last 1,000 names for test), model, AdamW settings, batch size and evaluation
(every 500 steps, 1,000 random rows of train and the 1,000 test names in batches of 100).

    python3 apps/bench/reference/pytorch-transformer.py [--variant current|first] [--steps 20000]
        [--seed 3407] [--split-seed N]

--variant current is makemore.py as it stands (PyTorch's default init, no clipping); first is the
script's first version, whose README gave "test logprob of ~1.92": every weight drawn from N(0, 0.02)
and the gradient norm clipped to 1.0. Needs Python 3 and PyTorch (Debian: apt install python3-torch);
not run by CI. Pin it to one thread for timings: OPENBLAS_NUM_THREADS=1 taskset -c 0 python3 ...
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '../../../packages/models/scripts'))
from makemore_transformer import Transformer, gpt2_init  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument('--variant', choices=['current', 'first'], default='current')
parser.add_argument('--steps', type=int, default=20000)
parser.add_argument('--seed', type=int, default=3407)
parser.add_argument('--split-seed', type=int, default=None, help='seed of the split (default: --seed, as makemore)')
parser.add_argument('--data', default=os.path.join(os.path.dirname(__file__), '../../../../shared/data/names.txt'))
args = parser.parse_args()
torch.set_num_threads(1)
torch.manual_seed(args.seed if args.split_seed is None else args.split_seed)

words = [w.strip() for w in open(args.data).read().splitlines()]
words = [w for w in words if w]
chars = sorted(set(''.join(words)))
stoi = {c: i + 1 for i, c in enumerate(chars)}
max_len = max(len(w) for w in words)
n_test = min(1000, int(len(words) * 0.1))
perm = torch.randperm(len(words)).tolist()
train_words, test_words = [words[i] for i in perm[:-n_test]], [words[i] for i in perm[-n_test:]]
if args.split_seed is not None:
    torch.manual_seed(args.seed)  # the weights and batches from --seed, the split from --split-seed


def rows(ws):
    """makemore's CharDataset rows: X starts with token 0, Y ends with 0 and then -1 (ignored)."""
    x = torch.zeros(len(ws), max_len + 1, dtype=torch.long)
    y = torch.zeros(len(ws), max_len + 1, dtype=torch.long)
    for j, w in enumerate(ws):
        ix = torch.tensor([stoi[c] for c in w])
        x[j, 1:1 + len(ix)] = ix
        y[j, :len(ix)] = ix
        y[j, len(ix) + 1:] = -1
    return x, y


Xtr, Ytr = rows(train_words)
Xte, Yte = rows(test_words)
V, T, C, N_HEAD, N_LAYER = len(chars) + 1, max_len + 1, 64, 4, 4


model = Transformer(V, T, C, N_HEAD, N_LAYER)
if args.variant == 'first':
    gpt2_init(model)
opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.01, betas=(0.9, 0.99), eps=1e-8)


@torch.no_grad()
def evaluate(x, y):
    """makemore's evaluate(batch_size=100, max_batches=10): the mean of up to 11 batch means."""
    model.eval()
    order = torch.randperm(len(x))
    losses = [model(x[order[i:i + 100]], y[order[i:i + 100]]).item() for i in range(0, min(len(x), 1100), 100)]
    model.train()
    return sum(losses) / len(losses)


print(f'variant {args.variant}: {sum(p.numel() for p in model.parameters())} parameters, '
      f'{len(train_words)} train / {len(test_words)} test names', flush=True)
best, started = None, time.time()
for step in range(args.steps + 1):
    idx = torch.randint(0, len(Xtr), (32,))
    loss = model(Xtr[idx], Ytr[idx])
    model.zero_grad(set_to_none=True)
    loss.backward()
    if args.variant == 'first':
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    if step > 0 and step % 500 == 0:
        train, test = evaluate(Xtr, Ytr), evaluate(Xte, Yte)
        if best is None or test < best[1]:
            best = (step, test)
        print(f'step {step}: train {train:.4f} test {test:.4f}, best {best[1]:.4f} at {best[0]} '
              f'({time.time() - started:.0f} s)', flush=True)

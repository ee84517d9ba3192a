"""Shared by the pytorch-*-reference.py scripts (bow, lstm, transformer): trains a small makemore model
with torch.optim.AdamW on a few random batches of makemore's rows (with -1 targets) and writes the
initial weights, the batches, the losses and the final weights as src/test-support/pytorch-<name>.json,
the fixture that <name>.pytorch.test.ts replays with this project's model, autograd and AdamW, and
must reproduce PyTorch's numbers: the model, its gradients and the optimizer are checked against an
independent implementation.

Needs Python 3 and PyTorch (from the repo root: python3 -m venv .venv && .venv/bin/pip install torch).
Not run by CI; the JSONs are committed. Run a script from the repo root:
    .venv/bin/python packages/models/scripts/pytorch-<name>-reference.py
"""
import json
import os

import torch

ADAMW = {'lr': 1e-2, 'weightDecay': 0.01, 'betas': [0.9, 0.99], 'eps': 1e-8}


def weights(model, rename=lambda name: name):
    """Every parameter in this project's layout: a 2-D weight is stored (in, out), PyTorch's is
    (out, in); embedding tables are the same in both. `start` is (1, n_embd2) in both. `rename` maps
    a PyTorch parameter name to this project's where the two differ."""
    out = {}
    for name, p in model.named_parameters():
        t = p.detach().clone()
        if t.dim() == 2 and not name.startswith(('wte', 'wpe', 'start')):
            t = t.t().contiguous()
        out[rename(name)] = {'shape': list(t.shape), 'data': [round(v, 9) for v in t.flatten().tolist()]}
    return out


def write_fixture(name, build, hyperparameters, vocab_size, batch_size=4, steps=6, rename=lambda n: n):
    """Builds the model with `build()` after torch.manual_seed(1), trains it (its forward(x, y) returns
    (logits, loss), or the loss alone) for `steps` AdamW steps and writes the fixture."""
    block_size = hyperparameters['blockSize']
    torch.manual_seed(1)
    model = build()
    initial = weights(model, rename)
    opt = torch.optim.AdamW(model.parameters(), lr=ADAMW['lr'], weight_decay=ADAMW['weightDecay'],
                            betas=tuple(ADAMW['betas']), eps=ADAMW['eps'])
    batches, losses = [], []
    for _ in range(steps):
        # makemore's rows: a start token, the name, then -1 targets past the end token.
        x = torch.randint(0, vocab_size, (batch_size, block_size))
        x[:, 0] = 0
        y = torch.roll(x, -1, 1)
        y[:, -1] = 0
        y[0, 3:] = -1
        out = model(x, y)
        loss = out[1] if isinstance(out, tuple) else out
        model.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        batches.append({'x': x.flatten().tolist(), 'y': y.flatten().tolist()})
        losses.append(loss.item())
    fixture = {
        'source': f'packages/models/scripts/pytorch-{name}-reference.py, PyTorch {torch.__version__}',
        'hyperparameters': hyperparameters,
        'vocabSize': vocab_size,
        'batchSize': batch_size,
        'adamw': ADAMW,
        'initial': initial,
        'batches': batches,
        'losses': losses,
        'final': weights(model, rename),
    }
    path = os.path.join(os.path.dirname(__file__), '..', 'src', 'test-support', f'pytorch-{name}.json')
    with open(path, 'w') as f:
        json.dump(fixture, f)
    print('wrote', os.path.normpath(path), 'losses', [round(l, 4) for l in losses])

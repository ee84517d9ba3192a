"""Writes src/test-support/pytorch-transformer.json: a small makemore Transformer's initial weights,
a few batches, and the losses and final weights PyTorch's AdamW reaches on them.

transformer.pytorch.test.ts loads the weights into this project's Transformer, trains it on the same
batches with this project's AdamW, and must reproduce PyTorch's numbers: the model, its gradients and
the optimizer are checked against an independent implementation.

Needs Python 3 and PyTorch (Debian: apt install python3-torch). Not run by CI; the JSON is committed.
    python3 packages/models/scripts/pytorch-transformer-reference.py
"""
import json
import os

import torch

from makemore_transformer import Transformer

# makemore's Transformer at a small size.
V, T, C, N_HEAD, N_LAYER, B, STEPS = 27, 6, 8, 2, 2, 4, 6


def our_name(name):
    """makemore's parameter names as this project's Transformer names them."""
    return name.replace('.c_fc.', '.mlp.0.').replace('.c_proj.', '.mlp.2.').replace('.attn.mlp.2.', '.attn.c_proj.')


def weights(model):
    """Every parameter in this project's layout: a Linear weight is (in, out), PyTorch's (out, in)."""
    out = {}
    for name, p in model.named_parameters():
        t = p.detach().clone()
        if t.dim() == 2 and not name.startswith(('wte', 'wpe')):
            t = t.t().contiguous()
        out[our_name(name)] = {'shape': list(t.shape), 'data': [round(v, 9) for v in t.flatten().tolist()]}
    return out


torch.manual_seed(1)
model = Transformer(V, T, C, N_HEAD, N_LAYER)
initial = weights(model)
opt = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.01, betas=(0.9, 0.99), eps=1e-8)
batches, losses = [], []
for _ in range(STEPS):
    # makemore's rows: a start token, the name, then -1 targets past the end token.
    x = torch.randint(0, V, (B, T))
    x[:, 0] = 0
    y = torch.roll(x, -1, 1)
    y[:, -1] = 0
    y[0, 3:] = -1
    loss = model(x, y)
    model.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    batches.append({'x': x.flatten().tolist(), 'y': y.flatten().tolist()})
    losses.append(loss.item())

fixture = {
    'source': 'packages/models/scripts/pytorch-transformer-reference.py, PyTorch ' + torch.__version__,
    'hyperparameters': {'blockSize': T, 'nEmbd': C, 'nHead': N_HEAD, 'nLayer': N_LAYER},
    'vocabSize': V,
    'batchSize': B,
    'adamw': {'lr': 1e-2, 'weightDecay': 0.01, 'betas': [0.9, 0.99], 'eps': 1e-8},
    'initial': initial,
    'batches': batches,
    'losses': losses,
    'final': weights(model),
}
path = os.path.join(os.path.dirname(__file__), '..', 'src', 'test-support', 'pytorch-transformer.json')
with open(path, 'w') as f:
    json.dump(fixture, f)
print('wrote', os.path.normpath(path), 'losses', [round(l, 4) for l in losses])

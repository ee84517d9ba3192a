"""Writes src/test-support/pytorch-transformer.json: a small makemore Transformer's initial weights,
a few batches, and the losses and final weights PyTorch's AdamW reaches on them.

transformer.pytorch.test.ts loads the weights into this project's Transformer, trains it on the same
batches with this project's AdamW, and must reproduce PyTorch's numbers: the model, its gradients and
the optimizer are checked against an independent implementation.

Needs Python 3 and PyTorch (Debian: apt install python3-torch). Not run by CI; the JSON is committed.
    python3 packages/models/scripts/pytorch-transformer-reference.py
"""
import torch

from makemore_transformer import Transformer
from reference_fixture import write_fixture

# makemore's Transformer at a small size.
V, T, C, N_HEAD, N_LAYER, B, STEPS = 27, 6, 8, 2, 2, 4, 6


def our_name(name):
    """makemore's parameter names as this project's Transformer names them."""
    return name.replace('.c_fc.', '.mlp.0.').replace('.c_proj.', '.mlp.2.').replace('.attn.mlp.2.', '.attn.c_proj.')


torch.manual_seed(1)
model = Transformer(V, T, C, N_HEAD, N_LAYER)
write_fixture('transformer', model, {'blockSize': T, 'nEmbd': C, 'nHead': N_HEAD, 'nLayer': N_LAYER}, V, B, STEPS,
              rename=our_name)

"""Writes src/test-support/pytorch-bow.json: a small makemore BoW's initial weights, a few batches,
and the losses and final weights PyTorch's AdamW reaches on them (see reference_fixture.py).

bow.pytorch.test.ts loads the weights into this project's BoW, trains it on the same batches with this
project's AdamW, and must reproduce PyTorch's numbers.

Needs Python 3 and PyTorch (from the repo root: python3 -m venv .venv && .venv/bin/pip install torch).
Not run by CI; the JSON is committed.
    .venv/bin/python packages/models/scripts/pytorch-bow-reference.py
"""
import torch

from makemore_bow import BoW
from reference_fixture import write_fixture

# makemore's BoW at a small size, with n_embd2 != n_embd so that a swapped shape cannot pass.
V, T, C, C2, B, STEPS = 27, 6, 8, 12, 4, 6

torch.manual_seed(1)
model = BoW(V, T, C, C2)
write_fixture('bow', model, {'blockSize': T, 'nEmbd': C, 'nEmbd2': C2}, V, B, STEPS)

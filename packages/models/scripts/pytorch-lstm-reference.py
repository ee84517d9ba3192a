"""Writes src/test-support/pytorch-lstm.json: a small makemore RNN with torch.nn.LSTMCell (this
project's `lstm`): its initial weights, a few batches, and the losses and final weights PyTorch's AdamW
reaches on them (see reference_fixture.py).

lstm.pytorch.test.ts loads the weights into this project's LSTMModel, trains it on the same batches
with this project's AdamW, and must reproduce PyTorch's numbers: the LSTMCell, its gradients and the
weight layout (weight_ih.T, gates in i, f, g, o order) are checked against torch.nn.LSTMCell.

Needs Python 3 and PyTorch (from the repo root: python3 -m venv .venv && .venv/bin/pip install torch).
Not run by CI; the JSON is committed.
    .venv/bin/python packages/models/scripts/pytorch-lstm-reference.py
"""
import torch

from makemore_lstm import LSTM
from reference_fixture import write_fixture

# A small size, with n_embd != n_embd2 so that a swapped or untransposed weight cannot pass.
V, T, C, C2, B, STEPS = 27, 6, 6, 8, 4, 6

torch.manual_seed(1)
model = LSTM(V, T, C, C2)
write_fixture('lstm', model, {'blockSize': T, 'nEmbd': C, 'nEmbd2': C2}, V, B, STEPS)

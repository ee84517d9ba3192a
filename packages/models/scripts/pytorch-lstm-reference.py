"""Writes src/test-support/pytorch-lstm.json (see reference_fixture.py): a small makemore RNN with
torch.nn.LSTMCell (this project's `lstm`): its initial weights, a few batches, and the losses and final
weights PyTorch's AdamW reaches on them, for lstm.pytorch.test.ts to reproduce with this project's
LSTMModel: the LSTMCell, its gradients and the weight layout (weight_ih.T, gates in i, f, g, o order)
are checked against torch.nn.LSTMCell.
"""
from makemore_lstm import LSTM
from reference_fixture import write_fixture

# A small size, with n_embd != n_embd2 so that a swapped or untransposed weight cannot pass.
V, T, C, C2 = 27, 6, 6, 8
write_fixture('lstm', lambda: LSTM(V, T, C, C2), {'blockSize': T, 'nEmbd': C, 'nEmbd2': C2}, V)

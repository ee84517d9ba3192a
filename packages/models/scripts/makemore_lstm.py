"""makemore's RNN class with torch.nn.LSTMCell as its cell, the model this project registers as `lstm`,
in PyTorch; shared by pytorch-lstm-reference.py (the test fixture) and apps/bench/reference/
pytorch-speed.py (the benchmark yardstick).

makemore.py leaves the LSTM out ("its API is a bit more annoying as it has both a hidden state and a
cell state"). This is its RNN class (makemore_rnn.py), start state, embedding, unrolled cell and head,
with the cell swapped for torch.nn.LSTMCell: the learned `start` is the first hidden state h and the
first cell state c is zeros, as this project's LSTMModel does. The parameter names are the ones this
project uses: start, wte, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh, lm_head.
"""
import torch
import torch.nn as nn

from makemore_rnn import RNN


class LSTMCell(nn.LSTMCell):
    """torch.nn.LSTMCell behind makemore's cell interface, `cell(xt, hprev) -> ht`: the RNN class hands
    only the hidden state h from one step to the next, so the cell state c is kept here between steps.
    `reset()` starts a new batch of sequences with c at zeros."""

    def __init__(self, input_size, hidden_size):
        super().__init__(input_size, hidden_size)
        self.reset()

    def reset(self):
        self.c = None

    def forward(self, xt, hprev):
        c = torch.zeros_like(hprev) if self.c is None else self.c
        ht, self.c = super().forward(xt, (hprev, c))
        return ht


class LSTM(RNN):

    def __init__(self, vocab_size, block_size, n_embd=64, n_embd2=64):
        # RNN.__init__ builds only makemore's own cells; the layers are made here in its order, so that
        # a seeded run draws the same initial weights.
        nn.Module.__init__(self)
        self.block_size = block_size
        self.vocab_size = vocab_size
        self.start = nn.Parameter(torch.zeros(1, n_embd2)) # the starting hidden state
        self.wte = nn.Embedding(vocab_size, n_embd) # token embeddings table
        self.cell = LSTMCell(n_embd, n_embd2)
        self.lm_head = nn.Linear(n_embd2, self.vocab_size)

    def forward(self, idx, targets=None):
        self.cell.reset()
        return super().forward(idx, targets)

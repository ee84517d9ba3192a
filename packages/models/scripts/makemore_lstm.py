"""makemore's RNN class with torch.nn.LSTMCell as its cell, the model this project registers as `lstm`,
in PyTorch; shared by pytorch-lstm-reference.py (the test fixture) and apps/bench/reference/
pytorch-speed.py (the benchmark yardstick).

makemore.py leaves the LSTM out ("its API is a bit more annoying as it has both a hidden state and a
cell state"). This is its RNN class, start state, embedding, unrolled cell and head, with the cell
swapped for torch.nn.LSTMCell: the learned `start` is the first hidden state h and the first cell
state c is zeros, as this project's LSTMModel does. The parameter names are the ones this project
uses: start, wte, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh, lm_head.
"""
import torch
import torch.nn as nn
from torch.nn import functional as F


class LSTM(nn.Module):

    def __init__(self, vocab_size, block_size, n_embd=64, n_embd2=64):
        super().__init__()
        self.block_size = block_size
        self.vocab_size = vocab_size
        self.start = nn.Parameter(torch.zeros(1, n_embd2)) # the starting hidden state
        self.wte = nn.Embedding(vocab_size, n_embd) # token embeddings table
        self.cell = nn.LSTMCell(n_embd, n_embd2)
        self.lm_head = nn.Linear(n_embd2, self.vocab_size)

    def get_block_size(self):
        return self.block_size

    def forward(self, idx, targets=None):
        b, t = idx.size()

        # embed all the integers up front and all at once for efficiency
        emb = self.wte(idx) # (b, t, n_embd)

        # sequentially iterate over the inputs and update the LSTM states each tick
        hprev = self.start.expand((b, -1)) # expand out the batch dimension
        cprev = torch.zeros_like(hprev) # the cell state starts at zeros
        hiddens = []
        for i in range(t):
            xt = emb[:, i, :] # (b, n_embd)
            hprev, cprev = self.cell(xt, (hprev, cprev)) # each (b, n_embd2)
            hiddens.append(hprev)

        # decode the outputs
        hidden = torch.stack(hiddens, 1) # (b, t, n_embd2)
        logits = self.lm_head(hidden)

        # if we are given some desired targets also calculate the loss
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)

        return logits, loss

"""makemore's causal bag-of-words model (makemore.py's classes CausalBoW, BoWBlock and BoW) in PyTorch,
shared by the scripts that check this project against it: pytorch-bow-reference.py (the test fixture)
and apps/bench/reference/pytorch-speed.py (the benchmark yardstick).

Copied from https://github.com/karpathy/makemore (makemore.py, MIT License, Copyright (c) 2022 Andrej
Karpathy) with one change: the constructors take the config's fields (vocab_size, block_size, n_embd,
n_embd2) instead of makemore's ModelConfig, as makemore_transformer.py does. The parameter names are
makemore's: wte, wpe, context_block.mlp.c_fc, context_block.mlp.c_proj, lm_head.
"""
import torch
import torch.nn as nn
from torch.nn import functional as F


class CausalBoW(nn.Module):
    """
    Causal bag of words. Averages the preceding elements and looks suspiciously like
    a CausalAttention module you'd find in a transformer, for no apparent reason at all ;)
    """
    def __init__(self, block_size):
        super().__init__()

        # used to mask out vectors and preserve autoregressive property
        self.block_size = block_size
        self.register_buffer("bias", torch.tril(torch.ones(block_size, block_size))
                            .view(1, block_size, block_size))

    def forward(self, x):
        B, T, C = x.size() # batch size, sequence length, n_embd

        # do the weighted average of all preceeding token features
        att = torch.zeros((B, T, T), device=x.device)
        att = att.masked_fill(self.bias[:,:T,:T] == 0, float('-inf'))
        att = F.softmax(att, dim=-1)
        y = att @ x # (B, T, T) x (B, T, C) -> (B, T, C)

        return y


class BoWBlock(nn.Module):
    """ collects BoW features and adds an MLP """

    def __init__(self, block_size, n_embd, n_embd2):
        super().__init__()

        # Causal BoW module
        self.cbow = CausalBoW(block_size)
        # MLP assembler
        self.mlp = nn.ModuleDict(dict(
            c_fc    = nn.Linear(n_embd, n_embd2),
            c_proj  = nn.Linear(n_embd2, n_embd),
        ))
        m = self.mlp
        self.mlpf = lambda x: m.c_proj(F.tanh(m.c_fc(x))) # MLP forward

    def forward(self, x):
        x = x + self.cbow(x)
        x = x + self.mlpf(x)
        return x


class BoW(nn.Module):
    """
    takes the previous block_size tokens, encodes them with a lookup table,
    also encodes their positions with lookup table, then averages all of those
    embeddings up and uses that to predict the next token.
    """

    def __init__(self, vocab_size, block_size, n_embd=64, n_embd2=64):
        super().__init__()
        self.block_size = block_size
        self.vocab_size = vocab_size
        # token embedding
        self.wte = nn.Embedding(vocab_size, n_embd)
        # position embedding
        self.wpe = nn.Embedding(block_size, n_embd)
        # context block
        self.context_block = BoWBlock(block_size, n_embd, n_embd2)
        # language model head decoder layer
        self.lm_head = nn.Linear(n_embd, self.vocab_size)

    def get_block_size(self):
        return self.block_size

    def forward(self, idx, targets=None):

        device = idx.device
        b, t = idx.size()
        assert t <= self.block_size, f"Cannot forward sequence of length {t}, block size is only {self.block_size}"
        pos = torch.arange(0, t, dtype=torch.long, device=device).unsqueeze(0) # shape (1, t)

        # forward the token and position embedding layers
        tok_emb = self.wte(idx) # token embeddings of shape (b, t, n_embd)
        pos_emb = self.wpe(pos) # position embeddings of shape (1, t, n_embd)
        # add and run through the decoder MLP
        x = tok_emb + pos_emb
        # run the bag of words context module
        x = self.context_block(x)
        # decode to next token probability
        logits = self.lm_head(x)

        # if we are given some desired targets also calculate the loss
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)

        return logits, loss

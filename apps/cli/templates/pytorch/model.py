"""makemore-ts's models as torch.nn.Module, with the parameter names, shapes and math of makemore-ts,
so that `model.safetensors` loads with `load_state_dict(strict=True)` and the PyTorch model gives the
same log-likelihoods. One difference from torch.nn's layers is deliberate: a 2-D weight is stored
(in, out) as makemore-ts stores it, and applied as `x @ weight + bias`; embedding tables are (count, dim)
in both.

    from model import load_model
    model, config = load_model('.')   # config.json and model.safetensors of this folder

The model type and its hyperparameters come from config.json (written by makemore-ts), read at run
time; nothing here is generated.
"""
import json
import math
import os

import torch
import torch.nn as nn
from torch.nn import functional as F

from makemore_data import Vocab
from safetensors_io import load_file


def _param(*shape):
    # Values are overwritten by load_state_dict; a fresh model starts small and random.
    return nn.Parameter(torch.randn(*shape) * (1.0 / math.sqrt(shape[0])))


class Linear(nn.Module):
    """`x @ weight + bias` with weight (in, out), makemore-ts's Linear."""

    def __init__(self, n_in, n_out, bias=True):
        super().__init__()
        self.weight = _param(n_in, n_out)
        self.bias = nn.Parameter(torch.zeros(n_out)) if bias else None

    def forward(self, x):
        y = x @ self.weight
        return y if self.bias is None else y + self.bias


class Embedding(nn.Module):
    """A (count, dim) table, `weight[x]`."""

    def __init__(self, count, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(count, dim))

    def forward(self, x):
        return self.weight[x]


class BatchNorm1d(nn.Module):
    """The lecture's BatchNorm: statistics over every axis but the last, the unbiased batch variance
    both to normalise and in the running estimate (torch.nn.BatchNorm1d normalises with the biased
    one), and makemore-ts's names gamma, beta, runningMean, runningVar."""

    def __init__(self, dim, momentum=0.1, eps=1e-5):
        super().__init__()
        self.momentum, self.eps = momentum, eps
        self.gamma = nn.Parameter(torch.ones(dim))
        self.beta = nn.Parameter(torch.zeros(dim))
        self.register_buffer('runningMean', torch.zeros(dim))
        self.register_buffer('runningVar', torch.ones(dim))

    def forward(self, x):
        if self.training:
            flat = x.reshape(-1, x.shape[-1])
            mean = flat.mean(0)
            var = flat.var(0, unbiased=flat.shape[0] > 1)
            with torch.no_grad():
                self.runningMean.mul_(1 - self.momentum).add_(self.momentum * mean)
                self.runningVar.mul_(1 - self.momentum).add_(self.momentum * var)
        else:
            mean, var = self.runningMean, self.runningVar
        return (x - mean) / torch.sqrt(var + self.eps) * self.gamma + self.beta


class LayerNorm(nn.Module):
    """torch's layer norm (eps 1e-5) with the names weight and bias."""

    def __init__(self, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.bias = nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        return F.layer_norm(x, (x.shape[-1],), self.weight, self.bias, 1e-5)


class BigramNN(nn.Module):
    """The seed lecture's neural bigram: logits = W[x], loss nll + regularization · mean(W²)."""

    def __init__(self, h, V):
        super().__init__()
        self.regularization = float(h.get('regularization', 0.01))
        self.W = nn.Parameter(torch.randn(V, V))

    def forward(self, x):
        return self.W[x.reshape(-1)]

    def extra_loss(self):
        return self.regularization * (self.W ** 2).mean()


class MLP(nn.Module):
    """Bengio et al. 2003 as lecture 2: C, W1, b1, W2, b2; with `bn`, lecture 3's mlp-bn."""

    def __init__(self, h, V, batch_norm=False):
        super().__init__()
        block, e, n = h['blockSize'], h['nEmbd'], h['nHidden']
        self.C = nn.Parameter(torch.randn(V, e))
        self.W1 = _param(block * e, n)
        self.b1 = nn.Parameter(torch.zeros(n))
        self.W2 = _param(n, V)
        self.b2 = nn.Parameter(torch.zeros(V))
        self.bn = BatchNorm1d(n, momentum=0.001) if batch_norm else None

    def forward(self, x):
        emb = self.C[x].reshape(x.shape[0], -1)
        hpre = emb @ self.W1 + self.b1
        if self.bn is not None:
            hpre = self.bn(hpre)
        return torch.tanh(hpre) @ self.W2 + self.b2


class FlattenConsecutive(nn.Module):
    """(B, T, C) -> (B, T/n, C·n), or (B, C·n) when T = n."""

    def __init__(self, n):
        super().__init__()
        self.n = n

    def forward(self, x):
        B, T, C = x.shape
        return x.reshape(B, C * self.n) if T == self.n else x.reshape(B, T // self.n, C * self.n)


class Tanh(nn.Module):
    def forward(self, x):
        return torch.tanh(x)


def wavenet(h, V):
    """Lecture 5: net.0 embedding, then per doubling FlattenConsecutive(2), Linear (no bias),
    BatchNorm1d, Tanh, and a Linear head; the names net.<i>.* are the Sequential's indices."""
    e, n = h['nEmbd'], h['nHidden']
    levels = int(round(math.log2(h['blockSize'])))
    layers = [Embedding(V, e)]
    for level in range(levels):
        layers += [FlattenConsecutive(2), Linear(2 * (e if level == 0 else n), n, bias=False), BatchNorm1d(n), Tanh()]
    layers.append(Linear(n, V))
    return WaveNet(layers)


class WaveNet(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class RNNCell(nn.Module):
    """makemore's RNNCell: h = tanh([x, h] @ W + b)."""

    def __init__(self, e, e2):
        super().__init__()
        self.xh_to_h = Linear(e + e2, e2)

    def forward(self, xt, h):
        return torch.tanh(self.xh_to_h(torch.cat([xt, h], dim=1)))


class GRUCell(nn.Module):
    """makemore's GRUCell."""

    def __init__(self, e, e2):
        super().__init__()
        self.xh_to_z = Linear(e + e2, e2)
        self.xh_to_r = Linear(e + e2, e2)
        self.xh_to_hbar = Linear(e + e2, e2)

    def forward(self, xt, h):
        xh = torch.cat([xt, h], dim=1)
        r = torch.sigmoid(self.xh_to_r(xh))
        hbar = torch.tanh(self.xh_to_hbar(torch.cat([xt, r * h], dim=1)))
        z = torch.sigmoid(self.xh_to_z(xh))
        return (1 - z) * h + z * hbar


class LSTMCell(nn.Module):
    """torch.nn.LSTMCell's math with makemore-ts's layout: weight_ih (in, 4H), weight_hh (H, 4H),
    gates in i, f, g, o order. The state is (h, c)."""

    def __init__(self, e, e2):
        super().__init__()
        self.weight_ih = _param(e, 4 * e2)
        self.weight_hh = _param(e2, 4 * e2)
        self.bias_ih = nn.Parameter(torch.zeros(4 * e2))
        self.bias_hh = nn.Parameter(torch.zeros(4 * e2))

    def forward(self, xt, state):
        h, c = state
        gates = xt @ self.weight_ih + self.bias_ih + h @ self.weight_hh + self.bias_hh
        i, f, g, o = gates.chunk(4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c), c


class RNN(nn.Module):
    """makemore's RNN class: start (1, nEmbd2), wte, a cell unrolled over the sequence, lm_head."""

    def __init__(self, h, V, cell_type):
        super().__init__()
        e, e2 = h['nEmbd'], h['nEmbd2']
        self.cell_type = cell_type
        self.start = nn.Parameter(torch.zeros(1, e2))
        self.wte = Embedding(V, e)
        self.cell = {'rnn': RNNCell, 'gru': GRUCell, 'lstm': LSTMCell}[cell_type](e, e2)
        self.lm_head = Linear(e2, V)

    def forward(self, x):
        B, T = x.shape
        emb = self.wte(x)
        h = self.start.expand(B, -1)
        # The LSTM's first cell state is zeros, its first hidden state the learned start.
        state = (h, torch.zeros_like(h)) if self.cell_type == 'lstm' else h
        hiddens = []
        for t in range(T):
            state = self.cell(emb[:, t, :], state)
            hiddens.append(state[0] if self.cell_type == 'lstm' else state)
        return self.lm_head(torch.stack(hiddens, 1))


class MlpDict(nn.Module):
    def __init__(self, e, e2):
        super().__init__()
        self.c_fc = Linear(e, e2)
        self.c_proj = Linear(e2, e)


class BoWBlock(nn.Module):
    """makemore's BoWBlock: x + causal mean of x so far, then x + c_proj(tanh(c_fc(x)))."""

    def __init__(self, e, e2):
        super().__init__()
        self.mlp = MlpDict(e, e2)

    def forward(self, x):
        T = x.shape[1]
        mask = torch.tril(torch.ones(T, T, device=x.device))
        x = x + (mask / mask.sum(1, keepdim=True)) @ x
        return x + self.mlp.c_proj(torch.tanh(self.mlp.c_fc(x)))


class CausalSelfAttention(nn.Module):
    def __init__(self, e, n_head):
        super().__init__()
        self.n_head = n_head
        self.c_attn = Linear(e, 3 * e)
        self.c_proj = Linear(e, e)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        heads = lambda z: z.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        q, k, v = heads(q), heads(k), heads(v)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        mask = torch.tril(torch.ones(T, T, dtype=torch.bool, device=x.device))
        att = F.softmax(att.masked_fill(~mask, float('-inf')), dim=-1)
        return self.c_proj((att @ v).transpose(1, 2).contiguous().view(B, T, C))


class GELU(nn.Module):
    """makemore's NewGELU, the tanh approximation."""

    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Block(nn.Module):
    """A pre-norm transformer block; its MLP is a Sequential, hence mlp.0 and mlp.2."""

    def __init__(self, e, n_head):
        super().__init__()
        self.ln_1 = LayerNorm(e)
        self.attn = CausalSelfAttention(e, n_head)
        self.ln_2 = LayerNorm(e)
        self.mlp = nn.Sequential(Linear(e, 4 * e), GELU(), Linear(4 * e, e))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Positional(nn.Module):
    """wte + wpe, shared by bow and transformer."""

    def __init__(self, h, V):
        super().__init__()
        self.wte = Embedding(V, h['nEmbd'])
        self.wpe = Embedding(h['blockSize'], h['nEmbd'])

    def embed(self, x):
        return self.wte(x) + self.wpe(torch.arange(x.shape[1], device=x.device))


class BoW(Positional):
    def __init__(self, h, V):
        super().__init__(h, V)
        self.context_block = BoWBlock(h['nEmbd'], h['nEmbd2'])
        self.lm_head = Linear(h['nEmbd'], V)

    def forward(self, x):
        return self.lm_head(self.context_block(self.embed(x)))


class Transformer(Positional):
    def __init__(self, h, V):
        super().__init__(h, V)
        self.h = nn.Sequential(*[Block(h['nEmbd'], h['nHead']) for _ in range(h['nLayer'])])
        self.ln_f = LayerNorm(h['nEmbd'])
        self.lm_head = Linear(h['nEmbd'], V, bias=False)

    def forward(self, x):
        return self.lm_head(self.ln_f(self.h(self.embed(x))))


BUILDERS = {
    'bigram-nn': BigramNN,
    'mlp': MLP,
    'mlp-bn': lambda h, V: MLP(h, V, batch_norm=True),
    'wavenet': wavenet,
    'rnn': lambda h, V: RNN(h, V, 'rnn'),
    'gru': lambda h, V: RNN(h, V, 'gru'),
    'lstm': lambda h, V: RNN(h, V, 'lstm'),
    'bow': BoW,
    'transformer': Transformer,
}


def build_model(config):
    """A fresh model of the type and hyperparameters of a parsed config.json."""
    if config['model'] not in BUILDERS:
        raise ValueError(f"config.json names model {config['model']!r}, which has no PyTorch module here")
    return BUILDERS[config['model']](config['hyperparameters'], Vocab(config['vocab']).size)


def read_config(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def load_model(directory='.', weights=None):
    """The model of `directory`/config.json with the weights of `weights` (default
    `directory`/model.safetensors), in eval mode; returns (model, config)."""
    config = read_config(os.path.join(directory, 'config.json'))
    model = build_model(config)
    model.load_state_dict(load_file(weights or os.path.join(directory, 'model.safetensors')), strict=True)
    model.eval()
    return model, config


def loss_of(model, logits, y):
    """makemore-ts's training loss: cross-entropy ignoring -1 targets, plus the bigram's L2 term."""
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=-1)
    core = model.module if hasattr(model, 'module') else model
    return loss + core.extra_loss() if hasattr(core, 'extra_loss') else loss

"""Writes src/test-support/pytorch-transformer.json (see reference_fixture.py): a small makemore
Transformer's initial weights, a few batches, and the losses and final weights PyTorch's AdamW reaches
on them, for transformer.pytorch.test.ts to reproduce with this project's Transformer.
"""
from makemore_transformer import Transformer
from reference_fixture import write_fixture

# makemore's Transformer at a small size.
V, T, C, N_HEAD, N_LAYER = 27, 6, 8, 2, 2


def our_name(name):
    """makemore's parameter names as this project's Transformer names them."""
    return name.replace('.c_fc.', '.mlp.0.').replace('.c_proj.', '.mlp.2.').replace('.attn.mlp.2.', '.attn.c_proj.')


write_fixture('transformer', lambda: Transformer(V, T, C, N_HEAD, N_LAYER),
              {'blockSize': T, 'nEmbd': C, 'nHead': N_HEAD, 'nLayer': N_LAYER}, V, rename=our_name)

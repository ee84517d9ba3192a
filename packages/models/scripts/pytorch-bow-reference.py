"""Writes src/test-support/pytorch-bow.json (see reference_fixture.py): a small makemore BoW's initial
weights, a few batches, and the losses and final weights PyTorch's AdamW reaches on them, for
bow.pytorch.test.ts to reproduce with this project's BoW.
"""
from makemore_bow import BoW
from reference_fixture import write_fixture

# makemore's BoW at a small size, with n_embd2 != n_embd so that a swapped shape cannot pass.
V, T, C, C2 = 27, 6, 8, 12
write_fixture('bow', lambda: BoW(V, T, C, C2), {'blockSize': T, 'nEmbd': C, 'nEmbd2': C2}, V)

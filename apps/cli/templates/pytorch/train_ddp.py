"""makemore-ts's training loop for this model under torch.distributed with DistributedDataParallel.

    torchrun --nproc-per-node 2 train_ddp.py --data names.txt --steps 1000

Each process draws its own random batches of `--batch-size` rows (so one step sees N × batch-size
rows), DDP averages the gradients, and every process takes the same optimizer step. It starts from
this folder's model.safetensors (the weights makemore-ts trained; `--weights` for others), with the
optimizer and learning-rate schedule of the model's recipe (train.json, written by `makemore export`),
and writes the weights to out.safetensors in makemore-ts's layout for `makemore import`.

The backend is gloo on CPUs and nccl when every process has a GPU (`--backend` to choose). Run
without torchrun, it trains in one process. The optimizer's state starts fresh: makemore-ts's
optimizer.safetensors is not carried over.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP

from makemore_data import Vocab, build_dataset, read_items
from model import build_model, loss_of, read_config
from safetensors_io import load_file, save_file

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(recipe):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', required=True, help='text file with one word per line (the training data)')
    p.add_argument('--steps', type=int, default=1000, help='optimizer steps to take (default 1000)')
    p.add_argument('--batch-size', type=int, default=recipe['batchSize'], help='rows per process and step; 0 = all rows (default: the recipe\'s)')
    p.add_argument('--lr', type=float, default=recipe['lr'], help='learning rate (default: the recipe\'s)')
    p.add_argument('--weight-decay', type=float, default=recipe['weightDecay'], help='AdamW weight decay (default: the recipe\'s)')
    p.add_argument('--weights', default=os.path.join(HERE, 'model.safetensors'), help='weights to start from (default: model.safetensors)')
    p.add_argument('--out', default=os.path.join(HERE, 'out.safetensors'), help='where to write the trained weights (default: out.safetensors)')
    p.add_argument('--seed', type=int, default=3407, help='seed of the batches; process r uses seed + r')
    p.add_argument('--backend', choices=['auto', 'gloo', 'nccl'], default='auto', help='auto: nccl when GPUs are there, else gloo')
    p.add_argument('--log-every', type=int, default=100, help='print the loss every this many steps')
    p.add_argument('--eval-rows', type=int, default=10000, help='rows of --data to measure the loss on before and after')
    return p.parse_args()


def setup_distributed(backend):
    """(rank, world size, device), after joining the process group when torchrun started us."""
    if 'RANK' not in os.environ:
        return 0, 1, torch.device('cuda' if torch.cuda.is_available() and backend != 'gloo' else 'cpu')
    rank, world, local = int(os.environ['RANK']), int(os.environ['WORLD_SIZE']), int(os.environ.get('LOCAL_RANK', 0))
    if backend == 'auto':
        backend = 'nccl' if torch.cuda.is_available() and torch.cuda.device_count() > local else 'gloo'
    device = torch.device(f'cuda:{local}') if backend == 'nccl' else torch.device('cpu')
    if device.type == 'cuda':
        torch.cuda.set_device(device)
    dist.init_process_group(backend=backend)
    return rank, world, device


@torch.no_grad()
def dataset_loss(model, X, Y, rows):
    """The mean loss over the first `rows` rows, in eval mode (BatchNorm's running statistics)."""
    was_training = model.training
    model.eval()
    x, y = X[:rows], Y[:rows]
    loss = loss_of(model, model(x), y).item()
    model.train(was_training)
    return loss


def learning_rate(recipe, lr, step):
    """The recipe's step decay: lr until lrDecayAt, then lr · lrDecayFactor."""
    decay_at = recipe.get('lrDecayAt')
    return lr * recipe.get('lrDecayFactor', 0.1) if decay_at is not None and step >= decay_at else lr


def make_optimizer(params, train, args):
    recipe, scalars = train['recipe'], train.get('optimizer', {})
    if recipe['optimizer'] == 'adamw':
        betas = (scalars.get('beta1', 0.9), scalars.get('beta2', 0.99))
        return torch.optim.AdamW(params, lr=args.lr, betas=betas, eps=scalars.get('eps', 1e-8), weight_decay=args.weight_decay)
    return torch.optim.SGD(params, lr=args.lr)


def main():
    config = read_config(os.path.join(HERE, 'config.json'))
    with open(os.path.join(HERE, 'train.json'), encoding='utf-8') as f:
        train = json.load(f)
    args = parse_args(train['recipe'])
    rank, world, device = setup_distributed(args.backend)
    say = (lambda *a: print(*a, flush=True)) if rank == 0 else (lambda *a: None)

    vocab = Vocab(config['vocab'])
    X, Y = build_dataset(read_items(args.data, config), vocab, config)
    if len(X) == 0:
        sys.exit(f'{args.data} has no words to train on')
    X, Y = X.to(device), Y.to(device)

    model = build_model(config).to(device)
    model.load_state_dict({k: v.to(device) for k, v in load_file(args.weights).items()}, strict=True)
    before = dataset_loss(model, X, Y, args.eval_rows)
    ddp = DDP(model, device_ids=[device.index] if device.type == 'cuda' else None) if world > 1 else model
    optimizer = make_optimizer(ddp.parameters(), train, args)
    first_step = int(train.get('step', 0))
    generator = torch.Generator(device='cpu').manual_seed(args.seed + rank)
    say(f'{config["model"]}: {sum(p.numel() for p in model.parameters()):,} parameters, {len(X):,} rows, '
        f'{world} process(es) on {device.type} ({dist.get_backend() if world > 1 else "no process group"}), '
        f'loss {before:.4f} before')

    ddp.train()
    start = time.perf_counter()
    for i in range(args.steps):
        if args.batch_size > 0:
            rows = torch.randint(0, len(X), (args.batch_size,), generator=generator).to(device)
        else:  # full batch: each process takes its share of the rows
            rows = torch.arange(rank, len(X), world, device=device)
        for group in optimizer.param_groups:
            group['lr'] = learning_rate(train['recipe'], args.lr, first_step + i)
        loss = loss_of(ddp, ddp(X[rows]), Y[rows])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if (i + 1) % args.log_every == 0 or i + 1 == args.steps:
            say(f'step {first_step + i + 1} | loss {loss.item():.4f}')
    if device.type == 'cuda':
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start

    if rank == 0:
        after = dataset_loss(model, X, Y, args.eval_rows)
        save_file({k: v.float() for k, v in model.state_dict().items()}, args.out)
        say(f'trained {args.steps} steps in {seconds:.2f}s: {args.steps / seconds:.1f} steps/s on {world} process(es), '
            f'{max(args.batch_size, 0) * world or len(X)} rows a step')
        say(f'loss {before:.4f} -> {after:.4f} on the first {min(args.eval_rows, len(X)):,} rows of {args.data}')
        say(f'wrote {args.out}; bring it back with:\n'
            f'  makemore import --from {args.out} --config {os.path.join(HERE, "config.json")} --out <model-dir>')
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == '__main__':
    main()

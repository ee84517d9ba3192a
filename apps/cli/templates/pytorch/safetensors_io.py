"""Reads and writes safetensors files with PyTorch alone, so the exported package needs nothing but
torch (the `safetensors` package would do the same). The format: an 8-byte little-endian header
length, a JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian
bytes. makemore-ts writes float32 tensors in this format as `model.safetensors`.
"""
import ctypes
import json
import os
import struct

import torch

_DTYPES = {'F32': torch.float32, 'F64': torch.float64, 'I32': torch.int32, 'I64': torch.int64}
_NAMES = {dtype: name for name, dtype in _DTYPES.items()}


def load_file(path):
    """The tensors of a safetensors file, by name, as CPU tensors."""
    with open(path, 'rb') as f:
        data = f.read()
    (length,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + length].decode('utf-8'))
    body = data[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        if info['dtype'] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name!r} has dtype {info['dtype']}, which this reader does not know")
        start, end = info['data_offsets']
        # bytearray: torch.frombuffer needs a writable buffer, and the copy owns its memory.
        raw = bytearray(body[start:end])
        flat = torch.frombuffer(raw, dtype=_DTYPES[info['dtype']]) if raw else torch.empty(0, dtype=_DTYPES[info['dtype']])
        tensors[name] = flat.reshape(info['shape']).clone()
    return tensors


def save_file(tensors, path):
    """Writes `tensors` (name -> tensor) as safetensors, atomically: a temporary file, then a rename,
    so a crash never leaves half a file where import will look."""
    header, chunks, offset = {'__metadata__': {'format': 'pt'}}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().to('cpu').contiguous()
        # The tensor's own memory, copied out without numpy (which torch does not require).
        raw = ctypes.string_at(t.data_ptr(), t.numel() * t.element_size()) if t.numel() else b''
        header[name] = {'dtype': _NAMES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % 8)  # the format aligns the body to 8 bytes
    tmp = f'{path}.tmp-{os.getpid()}'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)

"""The safetensors format with the standard library and torch only, written from the specification
(huggingface/safetensors README.md and safetensors/src/tensor.rs), for the interop tests: the `safetensors` package
is not installed here. `save_file` writes what the reference writer writes: tensors sorted by dtype alignment
(descending) then name, compact JSON with `__metadata__` first, padded with spaces to a multiple of 8 bytes."""
import json
import struct

import torch

# The reference's Dtype enum in declaration order; the writer sorts by it, descending.
_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
_TORCH = {
    "BOOL": torch.bool, "U8": torch.uint8, "I8": torch.int8, "I16": torch.int16, "F16": torch.float16,
    "BF16": torch.bfloat16, "I32": torch.int32, "F32": torch.float32, "F64": torch.float64, "I64": torch.int64,
}
_NAME = {v: k for k, v in _TORCH.items()}


def save_file(tensors, path, metadata=None):
    names = sorted(tensors, key=lambda n: (-_ORDER.index(_NAME[tensors[n].dtype]), n))
    header, chunks, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = dict(sorted(metadata.items()))
    for name in names:
        t = tensors[name].detach().contiguous()
        data = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() > 0 else b""
        header[name] = {"dtype": _NAME[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in chunks:
            f.write(data)


def load_file(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    if n > 100_000_000 or 8 + n > len(blob):
        raise ValueError(f"{path}: header size {n} out of bounds")
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    data = blob[8 + n:]
    result, end = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        begin, stop = info["data_offsets"]
        dtype, shape = _TORCH[info["dtype"]], info["shape"]
        if begin != end:
            raise ValueError(f"{path}: tensor '{name}': offsets leave a hole or overlap")
        count = 1
        for d in shape:
            count *= d
        if (stop - begin) != count * torch.empty((), dtype=dtype).element_size():
            raise ValueError(f"{path}: tensor '{name}': size does not match its shape")
        if count == 0:
            result[name] = torch.empty(shape, dtype=dtype)
        else:
            result[name] = torch.frombuffer(bytearray(data[begin:stop]), dtype=dtype).reshape(shape)
        end = stop
    if end != len(data):
        raise ValueError(f"{path}: the tensors do not cover the data")
    return result


def load_metadata(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(n).decode("utf-8")).get("__metadata__")

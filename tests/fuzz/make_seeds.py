#!/usr/bin/python3
"""Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/).

Run once by hand when a format changes; the files are committed. The run logs
in corpus/runlog_* are not made here: they are logs the run-log writer wrote
(the tests' synthetic run: completed, cancelled, failed before the start).
Crash reproducers (crash-*, named by what they hit) are added by hand and
never regenerated. Needs Debian's python3-torch and python3-pil.
"""
import io
import json
import os
import struct
import sys
import zipfile
import zlib

import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def image(fmt, size=(4, 3), mode="L"):
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, fmt)
    return out.getvalue()


def png_header(w, h):
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))


def images():
    # First byte: the file name (image_header_fuzz.cpp): 0 x.png, 1 x.jpg, 2 x.jpeg, 3 x.bmp, 6 x.txt.
    png, jpg, bmp = image("PNG"), image("JPEG"), image("BMP")
    write("image_header", "png-as-png", b"\x00" + png)
    write("image_header", "jpeg-as-jpg", b"\x01" + jpg)
    write("image_header", "jpeg-as-jpeg-colour", b"\x02" + image("JPEG", (5, 2), "RGB"))
    write("image_header", "bmp-as-bmp", b"\x03" + bmp)
    write("image_header", "png-as-jpg", b"\x01" + png)
    write("image_header", "jpeg-as-png", b"\x00" + jpg)
    write("image_header", "bmp-as-png", b"\x00" + bmp)
    write("image_header", "png-as-txt", b"\x06" + png)
    write("image_header", "png-30000x30000", b"\x00" + png_header(30000, 30000))
    write("image_header", "png-4294967295-square", b"\x00" + png_header(0xFFFFFFFF, 0xFFFFFFFF))
    jpg_huge = bytearray(jpg)
    at = jpg_huge.find(b"\xff\xc0")
    jpg_huge[at + 5:at + 9] = b"\xff\xff\xff\xff"
    write("image_header", "jpeg-65535-square", b"\x01" + bytes(jpg_huge))
    bmp_topdown = bytearray(bmp)
    bmp_topdown[22:26] = struct.pack("<i", -3)
    write("image_header", "bmp-top-down", b"\x03" + bytes(bmp_topdown))
    write("image_header", "png-truncated", b"\x00" + png[:20])
    write("image_header", "text-as-png", b"\x00just some text")


def tiny_model():
    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(2, 2)

        def forward(self, x):
            return self.fc(x)

    out = io.BytesIO()
    torch.jit.save(torch.jit.script(Tiny().eval()), out)
    return out.getvalue(), Tiny().state_dict()


def models():
    model, state = tiny_model()
    write("model_archive", "tiny-torchscript.pt", model)
    out = io.BytesIO()
    torch.save(state, out)
    write("model_archive", "torch-save-checkpoint.pt", out.getvalue())
    write("model_archive", "truncated.pt", model[: len(model) // 2])
    write("model_archive", "empty.pt", b"")
    write("model_archive", "png.pt", image("PNG"))
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.pkl", b"not in a folder")
        z.writestr("notes.txt", b"hello " * 50)
    write("model_archive", "zip-without-folder.zip", plain.getvalue())
    commented = io.BytesIO()
    with zipfile.ZipFile(commented, "w", zipfile.ZIP_STORED) as z:
        z.comment = b"a comment"
        z.writestr("m/data.pkl", b"x")
        z.writestr("m/code/m.py", b"y")
    write("model_archive", "zip32-with-comment.zip", commented.getvalue())


def configs():
    write("config_json", "defaults.json", "{}")
    write("config_json", "typical.json", json.dumps({
        "iterations": 2000, "lambda": 0.01, "seed": 7, "bits": 4, "threads": 2,
        "preprocess_overrides": {"channels": 3, "resize": 256, "crop": 224, "mean": [0.485, 0.456, 0.406],
                                 "std": [0.229, 0.224, 0.225]},
        "bits_layer": {"features.0": 8, "classifier": "fp32"}, "rtn_layers": ["conv2"]}))
    write("config_json", "bom.json", b"\xef\xbb\xbf{\"seed\": 1}")
    write("config_json", "unknown-key.json", '{"iteration": 10}')
    write("config_json", "negative-seed.json", '{"seed": -1}')
    write("config_json", "seed-beyond-64-bits.json", '{"seed": 18446744073709551616}')
    write("config_json", "histogram-bins-1e8.json", '{"histogram_bins": 100000000}')
    write("config_json", "deep-nesting.json", "[" * 20000)
    write("config_json", "not-an-object.json", "[1, 2, 3]")
    write("config_json", "nan.json", '{"lambda": NaN}')
    write("config_json", "wrong-types.json", '{"bits_layer": {"a": 2.5}, "rtn_layers": [1]}')


if __name__ == "__main__":
    images()
    models()
    configs()
    sys.exit(0)

#!/usr/bin/env python3
"""Reference side of the capture benchmark: zxing-cpp on the barcode corpora and Pillow
(libjpeg-turbo) on the photo job, on the files `capture_bench prepare` wrote.

Same rules as the Rust side: the file is read into memory before the clock starts; one timed
decode per barcode image (after one warm-up); for photos one warm-up then the median of three
runs per photo. Prints JSON on stdout.

Usage: reference.py OUT_DIR [photos] > reference.json   (photos: the photo job only)
"""
import io
import json
import statistics
import sys
import time
from pathlib import Path

import PIL
import zxingcpp
from PIL import Image, ImageOps

MAX_SIDE = 1600
BUDGET = 300_000
QUALITY_START, QUALITY_FLOOR, QUALITY_STEP = 85, 50, 10


def images(folder):
    return sorted(p for p in folder.iterdir() if p.suffix in (".png", ".jpg"))


def read_barcodes(data):
    img = Image.open(io.BytesIO(data))
    return zxingcpp.read_barcodes(img)


def bench_barcodes(root):
    out = {}
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    if folders:
        first = images(folders[0])
        if first:
            read_barcodes(first[0].read_bytes())
    for folder in folders:
        times, decoded, files = [], 0, images(folder)
        for path in files:
            data = path.read_bytes()
            txt = path.with_suffix(".txt")
            expected = txt.read_bytes().decode("utf-8", "replace") if txt.exists() else None
            t = time.perf_counter()
            results = read_barcodes(data)
            times.append((time.perf_counter() - t) * 1000)
            if expected is not None and any(r.text == expected for r in results):
                decoded += 1
        out[folder.name] = {
            "files": len(files),
            "decoded": decoded,
            "median_ms": statistics.median(times) if times else None,
        }
    return out


def normalize(data):
    """Orient, resize to 1600 px long side, JPEG within 300 KB: the same job as ours.
    draft() lets libjpeg-turbo decode at a reduced DCT scale, as our pipeline does."""
    img = Image.open(io.BytesIO(data))
    img.draft("RGB", (MAX_SIDE, MAX_SIDE))
    img = ImageOps.exif_transpose(img)
    if max(img.size) > MAX_SIDE:
        scale = MAX_SIDE / max(img.size)
        size = (round(img.width * scale), round(img.height * scale))
        img = img.resize(size, Image.Resampling.BICUBIC)
    img = img.convert("RGB")
    quality = QUALITY_START
    while True:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)  # no exif= argument: metadata dropped
        if buf.tell() <= BUDGET or quality <= QUALITY_FLOOR:
            return buf.getvalue(), quality
        quality = max(QUALITY_FLOOR, quality - QUALITY_STEP)


def bench_photos(root):
    times = []
    for path in images(root):
        data = path.read_bytes()
        normalize(data)
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            normalize(data)
            runs.append((time.perf_counter() - t) * 1000)
        times.append(statistics.median(runs))
    return {"median_ms": statistics.median(times), "per_photo_ms": times, "pillow_version": PIL.__version__}


def main():
    out = Path(sys.argv[1])
    photos_only = sys.argv[2:] == ["photos"]
    result = {
        "zxingcpp_version": getattr(zxingcpp, "__version__", "?"),
        "barcodes": {} if photos_only else bench_barcodes(out / "barcodes"),
        "photos": bench_photos(out / "photos"),
    }
    json.dump(result, sys.stdout, indent=1)


if __name__ == "__main__":
    main()

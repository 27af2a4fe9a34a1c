"""A valid one-page PDF whose page holds so many drawing operators that reading it takes minutes:
the 'hanging file' of the batch tests (compressed, a few hundred kB on disk)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samples.hostile import build, stream  # noqa: E402


def write_slow_pdf(path: Path, operators: int = 3_000_000) -> Path:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        stream(b"1 1 0.5 0.5 re f\n" * operators, compress=True),
    ]
    path.write_bytes(build(objs))
    return path

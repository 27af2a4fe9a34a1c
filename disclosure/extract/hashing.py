"""The content hash of an input: what the batch dataset keys a document by and the review report
matches a PDF with."""
from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: Path) -> str:
    """SHA-256 of the file's bytes, hex (hashlib.file_digest reads it in chunks, in C).
    Raises OSError when the file cannot be read."""
    with Path(path).open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()

"""disclosure/heap.py: the C heap's free memory given back to the system between stages (#19)."""
from __future__ import annotations

import os
import sys

import pytest

from disclosure import heap


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux") or heap._trim is None, reason="glibc's malloc_trim only")
def test_release_gives_freed_heap_memory_back():
    """60 MB in 1 KB blocks (malloc's, not pymalloc's) freed but for one block in a hundred, which
    keeps the heap's top from shrinking by itself: resident memory falls by most of it on release."""
    blocks = [bytes(1024) + bytes([i % 256]) for i in range(60_000)]
    keep = blocks[::100]
    del blocks
    before = _rss_mb()
    assert heap.release() is True
    after = _rss_mb()
    assert before - after > 30, (before, after)
    assert len(keep) == 600


def test_release_elsewhere_does_nothing(monkeypatch):
    monkeypatch.setattr(heap, "_trim", None)
    assert heap.release() is False

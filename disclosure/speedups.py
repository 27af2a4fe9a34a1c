"""The optional C extension `disclosure._speedups` (disclosure/_speedups.c, built by setup.py with
optional=True): pdfium_reader's per-character and per-path-segment loops, and document.json's
indent. Where it was not built (no compiler at install), or with DISCLOSURE_SPEEDUPS=0 in the
environment, the pure-Python code runs instead and gives the same objects and the same text
(tests/test_speedups.py runs both over the corpus and constructed cases)."""
from __future__ import annotations

import os

_LOADED: list = []  # [the module or None], imported on first use

# what the Python code calls in it: a build older than this code (an .so left from before a
# function was added) lacks one, and is treated as not built (the Python runs everywhere) rather
# than failing every page on the missing name (tests/test_speedups.py: the list is the module's)
CALLED = ("init", "chars", "paths", "indent", "near_twins", "cells", "round3", "rows_of", "line_text", "place",
          "keep_words", "spans", "visible", "edges_of")


def module():
    """disclosure._speedups, or None when it is not built, built from an older _speedups.c (it
    lacks a function in CALLED) or DISCLOSURE_SPEEDUPS=0 (asked each call, so a test may turn it
    off for a while)."""
    if os.environ.get("DISCLOSURE_SPEEDUPS", "1") == "0":
        return None
    if not _LOADED:
        try:
            from disclosure import _speedups
        except ImportError:
            _speedups = None
        if _speedups is not None and not all(hasattr(_speedups, name) for name in CALLED):
            _speedups = None  # built from an older _speedups.c: rebuild (python3 setup.py build_ext --inplace)
        _LOADED.append(_speedups)
    return _LOADED[0]


ASK = object()  # call's default for `c`: ask module() now


def call(name: str, *args, c=ASK):
    """disclosure._speedups.`name`(*args), or None where the Python twin is to run: the extension
    is not built or turned off, or the C declines the input (every C function returns None on what
    it does not handle). `c`: module(), where the caller asked it once for many calls."""
    c = module() if c is ASK else c
    return None if c is None else getattr(c, name)(*args)

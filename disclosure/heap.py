"""The C heap's free memory given back to the system between stages.

What a stage frees (a page's characters and path segments, pdfium's parsed fonts and images when
the document is opened again, the raw document once it is structured) goes back to malloc, and
glibc keeps most of it in its heap: the process's resident memory stays at its high-water mark,
and the small Python objects of later stages (in pymalloc's own mapped arenas) cannot reuse it. A
long document's peak then grows with what each stage ever freed; handed back, it does not.
"""
from __future__ import annotations

import ctypes
import sys


def _libc() -> ctypes.CDLL:
    """The C library: glibc by its soname, else as ctypes.util finds it (which imports subprocess
    and runs ldconfig: ~5 ms of every process's start, so only where the soname is not there)."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        from ctypes.util import find_library

        return ctypes.CDLL(find_library("c") or "libc.so.6")


_trim = None
if sys.platform.startswith("linux"):
    try:
        _trim = _libc().malloc_trim
        _trim.argtypes, _trim.restype = [ctypes.c_size_t], ctypes.c_int
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        _trim = None


def release() -> bool:
    """Give the free pages of the C heap back to the system (glibc's malloc_trim(0)). Returns
    whether anything was released; False, doing nothing, where the C library has no such call."""
    return bool(_trim(0)) if _trim is not None else False

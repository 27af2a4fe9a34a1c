"""Limits on one input, with defaults a nightly job over files from the internet can live with.

Each is a CLI option of `extract` and `batch` and an environment variable (the option sets the
variable for the run and its workers; without either, the default):

    DISCLOSURE_TIMEOUT        seconds a file may take                       300  (0: none)
    DISCLOSURE_MAX_MEMORY_MB  address space of the process reading a file   4096 (0: none)
    DISCLOSURE_MAX_PAGES      pages of a PDF                                5000 (0: none)
    DISCLOSURE_MAX_PIXELS     pixels of a page rendered for OCR             60000000
    DISCLOSURE_MAX_SIZE_MB    size of any input file                        1024 (0: none)
    DISCLOSURE_MAX_TEXT_MB    size of a plain-text input                    64   (0: none)
    DISCLOSURE_MAX_STREAM_MB  decompressed size of one PDF stream           256  (0: none)
    DISCLOSURE_MAX_XOBJECT_DEPTH  form XObjects within form XObjects        12   (0: none)
    DISCLOSURE_MAX_XOBJECT_DRAWS  XObject draws of one page                 2000 (0: none)

Only regular files are read (`check_file`): a device, FIFO or socket is refused before it is
opened. A file over a limit is refused with a one-line reason naming the limit (InputError).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, fields
from pathlib import Path

from disclosure.extract.errors import InputError

ENV = {"timeout": "DISCLOSURE_TIMEOUT", "memory_mb": "DISCLOSURE_MAX_MEMORY_MB", "max_pages": "DISCLOSURE_MAX_PAGES",
       "max_pixels": "DISCLOSURE_MAX_PIXELS", "max_size_mb": "DISCLOSURE_MAX_SIZE_MB",
       "max_text_mb": "DISCLOSURE_MAX_TEXT_MB", "max_stream_mb": "DISCLOSURE_MAX_STREAM_MB",
       "max_xobject_depth": "DISCLOSURE_MAX_XOBJECT_DEPTH", "max_xobject_draws": "DISCLOSURE_MAX_XOBJECT_DRAWS"}
OPTION = {"timeout": "--timeout", "memory_mb": "--max-memory", "max_pages": "--max-pages",
          "max_pixels": "--max-pixels", "max_size_mb": "--max-size", "max_text_mb": "--max-text-size",
          "max_stream_mb": "--max-stream", "max_xobject_depth": "--max-xobject-depth",
          "max_xobject_draws": "--max-xobject-draws"}


@dataclass(frozen=True)
class Limits:
    """Per-file limits; 0 means none. timeout in seconds, memory_mb / max_size_mb / max_text_mb in
    MiB, max_pixels in pixels (width x height of one rendered page), max_stream_mb in MiB of one
    decompressed PDF stream, max_xobject_depth in levels of form XObjects, max_xobject_draws in
    XObject draws of one page (extract/xobjects.py)."""
    timeout: float = 300.0
    memory_mb: int = 4096
    max_pages: int = 5000
    max_pixels: int = 60_000_000
    max_size_mb: float = 1024.0
    max_text_mb: float = 64.0
    max_stream_mb: float = 256.0
    max_xobject_depth: int = 12
    max_xobject_draws: int = 2000

    def env(self) -> dict[str, str]:
        """The limits as environment variables (for a worker)."""
        return {ENV[f.name]: f"{getattr(self, f.name):g}" for f in fields(self)}


_NAMES = tuple(ENV[f.name] for f in fields(Limits))  # the variables, in the order of Limits' fields


_KNOWN: dict[tuple, Limits] = {}  # the environment's raw values -> their Limits (a few a process)


def current() -> Limits:
    """The limits in force: the environment's, else the defaults. A value that is not a number
    or is negative raises ValueError naming the variable. Read on every file and page: the
    Limits made for the same raw values are kept (keyed on the values themselves, so a changed
    environment, a test's monkeypatch among them, is read again)."""
    raw = tuple(map(os.environ.get, _NAMES))
    got = _KNOWN.get(raw)
    if got is None:
        got = _read(raw)
        if len(_KNOWN) >= 64:  # environments a long process went through: begun again
            _KNOWN.clear()
        _KNOWN[raw] = got
    return got


def _read(raw_values: tuple) -> Limits:
    """Limits from the raw values of the variables (None: not set), in _NAMES order."""
    values = {}
    for f, raw in zip(fields(Limits), raw_values):
        if raw is None or raw.strip() == "":
            continue
        try:
            v = float(raw)
        except ValueError:
            raise ValueError(f"{ENV[f.name]}={raw!r} is not a number") from None
        if v < 0 or v != v:
            raise ValueError(f"{ENV[f.name]}={raw!r} must be 0 or more")
        values[f.name] = int(v) if f.type in ("int", int) else v
    return Limits(**values)


def check_file(path: Path) -> os.stat_result:
    """The input's stat when it may be read: it exists, is a regular file (a symlink to one is
    fine) and is within DISCLOSURE_MAX_SIZE_MB. Raises InputError otherwise; never opens the file
    (opening a FIFO blocks)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(str(path), "is a directory")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a character device" if stat.S_ISCHR(st.st_mode)
                else "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "not a regular file")
        raise InputError(str(path), f"not a regular file ({kind}): refused")
    lim = current()
    if lim.max_size_mb and st.st_size > lim.max_size_mb * 1048576:
        raise InputError(str(path), f"file too large ({st.st_size / 1048576:.2f} MB > --max-size "
                                    f"{lim.max_size_mb:g} MB)")
    return st


def check_pages(path: Path, pages: int) -> None:
    """Raises InputError when a PDF has more pages than DISCLOSURE_MAX_PAGES."""
    lim = current().max_pages
    if lim and pages > lim:
        raise InputError(str(path), f"too many pages ({pages} > --max-pages {lim})")


def check_text(path: Path, size: int) -> None:
    """Raises InputError when a plain-text input is larger than DISCLOSURE_MAX_TEXT_MB."""
    lim = current().max_text_mb
    if lim and size > lim * 1048576:
        raise InputError(str(path), f"text file too large ({size / 1048576:.2f} MB > --max-text-size {lim:g} MB)")


def render_scale(width_pt: float, height_pt: float, dpi: int) -> tuple[float, str]:
    """The scale (pixels per point) to render a page of width x height points for OCR at `dpi`,
    lowered so the image has at most DISCLOSURE_MAX_PIXELS pixels, and a note when it was lowered
    ("" otherwise). Returns scale 0 when the page would fall under 100 dpi (too coarse to read)."""
    scale = dpi / 72.0
    lim = current().max_pixels
    pixels = width_pt * scale * height_pt * scale
    if not lim or pixels <= lim:
        return scale, ""
    fit = int(72 * (lim / max(width_pt * height_pt, 1e-9)) ** 0.5)  # whole dpi, rounded down
    asked = f"{width_pt:.0f}x{height_pt:.0f} pt at {dpi} dpi is {pixels / 1e6:.0f} Mpx > --max-pixels {lim}"
    if fit < 100:
        return 0.0, f"page not rendered: {asked}"
    return fit / 72.0, f"rendered at {fit} dpi: {asked}"


def max_stream_bytes() -> int:
    """DISCLOSURE_MAX_STREAM_MB in bytes (0: no limit)."""
    return int(current().max_stream_mb * 1048576)

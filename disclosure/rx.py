"""Regular expressions compiled once per installation rather than once per process (issue #15:
the imports of a process reading one PDF).

`compile(pattern, flags)` is `re.compile`: the same `re.Pattern` (equal by `==`, which compares
the pattern, the flags and the compiled program), from the same in-process memo for a pattern
asked again. What it adds: the program `re` compiles from a pattern (its parser and compiler are
pure Python: ~200 patterns compiled at import took about a third of this package's import time,
the ones with CJK ranges a few milliseconds each) is kept in a file next to this module's bytecode
(`importlib.util.cache_from_source`: `__pycache__/`, or under PYTHONPYCACHEPREFIX), named by the
interpreter's cache tag and `_sre`'s MAGIC and CODESIZE, and handed to `_sre.compile` (what
`re.compile` ends in) in later processes. An entry is written only when the pattern it makes
equals `re.compile`'s (checked when it is made); the file is written at exit, only where bytecode
is written (not under PYTHONDONTWRITEBYTECODE / `sys.dont_write_bytecode`), atomically (a
temporary file renamed), and only when a pattern was missing. A file that cannot be read, or an
interpreter whose `re` internals differ, costs nothing but the saving: `re.compile` runs.
`DISCLOSURE_REGEX_CACHE=0` turns the file off (read and write). tests/test_rx.py.
"""
from __future__ import annotations

import atexit
import os
import re
import sys

_MEMO: dict = {}  # (type, pattern, flags) -> re.Pattern, this process
_STORED: dict | None = None  # (pattern, flags) -> (flags, code, groups, groupindex, indexgroup), from the file
_NEW: dict = {}  # entries made in this process, to be written at exit
MAX_ENTRIES = 4000  # the file is begun again past this many patterns (it holds ~250 today)


def path() -> str | None:
    """The cache file's path for this interpreter, or None where `re`'s internals are not the
    expected ones (no `_sre.MAGIC`) or the file is turned off."""
    if os.environ.get("DISCLOSURE_REGEX_CACHE", "1") == "0":
        return None
    try:
        import _sre
        from importlib.util import cache_from_source

        here = cache_from_source(__file__)
    except (ImportError, NotImplementedError, ValueError):
        return None
    tag = getattr(_sre, "MAGIC", None)
    if tag is None:
        return None
    return os.path.join(os.path.dirname(here),
                        f"rx.{sys.implementation.cache_tag}-{tag}-{getattr(_sre, 'CODESIZE', 0)}.marshal")


def _stored() -> dict:
    global _STORED
    if _STORED is None:
        _STORED = {}
        where = path()
        if where is not None:
            from disclosure.derived import read

            got = read(where)
            if isinstance(got, dict):
                _STORED = got
    return _STORED


def _entry(pattern, flags: int):
    """(flags, code, groups, groupindex, indexgroup) as re._compiler.compile hands them to
    _sre.compile, or None where the internals are not those of CPython 3.11-3.13."""
    try:
        from re import _compiler, _parser

        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        # plain ints (the opcodes are an int subclass, which marshal does not write)
        return (int(flags | p.state.flags), [int(c) for c in code], int(p.state.groups - 1),
                {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - another interpreter's internals: no entry, re.compile runs
        return None


def _made(pattern, entry):
    import _sre

    return _sre.compile(pattern, *entry)


def compile(pattern, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's name, on purpose
    """re.compile(pattern, flags): the same Pattern, its program read from the cache file where
    an earlier process stored it (see the module's docstring). Raises what re.compile raises."""
    if isinstance(flags, re.RegexFlag):
        flags = flags.value
    key = (type(pattern), pattern, flags)
    got = _MEMO.get(key)
    if got is not None:
        return got
    if not isinstance(pattern, (str, bytes)) or flags & (re.DEBUG | re.TEMPLATE):
        return re.compile(pattern, flags)
    stored = _stored().get((pattern, flags))
    if stored is not None:
        try:
            got = _made(pattern, stored)
        except Exception:  # noqa: BLE001 - a damaged entry: compiled as re does
            got = None
    if got is None:
        got = re.compile(pattern, flags)
        if path() is not None and not sys.dont_write_bytecode:
            entry = _entry(pattern, flags)
            if entry is not None:
                try:
                    same = _made(pattern, entry) == got
                except Exception:  # noqa: BLE001
                    same = False
                if same:
                    if not _NEW:
                        atexit.register(_write)
                    _NEW[(pattern, flags)] = entry
    _MEMO[key] = got
    return got


def _write() -> None:
    """Add this process's new entries to the cache file (at exit; errors ignored: a read-only
    install goes on compiling)."""
    where = path()
    if where is None or not _NEW or sys.dont_write_bytecode:
        return
    from disclosure.derived import read, write

    old = read(where)
    merged = dict(old) if isinstance(old, dict) else {}
    if len(merged) + len(_NEW) > MAX_ENTRIES:  # patterns made from data that changes: start again
        merged = {}
    merged.update(_NEW)
    write(where, merged)
    _NEW.clear()


# re's module-level functions with the pattern through `compile` above: a pattern written where
# it is used (re.sub(r"\s+", "", s) in a function) is compiled once per installation too, not
# once per process (issue #15: ~100 such patterns took ~15 ms of every document's process).
# Same signatures and results as re's. Only for fixed patterns: one made from data (a document's
# words) would fill the cache file.

def sub(pattern, repl, string, count=0, flags=0):
    """re.sub, the pattern compiled by `compile`."""
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    """re.subn, the pattern compiled by `compile`."""
    return compile(pattern, flags).subn(repl, string, count)


def match(pattern, string, flags=0):
    """re.match, the pattern compiled by `compile`."""
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    """re.fullmatch, the pattern compiled by `compile`."""
    return compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    """re.search, the pattern compiled by `compile`."""
    return compile(pattern, flags).search(string)


def split(pattern, string, maxsplit=0, flags=0):
    """re.split, the pattern compiled by `compile`."""
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    """re.findall, the pattern compiled by `compile`."""
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    """re.finditer, the pattern compiled by `compile`."""
    return compile(pattern, flags).finditer(string)

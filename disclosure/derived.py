"""Values derived from this package's data files, worked out once per installation rather than once
per process (issue #15: every document the bench times is read by a fresh process, and a batch
worker starts the same way).

`kept(name, sources, make)` is `make()`: a value that depends only on the files `sources` (data
files and the modules whose code works the value out). The value is kept in a file next to this
module's bytecode (`importlib.util.cache_from_source`: `__pycache__/`, or under
PYTHONPYCACHEPREFIX), `derived-NAME.TAG.marshal` (TAG: the interpreter's cache tag), with the stamp
of the sources it was made from: each one's path, modification time in nanoseconds and size, as
Python stamps bytecode by its source (with the time to the nanosecond, not the second). A later
process whose sources have the same stamp reads the value from the file; any other stamp (a file
edited, replaced, added or removed) makes it again and writes the file again. The file is written
only where bytecode is written (not under PYTHONDONTWRITEBYTECODE / `sys.dont_write_bytecode`),
atomically (a temporary file renamed), and never read when its stamp differs; a file that cannot be
read or written, or a source that cannot be stat'ed, costs only the saving: `make()` runs.
`DISCLOSURE_DERIVED_CACHE=0` turns the files off (read and write). Values are what `marshal`
writes (str, bytes, int, tuple, list, dict, frozenset, None). tests/test_derived.py.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, Iterable

FORMAT = 1  # the file's layout: (FORMAT, stamp, value)
MADE: dict[str, int] = {}  # name -> how many times this process ran make() for it (tests count work)


def directory() -> str | None:
    """Where the files are kept (this module's bytecode folder), None where the files are off."""
    if os.environ.get("DISCLOSURE_DERIVED_CACHE", "1") == "0":
        return None
    try:
        from importlib.util import cache_from_source

        return os.path.dirname(cache_from_source(__file__))
    except (NotImplementedError, ValueError):
        return None


def stamp(sources: Iterable) -> tuple | None:
    """((path, mtime_ns, size), …) of `sources` in order, None when one cannot be stat'ed."""
    out = []
    for p in sources:
        try:
            st = os.stat(p)
        except OSError:
            return None
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


def kept(name: str, sources: Iterable, make: Callable[[], object]):
    """make()'s value, read from the file of `name` when it was made from sources with the same
    stamp, else made and the file written (see the module's docstring). `name`: a file-name part
    (letters, digits, -, _). Raises what make() raises."""
    sources = list(sources)
    where = directory()
    now = stamp(sources) if where is not None else None
    path = os.path.join(where, f"derived-{name}.{sys.implementation.cache_tag}.marshal") if now else None
    if path is not None:
        got = read(path)
        if isinstance(got, tuple) and len(got) == 3 and got[0] == FORMAT and got[1] == now:
            return got[2]
    MADE[name] = MADE.get(name, 0) + 1
    value = make()
    if path is not None and not sys.dont_write_bytecode:
        write(path, (FORMAT, now, value))
    return value


def read(path: str):
    """What a marshal file holds, None when it cannot be read (missing, damaged, another format).
    Shared with rx.py's regex cache."""
    try:
        import marshal

        with open(path, "rb") as f:
            return marshal.loads(f.read())  # (marshal.load on the file reads it in small pieces: 10x slower)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _sweep(path: str) -> None:
    """Remove the temporary files of `path` that processes no longer running left (a worker killed
    between its write and its rename: a batch's timeout, an out-of-memory kill)."""
    import glob

    for tmp in glob.glob(glob.escape(path) + ".*.tmp"):
        pid = tmp[len(path) + 1:-len(".tmp")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            try:
                os.remove(tmp)
            except OSError:
                pass
        except OSError:  # alive under another user (PermissionError): its file is its own
            pass


def write(path: str, content) -> None:
    """A marshal file written atomically (a temporary file of this process renamed); errors
    ignored: a read-only install goes on making the value. Shared with rx.py's regex cache."""
    import marshal

    tmp = f"{path}.{os.getpid()}.tmp"
    _sweep(path)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as f:
            marshal.dump(content, f)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
    finally:
        if os.path.exists(tmp):
            try:
                os.remove(tmp)
            except OSError:
                pass

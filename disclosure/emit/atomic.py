"""Atomic writes: a reader never sees half a file, and a failed run leaves earlier outputs intact."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def umask() -> int:
    """The process's umask (read from /proc where it can be, else set and restored at once)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8, newlines as given) to `path` atomically (write_bytes)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """`data` written to `path` through a temporary file beside it and a rename (a CSV, a PNG). The
    file gets the mode an ordinary open() would (0666 less the umask), not mkstemp's 0600.
    Raises OSError (the temporary file removed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def replace_dir(path: Path, files: dict[str, str]) -> None:
    """Write a whole folder of files and swap it in place of the old one (the folder 0777 less the
    umask, not mkdtemp's 0700)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        os.chmod(tmp, 0o777 & ~umask())
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(path, old)
        os.replace(tmp, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

"""A document's output folder: a name that cannot leave the output folder, written whole beside
its target and swapped in by rename, so a reader sees all the old folder or all the new one.

A folder being written is `.<name>.partial-<pid>-<random>` in the output folder; the folder it
replaces is moved to `.<name>.old-<pid>-<random>` for the moment of the swap, then removed. Both
are left behind only by a killed run; `sweep` removes them (and the `.<file>.XXXX` temporary
files and `.tables.XXXX/` folders of earlier versions) when their process is gone.
"""
from __future__ import annotations

import os
import secrets
import shutil
import unicodedata
from pathlib import Path

from disclosure.rx import compile as rx_compile

MAX_NAME_BYTES = 200  # a file name is at most 255 bytes on the usual file systems; room for "-NN"
_TEMP = rx_compile(r"^\.(?P<name>.+)\.(?:partial|old)-(?P<pid>\d+)-[0-9a-f]{8}$")
_LEGACY = rx_compile(r"^\.(?:.+)\.[A-Za-z0-9_]{8}$")  # tempfile.mkstemp/mkdtemp names of atomic.py


def input_name(path: Path) -> str:
    """The name of the folder an input file's outputs go to, before safe_name makes it safe: its
    stem and its suffix (lower case, without the dot) joined by `-`: `a.pdf` -> `a-pdf`, `a.txt`
    -> `a-txt`, `a.PDF` -> `a-pdf`, `a` -> `a`. So two inputs of one stem (a disclosure's PDF and
    its text) never share a folder, in one run or across runs (`check a.txt -o out` does not write
    into the folder `extract a.pdf -o out` wrote), and a rerun of an input lands in its folder again,
    whatever else the run is given but another file of its very name (`names`: then `-2` by path). A suffix is what pathlib takes for one (`a.tar.gz` -> `a.tar-gz`)."""
    p = Path(path.name)
    suffix = p.suffix[1:].lower()
    return f"{p.stem}-{suffix}" if suffix else p.name


def safe_name(path: Path, used: set[str], as_is: bool = False) -> str:
    """The folder name for an input: `input_name(path)` (its stem and suffix, `a.pdf` -> `a-pdf`),
    or with as_is its name unchanged (an output folder given again, or the folder of a
    document.json: `out/a-pdf` -> `a-pdf`), made safe, unique in `used` (compared case-folded; the
    name is added to it).

    Path separators (/ and \\), control and format characters become `_`; leading dots become `_`
    (so `.`, `..` and `...pdf`, whose stem is `..`, cannot name the output folder itself, its
    parent or a hidden temporary); an empty name becomes `_`; the name is cut to 200 UTF-8 bytes.
    A name taken already gets `-2`, `-3`, …: two inputs never share a folder (see `names` for an
    order that does not depend on the order the inputs were given in)."""
    stem = Path(path.name).name if as_is else input_name(path)
    stem = "".join("_" if ch in "/\\" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch
                   for ch in stem)
    lead = len(stem) - len(stem.lstrip("."))
    stem = "_" * lead + stem[lead:]
    stem = stem.strip(" ") or "_"
    while len(stem.encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    k, candidate = 2, stem
    while candidate.casefold() in used:
        candidate, k = f"{stem}-{k}", k + 1
    used.add(candidate.casefold())
    return candidate


def names(paths: list[Path], as_is: list[bool] | None = None) -> list[str]:
    """The folder name of each input of a run (safe_name), in the order given, assigned in the
    order of the inputs' absolute paths: two files of one name from two folders (`x/a.pdf`,
    `y/a.pdf`) get `a-pdf` and `a-pdf-2` by their paths, not by the order they were named in, so
    the same inputs land in the same folders on every run. as_is[i]: the i-th input is an output
    folder or a document.json's folder, named as it is (safe_name)."""
    flags = as_is or [False] * len(paths)
    order = sorted(range(len(paths)), key=lambda i: (os.path.abspath(paths[i]), i))
    used: set[str] = set()
    out: list[str] = [""] * len(paths)
    for i in order:
        out[i] = safe_name(Path(paths[i]), used, flags[i])
    return out


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        try:
            p.unlink()
        except OSError:
            pass


def sweep(root: Path) -> list[Path]:
    """Remove what killed runs left in the output folder `root`: `.<name>.partial-…`/`.old-…`
    folders whose process is gone, and, one level down, `.<file>.XXXXXXXX` temporary files and
    folders of atomic.py. Returns the paths removed; a folder that cannot be listed is skipped."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for e in entries:
        m = _TEMP.match(e.name)
        if m and not _alive(int(m["pid"])):
            _remove(Path(e.path))
            removed.append(Path(e.path))
        elif not e.name.startswith(".") and e.is_dir(follow_symlinks=False):
            try:
                inner = list(os.scandir(e.path))
            except OSError:
                continue
            for f in inner:
                if _LEGACY.match(f.name) or (f.name.startswith(".") and f.name.endswith(".old")):
                    _remove(Path(f.path))
                    removed.append(Path(f.path))
    return removed


def _write_tree(folder: Path, files: dict) -> None:
    for name, content in files.items():
        if isinstance(content, dict):
            (folder / name).mkdir()
            _write_tree(folder / name, content)
        elif isinstance(content, bytes):
            with open(folder / name, "wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        else:
            # errors="replace": a lone surrogate a reader let through is written "?", not a crash
            with open(folder / name, "w", encoding="utf-8", errors="replace", newline="") as fh:
                if callable(content):  # a writer: the text goes to the file as it is made, never whole in memory
                    content(fh)
                else:
                    fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def publish(target: Path, files: dict, keep_others: bool = False, drop: tuple[str, ...] = ()) -> Path:
    """Write `files` (name -> text, bytes, a writer `fn(text file)`, or name -> a dict of the same
    shape for a sub-folder) as the folder `target`, atomically: written whole into
    `.<name>.partial-…` beside it, then swapped in by two renames. keep_others: files and
    sub-folders (`tables/`) of the old folder not written now are carried over (hard links, else
    copies), for a command that writes some files of a folder another wrote; except those named in
    `drop` (what the command would have written but no longer does: a report's page images folder
    when its images are now embedded).

    Raises OSError (read-only folder, full disk, …) with the old folder, if any, left as it was and
    nothing of the new one left behind."""
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tag = f"{os.getpid()}-{secrets.token_hex(4)}"
    tmp = parent / f".{target.name}.partial-{tag}"
    old = parent / f".{target.name}.old-{tag}"
    tmp.mkdir()
    try:
        _write_tree(tmp, files)
        if keep_others and target.is_dir():
            for e in os.scandir(target):
                if e.name in files or e.name in drop or e.name.startswith("."):
                    continue
                if e.is_dir(follow_symlinks=False):
                    shutil.copytree(e.path, tmp / e.name, symlinks=True, copy_function=_link_or_copy)
                elif e.is_file(follow_symlinks=False):
                    _link_or_copy(e.path, str(tmp / e.name))
        moved = False
        if target.exists() or target.is_symlink():
            os.rename(target, old)
            moved = True
        try:
            os.rename(tmp, target)
        except BaseException:
            if moved:
                os.rename(old, target)
            raise
        if moved:
            _remove(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target

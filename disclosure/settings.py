"""Settings: the tolerances and thresholds of the reading and the checks, one object with named
defaults (in the spirit of pdfplumber's `table_settings`), overridable for an odd document.

    disclosure.extract(path, settings={"snap": 3})                 # the API
    disclosure extract doc.pdf -o out --setting snap=3             # the command line, repeatable
    disclosure extract doc.pdf -o out --settings odd.json          # or a file: {"snap": 3} (JSON or TOML)

The settings in force are recorded in document.json (`settings`). They reach the worker processes
through $DISCLOSURE_SETTINGS (JSON of the overrides), which the command line sets for its run.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

ENV = "DISCLOSURE_SETTINGS"


def _setting(default, doc: str):
    """A setting's default and what it does (shown by `describe()`)."""
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every setting, its default and what it does (`describe()` lists them)."""

    snap: float = _setting(2.0, "points: ruling coordinates closer than this are one line of a table's lattice "
                                "(extract/layout.py)")
    min_ruling_pt: float = _setting(24.0, "points: a ruling found in a page image is at least this long "
                                          "(OCR; extract/rulings.py)")
    image_share: float = _setting(0.5, "share of a page an image covers, without text, for the page to be a scan "
                                       "(extract/triage.py)")
    full_page: float = _setting(0.85, "share of a page an image covers under a few characters for the page to be "
                                      "a scan (extract/triage.py)")
    sparse: int = _setting(20, "'a few' characters over a full-page image (extract/triage.py)")
    broken_share: float = _setting(0.1, "share of unmapped or rare characters that makes a text layer broken "
                                        "(extract/triage.py)")
    ocr_agree: float = _setting(0.6, "share of characters a text layer must share with the OCR of its page to be "
                                     "kept (extract/triage.py)")
    ocr_speck: float = _setting(0.5, "OCR confidence under which punctuation is noise (extract/ocr.py)")
    ocr_symbol_sure: float = _setting(0.9, "OCR confidence under which a symbol (☑, ■) is a speck (extract/ocr.py)")
    ocr_low: float = _setting(0.9, "OCR confidence under which a cell is doubted (checks/ocr_doubt.py)")
    min_tested: int = _setting(3, "identities a table needs tested for reading.unverified (checks/unread.py)")

    def as_dict(self) -> dict:
        return asdict(self)


DEFAULT = Settings()
_current: ContextVar[Settings | None] = ContextVar("disclosure_settings", default=None)
_given: ContextVar[dict | None] = ContextVar("disclosure_settings_given", default=None)  # named by using()


def describe() -> list[tuple[str, object, str]]:
    """(name, default, what it does) of every setting."""
    return [(f.name, f.default, f.metadata["doc"]) for f in fields(Settings)]


def make(overrides: dict | Settings | None = None, base: Settings | None = None) -> Settings:
    """Settings from `base` (default: the defaults) with `overrides` (name -> value; values given as
    text are converted to the setting's type). Raises ValueError for an unknown name or a value that
    is not a number of the setting's type, or negative."""
    if isinstance(overrides, Settings):
        return overrides
    base = base or DEFAULT
    kinds = {f.name: type(f.default) for f in fields(Settings)}
    given = {}
    for name, value in (overrides or {}).items():
        if name not in kinds:
            raise ValueError(f"unknown setting {name!r}; the settings are: {', '.join(kinds)}")
        try:
            v = kinds[name](value) if not isinstance(value, bool) else None
            if kinds[name] is int and isinstance(value, float) and value != int(value):
                v = None
        except (TypeError, ValueError):
            v = None
        if v is None or v < 0:
            raise ValueError(f"setting {name}: {value!r} is not a {kinds[name].__name__} of 0 or more")
        given[name] = v
    return replace(base, **given)


def parse_pairs(pairs: list[str] | tuple[str, ...]) -> dict:
    """`name=value` strings (the command line's --setting) as a dict. Raises ValueError without `=`."""
    out = {}
    for p in pairs:
        name, eq, value = p.partition("=")
        if not eq or not name.strip():
            raise ValueError(f"--setting takes NAME=VALUE, not {p!r}")
        out[name.strip()] = value.strip()
    return out


def load_file(path: str | Path) -> dict:
    """A settings file: a JSON object or a TOML table of name = value. Raises ValueError when it is
    neither, OSError when it cannot be read."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ValueError(f"{path}: neither JSON nor TOML ({e})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not an object of name: value")
    return data


def _from_env() -> Settings:
    raw = os.environ.get(ENV, "")
    return _parse_env(raw) if raw else DEFAULT


@lru_cache(maxsize=8)
def _parse_env(raw: str) -> Settings:
    try:
        return make(json.loads(raw))
    except (ValueError, json.JSONDecodeError) as e:
        raise ValueError(f"${ENV}: {e}") from None


def current() -> Settings:
    """The settings in force: those of `using(...)`, else $DISCLOSURE_SETTINGS, else the defaults."""
    s = _current.get()
    return s if s is not None else _from_env()


def given() -> dict:
    """The settings this run was given by name (a default value too, when it was named): those of
    `using(...)` (a Settings gives those that differ from the defaults), else $DISCLOSURE_SETTINGS's;
    {} when none. A document.json checked again takes its own recorded settings with these on top
    (pipeline.recheck)."""
    g = _given.get()
    if g is not None:
        return dict(g)
    raw = os.environ.get(ENV, "")
    if not raw:
        return {}
    chosen = _parse_env(raw)
    return {k: getattr(chosen, k) for k in json.loads(raw)}


@contextmanager
def using(s: Settings | dict | None):
    """Run a block under the settings `s` (a Settings, or overrides of the current ones)."""
    chosen = make(s, current()) if not isinstance(s, Settings) else s
    named = overrides(s) if isinstance(s, Settings) else {k: getattr(chosen, k) for k in (s or {})}
    token = _current.set(chosen)
    token_given = _given.set(given() | named)
    try:
        yield
    finally:
        _given.reset(token_given)
        _current.reset(token)


def overrides(s: Settings) -> dict:
    """The settings of `s` that differ from the defaults."""
    return {k: v for k, v in s.as_dict().items() if getattr(DEFAULT, k) != v}

"""What the commands say on stderr while they run: one Reporter per command run.

Three forms, chosen once: JSON lines (`--log-json`: one object per line with `time`, `level`,
`event`, `file` where there is one and the counts of the event; every log record of this process
and of the workers goes the same way, so the stream holds nothing else); text (warnings and errors
as `disclosure: warning: FILE: …` lines, summaries; with a progress bar (tqdm: done, rate, ETA)
when stderr is a terminal, none on a pipe); quiet (`--quiet`: errors only; with `--log-json`,
the warning and error events and a batch's `end`).
"""
from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime, timezone

LEVELS = ("debug", "info", "warning", "error")
_page_hook = None  # (done, total) -> None: set where a reader's pages are watched (worker.run)
_page_total = 0
# the info events --quiet keeps in a JSON stream: a batch's `end`, the counts a scheduler acts on
QUIET_JSON_EVENTS = ("end",)
ENV_FORMAT = "DISCLOSURE_LOG_FORMAT"  # "json": the workers log as JSON lines too (set by --log-json)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def json_line(level: str, event: str, file: str | None = None, **fields) -> str:
    """One JSON log line (no newline): time, level, event, file (when given), then `fields`."""
    out = {"time": _now(), "level": level, "event": event}
    if file is not None:
        out["file"] = str(file)
    out.update(fields)
    return json.dumps(out, ensure_ascii=False, default=str)


def on_pages(hook) -> None:
    """Watch the pages a reader reads: `hook(done, total)` after each (None: stop watching)."""
    global _page_hook, _page_total
    _page_hook, _page_total = hook, 0


def page_total(n: int) -> None:
    """A reader says how many pages its document has (before reading them)."""
    global _page_total
    _page_total = n
    if _page_hook is not None:
        _page_hook(0, n)


def page_done(number: int) -> None:
    """A reader says it has read page `number` (1-based)."""
    if _page_hook is not None:
        _page_hook(number, _page_total)


class JsonFormatter(logging.Formatter):
    """A log record as a JSON line: level, event "log", logger, message (and the traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        fields = {"logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            fields["traceback"] = self.formatException(record.exc_info)
        return json_line(record.levelname.lower(), "log", **fields)


def configure_logging(level: int, as_json: bool | None = None) -> None:
    """The root logger of this process: plain `LEVEL name: message` lines, or JSON lines when
    `as_json` (default: $DISCLOSURE_LOG_FORMAT == "json", as the workers inherit it)."""
    if as_json is None:
        as_json = os.environ.get(ENV_FORMAT) == "json"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)


class Reporter:
    """The voice of one command run on stderr (see the module's docstring).

    log_json: JSON lines; quiet: errors only; total: how many steps the bar counts (files), 0 for
    no bar; unit: what a step is. `event` says something (a JSON line, or its `text` when not
    quiet, errors always); `step` advances the bar; `close` ends it."""

    def __init__(self, log_json: bool = False, quiet: bool = False, total: int = 0, unit: str = "file",
                 stream=None):
        self.stream = stream or sys.stderr
        self.json, self.quiet = log_json, quiet
        self.bar = self.page_bar = None
        self.terminal = not log_json and not quiet and _isatty(self.stream)
        if total and self.terminal:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=unit, file=self.stream, dynamic_ncols=True, leave=False)

    def event(self, event: str, level: str = "info", file: str | None = None, text: str = "", **fields) -> None:
        """Say `event`: as a JSON line (level, event, file, fields), else `text` (nothing when
        empty, or when quiet unless level is error)."""
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}")
        if self.json:
            if self.quiet and level in ("debug", "info") and event not in QUIET_JSON_EVENTS:
                return  # --quiet --log-json: warnings, errors and the run's end (its counts) only
            self._write(json_line(level, event, file, **fields))
        elif text and (level == "error" or not self.quiet):
            self._write(text)

    def step(self, n: int = 1, status: str = "") -> None:
        if self.bar is not None:
            if status:
                self.bar.set_postfix_str(status, refresh=False)
            self.bar.update(n)

    def pages(self, done: int, total: int) -> None:
        """The pages of the document being read (a second bar on a terminal: pages, rate, ETA),
        shown from its first page read; done == total, or total 0 (another document), ends it."""
        if not self.terminal:
            return
        if self.page_bar is not None and (self.page_bar.total != total or done < self.page_bar.n):
            self.page_bar.close()
            self.page_bar = None
        if self.page_bar is None and total and done:
            from tqdm import tqdm

            self.page_bar = tqdm(total=total, unit="page", file=self.stream, dynamic_ncols=True, leave=False,
                                 position=1 if self.bar is not None else 0)
        if self.page_bar is not None:
            self.page_bar.update(done - self.page_bar.n)
            if done >= total:
                self.page_bar.refresh()  # the last state is shown, however soon it came
                self.page_bar.close()
                self.page_bar = None

    def close(self) -> None:
        for bar in (self.page_bar, self.bar):
            if bar is not None:
                bar.close()
        self.bar = self.page_bar = None

    def _write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

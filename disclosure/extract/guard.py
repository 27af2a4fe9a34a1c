"""A time budget for a piece of pure-Python reading that has a fallback (pdfminer's font metrics
under the pdfium reader): a reference loop or a 4-billion-entry ToUnicode range there must cost
its budget, not the file's whole time limit.

The budget is SIGALRM (ITIMER_REAL), so it holds in the main thread of a process only; elsewhere,
or inside another budget, the code runs without one (the file's time limit still holds).
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class OverBudget(Exception):
    """Raised inside a `budget` block whose time ran out."""


_held = 0  # depth of `uninterrupted` blocks running
_pending: OverBudget | None = None  # a budget that ran out inside one, raised when it ends


@contextmanager
def uninterrupted():
    """A bounded step whose own verdict must not be lost to a budget running out during it (one
    zlib call inflating a stream up to --max-stream: under load it can outlast a 5 s budget, and
    the stream's size, not the clock, must decide). A budget running out inside is raised when the
    block ends, unless the block raises first."""
    global _held, _pending
    _held += 1
    try:
        yield
    finally:
        _held -= 1
    if not _held and _pending is not None:
        late, _pending = _pending, None
        raise late


@contextmanager
def budget(seconds: float, what: str = "reading"):
    """Run the block for at most `seconds` (wall clock); past it, OverBudget is raised inside it
    (inside an `uninterrupted` step, when that step ends)."""
    global _pending
    if (threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer")
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    def over(signum, frame):
        global _pending
        late = OverBudget(f"{what}: over its {seconds:g} s budget")
        if _held:
            _pending = late  # raised when the uninterrupted step ends
            return
        raise late

    old = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        _pending = None

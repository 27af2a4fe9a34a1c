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


@contextmanager
def budget(seconds: float, what: str = "reading"):
    """Run the block for at most `seconds` (wall clock); past it, OverBudget is raised inside it."""
    if (threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer")
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    def over(signum, frame):
        raise OverBudget(f"{what}: over its {seconds:g} s budget")

    old = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)

"""The one error a reader raises for an input it cannot read at all."""
from __future__ import annotations


class InputError(Exception):
    """An unreadable input: the file and the reason, for a one-line message."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

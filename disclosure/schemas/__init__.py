"""JSON Schemas of every output and the vocabularies (data, not code)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """A JSON file of this folder by its name (`measures`, `table_types`, `document.schema`)."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))

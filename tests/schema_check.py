"""jsonschema.validate for many instances of one schema: the same checks, the schema checked once.

jsonschema.validate(instance, schema) checks the schema against its metaschema on every call before
it validates the instance; validating a CSV row by row that way spent 93% of test_schemas' time
checking the same schema again (32.7 of 35.1 s on putuo-wanli-2024, cProfile). validate() here does
what jsonschema.validate does — check_schema, then the instance, raising the best-matching error —
but checks each schema object once per test process."""
from __future__ import annotations

import jsonschema
from jsonschema.exceptions import best_match

# id(schema) -> (schema, its validator); the schema is held so that its id is never reused
_checked: dict[int, tuple[dict, object]] = {}


def validate(instance, schema: dict) -> None:
    entry = _checked.get(id(schema))
    if entry is None or entry[0] is not schema:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        entry = _checked[id(schema)] = (schema, cls(schema))
    error = best_match(entry[1].iter_errors(instance))
    if error is not None:
        raise error

"""disclosure: Chinese government budget and final-account disclosures as structured, checked data.

    import disclosure
    doc = disclosure.extract("samples/kashgar-2021-budget.pdf")   # -> disclosure.Document
    doc.tables[2].to_pandas()                                      # a table as a DataFrame
    doc.line_items()                                               # every printed amount
    disclosure.check(doc)                                          # the findings, again

`extract` and `check` are documented in disclosure/api.py; the document model in disclosure/model.py.
"""

__version__ = "0.1.0"

from disclosure import extract  # noqa: E402  the package disclosure/extract, callable: api.extract
from disclosure.api import check  # noqa: E402
from disclosure.extract.errors import InputError  # noqa: E402
from disclosure.model import Document, Table  # noqa: E402

__all__ = ["extract", "check", "Document", "Table", "InputError", "__version__"]

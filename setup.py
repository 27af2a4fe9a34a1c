"""Build script for the one optional C extension (everything else is in pyproject.toml).

disclosure/extract/_pdfium_fast.c runs pdfium_reader's per-character and per-path-segment loops
in C over the pdfium library pypdfium2 loads (no link against pdfium). optional=True: where it
cannot be built (no compiler), the install goes on and the reader runs its ctypes loops, which
give the same objects (tests/test_pdfium_fast.py)."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("disclosure.extract._pdfium_fast", ["disclosure/extract/_pdfium_fast.c"],
                             extra_compile_args=["-O2", "-ffp-contract=off"], optional=True)])

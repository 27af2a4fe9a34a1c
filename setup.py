"""Build script for the one optional C extension (everything else is in pyproject.toml).

disclosure/_speedups.c runs pdfium_reader's per-character and per-path-segment loops in C over
the pdfium library pypdfium2 loads (no link against pdfium), and indents document.json's text.
optional=True: where it cannot be built (no compiler), the install goes on and the pure-Python
code runs, which gives the same objects and text (disclosure/speedups.py, tests/test_speedups.py)."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("disclosure._speedups", ["disclosure/_speedups.c"],
                             extra_compile_args=["-O2", "-ffp-contract=off"], optional=True)])

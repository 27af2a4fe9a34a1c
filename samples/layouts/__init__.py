"""A generated layout corpus with known truth (issue #12).

Disclosures are made along named layout axes (axes.py) from a consistent budget (content.py),
cut into the standard tables (tables.py), and printed by the producers governments use:
reportlab drawing directly (render_pdf.py) and LibreOffice exporting Writer documents and Calc
workbooks (render_office.py). Beside each PDF the truth is written as JSON: every table's type,
title, columns and every printed amount under its row key and column. score.py compares a
reading of the PDF with that truth.

    python3 -m samples.layouts.make --count 300 --seed 1 -o layouts/
"""

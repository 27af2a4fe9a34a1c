"""An independent generator of disclosure layouts the reading has not been tuned on (issue #12).

`make.py` draws a document's axis values from a seed, `content.py` builds its tables (values that
add up, codes and names from the chart of the document's year) as printed grids with their truth,
`render_rl.py` draws them with reportlab and `render_office.py` exports them through LibreOffice
(Calc from .xlsx, Writer from HTML). Written without reading `samples/layouts/` or the reading's
structure code, so that it shares none of their assumptions.
"""

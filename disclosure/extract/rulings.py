"""Table ruling found in a page image: long thin runs of ink, horizontal and vertical, kept by a
morphological opening with a line-shaped kernel (text strokes are shorter than the kernel), then
turned into line edges in PDF points that pdfplumber's lattice functions make cells from."""
from __future__ import annotations

MIN_LINE_PT = 24.0  # a ruling is at least this long (a character's stroke is shorter)


def segments(gray, dpi: int) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """(horizontal [(x0, x1, y)], vertical [(y0, y1, x)]) in pixels."""
    import cv2

    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12)
    n = max(10, int(MIN_LINE_PT * dpi / 72))
    out = []
    for size, bridge in (((n, 1), (7, 1)), ((1, n), (1, 7))):
        # bridge small gaps that noise and JPEG leave in a line, then keep only long runs
        closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, bridge))
        lines = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        found = []
        for x, y, w, h, _area in stats[1:count]:
            if size[0] > 1 and w >= n and h <= max(8, w // 20):
                found.append((float(x), float(x + w), y + h / 2.0))
            elif size[1] > 1 and h >= n and w <= max(8, h // 20):
                found.append((float(y), float(y + h), x + w / 2.0))
        out.append(found)
    horizontal, vertical = out
    return horizontal, [v for v in vertical if _meets(v, horizontal) >= 2]


def _meets(v: tuple[float, float, float], horizontal, slack: float = 5.0) -> int:
    """How many horizontal rulings a vertical one touches or crosses. A table's vertical rule meets
    at least two (top and bottom); the stem of a large title character meets none."""
    y0, y1, x = v
    return sum(1 for hx0, hx1, y in horizontal if hx0 - slack <= x <= hx1 + slack and y0 - slack <= y <= y1 + slack)


def edges(horizontal, vertical, dpi: int) -> list[dict]:
    """Ruling segments (pixels) as pdfplumber line edges (points from the top-left)."""
    k = 72.0 / dpi
    out = []
    for x0, x1, y in horizontal:
        out.append({"object_type": "line", "orientation": "h", "x0": x0 * k, "x1": x1 * k, "top": y * k,
                    "bottom": y * k, "width": (x1 - x0) * k, "height": 0.0})
    for y0, y1, x in vertical:
        out.append({"object_type": "line", "orientation": "v", "x0": x * k, "x1": x * k, "top": y0 * k,
                    "bottom": y1 * k, "width": 0.0, "height": (y1 - y0) * k})
    return out


class _Table:
    """What layout.grid reads of a pdfplumber table: its cells and bounding box."""

    def __init__(self, cells: list[tuple]):
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                     max(c[2] for c in cells), max(c[3] for c in cells))


def tables(line_edges: list[dict], tolerance: float = 3.0) -> list[_Table]:
    """Ruled tables from line edges, by pdfplumber's own lattice steps (snap and join the edges,
    intersect them, make cells, group cells into tables), as its table finder does for vector ruling."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    if not line_edges:
        return []
    merged = merge_edges(line_edges, tolerance, tolerance, tolerance, tolerance)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    cells = intersections_to_cells(edges_to_intersections(merged, tolerance, tolerance))
    return [_Table(t) for t in cells_to_tables(cells) if t]

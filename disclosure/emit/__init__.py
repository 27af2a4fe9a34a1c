"""Outputs: document.json, line_items.csv, paragraphs.csv, tables/NN-<type>.csv. Writes are atomic."""

"""Normalisation: printed text, amounts, units, codes, table types and measures."""

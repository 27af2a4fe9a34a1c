"""Batch mode: whole archives into one DuckDB dataset, incremental, parallel, fault-isolated."""

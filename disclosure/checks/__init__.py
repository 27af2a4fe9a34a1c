"""Checks on a structured document: each rule a small module named for what it checks."""

"""disclosure: Chinese government budget and final-account disclosures as structured, checked data."""

__version__ = "0.1.0"

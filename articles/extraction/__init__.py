"""Quote extraction and speaker attribution for wire copy (French and English).

Django-free: text in, `ExtractedQuote`s out. spaCy loads lazily on first use.
"""

from .names import name_key
from .pipeline import extract_quotes
from .results import ExtractedQuote

__all__ = ["ExtractedQuote", "extract_quotes", "name_key"]

"""Quote extraction and speaker attribution for wire copy (French and English).

Django-free: text in, `ExtractedQuote`s out. spaCy loads lazily on first use.
"""

from .names import KnownName, name_key
from .pipeline import extract_quotes, extract_quotes_batch
from .results import ExtractedQuote

__all__ = ["ExtractedQuote", "KnownName", "extract_quotes", "extract_quotes_batch", "name_key"]

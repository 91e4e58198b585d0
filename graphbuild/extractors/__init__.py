"""Extraction: articles in, extraction records (EXTRACTION.md) out."""

from .pipeline import Pipeline, UnsupportedLanguage, default_components

__all__ = ["Pipeline", "UnsupportedLanguage", "default_components"]

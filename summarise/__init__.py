"""summarise: Chinese news articles to short, faithful English briefs that keep the figures right."""

from summarise.errors import InputError, ModelUnavailable, ProcessingError, SummariseError
from summarise.types import Article, Brief, Figure, Page, Paragraph, SourceRef

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "Figure",
    "InputError",
    "ModelUnavailable",
    "Page",
    "Paragraph",
    "ProcessingError",
    "SourceRef",
    "SummariseError",
    "__version__",
]

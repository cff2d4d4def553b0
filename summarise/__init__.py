"""summarise: Chinese news articles to short, faithful English briefs that keep the figures right."""

from summarise._version import __version__
from summarise.articles import split_articles
from summarise.config import BriefConfig
from summarise.errors import InputError, ModelUnavailable, ProcessingError, SummariseError
from summarise.figures import extract_figures, parse_english_figures
from summarise.names import extract_names
from summarise.pipeline import Briefer, brief
from summarise.sources import FetchedPage, FetchError, fetch
from summarise.types import Article, Brief, Figure, Name, Page, Paragraph, SourceRef

__all__ = [
    "Article",
    "Brief",
    "BriefConfig",
    "Briefer",
    "FetchError",
    "FetchedPage",
    "Figure",
    "InputError",
    "ModelUnavailable",
    "Name",
    "Page",
    "Paragraph",
    "ProcessingError",
    "SourceRef",
    "SummariseError",
    "__version__",
    "brief",
    "extract_figures",
    "extract_names",
    "fetch",
    "parse_english_figures",
    "split_articles",
]

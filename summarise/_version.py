"""The package version, in a module of its own so that any module can read it without importing the
public API in summarise/__init__ (which imports pipeline: a cycle)."""

__version__ = "0.1.0"

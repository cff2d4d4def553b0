"""Typed errors. Each carries a one-line message a user can act on and the CLI exit code it maps to."""

from __future__ import annotations


class SummariseError(Exception):
    """Base class: the CLI prints `str(error)` on one line and exits with `exit_code`."""

    exit_code = 1


class ProcessingError(SummariseError):
    """A model or pipeline stage failed on otherwise valid input."""

    exit_code = 1


class InputError(SummariseError):
    """The user's input cannot be read as Chinese news text."""

    exit_code = 2


class PathNotFound(InputError):
    """The named path does not exist."""


class NotAFile(InputError):
    """A directory (or other non-file) was given where a file was expected."""


class EmptyInput(InputError):
    """The input is empty or holds only whitespace."""


class BinaryInput(InputError):
    """The input is a binary file (image, archive, ...), not text."""


class UndecodableInput(InputError):
    """The bytes are not text in any supported encoding."""


class NoChineseText(InputError):
    """The text holds no Chinese, so the zh models must not see it."""


class InputTooLarge(InputError):
    """The input exceeds the configured size limit."""


class ConfigError(SummariseError):
    """An option, environment variable or config value is invalid."""

    exit_code = 2


class ModelUnavailable(SummariseError):
    """A model cannot be found locally and cannot be downloaded."""

    exit_code = 3

"""Typed errors. Each carries a one-line message a user can act on and the CLI exit code it maps to."""

from __future__ import annotations

import errno


class SummariseError(Exception):
    """Base class: the CLI prints `str(error)` on one line and exits with `exit_code`."""

    exit_code = 1


class ProcessingError(SummariseError):
    """A model or pipeline stage failed on otherwise valid input (exit code 1, the base class's)."""


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


class OutputInUse(SummariseError):
    """Another run holds the lock on the output file."""

    exit_code = 2


class ModelUnavailable(SummariseError):
    """A model cannot be found locally and cannot be downloaded."""

    exit_code = 3


def first_line(error_or_text: BaseException | str) -> str:
    """The first line of a message: an error's (its type's name when it has none) or a text's ("" if blank)."""
    text = str(error_or_text).strip()
    if text:
        return text.splitlines()[0]
    return type(error_or_text).__name__ if isinstance(error_or_text, BaseException) else ""


def error_line(error: BaseException) -> str:
    """A one-line reason: a typed error's own message, else the exception type and its first line."""
    text = first_line(str(error))
    if isinstance(error, SummariseError):
        return text or type(error).__name__
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# Errors of the path a user gave (fixable by choosing another path) map to exit 2; the rest (a full
# disk, an I/O error) are processing failures, exit 1.
_PATH_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR, errno.EISDIR})


def os_error(error: OSError, doing: str, *, hint: str = "") -> SummariseError:
    """A typed one-line error for an OSError: what we were doing, the file, and what the system said."""
    where = f" {error.filename}" if error.filename else ""
    reason = error.strerror or type(error).__name__
    message = f"{doing}{where}: {reason}" + (f" ({hint})" if hint else "")
    failure: SummariseError = InputError(message) if error.errno in _PATH_ERRNOS else ProcessingError(message)
    return failure

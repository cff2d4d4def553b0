"""The file checks every command shares: one way to check a path, one message style for what is wrong
with it, a capped read, and a lenient read of the small JSON files tools leave in model folders.

Messages name the path first, then what is wrong: "x.txt: no such file", "dir: is a directory, not a
file", "p: is a FIFO, not a regular file".
"""

from __future__ import annotations

import errno
import json
import stat
from pathlib import Path
from typing import Any

from summarise.errors import InputError, InputTooLarge, NotAFile, PathNotFound


def too_large(source: str, size: int, limit: int) -> str:
    """The message for input over the size limit."""
    return (
        f"{source}: {size:,} bytes is over the input limit of {limit:,} bytes "
        f"(raise it with SUMMARISE_MAX_BYTES)"
    )


def special_file_kind(mode: int) -> str | None:
    """"FIFO", "socket", ... for a stat mode that is neither a regular file nor a directory, else None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kinds = [(stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
             (stat.S_ISSOCK, "socket")]
    return next((kind for test, kind in kinds if test(mode)), "special file")


def checked_file(path: str | Path, name: str | None = None) -> Path:
    """`path` when it is a regular file that can be looked at, else the typed InputError saying why.

    It stats and never opens: opening a FIFO would block until a writer comes, maybe forever. `name`
    is how the user spelled the path (the default is `path` itself).
    """
    path = Path(path)
    name = str(path) if name is None else name
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise PathNotFound(f"{name}: a symbolic link to a missing file") from None
        raise PathNotFound(f"{name}: no such file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{name}: a loop of symbolic links, not a file") from None
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise NotAFile(f"{name}: is a directory, not a file")
    kind = special_file_kind(mode)
    if kind:
        raise NotAFile(f"{name}: is a {kind}, not a regular file")
    return path


def open_checked(path: str | Path, name: str | None = None):  # type: ignore[no-untyped-def]
    """A checked file opened for binary reading; an OSError becomes a one-line InputError."""
    name = str(path) if name is None else name
    file = checked_file(path, name)
    try:
        return file.open("rb")
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None


def read_capped(path: Path, name: str, max_bytes: int) -> bytes:
    """The bytes of a file, or InputTooLarge once it passes `max_bytes` (read no further than that)."""
    with open_checked(path, name) as handle:
        try:
            data: bytes = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        try:
            size = max(path.stat().st_size, len(data))
        except OSError:
            size = len(data)
        raise InputTooLarge(too_large(name, size, max_bytes))
    return data


def read_json_dict(path: Path) -> dict[str, Any]:
    """The JSON object in a small metadata file; {} when it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

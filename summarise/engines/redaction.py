"""Secrets out of everything we print or write: the API key and URL credentials, also where a server
echoes them back (an `Authorization` header copied into a reply, a URL quoted in an error body)."""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

REDACTED = "[redacted]"
# Shorter strings are not secrets anyone could rely on, and replacing them would garble ordinary text.
MIN_SECRET_CHARS = 4
KEY_VARIABLE = "SUMMARISE_API_KEY"
# The user:password@ part of any URL in a text.
_URL_CREDENTIALS = re.compile(r"(?<=://)[^/\s@]+@")


@dataclass(frozen=True)
class Redactor:
    """Replaces each known secret, and the credentials of any URL, with "[redacted]"."""

    secrets: tuple[str, ...] = ()

    @classmethod
    def for_server(cls, api_base: str, api_key: str | None) -> Redactor:
        """The secrets of one server: its key, and its URL's credentials in the forms a reply may echo
        (as written, percent-decoded, and base64-encoded as in a Basic `Authorization` header)."""
        found: list[str] = [api_key] if api_key else []
        parts = urlsplit(api_base)
        if parts.username is not None or parts.password is not None:
            userinfo = parts.netloc.rpartition("@")[0]
            user, password = unquote(parts.username or ""), unquote(parts.password or "")
            found += [userinfo, password, f"{user}:{password}", basic_credentials(user, password)]
        return cls(tuple(sorted({s for s in found if len(s) >= MIN_SECRET_CHARS}, key=len, reverse=True)))

    def __call__(self, text: str) -> str:
        text = _URL_CREDENTIALS.sub(REDACTED + "@", text)
        for secret in self.secrets:  # longest first: a secret inside another goes with it
            text = text.replace(secret, REDACTED)
        return text


def basic_credentials(user: str, password: str) -> str:
    """The token of a Basic `Authorization` header."""
    return base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def without_credentials(url: str) -> str:
    """The URL without any user:password@ part, for messages and the brief's signature."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def redact_known_secrets(text: str) -> str:
    """`text` without URL credentials or the key in SUMMARISE_API_KEY: the last guard on every error line."""
    key = os.environ.get(KEY_VARIABLE, "")
    return Redactor((key,) if len(key) >= MIN_SECRET_CHARS else ())(text)

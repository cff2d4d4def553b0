"""What can go wrong fetching a web page, one typed error each, with the exit code it maps to.

Refusals (a policy said no: scheme, address, robots.txt, size, content type) and HTTP 4xx answers are
input errors (exit 2): the URL is the problem. A server that fails, times out or cannot be reached is a
processing error (exit 1): the same command may work later. Every message is one line that starts with
the URL.
"""

from __future__ import annotations

from summarise.errors import InputError, InputTooLarge, SummariseError


class FetchError(SummariseError):
    """A URL could not be fetched; `url` is the address asked for, `detail` what went wrong."""

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.detail = detail

    def redirected(self, url: str, via: str) -> FetchError:
        """The same error told of `url`, which redirected to `via` where it happened."""
        error = type(self).__new__(type(self))  # copy.copy would call __init__ with the message alone
        error.__dict__.update(self.__dict__)
        error.url, error.detail = url, f"redirected to {via}: {self.detail}"
        error.args = (f"{url}: {error.detail}",)
        return error


class FetchRefused(FetchError, InputError):
    """Fetching was refused by policy: not http(s), a private address, robots.txt, or a wrong content type."""

    exit_code = 2


class RobotsDisallowed(FetchRefused):
    """The site's robots.txt disallows this URL for summarise."""


class PrivateAddress(FetchRefused):
    """The host resolves to a private, loopback, link-local or otherwise non-public address."""


class FetchTooLarge(FetchRefused, InputTooLarge):
    """The body is over the size limit (SUMMARISE_MAX_BYTES)."""


class HostNotFound(FetchError, InputError):
    """The host name does not resolve."""

    exit_code = 2


class HttpStatusError(FetchError):
    """The server answered with an error status: a 4xx is the URL's fault (exit 2); a 5xx, 408 or 429
    the server's (exit 1: the same command may work later)."""

    def __init__(self, url: str, detail: str, status: int) -> None:
        super().__init__(url, detail)
        self.status = status
        self.exit_code = 2 if 400 <= status < 500 and status not in (408, 429) else 1


class FetchTimeout(FetchError):
    """The server did not answer, or send its whole body, within the timeout."""


class FetchFailed(FetchError):
    """The connection failed, or the server broke HTTP (a redirect loop, a garbled answer).

    `retryable` is True where trying again may work (a refused or reset connection).
    """

    def __init__(self, url: str, detail: str, *, retryable: bool = False) -> None:
        super().__init__(url, detail)
        self.retryable = retryable

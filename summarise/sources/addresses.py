"""Which addresses a fetch may connect to, checked after DNS resolution, and the one it then uses.

By default only public (globally routable) addresses are allowed: private (10/8, 172.16/12, 192.168/16,
fc00::/7), loopback, link-local (169.254/16, where cloud metadata services live), shared, reserved,
multicast and unspecified ranges are refused, and so is an IPv4 address hidden in IPv6 (::ffff:127.0.0.1).
A host is refused when any of its addresses is, so a name that mixes public and private answers cannot
be used to reach the private one. The fetcher then connects to the very address checked here, never to
a second DNS answer.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import cache

from summarise.sources.errors import FetchTimeout, HostNotFound, PrivateAddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# host, port -> the addresses the name resolves to. Tests pass their own; the default asks the system.
Resolver = Callable[[str, int], Sequence[str]]



@dataclass(frozen=True)
class AddressPolicy:
    """Which non-public addresses may be fetched: none (the default), the given networks, or all."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def of(cls, allow_private: bool = False, networks: Sequence[str] = ()) -> AddressPolicy:
        """A policy from settings; a network that cannot be parsed is a ValueError naming it."""
        parsed = []
        for network in networks:
            try:
                parsed.append(ipaddress.ip_network(network.strip(), strict=False))
            except ValueError:
                raise ValueError(f"{network!r} is not an IP network (e.g. 10.0.0.0/8 or 192.168.1.5)") from None
        return cls(allow_private, tuple(parsed))

    def allows(self, address: IPAddress) -> bool:
        """True when a fetch may connect to `address`."""
        if self.allow_private:
            return True
        if any(address in network for network in self.allowed_networks):
            return True
        mapped = getattr(address, "ipv4_mapped", None) or getattr(address, "sixtofour", None)
        if mapped is not None and not self.allows(mapped):
            return False
        return address.is_global and not address.is_multicast


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host` (IPv4 and IPv6), in its order."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


@cache
def _resolver_pool() -> ThreadPoolExecutor:
    # getaddrinfo has no timeout of its own: it runs in a worker so a fetch can stop waiting for it.
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="summarise-dns")


def checked_addresses(url: str, host: str, port: int, policy: AddressPolicy, *, resolver: Resolver | None = None,
                      timeout: float = 10.0) -> list[str]:
    """The addresses to connect to for `host`: resolved once, every answer checked against `policy`.

    Raises HostNotFound when the name does not resolve, FetchTimeout when resolving takes longer than
    `timeout`, and PrivateAddress when any answer is refused.
    """
    literal = _literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        resolve = resolver or system_resolver
        future = _resolver_pool().submit(resolve, host, port)
        try:
            names = future.result(timeout=timeout)
        except FutureTimeout:
            raise FetchTimeout(url, f"resolving {host} took longer than {timeout:g} s") from None
        except (OSError, UnicodeError) as error:
            raise HostNotFound(url, f"host {host} not found ({error})") from None
        addresses = [parsed for parsed in (_literal(name) for name in names) if parsed is not None]
        if not addresses:
            raise HostNotFound(url, f"host {host} not found (no address)")
    for address in addresses:
        if not policy.allows(address):
            kind = describe(address)
            shown = host if str(address) == host.strip("[]") else f"{host} ({address})"
            raise PrivateAddress(url, f"{shown} is a {kind} address; such addresses are not fetched "
                                      f"(--allow-private fetches them)")
    return [str(address) for address in addresses]


def describe(address: IPAddress) -> str:
    """What kind of non-public address this is, in words."""
    for test, kind in (("is_loopback", "loopback"), ("is_link_local", "link-local"), ("is_multicast", "multicast"),
                       ("is_unspecified", "unspecified"), ("is_private", "private"), ("is_reserved", "reserved")):
        if getattr(address, test, False):
            return kind
    return "non-public"


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None

"""Running the service: bind the address, start uvicorn, load the models in the background, and stop
(exit code 3) if they cannot load. The ready line names the real port, so `--port 0` works."""

from __future__ import annotations

import importlib.util
import logging
import socket
import sys

from summarise.config import BriefConfig
from summarise.errors import ConfigError, ModelUnavailable, SummariseError, first_line
from summarise.service.settings import LOOPBACK, ServeSettings

log = logging.getLogger("summarise.service")
# The serve extra's packages: distribution name -> module name.
SERVE_PACKAGES = {"fastapi": "fastapi", "uvicorn": "uvicorn", "python-multipart": "python_multipart",
                  "fastapi-offline": "fastapi_offline"}


def serve(config: BriefConfig, settings: ServeSettings) -> None:
    """Serve until interrupted (SIGINT/SIGTERM finish the requests in flight first). A model that cannot
    load stops the server and is raised (ModelUnavailable: exit 3), as `summarise brief` would."""
    require_serve_extra()
    import uvicorn

    from summarise.service.app import create_app
    from summarise.service.core import Service

    sock = bind(settings.host, settings.port)  # a taken port fails here, before anything loads
    _configure_logging(settings.verbose)
    service = Service(config, settings)
    app = create_app(service)
    host, port = sock.getsockname()[:2]
    server = uvicorn.Server(uvicorn.Config(
        app, log_level="info" if settings.verbose else "warning", access_log=False, lifespan="on",
        timeout_graceful_shutdown=int(settings.timeout), server_header=False,
    ))

    def stop_on_failure(error: BaseException) -> None:
        server.should_exit = True  # serve() then raises the error: one line on stderr, exit 3

    service.on_load_failure = stop_on_failure
    where = f"[{host}]" if ":" in host else host
    log.warning("listening on http://%s:%d (API /v1, page /, docs /docs); loading the models…", where, port)
    if settings.host != LOOPBACK and not settings.key:
        log.warning("listening beyond this machine without a key: set SUMMARISE_SERVE_KEY to require one")
    server.run(sockets=[sock])
    failure = service.queue.failure
    if failure is not None:
        if isinstance(failure, SummariseError):
            raise failure
        raise ModelUnavailable(f"the models failed to load: {type(failure).__name__}: {first_line(failure)}")


def require_serve_extra() -> None:
    """One line naming the extra when a package of the web stack is missing, never an ImportError."""
    missing = [name for name, module in SERVE_PACKAGES.items() if importlib.util.find_spec(module) is None]
    if missing:
        raise ConfigError(f"summarise serve needs {', '.join(missing)}: pip install 'summarise[serve]'")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); a taken port is one ConfigError line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _configure_logging(verbose: bool) -> None:
    """Our lines on stderr as `summarise: ...`; request timings only with -v."""
    logger = logging.getLogger("summarise.service")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("summarise: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False

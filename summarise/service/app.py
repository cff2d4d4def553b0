"""The FastAPI app: the API under /v1, /healthz, the OpenAPI docs at /docs (served from this machine,
no CDN), and the web page at /. Routes are thin: they read, call the Service, and shape the answer;
every failure becomes `{"error": {"code", "message"}}` with its status (summarise.service.errors)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi_offline import FastAPIOffline
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from summarise._version import __version__
from summarise.service.core import Outcome, Service
from summarise.service.errors import ApiError, api_error
from summarise.service.inputs import Split, TextInput, UrlInput, read_document, read_figures_text
from summarise.service.middleware import BodyLimit, RequestLog, RequireKey
from summarise.service.page import PageRenderer
from summarise.service.schemas import (
    REQUEST_MODELS,
    BriefsOut,
    ErrorOut,
    FiguresOut,
    HealthOut,
)
from summarise.service.stages import ARTICLE_STAGES, ArticleStage, figure_lines

DOCS_PATHS = ("/docs", "/openapi.json", "/static-offline-docs/")
OPEN_PATHS = ("/healthz", *DOCS_PATHS)  # open even with a key: load balancers probe /healthz
PAGE_PATHS = ("/",)
DRAIN_BYTES = 64 * 1024 * 1024
ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut} for status in (400, 401, 413, 422, 429, 500, 503)}
DOCUMENT_BODY = {
    "description": "JSON (exactly one of text, url, records); a form with one of the fields text, url or "
                   "file; or the document itself, in any format the readers take (text in any Chinese "
                   "encoding, HTML, JSONL records, PDF), with its content type.",
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/DocumentIn"}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "text": {"type": "string"}, "url": {"type": "string"},
            "file": {"type": "string", "format": "binary"}}}},
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
    },
}
FIGURES_BODY = {**DOCUMENT_BODY, "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/FiguresIn"}},
    "text/plain": {"schema": {"type": "string"}},
}}


def create_app(service: Service) -> FastAPI:
    """The ASGI app for a Service: routes, error handlers and the middleware its settings ask for."""
    settings = service.settings
    page = PageRenderer()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.start()
        yield
        service.stop()

    app = FastAPIOffline(
        title="summarise", version=__version__, lifespan=lifespan, redoc_url=None,
        description="Chinese news articles in, short and faithful English briefs out; every figure checked. "
                    "Errors are `{\"error\": {\"code\", \"message\"}}`. With SUMMARISE_SERVE_KEY set on the "
                    "server, send `Authorization: Bearer KEY`.",
    )
    _add_handlers(app)

    @app.api_route("/healthz", methods=["GET", "HEAD"], response_model=HealthOut, tags=["service"],
                   responses={503: {"model": HealthOut}},
                   summary="Ready once the models are loaded (503 while loading). HEAD for probes.")
    async def healthz() -> JSONResponse:
        status, body = service.health()
        headers = {"Retry-After": "5"} if status != 200 else {}
        return JSONResponse(body, status_code=status, headers=headers)

    @app.get("/v1/models", tags=["api"], responses=ERRORS,
             summary="The engines and models, as each brief records them.")
    async def models() -> dict[str, Any]:
        return service.describe_models()

    @app.post("/v1/briefs", response_model=BriefsOut, responses=ERRORS, tags=["api"],
              summary="Brief every article of a document.", openapi_extra={"requestBody": DOCUMENT_BODY})
    async def briefs(request: Request) -> JSONResponse:
        outcome = await _answering(service.brief(request), settings.timeout)
        if not outcome.briefs and outcome.results:
            raise ApiError(500, "processing-failed", "no article could be briefed: "
                           + outcome.all_failures()[0].reason)
        return JSONResponse(outcome.to_dict())

    for name, stage in ARTICLE_STAGES.items():
        _add_article_stage(app, service, name, stage)

    @app.post("/v1/figures", response_model=FiguresOut, responses=ERRORS, tags=["api"],
              summary="The figures of each line of Chinese text, as `summarise figures` prints them.",
              openapi_extra={"requestBody": FIGURES_BODY})
    async def figures(request: Request) -> JSONResponse:
        async def run() -> list[dict[str, Any]]:
            given = await read_figures_text(request, max_bytes=service.max_bytes)
            return await service.in_thread(lambda: figure_lines(given, max_bytes=service.max_bytes))

        return JSONResponse({"lines": await _answering(run(), settings.timeout)})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def form_page(request: Request) -> HTMLResponse:
        return _page(page, service, request)

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    async def form_answer(request: Request) -> HTMLResponse:
        started = time.perf_counter()
        form: dict[str, str] = {}
        try:
            document = await read_document(request, max_bytes=service.max_bytes)
            if isinstance(document, TextInput):
                form["text"] = document.text
            elif isinstance(document, UrlInput):
                form["url"] = document.url
            outcome = await service.brief(request, document)
        except Exception as error:  # noqa: BLE001 - every failure is shown on the page with its status
            failure = api_error(error)
            return _page(page, service, request, form=form, error=failure, status=failure.status)
        return _page(page, service, request, form=form, outcome=outcome, seconds=time.perf_counter() - started)

    original_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        # The request bodies are read by hand (JSON, a form or a raw document), so their models are added
        # to the schema's components here for the requestBody references above.
        if app.openapi_schema is None:
            schema = original_openapi()
            _, definitions = models_json_schema([(model, "validation") for model in REQUEST_MODELS],
                                                ref_template="#/components/schemas/{model}")
            schema.setdefault("components", {}).setdefault("schemas", {}).update(definitions.get("$defs", {}))
            schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            schema["security"] = [{"bearer": []}] if settings.key else []
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    _add_middleware(app, service)
    return app


def _add_article_stage(app: FastAPI, service: Service, name: str, stage: ArticleStage) -> None:
    async def run_stage(request: Request) -> JSONResponse:
        split: Split = await _answering(service.read(request), service.settings.timeout)
        return JSONResponse({"articles": [stage.record(article) for article in split.articles],
                             "errors": [failure.to_dict() for failure in split.failures]})

    app.post(f"/v1/{name}", response_model=stage.response_model, responses=ERRORS, tags=["api"],
             summary=stage.summary, name=name, openapi_extra={"requestBody": DOCUMENT_BODY})(run_stage)


async def _answering(work: Any, timeout: float) -> Any:
    """Await a request's work within `timeout` seconds, with every failure turned into its ApiError."""
    try:
        async with asyncio.timeout(timeout):
            return await work
    except ApiError:
        raise
    except Exception as error:  # noqa: BLE001 - mapped to a status, never a traceback
        raise api_error(error) from None


def _page(page: PageRenderer, service: Service, request: Request, *, status: int = 200, **values: Any) -> HTMLResponse:
    html = page.render(root=request.scope.get("root_path", ""), max_bytes=service.max_bytes,
                       models=service.describe_models(), **values)
    headers = {"Content-Security-Policy": page.content_security_policy}
    error = values.get("error")
    if isinstance(error, ApiError):
        headers.update({k: v for k, v in error.headers.items() if k != "WWW-Authenticate"})
    return HTMLResponse(html, status_code=status, headers=headers)


def _add_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, error: Exception) -> JSONResponse:
        failure = api_error(error)
        return JSONResponse(failure.body(), status_code=failure.status, headers=failure.headers)

    async def on_http_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        codes = {404: "not-found", 405: "method-not-allowed"}
        code = codes.get(error.status_code, "bad-request" if error.status_code < 500 else "internal")
        failure = ApiError(error.status_code, code, str(error.detail), headers=dict(error.headers or {}))
        return JSONResponse(failure.body(), status_code=failure.status, headers=failure.headers)

    async def on_validation_error(request: Request, error: Exception) -> JSONResponse:
        failure = ApiError(400, "bad-request", str(error))
        return JSONResponse(failure.body(), status_code=400)

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_api_error)


def _add_middleware(app: FastAPI, service: Service) -> None:
    settings = service.settings
    # Added innermost first: the log (and security headers) sees every answer, CORS answers preflights
    # before the key is asked for, and the key is checked before a large body is read.
    app.add_middleware(BodyLimit, max_bytes=service.max_bytes, drain_bytes=max(DRAIN_BYTES, 2 * service.max_bytes))
    if settings.key:
        app.add_middleware(RequireKey, key=settings.key, open_paths=OPEN_PATHS, page_paths=PAGE_PATHS)
    if settings.cors:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], expose_headers=["Retry-After"],
                           max_age=600)
    app.add_middleware(RequestLog, verbose=settings.verbose, docs_prefixes=DOCS_PATHS)


__all__ = ["Outcome", "create_app"]

"""The HTTP service (`summarise serve`): a REST API under /v1 and a web page at /, on FastAPI and uvicorn.

`core` holds the state and the request path, `batching` the queue that gathers concurrent requests into
shared model batches, `inputs` reads request bodies, `stages` the model-free endpoints, `page` the web
page, `middleware` the size cap, key and log, `urls` the seam to the fetcher, `server` runs it all.
"""

from summarise.service.settings import ServeSettings, resolve_serve_settings

__all__ = ["ServeSettings", "resolve_serve_settings"]

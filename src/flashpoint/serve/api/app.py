"""The web app of `flashpoint serve`: the JSON API over one store, its OpenAPI docs, and the page.

    GET  /                         the page (web/index.html; its files under /static/)
    GET  /docs, /redoc             OpenAPI docs, from Swagger UI and ReDoc files shipped in a package
    GET  /events, /events/{id}     filtered, paginated events; one event with its happening
    GET  /articles, /articles/{h}  articles; one with every span read from it
    GET  /actors, /actors/{id}, /relations
    GET  /timeline, /timeline/counts, /network, /watch, /map/events, /map/countries, /facets
    POST /extract                  text in, flashpoint/1 out; nothing stored
    POST /articles                 read and store an article; needs `Bearer $FLASHPOINT_TOKEN`

A repeated GET is answered from an in-process cache of whole answers, emptied by every write
(cache.py).

Every error is JSON, `{"error": "<one line>", "status": <code>}`, mapped from the exception in one
place (`_install_error_handlers`); an unexpected exception is logged with its traceback on the
server and answered with a 500 that names only its type.
"""

from __future__ import annotations

import logging
import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from flashpoint import __version__
from flashpoint.errors import FlashpointError, InputError, StoreError
from flashpoint.serve.api import actors, analysis, articles, events, reading
from flashpoint.serve.api.cache import DEFAULT_ENTRIES, Answers, ResponseCache
from flashpoint.serve.api.limits import MAX_BODY_BYTES, BodyLimit
from flashpoint.serve.api.reading import Reader, pipeline_reader
from flashpoint.store.duckdb_store import Store

_log = logging.getLogger("flashpoint.serve")


def web_root() -> Path:
    """The folder of the page's static files, shipped inside the package."""
    return Path(str(resources.files("flashpoint.serve") / "web"))


def create_app(
    store: Store,
    *,
    token: str | None = None,
    reader: Reader | None = None,
    max_body: int = MAX_BODY_BYTES,
    cache_entries: int = DEFAULT_ENTRIES,
) -> FastAPI:
    """The app over an open store; `token` enables `POST /articles`, `reader` replaces the pipeline,
    `cache_entries` bounds the cache of GET answers (cache.py; 0 turns it off)."""
    app = FastAPIOffline(
        title="Flashpoint",
        version=__version__,
        description="Events, actors and relations read from conflict news, each pointing back to its text.",
        static_url="/docs-assets",
    )
    app.state.store = store
    app.state.token = token or None
    app.state.reader = reader or pipeline_reader
    app.state.write_lock = threading.Lock()
    app.state.cursors = store.connection.cursor()
    app.state.cursors_lock = threading.Lock()
    app.state.answers = Answers(cache_entries)
    for module in (events, articles, actors, analysis, reading):
        app.include_router(module.router)
    _install_page(app)
    _install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    # Outermost, so a repeated read skips routing, validation, the query, JSON and gzip alike.
    app.add_middleware(ResponseCache, answers=app.state.answers)
    return app


#: How `flashpoint serve --workers N` tells each worker process what to serve (see `from_environment`).
DB_ENV = "FLASHPOINT_SERVE_DB"
CACHE_ENV = "FLASHPOINT_SERVE_CACHE"


def from_environment() -> FastAPI:
    """The app of one worker of `flashpoint serve --workers N`: the store named by `$FLASHPOINT_SERVE_DB`
    opened read-only in this process (DuckDB lets many processes read a file none writes), with no
    token, so no worker can write and each worker's cache stays true. Open until the process ends."""
    import os

    store = Store.open(Path(os.environ[DB_ENV]), read_only=True)
    return create_app(store, cache_entries=int(os.environ.get(CACHE_ENV, DEFAULT_ENTRIES)))


def _install_page(app: FastAPI) -> None:
    """`/` is the page; `/static/` its files. StaticFiles refuses paths that leave its folder."""
    root = web_root()
    app.mount("/static", StaticFiles(directory=root), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(root / "index.html", headers={"Cache-Control": "no-cache"})


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def _validation_message(error: RequestValidationError) -> str:
    """Pydantic's complaints as one line: `query.limit: Input should be ...; body.text: Field required`."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()))
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        return _error(exc.status_code, message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        _log.error("store error on %s: %s", request.url.path, exc)
        return _error(503 if "read-only" in exc.reason else 500, str(exc))

    @app.exception_handler(FlashpointError)
    async def flashpoint_error(request: Request, exc: FlashpointError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        _log.exception("unexpected error on %s", request.url.path)
        return _error(500, f"internal error ({type(exc).__name__}); the server log has the details")

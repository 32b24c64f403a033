"""The API fuzzed from its own OpenAPI schema: no request schemathesis can build gets a 5xx (issue #9).

In-process, through the ASGI app, over a writable copy of the small API store with the token sent,
so `POST /articles` is fuzzed past its guard too; `POST /extract` and `POST /articles` run the real
spaCy pipeline. Every operation gets valid requests (positive) and requests that break its schema
(negative) where it has parameters or a body to break; `$FLASHPOINT_FUZZ_EXAMPLES` sets the examples
per operation and mode (default 10).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from spacy.language import Language

from flashpoint.serve.api.app import create_app
from flashpoint.store.duckdb_store import Store
from tests.reliability.conftest import TOKEN

EXAMPLES = int(os.environ.get("FLASHPOINT_FUZZ_EXAMPLES", "10"))
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def fuzzed_app(api_store: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    shutil.copy(api_store, path)
    with Store.open(path) as store:
        yield create_app(store, token=TOKEN)


def _operations(app: FastAPI) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    # `ok()` raises if an operation could not be read: the whole schema must load.
    return [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode))
def test_api_fuzz_no_request_gets_a_server_error(
    fuzzed_app: FastAPI, mode: schemathesis.GenerationMode
) -> None:
    operations = _operations(fuzzed_app)
    assert len(operations) >= 15  # every route of the app, not an empty schema
    fuzzed = 0
    unbreakable: list[str] = []
    for operation in operations:
        if mode == schemathesis.GenerationMode.NEGATIVE and not _breakable(operation):
            continue

        @settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def fuzz(case: Any) -> None:
            response = case.call(headers=AUTH)
            case.validate_response(response, checks=[not_a_server_error])

        try:
            fuzz()
        except Unsatisfiable:
            # Nothing in the schema can be broken (a free-text path id, say): valid requests only.
            assert mode == schemathesis.GenerationMode.NEGATIVE, operation.label
            unbreakable.append(operation.label)
            continue
        fuzzed += 1
    assert fuzzed >= 10, unbreakable


def _breakable(operation: Any) -> bool:
    """Whether a request can break the operation's schema: it takes parameters or a body."""
    return any(True for _ in operation.iter_parameters()) or bool(
        operation.get_request_payload_content_types()
    )

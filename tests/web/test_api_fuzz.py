"""Schemathesis against the OpenAPI of the real server (uvicorn on 127.0.0.1): for every operation, generated
requests (valid and invalid, a bounded number) never get a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from assistant.services import auth
from tests.web.conftest import Live

EXAMPLES = 4


@pytest.fixture(scope="session")
def bearer(live: Live) -> dict[str, str]:
    token, _ = auth.create_token(live.store, username="max", name="schemathesis")  # a manager: every route
    return {"Authorization": f"Bearer {token}"}


def test_no_generated_request_gets_a_server_error(live: Live, bearer: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_dict(live.app.openapi())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                derandomize=True,
            )
            def check(case: Any) -> None:
                case.call_and_validate(base_url=live.url, headers=bearer, checks=[not_a_server_error])

            try:
                check()
            except Unsatisfiable:  # nothing to make invalid (no parameters and no body)
                assert mode is GenerationMode.NEGATIVE, operation.label

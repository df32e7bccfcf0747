"""What routes share: the application (settings + store) of the running web app."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request

from assistant.services.app import App

MAX_ID = 2**62  # ids beyond what the database stores are a 422, not a crash
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="An id.")]


def the_app(request: Request) -> App:
    app = request.app.state.app
    assert isinstance(app, App)  # set by create_app
    return app

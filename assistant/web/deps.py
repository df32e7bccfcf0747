"""What routes share: the application (settings + store) of the running web app."""

from __future__ import annotations

from fastapi import Request

from assistant.services.app import App


def the_app(request: Request) -> App:
    app = request.app.state.app
    assert isinstance(app, App)  # set by create_app
    return app

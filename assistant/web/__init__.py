"""The web app and HTTP API (FastAPI): thin edges over ``assistant.services``.

Pages are server-rendered Jinja2 (autoescaped); scripts and styles are vendored in ``static/`` so the app
works offline. ``create_app(settings)`` builds the app; `assistant serve` runs it with uvicorn.
"""

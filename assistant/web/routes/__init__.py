"""Routers: ``session`` (sign in/out, the only anonymous pages), ``api`` (/api, JSON), ``pages`` (HTML)."""

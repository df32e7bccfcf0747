"""The one place secrets are masked before anything is shown: settings, errors, JSON views, alert channels.

A URL's password is always masked (``postgresql://bob:***@db:5432/calls``). A webhook URL carries its secret in
the path (Slack's ``hooks.slack.com/services/T…/B…/…``), so it is shown as ``https://hooks.slack.com/…``.
Free text (an error message from a driver or library) has every URL in it masked the same way.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MASK = "***"
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>()]+")
_KEYWORD_PASSWORD = re.compile(r"\b(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'\"]+)", re.IGNORECASE)  # libpq key=value
_SECRET_PATH_HOSTS = re.compile(r"^hooks\.|webhook|^discord(app)?\.com$", re.IGNORECASE)


def mask_url(url: str) -> str:
    """``url`` with the password masked; a database URL keeps its host, port and database name."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    netloc, tail = rest[:cut], rest[cut:]
    userinfo, at, host = netloc.rpartition("@")
    if at and ":" in userinfo:
        netloc = f"{userinfo.split(':', 1)[0]}:{MASK}@{host}"
    return f"{scheme}://{netloc}{tail}"


def mask_webhook(url: str) -> str:
    """A webhook URL as ``scheme://host:port/…``: its path and any login are the secret."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return "(invalid url)"
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}/…" if parts.netloc else "(invalid url)"


def mask_text(text: str) -> str:
    """Every URL in ``text`` masked: passwords always, and the path of known webhook hosts."""

    def one(match: re.Match[str]) -> str:
        url = match[0]
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        return mask_webhook(url) if _SECRET_PATH_HOSTS.search(host) else mask_url(url)

    return _KEYWORD_PASSWORD.sub(rf"\g<1>{MASK}", _URL.sub(one, text))

"""The application layer: one function per use case, called by every edge (CLI, web, queue workers).

An edge parses its input, calls ONE function here with an ``App`` (settings + the store, opened lazily), and
renders what comes back; the JSON shapes shared by ``--json`` and the HTTP API are in ``views``. Nothing
here prints. Modules, one per use-case family: ``ingest`` (files → stored calls, post-ingest steps),
``calls`` (list, show, export), ``rules`` (check, test, preview, reanalyse), ``search``, ``library`` (clips,
collections, outcomes), ``alerts``, ``accounts`` (CRM import, renewals, briefs, churn, signals),
``models``, ``config`` (settings listing), ``auth`` (users, sessions, tokens) and ``watch`` (the folder
watcher). See docs/architecture.md.
"""

from assistant.services.app import App

__all__ = ["App"]

"""Every table of the database, as SQLModel classes on one metadata (``SQLModel.metadata``), one module per area
(``calls``, ``search``, ``library``, ``alerts``, ``jobs``, ``crm``, ``web``, ``verdicts``; ``base``: what they share),
all imported here: importing any of them registers every table.

The schema evolves only through migrations (assistant/storage/migrations); tests/storage/test_schema.py
checks that a migrated database matches these classes exactly (the FTS5 index of search aside, see
``SEARCH_INTERNAL``). Nothing here is SQLite-specific: JSON goes in Text columns, times are UTC datetimes.
Only assistant.storage imports this package.
"""

from __future__ import annotations

from assistant.storage.tables.alerts import Alert as Alert
from assistant.storage.tables.alerts import WatchedFile as WatchedFile
from assistant.storage.tables.base import fold as fold
from assistant.storage.tables.base import text_field as text_field
from assistant.storage.tables.base import utcnow as utcnow
from assistant.storage.tables.calls import Account as Account
from assistant.storage.tables.calls import Call as Call
from assistant.storage.tables.calls import CallExecutive as CallExecutive
from assistant.storage.tables.calls import Hit as Hit
from assistant.storage.tables.calls import ModelVote as ModelVote
from assistant.storage.tables.calls import RepVoiceprint as RepVoiceprint
from assistant.storage.tables.calls import SentenceEmbedding as SentenceEmbedding
from assistant.storage.tables.calls import Speaker as Speaker
from assistant.storage.tables.calls import Utterance as Utterance
from assistant.storage.tables.calls import UtteranceEmbedding as UtteranceEmbedding
from assistant.storage.tables.crm import ArrRow as ArrRow
from assistant.storage.tables.crm import ContactRow as ContactRow
from assistant.storage.tables.jobs import JobRun as JobRun
from assistant.storage.tables.library import ClipRow as ClipRow
from assistant.storage.tables.library import CollectionClipRow as CollectionClipRow
from assistant.storage.tables.library import CollectionRow as CollectionRow
from assistant.storage.tables.library import OutcomeRow as OutcomeRow
from assistant.storage.tables.search import QUEUE_INTERNAL as QUEUE_INTERNAL
from assistant.storage.tables.search import ROWID_KEYS as ROWID_KEYS
from assistant.storage.tables.search import SEARCH_INTERNAL as SEARCH_INTERNAL
from assistant.storage.tables.search import SearchPending as SearchPending
from assistant.storage.tables.search import UtteranceNorm as UtteranceNorm
from assistant.storage.tables.search import compared as compared
from assistant.storage.tables.search import is_search_internal as is_search_internal
from assistant.storage.tables.verdicts import VerdictRow as VerdictRow
from assistant.storage.tables.web import LoginAttempt as LoginAttempt
from assistant.storage.tables.web import SessionRow as SessionRow
from assistant.storage.tables.web import TokenRow as TokenRow
from assistant.storage.tables.web import UserRow as UserRow
from assistant.storage.tables.web import WebCredential as WebCredential
from assistant.storage.tables.web import WebJob as WebJob

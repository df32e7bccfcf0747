"""A call's embeddings as storage keeps them: every utterance's, and the sentences of its long customer turns.

The churn-risk model reads a long customer turn sentence by sentence (``model/sentences.py``): each sentence is
embedded. An ingest embeds them with the lines, on the thread that embeds the lines while the rules read the call,
and stores them with the call (``embed_call``); a reanalysis reads them back and embeds only the sentences it does not
find (``complete``: a turn cut another way, another embedding model, a call stored before they were kept).

    wanted = long_turn_sentences(transcript, over=model.head.sentences)   # which sentences the model will read
    embeddings = embed_call(transcript, embedder, over)                   # lines + those sentences, as stored
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.analysis import _language
from assistant.analysis.model import ChurnModel, Embedder, as_stored, embed_transcript
from assistant.analysis.model.sentences import cut
from assistant.analysis.nlp import SUPPORTED_LANGUAGES
from assistant.records import Transcript
from assistant.records.embeddings import NO_SENTENCES, Embeddings, SentenceVectors


def sentences_over(model: ChurnModel | None) -> int:
    """The words over which the model reads a customer turn sentence by sentence (0: never; no model: none)."""
    return model.head.sentences if model is not None else 0


def long_turn_sentences(transcript: Transcript, over: int) -> SentenceVectors:
    """The sentences the model cuts the call's long customer turns into (``over``: ``sentences_over``), with their
    utterance's index, as the analysis cuts them (its lines: text, a language with rules); no vectors."""
    if over <= 0:
        return NO_SENTENCES
    lines = [(i, u, _language(transcript, u)) for i, u in enumerate(transcript.utterances) if u.text.strip()]
    pieces = cut([line for line in lines if line[2] in SUPPORTED_LANGUAGES], over)
    return SentenceVectors(tuple(i for i, _, _ in pieces.lines), tuple(u.text for _, u, _ in pieces.lines))


def embed_sentences(
    wanted: SentenceVectors, embedder: Embedder, known: SentenceVectors = NO_SENTENCES
) -> SentenceVectors:
    """``wanted`` with a vector each: ``known``'s by text, the others embedded now (rounded as stored)."""
    if not len(wanted):
        return NO_SENTENCES
    have = known.by_text()
    missing = list(dict.fromkeys(t for t in wanted.texts if t not in have))
    if missing:
        have.update(zip(missing, as_stored(embedder.embed(missing)), strict=True))
    return replace(wanted, vectors=np.vstack([have[t] for t in wanted.texts]).astype(np.float32))


def embed_call(transcript: Transcript, embedder: Embedder, over: int) -> Embeddings:
    """Every utterance embedded, and the sentences of its long customer turns (``over``), rounded as stored."""
    made = embed_transcript(transcript, embedder)
    return replace(made, sentences=embed_sentences(long_turn_sentences(transcript, over), embedder))

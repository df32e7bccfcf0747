"""The learned churn-risk model: multilingual sentence embeddings + a small trained head (see classify.py)."""

from assistant.analysis.model.classify import (
    HEAD_FILE,
    ChurnModel,
    is_model_rule,
    load_model,
    model_hits,
    needs_vectors,
)
from assistant.analysis.model.embedding import Embedder, as_stored, embed_transcript, embedder_for, get_embedder

__all__ = [
    "HEAD_FILE", "ChurnModel", "Embedder", "as_stored", "embed_transcript", "embedder_for", "get_embedder",
    "is_model_rule", "load_model", "model_hits", "needs_vectors",
]  # fmt: skip

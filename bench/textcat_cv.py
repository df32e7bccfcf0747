"""spaCy's own ``textcat_multilabel`` (bag of words and bigrams, one blank pipeline per language) as the
no-new-dependency baseline of the churn-risk model, cross-validated on the same folds as the embedding head.

    probs = textcat_oof(examples, folds=5, seed=7)    # (n, categories) out-of-fold probabilities
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import numpy as np
import spacy
from spacy.training import Example as SpacyExample
from spacy.util import minibatch

from assistant.analysis.model.head import Example
from assistant.analysis.model.training import CATEGORIES, fold_of

EPOCHS = 12
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
       "no_output_layer": False}  # fmt: skip


def textcat_oof(examples: Sequence[Example], *, folds: int = 5, seed: int = 7) -> np.ndarray:
    fold = fold_of(examples, folds, seed)
    out = np.zeros((len(examples), len(CATEGORIES)))
    langs = np.array([e.language for e in examples])
    for lang in sorted(set(langs)):
        for f in range(folds):
            train = [i for i in range(len(examples)) if langs[i] == lang and fold[i] != f]
            test = [i for i in range(len(examples)) if langs[i] == lang and fold[i] == f]
            nlp = _trained(lang, [examples[i] for i in train], seed)
            for i, doc in zip(test, nlp.pipe(examples[i].text for i in test), strict=True):
                out[i] = [doc.cats[c] for c in CATEGORIES]
    return out


def _trained(lang: str, examples: Sequence[Example], seed: int) -> spacy.language.Language:
    random.seed(seed)
    nlp = spacy.blank(lang)
    textcat: Any = nlp.add_pipe("textcat_multilabel", config={"model": BOW})
    for c in CATEGORIES:
        textcat.add_label(c)
    data = [SpacyExample.from_dict(nlp.make_doc(e.text), {"cats": {c: float(c in e.labels) for c in CATEGORIES}})
            for e in examples]  # fmt: skip
    optimizer = nlp.initialize(lambda: data)
    for _ in range(EPOCHS):
        random.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp

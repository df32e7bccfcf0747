"""library.search: loading every language's word forms ahead of the first search."""

from __future__ import annotations

from assistant.analysis import nlp
from assistant.library import search


def test_warm_up_loads_every_languages_word_forms_before_the_first_search() -> None:
    search.warm_up()
    assert nlp._stempel.cache_info().currsize == 1  # the Polish stemmer's table (seconds to load)
    assert nlp.russian_morphology.cache_info().currsize == 1
    assert nlp._lookup_table.cache_info().currsize >= 2  # the English and Italian lemma tables
    assert search.normalizer().lemma("prezzi", "it") == "prezzo"

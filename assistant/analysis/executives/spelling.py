"""Misheard spellings of one name: ASR ("Rob Maiones", "Rob Mionis") and PDF text layers ("Kevin Kru",
"Kevin S. Krumm") give one person several spellings; ``close_names`` says when two are the same name, and
``same_person`` when one is the other said shorter ("Jane", "Jane Smith"; "AJ Eaker", "A.J. Eaker"). It
only ever compares two names (rapidfuzz on short strings), never a name with a transcript."""

from __future__ import annotations

from rapidfuzz import fuzz


def same_person(a: str | None, b: str | None) -> bool:
    """ "Jane" and "Jane Smith" are the same person; so are "王丽" and "王丽"."""
    if not a or not b:
        return False
    wa, wb = name_words(a), name_words(b)
    if len(wa) == 1 and len(wb) == 1:
        return wa == wb
    if set(wa) <= set(wb) or set(wb) <= set(wa) or (wa[0] == wb[0] and (len(wa) == 1 or len(wb) == 1)):
        return True
    if wa[-1] != wb[-1] or len(wa[-1]) <= 1:
        return False
    return wa[0][:3] == wb[0][:3] or _initials_for(a, wb[0]) or _initials_for(b, wa[0])  # "Tim Cook", "Timothy Cook"


def _initials_for(name: str, first: str) -> bool:
    """ "LT Therivel" and "Laurent Therivel": a first name said as two capitals stands for one that starts with the
    first of them."""
    said = name.split()[0]
    return len(said) == 2 and said.isupper() and len(first) > 2 and first[0] == said[0].casefold()


def name_words(name: str) -> list[str]:
    """Casefolded words, initials joined however they are written: "A.J. Eaker", "A. J. Eaker", "AJ Eaker"."""
    words: list[str] = []
    run = False  # the last word is a run of single initials
    for w in (w.strip(".") for w in name.casefold().replace(".", ". ").split()):
        if len(w) == 1 and run:
            words[-1] += w
        elif w:
            words.append(w)
            run = len(w) == 1
    return words


def close_names(a: str | None, b: str | None) -> bool:
    """Two spellings of one full name as ASR or a PDF's text layer give them: the same first name (or one
    the start of the other: "Mandy", "Mandeep") and a surname misheard ("Rob Maiones", "Rob Mionis": rapidfuzz
    ratio >= 75 on five letters or more) or cut short ("Kevin Kru", "Kevin S. Krumm"); or ``same_person``."""
    if not a or not b or same_person(a, b):
        return bool(a and b)
    wa, wb = _full(a), _full(b)
    if len(wa) != 2 or len(wb) != 2 or not _same_first(wa[0], wb[0]):
        return False
    (x, y) = sorted((wa[1], wb[1]), key=len)
    if len(x) >= 3 and y.startswith(x):
        return True
    return len(x) >= 5 and fuzz.ratio(x, y) >= 75


def _full(name: str) -> list[str]:
    """First name and surname, casefolded, middle initials dropped ("Kevin S. Krumm" -> kevin, krumm)."""
    words = [w for w in name.casefold().split() if len(w.rstrip(".")) != 1]
    return [words[0], words[-1]] if len(words) >= 2 else words


def _same_first(x: str, y: str) -> bool:
    return x == y or (min(len(x), len(y)) >= 4 and x[:4] == y[:4])

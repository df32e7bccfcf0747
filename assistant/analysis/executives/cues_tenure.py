"""Cue words for when a seat is held, per language: a seat held no more ("our former CEO", "Morry was CEO", "during
my time as CFO"), a seat just filled ("we appointed a new CFO", "abbiamo un nuovo direttore") and a seat sought
(hiring talk). Lower-case words as written; multi-word cues as tuples; ``HIRING_CUES`` are word beginnings. Chinese
former seats are ``cues_zh.ZH_FORMER``."""

from __future__ import annotations

# a seat the person no longer holds: "our former CEO", "Morry was CEO", "il nostro ex direttore", "бывший
# директор", "Jan był prezesem", "前任总经理"; the copula counts only right after a name ("It was our CEO" is not)
FORMER = {
    "en": {
        "former",
        "ex",
        "ex-",
        "previous",
        "erstwhile",
        "outgoing",
        "then",
        "formerly",
    },  # "your then chief executive"
    "it": {"ex", "precedente", "vecchio", "vecchia", "uscente", "allora"},  # "l'allora direttore"
    "ru": {"бывший", "бывшая", "бывшего", "бывшей", "бывшим", "бывшему", "прежний", "прежнего", "прежним"},
    "pl": {"były", "była", "byłego", "byłej", "byłym", "byłemu", "poprzedni", "poprzedniego", "poprzednim"},
}
# "during my time as CFO and COO", "back in my days as CFO": the speaker's own past seats
PAST_AS = {("my", "time", "as"), ("my", "days", "as"), ("my", "years", "as"), ("my", "tenure", "as")} | {
    ("previously", "served", "as"),  # "Anthony Ashley, who previously served as treasurer and ..."
    ("formerly", "served", "as"),
    ("having", "served", "as"),  # "having served as the president at Hostos Community College"
    ("step", "down", "as"),  # "for him to step down as CEO"
    ("stepped", "down", "as"),
    ("steps", "down", "as"),
    ("stepping", "down", "as"),
}
# "you became Executive Chairman", "you were appointed as Director", "whilst you were in your position as": after "you"
# in the title's clause, a seat of the one spoken to held in the past
PAST_OF_YOU = {"became", "were", "was", "had", "served", "held", "joined"}
# "the CIO that has just retired", "the CEO who left in May": a seat its holder has left
LEFT = {"retired", "left", "resigned", "departed", "quit"}
# "as president I was always very attentive": after "as <title>, I", a past verb makes it a seat once held (English)
PAST_AFTER_I = {"was", "had", "used", "served", "spent", "led", "ran", "oversaw"}
PAST_COPULAS: dict[str, set[tuple[str, ...]]] = {
    "en": {("was",), ("were",), ("used", "to", "be"), ("had", "been")},
    "it": {("era",), ("fu",)},
    "ru": {("был",), ("была",)},
    "pl": {("był",), ("była",)},
}
# "I have a new CMO", "abbiamo un nuovo direttore finanziario": a seat said to be filled (a person, not hiring talk)
HAVE_WORDS = {"have", "has", "'ve", "i've", "we've", "got", "abbiamo", "ho", "ha", "hanno"}
NEW_WORDS = {"new", "nuovo", "nuova"}
# "we appointed a new CFO", "abbiamo nominato un nuovo direttore", "the appointment of a CSO": a seat filled
APPOINTED = {"appointed", "named", "hired", "promoted", "welcomed", "elected", "nominato", "nominata", "assunto"} | {
    "assunta"
}
APPOINTMENT = {("appointment", "of"), ("nomina", "di"), ("arrival", "of")}
HIRING_CUES = {
    "en": ("hiring", "hire", "recruit", "vacanc", "replac", "looking"),
    "it": ("cerc", "assum", "selezion", "recluta"),
    "ru": ("ищем", "ищу", "вакан", "наним", "подбира", "подбор"),
    "pl": ("szuka", "rekrut", "zatrudni", "wakat"),
}

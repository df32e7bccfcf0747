"""The cue words of executive detection, per language: possessives, self-introduction cues, name stops, company
words. Lower-case words as written; multi-word cues as tuples; the ``str`` tuples are word beginnings. Who decides
and who is on the call (decision and presence cues) are in ``cues_presence``; Chinese cues (matched on characters)
in ``cues_zh``; when a seat is held (former, just filled, sought) in ``cues_tenure``.

Kept apart from ``lang`` (tokens, match keys, inflection) so the grammar of five languages
reads as tables.
"""

from __future__ import annotations

POSSESSIVE_OWN = {
    "en": {"our", "my", "we"},
    "it": {"nostro", "nostra", "nostri", "nostre", "mio", "mia"},
    "ru": {"наш", "наша", "нашего", "нашей", "нашим", "нашему", "нашем", "нашу", "мой", "моя", "моего", "моим"}
    | {"моему", "мою", "моей", "свой", "своим", "своего", "своему", "своей", "свою"},
    "pl": {"nasz", "nasza", "naszego", "naszym", "naszej", "naszemu", "naszą", "mój", "moja", "mojego", "moim"}
    | {"mojej", "swoim", "swoją", "swojego", "swojej"},
}
POSSESSIVE_OTHER = {
    "en": {"your"},
    "it": {"vostro", "vostra", "vostri", "vostre"},
    "ru": {"ваш", "ваша", "вашего", "вашей", "вашим", "вашему", "вашем", "вашу"},
    "pl": {"wasz", "wasza", "waszego", "waszym", "waszej", "waszemu", "waszą", "państwa"},
}
POSSESSIVE_THIRD = {
    "en": {"their", "his", "her", "its"},
    "it": {"loro", "suo", "sua"},
    "ru": {"их", "его", "ее", "её"},
    "pl": {"ich", "jego", "jej"},
}
# words allowed between a possessive or determiner and the title: "our new CFO", "il nostro nuovo AD"
DETERMINERS = {
    "en": {"the", "a", "an", "new", "interim", "acting", "current", "incoming", "former", "own", "company's"},
    "it": {"il", "la", "lo", "l'", "i", "gli", "le", "nuovo", "nuova", "attuale", "del", "della", "dell'"},
    "ru": {"новый", "новым", "нового", "новому", "нынешний", "нынешним"},
    "pl": {"nowy", "nowym", "nowego", "obecny", "obecnym"},
}
# prepositions skipped when looking for a possessive: "con il nostro", "с нашим", "z naszym"
PREPOSITIONS = {
    "en": {"with", "to", "by", "from", "for"},
    "it": {"con", "a", "al", "alla", "dal", "dalla", "per", "col"},
    "ru": {"с", "со", "у", "к", "для", "от"},
    "pl": {"z", "ze", "u", "do", "dla", "od"},
}
# "a CFO", "every CEO", "любой директор": a kind of person, not a person
GENERIC = {
    "en": {"a", "an", "any", "every", "each", "most", "many", "some", "other", "no"},
    "it": {"un", "una", "uno", "ogni", "qualsiasi", "qualunque", "nessun", "altri"},
    "ru": {"любой", "каждый", "любого", "каждого", "любым", "какой-то", "другой", "другим"},
    "pl": {"każdy", "każdego", "jakiś", "jakiegoś", "inny", "innym", "żaden"},
}
# cues right before the title (possibly with a name between) that make it a self-introduction
SELF_CUES: dict[str, list[tuple[str, ...]]] = {
    "en": [
        ("i'm",),
        ("im",),
        ("i", "am"),
        ("i", "work", "as"),
        ("this", "is"),
        ("my", "name", "is"),
        ("my", "title", "is"),
        ("my", "role", "is"),
        ("i", "serve", "as"),
        ("speaking", "as"),
        ("as",),
    ],
    "it": [
        ("sono",),
        ("io", "sono"),
        ("mi", "chiamo"),
        ("faccio",),
        ("lavoro", "come"),
        ("io", "come"),
        ("come",),
        ("in", "qualità", "di"),
        ("ricopro", "il", "ruolo", "di"),
    ],
    "ru": [
        ("я", "как"),
        ("я",),
        ("я", "работаю"),
        ("работаю",),
        ("меня", "зовут"),
        ("это",),
        ("как",),
        ("в", "качестве"),
        ("являюсь",),
        ("занимаю", "должность"),
    ],
    "pl": [
        ("ja", "jako"),
        ("jestem",),
        ("ja", "jestem"),
        ("nazywam", "się"),
        ("pracuję", "jako"),
        ("jako",),
        ("tu",),
        ("pełnię", "funkcję"),
        ("jestem", "tu", "jako"),
    ],
}
# "as CFO, I ..." is a self-introduction; "as our CFO said" is not: these need a comma, "I" or the end next
AS_CUES = {"as", "come", "как", "jako", "качестве"}
# self-introduction cues that only count with a name after them: "this is Dana, CFO", "это Ольга", "tu Anna"
NEEDS_NAME = {("this", "is"), ("это",), ("tu",)}
# "to you as CFO", "a lei come direttore", "вас как директора", "pana jako prezesa": someone else's seat
AS_ADDRESSEES = {
    "you",
    "him",
    "her",
    "them",
    "te",
    "lei",
    "voi",
    "lui",
    "loro",
    "вас",
    "вам",
    "тебя",
    "тебе",
    "его",
    "её",
    "ее",
    "их",
    "вы",
    "ты",
    "pana",
    "panu",
    "pani",
    "ciebie",
    "tobie",
    "was",
    "wam",
    "jego",
    "ją",
    "ich",
}
# after "director of": a job in the arts, a school or a hospital, not a company's department
NOT_DEPARTMENTS = {"photography", "cinematography", "music", "choir", "athletics", "ceremonies", "admissions"} | {
    "nursing",
    "studies",
}
# "Assistant to Director Sales and Marketing", "Senior Advisor to the CEO": a job named after someone's seat
AIDES = {"assistant", "advisor", "adviser", "aide", "counsel"}
# a third person earlier in the clause makes "as <title>" theirs: "for him to step down as CEO"
THIRD_PERSONS = {
    "en": {"him", "her", "them", "he", "she", "they"},
    "it": {"lui", "lei", "loro", "egli", "ella"},
    "ru": {"он", "она", "они", "его", "её", "ее", "их", "ему", "ей", "им"},
    "pl": {"on", "ona", "oni", "jego", "jej", "ich", "niego", "niej", "nich", "jemu", "mu"},
}
AS_FOLLOWERS = {",", "i", "io", "я", "ja", "—", "-", ":", "here", "qui", "здесь", "tutaj"}
# cues that introduce the speaker's own name: "this is Dana", "меня зовут Ольга"
NAME_CUES: dict[str, list[tuple[str, ...]]] = {
    "en": [("i'm",), ("i", "am"), ("this", "is"), ("my", "name", "is"), ("it's",)],
    "it": [("sono",), ("mi", "chiamo"), ("io", "sono"), ("qui", "è"), ("sono", "io")],
    "ru": [("меня", "зовут"), ("я",), ("это",), ("с", "вами")],
    "pl": [("nazywam", "się"), ("jestem",), ("tu",), ("z", "tej", "strony"), ("mam", "na", "imię")],
}
NEGATIONS = {
    "en": {"not", "n't", "no", "never", "couldn't", "can't", "won't", "isn't", "wasn't", "unable", "cannot"}
    | {"didn't", "doesn't", "wouldn't", "aren't", "hasn't", "haven't"},
    "it": {"non", "mai"},
    "ru": {"не", "нет", "никогда"},
    "pl": {"nie", "nigdy"},
}
# connectors between a head title and its business function: "Head of ...", "директор по ...", "ds."
CONNECTORS = {
    "en": {"of", "for", "the", "global", "group"},
    "it": {"del", "della", "dello", "dell'", "d'", "dei", "degli", "delle", "di", "area", "ufficio"},
    "ru": {"по", "отдела", "департамента", "службы", "управления", "дирекции"},
    "pl": {"ds", "do", "spraw", "działu", "pionu", "departamentu"},
}
# business units whose head is an executive: "head of U.S. businesses", "responsabile della divisione consumer",
# "руководитель направления", "szef pionu detalicznego" (a `domain: required` title completed by one)
BUSINESS_UNITS = {
    "en": {"business", "businesses", "segment", "segments", "division", "divisions", "region", "regions", "unit"},
    "it": {"divisione", "divisioni", "segmento", "business", "regione", "unità"},
    "ru": {"направления", "подразделения", "дивизиона", "бизнеса", "сегмента", "региона"},
    "pl": {"pionu", "segmentu", "dywizji", "regionu", "biznesu", "oddziału"},
}
# an organisation of its own after "head of": "head of the local meat packing plant" (English)
ORGANISATION_NOUNS = {
    "en": {"plant", "factory", "mill", "mine", "farm", "company", "firm", "enterprise", "corporation", "bank"}
    | {"museum", "institute", "agency", "association", "hospital", "theatre", "theater"}
}
COPULAS = {"en": {"is", "was", "'s"}, "it": {"è"}, "ru": {"—", "-", "это"}, "pl": {"to", "jest"}}
# capitalised words that are never names, though they start sentences or look like one
NOT_NAMES = {
    "en": {"i", "i'm", "the", "we", "our", "my", "your", "and", "but", "so", "thanks", "thank", "yes", "yeah"}
    | {"hi", "hello", "okay", "ok", "well", "also", "now", "then", "sure", "great", "right", "good", "he"}
    | {"she", "they", "it", "this", "that", "there", "here", "what", "when", "if", "as", "at", "of", "on"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "inc", "corp", "ltd", "llc", "team", "hey"},
    "it": {"sì", "si", "no", "grazie", "allora", "buongiorno", "ciao", "bene", "perfetto", "quindi", "ecco"}
    | {"salve", "il", "la", "lo", "io", "noi", "sono", "come", "ma", "e", "anche", "certo", "va", "buonasera"},
    "ru": {"да", "нет", "спасибо", "здравствуйте", "добрый", "хорошо", "итак", "ну", "вот", "привет", "так"}
    | {"это", "меня", "я", "мы", "наш", "наша", "как", "а", "и", "но", "коллеги", "отлично", "понял"},
    "pl": {"tak", "nie", "dziękuję", "dzień", "dobrze", "więc", "no", "cześć", "witam", "jestem", "to"}
    | {"nasz", "nasza", "ja", "my", "a", "i", "ale", "też", "panie", "pani", "super", "świetnie", "jako"}
    | {"tu", "tutaj", "pan"},
}
NOT_NAMES["it"] |= {"qui", "io", "pronto", "contento", "contenta", "felice", "stato", "stata", "d'accordo"}
NOT_NAMES["en"] |= {"calling", "sorry", "back", "just", "going", "not", "glad", "happy"}
NOT_NAMES["en"] |= {"chair", "speaker"}  # "Mr. Chair", "Madam Speaker": a seat addressed, not a name
NOT_NAMES["en"] |= {"you", "him", "her", "his", "them", "who"}  # "You were appointed as Director of ...": a pronoun
# an organisation's unit, capitalised in its name, is no person's name: "the head of the Legal Department", "Head of
# Fujitsu EMEA Regional Operations"
NOT_NAMES["en"] |= {"department", "operations", "division", "directorate", "services", "unit", "office"}
# words of seats: a "name" made only of them is a seat ("-- well, he was called Managing Director --")
SEAT_WORDS = {"managing", "director", "chief", "executive", "officer", "president", "chairman", "head", "general"}
SEAT_WORDS |= {"manager", "counsel", "deputy", "vice", "senior", "financial", "operating", "chairwoman", "chair"}
NOT_NAMES["it"] |= {"lui", "lei", "egli", "ella", "loro"}  # "Lui è il nostro direttore": a pronoun, not a name
NOT_NAMES["pl"] |= {"on", "ona", "oni", "one", "ono"}
# courtesy words before a name: "pani Barbara", "la signora Galli", "Mr Lee" (skipped, not part of the name)
HONORIFICS = {
    "en": {"mr", "mrs", "ms", "dr", "miss"},
    "it": {"signor", "signora", "signore", "dottor", "dottoressa", "dott", "ing", "la", "il"},
    "ru": {"господин", "госпожа"},
    "pl": {"pan", "pani", "panem", "panią", "pana"},
}
# "his name is Pavel", "его зовут Павел", "si chiama Franco": a name said of the person just named by title
THIRD_NAME_CUES: dict[str, list[tuple[str, ...]]] = {
    "en": [("his", "name", "is"), ("her", "name", "is"), ("named",), ("called",)],
    "it": [("si", "chiama"), ("che", "si", "chiama")],
    "ru": [("его", "зовут"), ("ее", "зовут"), ("её", "зовут"), ("зовут",)],
    "pl": [("nazywa", "się"), ("ma", "na", "imię")],
}
# adjectives between a generic determiner and the title: "a new VP", "un buon direttore"
GENERIC_ADJECTIVES = {"new", "good", "great", "real", "strong", "typical", "experienced", "nuovo", "buon", "bravo"} | {
    "хороший",
    "новый",
    "нового",
    "dobry",
    "nowego",
    "nowy",
    "dobrego",
}
# hiring talk a few words before a title: "we're hiring a VP of Sales", "вакансия финансового директора"
# a title in the plural that is a body or a kind of people, not one person: in English any plural (as "CFOs"),
# "our board members", "vice presidents"; elsewhere the board's members ("i membri del consiglio", "члены совета
# директоров", "członkowie zarządu"), while "i nostri amministratori delegati" stays people (co-CEOs). A list of
# names after the title is ``lists.shared_names``.
PLURAL_HEADS = {
    "en": {"members", "officers", "directors", "presidents", "vice-presidents", "chairmen", "chairwomen", "heads"}
    | {"owners", "founders", "co-founders", "executives"},
    "it": {"membri", "consiglieri"},
    "ru": {"члены"},
    "pl": {"członkowie", "członkinie", "prezesi", "wiceprezesi", "prezeski", "dyrektorzy", "dyrektorki", "szefowie"}
    | {"właściciele", "założyciele", "kierownicy"},  # "Szanowni Państwo Prezesi Trybunału ...!"
}
# words before a title that are part of the seat, not a name or a company: "Ken Diptee, Executive Director of ..."
TITLE_MODIFIERS = {
    "en": {"executive", "senior", "interim", "acting", "associate", "assistant", "global", "group", "regional"}
    | {"deputy", "corporate", "incoming", "representative", "strategic"},  # "Corporate Controller", "strategic ..."
    "ru": {"исполнительный", "исполнительная", "старший", "временный", "новый", "новая"},
    "pl": {"p.o.", "nowy", "nowa"},
    "it": {"nuovo", "nuova"},
}
# verbs of dealing with a person: "call Jin Sahota, the CEO of SCCL" is someone the speaker deals with, not the news
CONTACT_VERBS = {"call", "called", "calling", "met", "meet", "meeting", "spoke", "speak", "speaking", "talked", "talk"}
CONTACT_VERBS |= {"emailed", "email", "phoned", "phone", "contacted", "contact", "introduced", "wrote", "rang"}
# "President of France", "presidente della Repubblica": a state, not a company (compared by key)
COUNTRIES = (
    {"france", "china", "russia", "poland", "italy", "germany", "ukraine", "mexico", "canada", "brazil", "india"}
    | {"japan", "korea", "republic", "united", "usa", "iran", "israel", "turkey", "spain", "state", "nation"}
    | {"repubblic", "franc", "cin", "russ", "polon", "itali", "german", "stat", "ucrain", "spagn"}
    | {"россия", "федерация", "украина", "франция", "китай", "сша", "польска", "polsk", "rzeczypospolit"}
)

# "founder and CEO", "CEO e fondatore": one person with two titles
COORDINATORS = {"and", "&", ",", "e", "ed", "и", "i", "oraz", "a", "also"}
# words that may surround a bare self-introduction: "Hi everyone, Amy Lee, Director of Finance."
GREETINGS = {
    "en": {"hi", "hello", "hey", "everyone", "everybody", "all", "good", "morning", "afternoon", "evening", "folks"}
    | {"guys", "team", "yeah", "yes", "so", "and", "um", "uh", "here", "this", "is", "it's", "speaking", "again"},
    "it": {"ciao", "buongiorno", "buonasera", "salve", "a", "tutti", "qui", "eccomi", "e", "parla"},
    "ru": {"здравствуйте", "добрый", "день", "привет", "всем", "коллеги", "на", "связи", "и"},
    "pl": {"dzień", "dobry", "cześć", "witam", "wszystkich", "państwa", "tu", "z", "tej", "strony", "i"},
}
ORG_PREPOSITIONS = {"at", "from", "of", "di", "da", "della", "presso", "из", "в", "z", "w"}

# "<title> of <...>": prepositions, and the nouns that make it a company ("president of the company")
OF_PREPOSITIONS = {"en": {"of", "at", "for", "from"}, "it": {"di", "del", "della", "dell'", "d'", "presso", "da"}}
# "<title> at Acme" names the company the person works for; "the founder of Tesla" is someone in the news
AT_PREPOSITIONS = {"at", "from", "presso", "da"}
COMPANY_WORDS = {
    "en": {"company", "business", "firm", "agency", "organization", "organisation", "group", "bank", "practice"}
    | {"store", "shop", "restaurant", "clinic", "foundation", "association", "studio", "brand", "startup"}
    | {"corporation", "subsidiary", "division", "board", "holding", "partnership", "family"},
    "it": {"aziend", "societ", "società", "impres", "ditt", "grupp", "studi", "negozi", "banc", "holding"},
    "ru": {"компания", "фирма", "организация", "предприятие", "холдинг", "группа", "бизнес", "банк"},
    "pl": {"firm", "spółk", "przedsiębiorstw", "grup", "holding", "bank", "biznes"},
}

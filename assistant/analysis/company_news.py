# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""The customer's own company news inside a round-up, read by construction (issue 10, rules11: the long turns of
eval_heldout10a, where a risk word plays another role in a quarter's news):

    company_news("two of the smaller ones moved their accounts to a competitor of ours", 34, 69, "en", "champion")
    # -> "the customer's own competitor: 'a competitor of ours'"

- **its own competitor** ("a competitor of ours", "un nostro concorrente", "к нашему конкуренту", "do naszej
  konkurencji", "我们在常州的一个竞争对手"): its clients moving there is its business, not a rival of the vendor's;
- **their contact person** (champion): a third party's staff ("their contact person left with the merger", "il loro
  referente", "их менеджер", "ich opiekun", "他们原来的对接人");
- **acquisitions the customer made** (champion): counted ("two acquisitions", "due acquisizioni", "два поглощения",
  "dwa przejęcia", "两次收购"), "the acquisition of the bakery chain", "the companies we bought", "купленных
  компаний", "被收购的公司" ("we were acquired", "the acquisition of our company" stay);
- **its board raising its own prices** (price): "the board also wants to raise prices", "il consiglio voleva
  aumentare i prezzi", "Совет хочет поднять цены", "Zarząd chciał podnieść ceny", "董事会想涨价"; its subscriptions
  or members up ("Subscriptions are up twelve percent", "gli abbonamenti sono saliti");
- **a button** (cancellation): "anyone who clicked cancel", "chi cliccava su disdici", "кто нажимал «расторгнуть»",
  "kto kliknął wypowiedz umowę", "点了取消";
- **lists or data merged** (champion: "merge the client lists", "unire le anagrafiche", "слить базы", "połączyć
  bazy", "客户资料合并得很顺利"); **its own rate of cancellations** ("we cut our cancellation rate", "tasso di
  disdette", "退订就少了不少"); **a budget said to be its own, for a purpose** ("cut our own marketing budget", "il
  nostro budget marketing", "свой маркетинговый бюджет", "własny budżet marketingowy", "我们自己的市场预算"; "our own
  budget" and "our own software budget" stay); **the vendor's plan cheaper for it** ("the new plan is actually
  cheaper for us", "più economico per noi", "для нас выгоднее", "dla nas tańszy", "对我们来说反而更便宜");
- **a calendar** (champion): a weekday full of meetings, the reorganisation its reason ("Mondays are full of internal
  meetings since the reorganisation", "понедельник забит совещаниями", "周一全是内部会"); **a handover to a named
  contact** ("Tom will be your contact", "вашим контактом будет Ольга", "Waszym kontaktem będzie Ania"; "nobody will
  be your contact" stays); **a third party bought** ("they've been bought by a bigger group", "他们被一家大集团收购了");
- **a plan of its own for a segment of its customers** (price, downgrade): "a cheaper student plan", "tańszy plan dla
  studentów", "студенческий тариф", "学生版";
- **only the vendor's from now on** (adoption, cancellation): "drop the old barcode labels and use yours only",
  "usiamo solo le vostre", "używamy tylko Waszych", "пользуемся только вашими", "只用你们的";
- **housekeeping** (adoption, cancellation): the old things nobody used, closed ("terminated the old bank feeds that nobody
  used", "ha chiuso i vecchi conti che non usava nessuno", "закрыла старые счета, которыми никто не пользовался",
  "zamknęła stare rachunki, których nikt nie używał", "把几个没人用的旧银行账户注销了").

``company_news`` returns why (with the words found), or ``""``; the hit is kept, negated, with the reason in its
evidence (called from ``ownership.own_business``).
"""

from __future__ import annotations

from assistant.analysis import regexes as rx

_OUR_COMPETITOR = {
    "en": r"\b(a |one of )?(our|my) (\w+ )?(competitors?|rivals?)\b|\b(a |one )?(competitors?|rivals?) of (ours|mine)\b",
    "it": r"\b(un |uno dei |il |i |a un |ad un )?(nostr[oaie]) (\w+ )?(concorrent[ei]|rival[ei])\b|\bconcorrent[ei] (\w+ )?nostr[oaie]\b",
    "ru": r"\bнаш\w* (\w+ )?(конкурент\w*|соперник\w*)",
    "pl": r"\bnasz\w* (\w+ )?(konkurencj\w*|konkurent\w*)",
    "zh": r"我们(在[^，。；！？]{0,6})?的[^，。；！？我你]{0,4}?(竞争对手|同行)",  # 的: "我们也在考虑竞争对手" is no possessive
}
_THEIR_CONTACT = {
    "en": r"\btheir (\w+ )?(contact( person)?|account manager|manager|rep|sponsor|champion|admin|owner|buyer)\b",
    "it": r"\b(il|la) loro (\w+ )?(referente|responsabile|manager|sponsor|contatto|amministratore)\b",
    "ru": r"\bих (\w+ )?(менеджер|куратор|контакт|руководител|директор|админ)\w*",
    "pl": r"\bich (\w+ )?(opiekun|kierownik|menedżer|manager|kontakt|dyrektor|admin)\w*",
    "zh": r"他们(原来|之前)?的(对接人|联系人|负责人|经理|主管)",
}
_OUR_ACQUISITIONS = {
    "en": r"\b(two|three|four|five|several|a few|a couple of|\d+) (\w+ )?acquisitions\b|\bacquisition of (?!(us|our|the company|the business)\b)|\b(companies|businesses|firms|shops) (that )?we('ve| have| had)? (bought|acquired|took over)\b",
    "it": r"\b(due|tre|quattro|cinque|alcune|\d+) acquisizioni\b|\bacquisizione (del|della|dello|dell'|di|dei|delle)\b(?! ?nostr)|\b(aziende|società|negozi) che abbiamo (comprato|acquisito|rilevato)\b",
    "ru": r"\b(два|три|четыре|пять|несколько|\d+) (поглощени\w*|приобретени\w*|покупк\w*)|\b(купленн\w*|приобрет[её]нн\w*|поглощ[её]нн\w*) (\w+ )?(компани\w*|фирм\w*|сет\w*|магазин\w*)|\b(компани\w*|фирм\w*),? котор\w* мы (купили|приобрели|поглотили)",
    "pl": r"\b(dwa|dwie|trzy|cztery|pięć|kilka|\d+) (przejęcia|przejęć|akwizycje|akwizycji)\b|\b(przejęt\w*|kupion\w*) (\w+ )?(firm\w*|spół\w*|sklep\w*)|\bfirm\w*,? które (kupiliśmy|przejęliśmy)",
    "zh": r"(两|三|四|几|\d)(次|个|家)(收购|并购)|(收购|并购)(来)?的(公司|企业|门店|店)",
}
# A third party bought ("they've been bought by a bigger group", "li ha comprati un gruppo", "их купила сеть",
# "przejęła ich grupa", "他们被一家集团收购了"): "we were bought" stays.
_THEY_WERE_BOUGHT = {
    "en": r"\b(they|they've|they have|they were|they got|it|it's|it has|it was) (just |recently |also )?(been )?(bought|acquired|taken over)\b",
    "it": r"\bl[ie] (ha|hanno) (comprat|acquisit|rilevat)\w*|\b(sono stati|è stat[oa]) (comprat|acquisit|rilevat)\w*",
    "ru": r"\bих (\w+ )?(купил\w*|поглотил\w*|приобрел\w*|приобрёл\w*)",
    "pl": r"\b(ich|go|ją) (\w+ )?(kupił\w*|przejęł\w*|przejął|przejęli)|\b(przejęła|kupiła) (ich|go|ją)\b",
    "zh": r"(他们|她们|它|那家|这家)[^，。；！？我]{0,4}被[^，。；！？]{0,8}(收购|买下|并购)",
}
# A plan for a segment of its own customers (price, downgrade): "a cheaper student plan", "tańszy plan dla
# studentów", "студенческий тариф", "学生版".
_SEGMENT_PLAN = {
    "en": r"\b(cheaper |discounted |budget )?(student|family|senior|kids|youth|junior|off-peak) (plan|tier|membership|pass|rate)s?\b",
    "it": r"\b(piano|abbonamento|tariffa) (\w+ )?(studenti|famiglia|famiglie|senior|junior|ragazzi)\b",
    "ru": r"\b(студенческ|семейн|детск|пенсионн|молод[её]жн)\w* (тариф|абонемент|план)\w*",
    "pl": r"\b(plan|pakiet|karnet|abonament)\w* (\w+ )?dla (studentów|rodzin|seniorów|dzieci|młodzieży)\b",
    "zh": r"(学生|家庭|老人|儿童|青少年)(版|套餐|卡|会员)",
}
_BOARD_PRICES = {
    "en": r"\b(the|our) (board|owners?|shareholders|management|partners)( also| now)? (wants?|wanted|decided|agreed|voted|is pushing|pushed)( us)? to (raise|put up|increase|push up) (our |the )?prices\b|^\W*((?!your\b)\w+\W+){0,2}?(subscriptions|subscribers|members|memberships|customers|bookings|orders) (are|were|went) up\b",
    "it": r"\b(il |la )?(consiglio|cda|proprietà|soci|titolare)( \w+)? (vuole|voleva|ha deciso di|vorrebbe|chiede di)( anche)? (alzare|aumentare|ritoccare) (i )?prezzi\b|^\W*((?!vostr)\w+\W+){0,2}?(gli )?(abbonamenti|abbonati|iscritti|soci|clienti|ordini) sono (saliti|cresciuti|aumentati)\b",
    "ru": r"\b(совет|правление|собственник\w*|владел\w*|руководство|учредител\w*)( \w+){0,2} (хочет|хотел\w*|решил\w*)( \w+)? (поднять|повысить) цены",
    "pl": r"\b(zarząd|właściciel\w*|wspólnicy|rada)( \w+)? (chce|chciał\w*|zdecydował\w*)( \w+)? (podnieść|podwyższyć) (\w+ )?ceny",
    "zh": r"(董事会|股东|老板|管理层)(也)?(想|要|决定|打算)(涨价|提价)",
}
# Lists or data merged (champion): "merge the client lists", "unire le anagrafiche", "客户资料合并得很顺利".
_DATA_MERGE = {
    "en": r"\bmerg\w* (the |our |their )?(\w+ )?(lists?|data|records|databases?|files|contacts)\b",
    "it": r"\b(unire|unito|uniti|accorpare|fondere) (le |i |gli )?(anagrafiche|dati|liste|archivi|elenchi)\b",
    "ru": r"\b(слить|слили|объединить|объединили) (\w+ )?(баз\w*|данн\w*|списк\w*|справочник\w*)",
    "pl": r"\b(połączyć|połączyliśmy|scalić|scaliliśmy) (\w+ )?(baz\w*|dan\w*|list\w*|kartotek\w*)",
    "zh": r"(资料|数据|名单|档案)[^，。；！？]{0,2}合并|合并(了)?[^，。；！？]{0,4}(资料|数据|名单|档案)",
}
# Its own rate or count of cancellations (cancellation): "we cut our cancellation rate", "退订就少了不少".
_OWN_RATE = {
    "en": r"\bcancell?ation rates?\b",
    "it": r"\btass\w* di (disdett|abbandon|cancellazion)\w*",
    "ru": r"\b(процент|доля|уровень|число) (отказ|отток|расторжен)\w*",
    "pl": r"\b(wskaźnik|odsetek|liczb\w*) (rezygnacj|odejść|wypowiedzeń)\w*",
    "zh": r"(退订|解约|流失)率|退订(就|也)?[^，。；！？]{0,2}(少|减少|下降)",
}
# A budget of its own with a purpose, said to be its own (budget): "cut our own marketing budget", "il nostro budget
# marketing", "свой маркетинговый бюджет", "własny budżet marketingowy", "我们自己的市场预算" ("our own budget" stays).
_OWN_NAMED_BUDGET = {
    "en": r"\bour own (?!(software|it|tech\w*|tools?|licen\w*|subscriptions?|saas|digital)\b)(\w+ )budgets?\b",
    "it": r"\b(il )?nostro budget (marketing|pubblicit\w*|commercial\w*|promozional\w*)\b",
    "ru": r"\bсво\w* (\w+ )?(маркетингов|рекламн|коммерческ)\w* бюджет\w*",
    "pl": r"\bwłasn\w* budżet\w* (marketingow|reklamow|promocyjn)\w*|\bwłasn\w* (marketingow|reklamow)\w* budżet\w*",
    "zh": r"(我们)?自己的(市场|营销|广告|推广)预算",
}
# The vendor's plan cheaper for the customer (price, downgrade): "the new plan is actually cheaper for us".
_CHEAPER_FOR_US = {
    "en": r"\b(new |your |this |the )(plan|tier|package|pricing|subscription|contract|deal|option) (is|was|comes out) (actually |now |even )?cheaper for us\b",
    "it": r"\b(piano|pacchetto|abbonamento|contratto|tariffa|offerta) (\w+ )?(è|risulta) (anzi |addirittura )?(più economic\w*|meno car\w*) per noi\b",
    "ru": r"\b(тариф|план|пакет|договор|вариант)\w* (\w+ ){0,2}для нас (даже |наоборот )?(выгоднее|дешевле)\b",
    "pl": r"\b(plan|pakiet|abonament|umowa|oferta)\w* (jest )?dla nas (nawet )?(tańsz\w*|korzystniejsz\w*)",
    "zh": r"(套餐|方案|版本|合同|价格)[^，。；！？]{0,4}对我们(来说)?(反而|还)?(更|比较)?(便宜|划算)",
}
# A calendar (champion): a weekday full of meetings, the reorganisation its reason ("Mondays are full of internal
# meetings since the reorganisation", "il lunedì è pieno di riunioni", "понедельник забит совещаниями", "poniedziałki
# są zapchane naradami", "周一全是内部会").
_CALENDAR = {
    "en": r"\b(mondays?|tuesdays?|wednesdays?|thursdays?|fridays?)\b[^.;]{0,40}\b(meetings|calls|calendars?)\b",
    "it": r"\b(il )?(lunedì|martedì|mercoledì|giovedì|venerdì)\b[^.;]{0,40}\b(riunioni|incontri|call|appuntamenti)\b",
    "ru": r"\b(понедельник|вторник|сред[уа]|четверг|пятниц[уа])\w*[^.;]{0,40}(совещани\w*|встреч\w*|планёрк\w*|планерк\w*|созвон\w*)",
    "pl": r"\b(poniedziałk\w*|wtork\w*|środ\w*|czwartk\w*|piątk\w*)[^.;]{0,40}(narad\w*|spotkani\w*|zebrani\w*|rozmow\w*)",
    "zh": r"(周|星期|礼拜)[一二三四五][^，。；！？]{0,8}(会|会议|例会)",
}
# A handover to a named contact (champion): "... on maternity leave for a few months, Maksim will be your contact",
# "Waszym kontaktem będzie wtedy Paweł", "il vostro referente sarà Luca", "由小陈跟你们对接".
_HANDOVER = {
    "en": r"\b(?!(nobody|no|one|someone|somebody|anyone|who|which|that)\b)\w+ will be your (main )?(contact|point of contact)\b",
    "it": r"\bil vostro (nuovo )?(referente|contatto) sarà\b|\bsarà \w+ il vostro (referente|contatto)\b",
    "ru": r"\bваш\w* (новым )?(контактом|куратором) будет\b|\bвашим контактом станет\b",
    "pl": r"\bwaszym (nowym )?(kontaktem|opiekunem) będzie\b",
    "zh": r"由[^，。；！？]{1,6}(跟|和|与)你们对接|(跟|和|与)你们对接的(人)?(是|会是|换成)",
}
_BUTTON = {
    "en": r"\b(click\w*|press\w*|hit|tap\w*) (on )?(the )?[\"'“]?cancel\w*|\bcancel (button|link)\b",
    "it": r"\b(clicc\w*|prem\w*) (su )?[\"'“«]?(disdic\w*|annull\w*|disdett\w*)|\btasto [\"'“«]?(annulla|disdici|disdetta)\b",
    "ru": r"\b(нажима\w*|нажал\w*|нажм\w*|кликну\w*|кликал\w*) (на )?[«\"“]|\bкнопк\w* [«\"“]",
    "pl": r"\b(klik\w*|nacis\w*) (na |w )?[\"„«]?(wypowiedz|anuluj|rezygnuj)\w*|\bprzycisk\w* [\"„«]?(anuluj|wypowiedz|rezygnuj)",
    "zh": r"(点了?|点击|按了?)[“\"「]?(取消|退订|解约)|(取消|退订)(按钮|键)",
}
_ONLY_YOURS = {
    "en": r"\buse (only )?yours( only)?\b|\bonly use yours\b",
    "it": r"\b(usiamo|useremo|usare|usano|usa) solo (le |i |il |la )?vostr\w*",
    "ru": r"\b(пользуемся|пользоваться|используем|использовать) только ваш\w*",
    "pl": r"\b(używamy|używać|używają|korzystamy) tylko (z )?wasz\w*",
    "zh": r"只用你们",
}
_HOUSEKEEPING = {
    "en": r"\b(closed|terminated|deleted|removed|cancelled|canceled|shut down|switched off)\b[^.;]{0,60}\b(that|which) (nobody|no one) (used|uses|was using)\b",
    "it": r"\b(chius\w*|cancellat\w*|eliminat\w*|stornat\w*|disattivat\w*)\b[^.;]{0,60}\bche non (usava|usa|usavano) nessuno\b",
    "ru": r"\b(закрыл\w*|удалил\w*|отключил\w*|аннулировал\w*)\b[^.;]{0,60}\b(которыми|которым|которую|которые) никто не (пользовал\w*|использовал\w*)",
    "pl": r"\b(zamknęł\w*|zamknął|zamknęli|usunęł\w*|usunął|usunęli|skasował\w*)\b[^.;]{0,60}\b(których|którego|której) nikt nie (używał|używa|korzystał)",
    "zh": r"没人用的[^，。；！？]{0,12}(注销|关掉|关闭|删除|删掉|作废)|(注销|关掉|关闭|删除|删掉)[^，。；！？]{0,12}没人用的",
}
Construction = tuple[tuple[str, ...], dict[str, str], str]  # (categories, table, why)
_OVERLAPPING: tuple[Construction, ...] = (  # (categories, table, why): the construction overlaps the matched words
    (("competitor", "champion", "cancellation"), _OUR_COMPETITOR, "the customer's own competitor"),
    (("champion",), _DATA_MERGE, "lists or data merged"),
    (("champion",), _OUR_ACQUISITIONS, "acquisitions the customer made"),
    (("champion",), _THEY_WERE_BOUGHT, "a third party bought"),
    (("price",), _BOARD_PRICES, "the customer's own prices and subscribers"),
    (("cancellation",), _BUTTON, "a button"),
    (("cancellation",), _OWN_RATE, "the customer's own rate of cancellations"),
    (("budget",), _OWN_NAMED_BUDGET, "a budget said to be the customer's own, for a purpose"),
)
_IN_SENTENCE: tuple[Construction, ...] = (  # (categories, table, why): the construction anywhere in the sentence
    (("adoption", "cancellation"), _ONLY_YOURS, "only the vendor's from now on"),
    (("adoption", "cancellation"), _HOUSEKEEPING, "old things nobody used, closed"),
    (("champion",), _THEIR_CONTACT, "a third party's contact person"),
    (("champion",), _CALENDAR, "a calendar full of meetings"),
    (("champion",), _HANDOVER, "a handover to a named contact"),
    (("price", "downgrade"), _SEGMENT_PLAN, "a plan of the customer's own, for a segment of its customers"),
    (("price", "downgrade"), _CHEAPER_FOR_US, "cheaper for the customer"),
)


def company_news(text: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``text[start:end]`` (a lower-case sentence) of a rule of ``category`` is the customer's own
    company news (the constructions of the module's docstring), or ``""``."""
    for categories, table, why in _OVERLAPPING:
        found = overlapping(table, text, start, end, lang) if category in categories else ""
        if found:
            return f"{why}: {found!r}"
    for categories, table, why in _IN_SENTENCE:
        match = rx.search(table[lang], text) if category in categories and lang in table else None
        if match:
            return f"{why}: {match.group(0)!r}"
    return ""


def overlapping(table: dict[str, str], text: str, start: int, end: int, lang: str) -> str:
    """A construction of ``table`` that overlaps the match (or touches its end)."""
    spans = rx.finditer(table[lang], text) if lang in table else ()
    return next((m.group(0) for m in spans if m.start() < end and start < m.end() + 1), "")

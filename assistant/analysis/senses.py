# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Other senses and other people's things: rule matches whose sentence says they are not about the renewal
(issue 10 §5, the sixth session's false alarms on new writers' text). ``parties.py`` reads the matched clause;
these constructions read the whole sentence (``elsewhere``) or the turn after a question (``denied_after``):

- **a disclaimer** after the match: "we terminated the old VPN contract, unrelated", "ma lì il software non c'entra
  niente", "это тоже не про вас", "to nie ma nic wspólnego z wami", "不过跟你们系统没关系" (never for a champion,
  never "nothing to do with you *personally*", and not when the words before it name the vendor or the renewal:
  "we won't renew, nothing to do with you, the budget was cut" stays a risk);
- **private life and the customer's own operations**: a gym pass, a season ticket, piano lessons, the morning
  yoga groups, a flight, a lease or rental contract ("rezygnujemy z porannej zumby", "отменили утренние группы по
  йоге", "年票我不续了", "umowa najmu") in a sentence that names neither the vendor nor its product;
- **market prices**: steel, fuel, flights, a carmaker's or a courier's prices ("steel prices went up", "producent
  podniósł ceny aut", "油价又涨了"), when the sentence names neither the vendor nor the renewal;
- **a rate of the company's own**: churn, retention, a refund or renewal rate, a percentage going down ("our
  refund rate's come down to under two percent", "отток упал ... до одиннадцати процентов", "续课率挺高的");
- **a third party's contract named by a possessive** ("the residents association terminated their contract",
  "у них ... расторгли договор", "他们跟...卡车公司解约了");
- **a past evaluation that ended with the vendor** ("we looked at other vendors two years ago and picked you",
  "пару лет назад смотрели ... но сейчас ничего не выбираем");
- **switching would be a hassle** ("换系统很麻烦的", "switching would be a nightmare", "Zmiana systemu to koszmar"):
  the competitor or complexity words inside it are a reason to stay;
- **Chinese word senses**: "麻烦了" / "麻烦你" (please, thanks: not "troublesome"), "走流程" / "走完了" (a process
  went through: not "someone left"), "手续费" (a handling fee: not "续费", the renewal fee);
- **a question echoed and denied** (``denied_after``): "解约？没有没有，没这个打算。", "Ridurre le licenze? Ma no,
  anzi.", "Skomplikowane? Skąd, ...": the customer repeats the rep's word as a question and says no.

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Words that put the vendor, its product or the renewal into a sentence: then none of the constructions applies.
_OURS = {
    "en": r"\b(you|your|yours|y'all|renew\w*|licen[cs]e\w*|seats?|software|platform|app|tool)\b",
    "it": r"\b(voi|vostr\w*|rinnov\w*|licenz\w*|software|piattaforma|app|gestionale)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*|продл\w*|лицензи\w*|софт\w*|платформ\w*|приложени\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*|odnow\w*|przedłuż\w*|licencj\w*|oprogramowani\w*|platform\w*|aplikacj\w*)\b",
    "zh": r"(你们|您|贵司|贵公司|续约|续费|授权|软件|平台|系统)",
}
# The vendor or its product named (not the renewal verbs: "nie przedłużam karnetu" renews a gym pass).
_NAMED = {
    "en": r"\b(you|your|yours|y'all|licen[cs]e\w*|seats?|software|platform|app|tool)\b",
    "it": r"\b(voi|vostr\w*|licenz\w*|software|piattaforma|app|gestionale)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*|лицензи\w*|софт\w*|платформ\w*|приложени\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*|licencj\w*|oprogramowani\w*|platform\w*|aplikacj\w*)\b",
    "zh": r"(你们|您|贵司|贵公司|授权|软件|平台|系统)",
}
_YOU = {
    "en": r"\b(you|your|yours|y'all)\b",
    "it": r"\b(voi|vostr\w*)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*)\b",
    "zh": r"(你们|您|贵司|贵公司)",
}
_DISCLAIMER = {
    "en": r"\b(unrelated|(has |had |have |got |is )?nothing to do with (you|your|the (software|system|platform|tool))|not (about|on) you\b|not your (problem|business|concern|doing)|(that's|that is|it's|it is) (our own|our) (problem|business|thing)|(isn't|is not|not) (related|connected) to (you|your|the (software|system|platform)))(?!\w* personally)",
    "it": r"\b(non c'entra(no)?\b|non (vi|la|lo) riguarda|non dipende da voi|(niente|nulla) a che (fare|vedere) con voi|non è (colpa|un problema) vostr|è (un problema|una cosa) nostr\w*)",
    "ru": r"\b(не связано|не (про|к|о) вас\b|к вам (это )?(не относится|отношения не имеет)|не ваша (проблема|вина|забота)|не имеет (никакого )?отношения|это наши (проблемы|дела))",
    "pl": r"\b(nie ma (to |z tym )?(nic wspólnego|związku)|nie wasza (sprawa|wina)|to nie (jest )?wasz[ae]? (sprawa|wina|problem)|nie dotyczy (was|to was)|to (nasz|nasza) (problem|sprawa))",
    "zh": r"((跟|和|与)(你们|您|贵|这个|系统)[^，。！？]{0,4}(没|无)(有)?(什么)?关系|不关你们|不是你们的(问题|事)|(跟|与)你们无关|(是|算)我们自己的(事|问题))",
}
# Private life and the customer's own operations: what gets cancelled or costs too much is not the contract.
_ELSEWHERE = {
    "en": r"\b(class(es)?|lessons?|yoga|zumba|pilates|gym|fitness|season ticket|stadium|piano|guitar|violin|flights?|airfare|hotels?|holiday party|christmas party|leas(e|ing)|rental|tenancy|mortgage|printers?|copiers?|coffee machine|orders (of|for)|trucks?|vans?|vehicles?)\b",
    "it": r"\b(lezion\w*|cors[oi]|yoga|zumba|pilates|palestra|stadio|piscina|pianoforte|chitarra|vol[oi]|albergh\w*|hotel|cena aziendale|festa aziendale|noleggio|affitto|locazione|leasing|stampant\w*|lavoro per|ordini di|camion\w*|furgon\w*)\b",
    "ru": r"\b(заняти\w*|урок\w*|групп[ыу]? по|йог\w*|зумб\w*|пилатес\w*|абонемент\w*|спортзал\w*|фитнес\w*|стадион\w*|музыкалк\w*|пианино|фортепиано|рейс\w*|авиабилет\w*|гостиниц\w*|корпоратив(а|е|у|ом|ы|ов)?\b|аренд\w*|лизинг\w*|принтер\w*|заказ\w* на|грузовик\w*|фургон\w*)",
    "pl": r"\b(zaję\w*|lekcj\w*|jog[ai]\w*|zumb\w*|pilates\w*|siłowni\w*|karnet\w*|stadion\w*|pianin\w*|gitar\w*|lot(y|u|ów)?|hotel\w*|imprez\w* świąteczn\w*|wigili\w*|najm(u|em|ie)?\b|leasing\w*|dzierżaw\w*|drukar\w*|zamówieni\w* na|ciężarów\w*|furgon\w*)\b",
    "zh": r"(团课|瑜伽|尊巴|健身|年票|月卡|钢琴|吉他|航班|机票|酒店|公司年会|聚餐|租赁|租房|房租|厂房|打印机|货车|卡车|车辆)",
}
_SMALL_TALK = {
    "en": r"\b(weather|traffic|rain|snow)\b",
    "it": r"\b(questo tempo|il tempo|meteo|traffico|pioggia|neve)\b",
    "ru": r"\b(погод\w*|пробк\w*|дожд\w*|снег\w*)",
    "pl": r"\b(pogod\w*|korki|korek|deszcz\w*|śnieg\w*)",
    "zh": r"(天气|堵车|下雨|下雪)",
}
_APPROVED = {
    "en": r"\b(approved|signed off)\b",
    "it": r"\b(approvat\w*|stanziat\w*)\b",
    "ru": r"\b(утвердил\w*|утвержд\w*|одобрил\w*|одобрен\w*|согласовал\w*)",
    "pl": r"\b(zatwierdz\w*|zaakceptowan\w*)",
    "zh": r"(批了|批下来|已经批|审批通过|通过了)",
}
_NOT_BEFORE = {
    "en": r"\b(not|n't|never|yet to be)\W+(\w+\W+)?$",
    "it": r"\bnon\W+(\w+\W+)?$",
    "ru": r"\bне\W+(\w+\W+)?$",
    "pl": r"\bnie\W+(\w+\W+)?$",
    "zh": r"(没|未|不)[^，。]{0,2}$",
}
_BUDGETED = {
    "en": r"\balready (budgeted|planned for|in (the|our) budget|factored in)\b",
    "it": r"\bgià (previst\w*|messo a budget|mess\w* in bilancio|a budget)\b",
    "ru": r"\b(уже заложен\w*|уже заложили|уже учтен\w*|уже учтён\w*|заложили в бюджет)",
    "pl": r"\b(już (uwzględni\w*|zaplanowa\w*|w budżecie)|mamy (to )?w budżecie)",
    "zh": r"(已经(在)?(预算|算进|列入|计划)|预算里(已经)?有)",
}
_MORE_SEATS = {
    "en": r"\b(\d+|a few|few|two|three|four|five|ten|some|several) more (licen[cs]es|seats|users|accounts)\b",
    "it": r"\b(licenz\w*|utenz\w*|postazion\w*|utenti) in più\b",
    "ru": r"\b(ещё|еще) (\w+ )?(лицензи\w*|мест\w*|пользовател\w*)|\b(лицензи\w*|мест\w*) больше\b",
    "pl": r"\b(licencj\w*|stanowisk\w*|użytkownik\w*) więcej\b|\bwięcej (licencj\w*|stanowisk\w*|użytkownik\w*)",
    "zh": r"(多|加|增加)(几|两|三|\d+)?个?(账号|席位|用户|授权)",
}
# An account or seat asked for in addition, over a downgrade match ("dodatkowe konto ... tylko do podglądu"): buying more.
_ADDITIONAL = {
    "en": r"\b(additional|extra|another|one more) (\w+ )?(accounts?|seats?|users?|licen[cs]es?|logins?)\b",
    "it": r"\b(altr[oa]|ulterior\w*) (\w+ )?(account|licenz\w*|utenz\w*|postazion\w*)|\b(account|licenz\w*|utenz\w*) (aggiuntiv\w*|in più)\b",
    "ru": r"\b(дополнительн\w*|ещё одн\w*|еще одн\w*) (\w+ )?(аккаунт\w*|учётн\w*|учетн\w*|лицензи\w*|пользовател\w*|мест\w*)",
    "pl": r"\b(dodatkow\w*|jeszcze jedn\w*) (\w+ )?(kont\w*|licencj\w*|stanowisk\w*|użytkownik\w*|login\w*)",
    "zh": r"(额外|新增|多开|再开|加一个|加个)[^，。]{0,3}(账号|席位|用户|授权)",
}
_OUR_CUSTOMERS = {
    "en": r"\b(one of our|our (biggest |largest |big )?)(customers?|clients?)\b",
    "it": r"\b(nostri clienti|nostro cliente)\b",
    "ru": r"\b(наш\w* (\w+ )?клиент\w*|из наших клиентов)",
    "pl": r"\b(nasz\w* (\w+ )?klient\w*|z naszych klientów)",
    "zh": r"(我们的?(一个|有个|几个)?(大)?客户|我们有个客户)",
}
# A relative's or a friend's business, named as its owner (never "my father said": in a family business he decides)
# ("Клуб моего шурина взял другую систему", "我姐夫的健身房换了别的系统").
_KIN = {
    "en": r"\bmy (brother|sister|wife|husband|son|daughter|father|mother|dad|mum|mom|friend|cousin|uncle|aunt|neighbou?r|brother-in-law|sister-in-law)'s\b",
    "it": r"\b(di mio|di mia|del mio|della mia) (fratello|sorella|moglie|marito|figli[oa]|padre|madre|amic[oa]|cugin[oa]|cognat[oa]|vicin[oa]|zi[oa])\b",
    "ru": r"\b(моего|моей) (брат\w*|сестр\w*|жен\w*|муж\w*|сын\w*|дочер\w*|дочь|отц\w*|матер\w*|друг\w*|подруг\w*|шурин\w*|свояк\w*|кум\w*|сосед\w*|зят\w*|тёщ\w*|тещ\w*|дяд\w*|тёт\w*)",
    "pl": r"\b(mojego|mojej) (brat\w*|siostr\w*|żon\w*|mąż|męża|syn\w*|córk\w*|ojc\w*|matk\w*|przyjaciel\w*|koleg\w*|szwagr\w*|szwagier|sąsiad\w*|kuzyn\w*|wujk\w*|ciotk\w*)",
    "zh": r"我的?(姐夫|妹夫|哥哥|弟弟|姐姐|妹妹|老婆|老公|爱人|儿子|女儿|爸爸|妈妈|朋友|表哥|表姐|邻居|小舅子|大舅子)的",
}
# A provider the customer has left for the vendor ("my cancellation fee with my old company").
_PREVIOUS = {
    "en": r"\b(my|our) (old|previous|former|last) (company|provider|carrier|supplier|vendor)\b",
    "it": r"\b(vecchio|precedente) (fornitore|gestore|operatore)\b",
    "ru": r"\b(старого|прежнего|предыдущего|старым|прежним) (провайдер|оператор|поставщик)\w*",
    "pl": r"\b(starego|poprzedniego|starym|poprzednim) (dostawc|operator)\w*",
    "zh": r"(原来|之前|以前)的(供应商|运营商|服务商)",
}
# The customer's own supplier as the subject ("我们的供应商四月起换了一家更便宜的快递").
_OUR_SUPPLIER = {
    "en": r"^\W*(\w+\W+){0,2}our (\w+ )?(supplier|courier|landlord|distributor|wholesaler)s?\b",
    "it": r"^\W*(\w+\W+){0,2}il nostro (fornitore|corriere|distributore|grossista)\b",
    "ru": r"^\W*(\w+\W+){0,2}наш\w* (\w+ )?(поставщик|курьер|дистрибьютор|арендодател)\w*",
    "pl": r"^\W*(\w+\W+){0,2}nasz\w* (\w+ )?(dostawc|kurier|dystrybutor|wynajmując)\w*",
    "zh": r"^[^，。]{0,4}我们的?(供应商|供货商|房东|快递|经销商)",
}
# Switching would be a hassle: the customer says why it stays ("换系统很麻烦的", "Zmiana systemu to koszmar").
_SWITCHING_COST = {
    "en": r"\bswitch(ing)?( \w+){0,3} (is|would be|'d be|'s|will be) (a )?(real )?(pain|hassle|nightmare|headache|too much work|a lot of work)\b|\bswitch\w*\b[^.!?]{0,40}\b(retrain|train (everyone|everybody|them|the \w+) again)\b",
    "it": r"\bcambiare( \w+){0,2} (è|sarebbe|significa) (un casino|un incubo|una fatica|un lavoraccio|troppo complicato)",
    "ru": r"\b(переходить|переход|менять|сменить)( \w+){0,3}\s*(—|-|это)?\s*(морока|мучение|кошмар|слишком сложно|головная боль)",
    "pl": r"\b(zmiana|zmieniać|zmienić|przejście|przechodzić)( \w+){0,3} (to )?(koszmar|męczarnia|za dużo roboty|kłopot|ból głowy)",
    "zh": r"换[^，。！？]{0,4}(很|太|挺|特别|多)?(麻烦|折腾|费劲)|换[^。！？]{0,14}(又得|还得|得|要)重新(教|培训|学)",
}
# Market prices: a commodity, travel or a maker's / carrier's prices.
_MARKET = {
    "en": r"\b(steel|fuel|oil|gas|petrol|diesel|energy|electricity|food|grocer(y|ies)|housing|rents?|materials?|lumber|timber|copper|grain|flights?|airfare|hotels?|coffee|everything|commodit(y|ies)|manufacturers?|carmakers?|producers?|couriers?|carriers?|airlines?|wholesalers?|cars|wholesale|retail|spot|market)\b",
    "it": r"\b(acciaio|carburant\w*|benzina|gasolio|petrolio|energia|bollett\w*|materie prime|affitt\w*|vol[oi]|albergh\w*|caffè|produttor\w*|corrier\w*|auto|macchine|all'ingrosso|ingrosso|al dettaglio|di mercato)\b",
    "ru": r"\b(бензин\w*|топлив\w*|нефт\w*|электроэнерги\w*|стал[ьи]|металл\w*|сырь\w*|материал\w*|аренд\w*|авиабилет\w*|билет\w*|гостиниц\w*|кофе|производител\w*|курьер\w*|перевозчик\w*|автомобил\w*|машин|оптов\w*|рыночн\w*|розничн\w*)\b",
    "pl": r"\b(paliw\w*|benzyn\w*|rop[ayę]|prąd\w*|energi\w*|stal[iy]?|materiał\w*|surowc\w*|czynsz\w*|najm(u|em|ie)?\b|bilet\w*|lot(y|u|ów)?|hotel\w*|kaw[ay]|producent\w*|kurier\w*|przewoźni\w*|aut|auta|samochod\w*|hurtow\w*|rynkow\w*|detaliczn\w*)\b",
    "zh": r"(钢材|钢价|油价|汽油|柴油|原材料|机票|酒店|房价|房租|菜价|物价|金价|咖啡|厂家|厂商|车价|批发价|市场价|零售价|批发)",
}
_RATE = {
    "en": r"\b(churn|retention|occupancy|attrition|conversion|(refund|renewal|return|cancellation|no-show|growth|fill|win|booking|repeat)s? rate('s)?)\b.{0,60}\b(percent|per cent)\b|\b(down|dropped|fell|fallen|come down|gone down|went down)( \w+){0,2} (to |below |under )(about |around |under |below )?\w+( \w+)? (percent|per cent)\b",
    "it": r"\b(tasso|percentuale)\b.{0,60}\bper ?cento\b|\b(scesi|scese|sceso|scesa|calat\w*|diminuit\w*)( \w+){0,3} \w+ per ?cento\b",
    "ru": r"\b(отток|удержани\w*|конверси\w*|доля|показател\w*)\b.{0,80}\bпроцент\w*|\b(упал\w*|снизил\w*|сократил\w*|опустил\w*)( \w+){0,5} процент\w*",
    "pl": r"\b(wskaźnik\w*|odsetek|retencj\w*|konwersj\w*)\b.{0,60}\bprocent\w*|\b(spadł\w*|zmalał\w*|obniżył\w*)( \w+){0,4} procent\w*",
    "zh": r"(降|下降|降到|跌)[^，。]{0,6}百分之",
}
_ZH_RATE_BEFORE = r"率[^，。；！？]{0,4}$"  # a rate just before the match's last word ("续费率挺高": 续费 … 高)
_THEIRS = {
    "en": r"\b(their|its|his|her) (\w+ ){0,2}(contract|agreement|deal|lease)s?\b",
    "it": r"\bil loro contratto\b|\bgli (hanno )?(disdetto|rescisso)\b",
    "ru": r"\b(их|его|её|ее) (\w+ )?(договор|контракт)\w*|\bу (них|него|неё|нее)\b[^.!?]{0,80}(расторгл|разорвал)\w*",
    "pl": r"\b(ich|jego|jej) (\w+ )?(umow|kontrakt)\w*",
    "zh": r"(他们|她们|它们)的(合同|协议)|(他们|她们)(跟|和|与)[^。！？]{0,16}(解约|终止|解除)",
}
_PAST_CHOICE = {
    "en": r"\b(years?|a while) (ago|back)\b.*\b((picked|chose|went with|signed with|stayed with) you|not (evaluating|looking at|comparing))\b",
    "it": r"\b(anni fa|tempo fa)\b.*\b(scelto voi|(ora|adesso) non)\b",
    "ru": r"\b(лет|года|год)( \w+)? назад\b.*\b(выбрали вас|сейчас (ничего )?не)\b",
    "pl": r"\b(lat[a]? temu|kiedyś)\b.*\b(wybraliśmy (was|wasz)|teraz (niczego |nic )?nie)\b",
    "zh": r"(年前|以前|当初)[^。！？]*(选了你们|选择了你们|现在(没|不))",
}
_ZH_PLEASE = re.compile(
    r"(?<![太很挺真好特别非常比较有点越更超])麻烦(?=了|你|您|帮|改|发|给|把|再|跟|[^，。！？太很]{1,4}一下)"
)
_ZH_PROCESS = re.compile(r"走(流程|完|手续|过)|(流程|手续|单)[^，。]{0,3}走")
# The cancel word naming a control of the product, not an act: "the unsubscribe link", "退订链接", "кнопка отмены".
_CONTROL = {
    "en": r"\b(cancel\w*|unsubscribe|opt-out) (link|button|page|option|form|flow|email|template)s?\b",
    "it": r"\b(pulsant\w*|link|tast\w*|bottone|pagina|modulo) (di |per )?(annull\w*|disdett\w*|cancellazion\w*|disiscri\w*)",
    "ru": r"(кнопк\w*|ссылк\w*|страниц\w*|форм\w*|шаблон\w*) (отмен\w*|отписк\w*|расторжени\w*)",
    "pl": r"\b(przycisk\w*|link\w*|stron\w*|formularz\w*|szablon\w*) (anuluj\w*|anulowani\w*|rezygnacj\w*|wypisani\w*)",
    "zh": r"(退订|取消|解约|注销)(链接|按钮|键|页面|入口|功能|选项|模板)",
}
_ECHO_DENIAL = {
    "en": r"^\s*(no\b|nope\b|nah\b|not at all|of course not|god no|absolutely not|never\b)",
    "it": r"^\s*(no\b|ma no\b|macché|macche|assolutamente no|per niente|ma figurati|figuriamoci|neanche per sogno)",
    "ru": r"^\s*(нет\b|да нет|ни в коем|что вы|ну нет|какое там|наоборот)",
    "pl": r"^\s*(nie\b|skąd|ależ skąd|gdzie tam|raczej nie|raczej \w+my\b|wręcz przeciwnie|coś ty)",
    "zh": r"^\s*(没有|没|不会|不|哪有|哪里|怎么会|才不)",
}
_CLAUSE_OPENER = r"(?:,|，|\bbut\b|\bma\b|\bale\b|\bно\b|不过|但)(?!.*(?:,|，|\bbut\b|\bma\b|\bale\b|\bно\b|不过|但))"  # the last one
_NEAR = 40  # characters either side of a match that a private thing or a market good must stand within
_ECHO_WORDS = 6  # an echoed question is short: at most this many words (Chinese: twice as many characters)


DISCLAIMER = _DISCLAIMER


def names_vendor(text: str, lang: str) -> bool:
    """The vendor or its product named in ``text`` (lower case)."""
    return bool(re.search(_NAMED[lang], text)) if lang in _NAMED else False


def elsewhere(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` of a rule of ``category`` is about something other than the renewal,
    or ``""`` (the constructions of the module's docstring; each looked for only where it applies)."""
    text = sentence.lower()
    for applies, find, why in (*_senses(text, start, end, lang, category), *_parties(text, start, lang, category)):
        found = find() if applies else ""
        if found:
            return f"{why}: {found!r}"
    return ""


Check = tuple[bool, Callable[[], str], str]


def _senses(text: str, start: int, end: int, lang: str, category: str) -> list[Check]:
    """Other senses: a disclaimer, private life, small talk, an approved budget, market prices, own rates ..."""
    ours = bool(re.search(_OURS[lang], text)) if lang in _OURS else False
    return [
        (category != "champion", lambda: _disclaimer(text, end, lang), "the customer says it is unrelated"),
        (category in _ELSEWHERE_CATEGORIES, lambda: _near(_ELSEWHERE, text, start, end, lang), _PRIVATE),
        (category in ("support", "complexity") and not ours, lambda: _search(_SMALL_TALK, text, lang), "small talk"),
        (category == "budget", lambda: _approved(text, lang), "the budget is approved"),
        (
            category == "price" and not ours,
            lambda: _near(_MARKET, text, start, end, lang),
            "market or someone else's prices",
        ),
        (category == "price", lambda: _search(_BUDGETED, text, lang), "a rise already in the budget"),
        (category == "price", lambda: _search(_MORE_SEATS, text, lang), "buying more"),
        (category == "downgrade", lambda: _over(_ADDITIONAL, text, start, end, lang), "buying more"),
        (category in _RATE_CATEGORIES, lambda: _rate(text, end, lang), "a rate of the company's own"),
        (lang == "zh", lambda: _zh_sense(text, start, end, category), "another sense"),
        (category == "cancellation", lambda: _over(_CONTROL, text, start, end, lang), "a control of the product"),
        (category in ("competitor", "complexity"), lambda: _over(_SWITCHING_COST, text, start, end, lang), _SWITCH_WHY),
    ]


def _parties(text: str, start: int, lang: str, category: str) -> list[Check]:
    """Other people's things: the company's customers, a third party's contract, a relative's business ..."""
    ours = bool(re.search(_OURS[lang], text)) if lang in _OURS else False
    named = bool(re.search(_NAMED[lang], text)) if lang in _NAMED else False
    return [
        (
            category in ("competitor", "cancellation", "champion"),
            lambda: _our_customers(text, start, lang),
            "the company's own customers",
        ),
        (category == "cancellation" and not ours, lambda: _search(_THEIRS, text, lang), "a third party's contract"),
        (category == "competitor", lambda: _search(_PAST_CHOICE, text, lang), "a past evaluation that ended with you"),
        (category != "champion" and not _you(text, lang), lambda: _search(_KIN, text, lang), _KIN_WHY),
        (category == "cancellation" and not named, lambda: _search(_PREVIOUS, text, lang), "a provider left for you"),
        (category in ("competitor", "price"), lambda: _search(_OUR_SUPPLIER, text, lang), "a supplier of its own"),
    ]


_SWITCH_WHY = "switching would be a hassle: a reason to stay"
_PRIVATE = "private life or the customer's own operations"
_KIN_WHY = "a relative's or a friend's business"


_RATE_CATEGORIES = ("price", "cancellation", "support", "complexity", "budget")
_ELSEWHERE_CATEGORIES = ("cancellation", "price", "budget", "downgrade")


def denied_after(text: str, sentence_start: int, sentence_end: int, lang: str) -> str:
    """The denial that answers a short question holding the match ("解约？没有没有，没这个打算。"), or ``""``."""
    sentence = text[sentence_start:sentence_end].strip()
    if not sentence.endswith(("?", "？")) or lang not in _ECHO_DENIAL:
        return ""
    size = len(sentence) if lang == "zh" else len(sentence.split())
    if size > (_ECHO_WORDS * 2 if lang == "zh" else _ECHO_WORDS):
        return ""
    found = re.search(_ECHO_DENIAL[lang], text[sentence_end:].lower())
    return found.group(0).strip() if found else ""


def _over(table: dict[str, str], text: str, start: int, end: int, lang: str) -> str:
    """A construction of ``table`` that covers part of the match."""
    spans = re.finditer(table[lang], text) if lang in table else ()
    return next((m.group(0) for m in spans if m.start() < end and start < m.end()), "")


def _you(text: str, lang: str) -> bool:
    """The vendor addressed ("you", "voi", "вы", "wy", "你们")."""
    return bool(re.search(_YOU[lang], text)) if lang in _YOU else False


def _near(table: dict[str, str], text: str, start: int, end: int, lang: str) -> str:
    """A word of ``table`` within ``_NEAR`` characters of the match, the vendor and its product not named in the
    sentence."""
    if lang not in table or re.search(_NAMED[lang], text):
        return ""
    return _search(table, text[max(0, start - _NEAR) : end + _NEAR], lang)


def _our_customers(text: str, start: int, lang: str) -> str:
    """One of the company's own customers named before the match, the vendor not."""
    before = text[:start]
    if lang not in _OUR_CUSTOMERS or re.search(_NAMED[lang], before):
        return ""
    return _search(_OUR_CUSTOMERS, before, lang)


def _search(table: dict[str, str], text: str, lang: str) -> str:
    found = re.search(table[lang], text) if lang in table else None
    return found.group(0).strip() if found else ""


def _disclaimer(text: str, end: int, lang: str) -> str:
    """A disclaimer after the match, the words before it naming neither the vendor nor the renewal."""
    found = re.search(_DISCLAIMER[lang], text[end:]) if lang in _DISCLAIMER else None
    before = re.split(_CLAUSE_OPENER, text[: end + found.start()])[0] if found else ""
    if not found or re.search(_OURS[lang], text[: max(end, len(before))]):
        return ""
    return found.group(0).strip()


# "Until it is approved" is no approval ("до утверждения бюджета", "until the budget is signed off", "do zatwierdzenia").
_UNTIL_BEFORE = {
    "en": r"\b(until|till|before|pending)\W+(\w+\W+){0,3}$",
    "it": r"\b(fino a(ll['a]|l)?|prima (che|di|dell['a])|in attesa (di|dell['a]))\W*(\w+\W+){0,2}$",
    "ru": r"\b(до|пока не|в ожидании)\W+(\w+\W+){0,1}$",
    "pl": r"\b(do|dopóki nie|przed|w oczekiwaniu na)\W+(\w+\W+){0,1}$",
    "zh": r"(之前|以前|前|等)[^，。]{0,6}$",
}


def _approved(text: str, lang: str) -> str:
    """The budget approved in the sentence ("il budget è stato approvato"), not "not approved" / "还没批", nor "until
    it is approved" ("до утверждения бюджета")."""
    found = re.search(_APPROVED[lang], text) if lang in _APPROVED else None
    if not found or re.search(_NOT_BEFORE[lang], text[: found.start()]):
        return ""
    if lang in _UNTIL_BEFORE and re.search(_UNTIL_BEFORE[lang], text[: found.start()]):
        return ""
    return found.group(0)


def _rate(text: str, end: int, lang: str) -> str:
    """A rate or percentage of the company's own in the sentence (Chinese: a 率 before the match's last word)."""
    if lang == "zh":
        found = re.search(_ZH_RATE_BEFORE, text[:end])
        return found.group(0) if found else _search(_RATE, text, lang)
    return _search(_RATE, text, lang)


def _zh_sense(text: str, start: int, end: int, category: str) -> str:
    """Chinese words of another sense inside the match: 麻烦 as "please / thanks", 走 as a process going through,
    续 as the second character of 手续 (formalities; 手续费 a handling fee: "银行手续费涨了" is no 续费)."""
    formalities = text.find("手续", max(0, start - 1), end)
    if formalities != -1:
        return text[formalities : formalities + 3]
    around = text[max(0, start - 3) : end + 3]
    if category == "complexity":
        found = _ZH_PLEASE.search(text, max(0, start - 1), end + 3)
        return found.group(0) + text[found.end() : found.end() + 1] if found else ""
    if category == "champion":
        found = _ZH_PROCESS.search(around)
        return found.group(0) if found else ""
    return ""

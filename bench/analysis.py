"""Reanalysis throughput: the full default rule set over many stored-like calls, words per second per core,
beside spaCy's full English pipeline (``nlp.pipe``) over the same text in the same run.

    .venv/bin/python bench/analysis.py [--calls 100] [--lines 120] [--seed 1]

Calls are built from real-sounding customer and rep lines (about one in eight a churn-risk line, some
negated or hypothetical; no two lines alike, so no cache helps), so the matchers, the negation parse
of hit sentences and the risk score all run as they do on a real library. CPU time
(``time.process_time``) is what counts: words / CPU second is words per second per core, whatever else
the machine is doing.
"""

from __future__ import annotations

import argparse
import os
import random
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

from assistant.analysis import analyze
from assistant.analysis.nlp import get_fast_nlp, get_nlp
from assistant.analysis.rules import load_ruleset
from assistant.records import Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR, load_settings

NEUTRAL = [
    "Thanks for making the time today, I know the quarter end is busy for everyone.",
    "Can you share your screen so we can walk through the dashboard together?",
    "We rolled the reporting module out to the east coast team last month.",
    "The integration with our data warehouse has been running without issues.",
    "I'll send over the updated agenda and the notes right after this call.",
    "Our sales team has doubled since we last spoke, mostly in the EMEA region.",
    "Let me pull up the numbers from the last two quarters quickly.",
    "Yeah, that makes sense, and the new onboarding flow looked good to me.",
    "We had our kickoff on Monday and the managers were pretty engaged.",
    "Could you remind me what the next steps were from the previous meeting?",
    "I think the main question from legal was about the data retention terms.",
    "Sure, Thursday at two works for me, I'll add Priya to the invite as well.",
]
OPENERS = ["Right, about point", "Okay so on item", "Well, regarding number", "And for ticket", "So on page"]
RISKY = [
    "Honestly it's just not in the budget this year, finance wants us to cut tools.",
    "We got a quote from HubSpot that's about half the price of what we pay now.",
    "Our champion left in March so nobody really owns this internally anymore.",
    "We've barely logged in since January, the team went back to spreadsheets.",
    "To be frank we won't be renewing the contract when it ends in June.",
    "We are not planning to cancel, but the price increase is hard to justify.",
    "If the price goes up again we might switch to Salesforce next year.",
    "Support has been really slow, we've been waiting weeks on that ticket.",
]


def build_calls(n_calls: int, n_lines: int, seed: int) -> list[Transcript]:
    rng = random.Random(seed)
    calls = []
    for _ in range(n_calls):
        utts = []
        for i in range(n_lines):
            role = "customer" if i % 2 else "rep"
            text = rng.choice(RISKY) if role == "customer" and rng.random() < 0.25 else rng.choice(NEUTRAL)
            text = f"{rng.choice(OPENERS)} {rng.randint(1, 999)}, {text[0].lower()}{text[1:]}"  # no two alike
            utts.append(Utterance(role, role, i * 6.0, i * 6.0 + 5.0, text))  # type: ignore[arg-type]
        calls.append(Transcript(tuple(utts), "en", n_lines * 6.0, "vtt"))
    return calls


def _cpu(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--lines", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = load_settings()
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    calls = build_calls(args.calls, args.lines, args.seed)
    texts = [u.text for call in calls for u in call.utterances]
    words = sum(len(t.split()) for t in texts)
    analyze(calls[0], ruleset, settings=settings)  # load pipelines and compile the rules once
    full = get_nlp("en")
    list(full.pipe(texts[:50]))

    hits = 0

    def ours() -> None:
        nonlocal hits
        hits = sum(len(analyze(call, ruleset, settings=settings).hits) for call in calls)

    ours_cpu, ours_wall = _cpu(ours)
    tok_cpu, _ = _cpu(lambda: list(get_fast_nlp("en").pipe(texts, batch_size=256)))
    spacy_cpu, spacy_wall = _cpu(lambda: list(full.pipe(texts, batch_size=256)))
    print(f"calls {len(calls)}, utterances {len(texts)}, words {words}, rules {len(ruleset.rules)}, hits {hits}")
    print(f"reanalysis (full default rules): {words / ours_cpu:>10,.0f} words/s/core  ({ours_cpu:.1f} s CPU, "
          f"{ours_wall:.1f} s wall)")  # fmt: skip
    print(f"  of which tokenise + lemmas:    {words / tok_cpu:>10,.0f} words/s/core")
    print(f"spaCy en_core_web_sm nlp.pipe:   {words / spacy_cpu:>10,.0f} words/s/core  ({spacy_cpu:.1f} s CPU, "
          f"{spacy_wall:.1f} s wall)")  # fmt: skip
    print(f"ratio reanalysis / spaCy full:   {spacy_cpu / ours_cpu:>10.1f}x")
    print(f"call-hours per minute per core:  {words / ours_cpu * 60 / (150 * 60):>10.0f}  (at 150 spoken words/min)")


if __name__ == "__main__":
    main()

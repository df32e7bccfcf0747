"""The learned churn-risk model: the head (training, file format, bad files) and the model beside the rules,
with the real encoders and the head shipped in the package."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis import analyze, churn_model, find_hits
from assistant.analysis.model import HEAD_FILE, ChurnModel, get_embedder, load_model
from assistant.analysis.model.classify import DISMISS_AT_LEAST
from assistant.analysis.model.head import Example, load_head, save_head, train_head
from assistant.analysis.model.training import COLUMNS, choose_dismiss, choose_thresholds, choose_veto, load_examples
from assistant.analysis.rules import RuleSet, load_ruleset, ruleset_from_rules
from assistant.errors import HeadError, InputError
from assistant.records import Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR, Settings


@pytest.fixture(scope="module")
def model() -> ChurnModel:
    return load_model()


@pytest.fixture(scope="module")
def defaults() -> RuleSet:
    return load_ruleset(DEFAULT_RULES_DIR)


def _call(lines: list[tuple[str, str]], lang: str) -> Transcript:
    utts = tuple(
        Utterance(role, role, i * 10.0, i * 10.0 + 8.0, text, language=lang)  # type: ignore[arg-type]
        for i, (role, text) in enumerate(lines)
    )
    return Transcript(utts, lang, len(lines) * 10.0, "vtt")


# ---- the head ----------------------------------------------------------------------------------


def _toy() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8))
    y = np.stack([(x[:, 0] > 0), (x[:, 1] > 0.5)], axis=1).astype(float)
    return x, y


def test_training_is_deterministic_and_learns() -> None:
    x, y = _toy()
    a = train_head(x, y, ("up", "right"), seed=3)
    b = train_head(x, y, ("up", "right"), seed=3)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    accuracy = ((a.probabilities(x) >= 0.5) == (y > 0)).mean()
    assert accuracy > 0.9


def test_head_file_round_trip(tmp_path: Path) -> None:
    x, y = _toy()
    examples = tuple(Example(f"line {i}", "en", ("up",) if y[i, 0] else (), f"toy:{i}") for i in range(len(x)))
    head = replace(train_head(x, y, ("up", "right")), embedder="toy", examples=examples,
                   example_vectors=x.astype(np.float16))  # fmt: skip
    save_head(head, tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    assert loaded.categories == ("up", "right") and loaded.embedder == "toy" and loaded.examples == examples
    assert np.allclose(loaded.probabilities(x), head.probabilities(x), atol=1e-4)
    nearest = loaded.nearest(x[5], k=2, category="up")
    assert all("up" in e.labels for e, _ in nearest) and len(nearest) == 2


def test_head_keeps_its_look_alike_columns_thresholds_and_veto(tmp_path: Path) -> None:
    x, y = _toy()
    head = replace(train_head(x, y, ("up", "quiet")), embedder="toy", quiet=("quiet",), thresholds=(0.45, 0.6),
                   veto=0.05)  # fmt: skip
    save_head(head, tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    assert (loaded.quiet, loaded.thresholds, loaded.veto) == (("quiet",), (0.45, 0.6), 0.05)
    assert loaded.is_risk(0) and not loaded.is_risk(1) and loaded.threshold_of(1) == 0.6


def test_head_keeps_its_dismiss_level(tmp_path: Path) -> None:
    x, y = _toy()
    head = replace(train_head(x, y, ("up", "quiet")), embedder="toy", quiet=("quiet",), dismiss=0.35)
    save_head(head, tmp_path / "head.npz")
    assert load_head(tmp_path / "head.npz").dismiss == 0.35


def test_dismiss_is_the_lowest_level_whose_dismissals_are_no_risk_often_enough() -> None:
    """Rule-flagged lines: 40 look-alikes and 60 risks. A risk line dismissed at a level counts against it; so does
    a line whose look-alike column wins in one reading only (the line alone, or with the turns before)."""
    examples = [Example("metrics", "en", (), trap="own_metrics")] * 40 + [Example("risk", "en", ("price",))] * 60
    probs, metrics, price = np.zeros((100, len(COLUMNS))), COLUMNS.index("own_metrics"), COLUMNS.index("price")
    probs[:40, metrics], probs[:40, price] = 0.7, 0.1
    probs[40:43, metrics], probs[40:43, price] = 0.52, 0.2  # three risks at 0.52: dismissed at 0.50, not at 0.55
    probs[43:, price] = 0.9
    alone = probs.copy()
    assert choose_dismiss(probs, alone, examples) == 0.55  # at 0.50: 40 of 43 = 0.93 < 0.95
    alone[:40, price] = 0.8  # alone, the look-alikes read as price: no level dismisses them in both readings
    assert choose_dismiss(probs, alone, examples) == 0.0


def test_training_never_chooses_a_dismiss_level_below_the_reading_floor() -> None:
    """The look-alikes are right at 0.30 already; the level is still 0.5 (``looks.DISMISS_AT_LEAST``): the
    eighth-round head's CV-chosen 0.40 dismissed a real cancellation's rule hits at p=0.44."""
    examples = [Example("metrics", "en", (), trap="own_metrics")] * 40 + [Example("risk", "en", ("price",))] * 60
    probs, metrics, price = np.zeros((100, len(COLUMNS))), COLUMNS.index("own_metrics"), COLUMNS.index("price")
    probs[:20, metrics], probs[20:40, metrics], probs[40:, price] = 0.35, 0.6, 0.9
    assert choose_dismiss(probs, probs.copy(), examples) == DISMISS_AT_LEAST == 0.5
    probs[20:40, metrics] = 0.45  # nothing at 0.5 or above: off, not a level under the floor
    assert choose_dismiss(probs, probs.copy(), examples) == 0.0


def test_thresholds_are_the_lowest_that_reach_the_precision_goal() -> None:
    examples = [Example("risk", "en", ("price",))] * 10 + [Example("quiet", "en", (), trap="logistics")] * 10
    probs = np.zeros((20, len(COLUMNS)))
    price, logistics = COLUMNS.index("price"), COLUMNS.index("logistics")
    probs[:, price] = [0.8] * 10 + [0.5] * 10  # no-risk lines reach 0.5 on price: the threshold must be above
    probs[:, logistics] = [0.35] * 10 + [0.9] * 10
    chosen = choose_thresholds(probs, examples)
    assert chosen[price] == 0.55 and chosen[logistics] == 0.4
    assert chosen[COLUMNS.index("budget")] == 0.3  # a column that never fires keeps the lowest


def test_the_veto_costs_at_most_its_share_of_the_rules_true_hits() -> None:
    examples = [Example("risk", "en", ("price",))] * 100 + [Example("quiet", "en", ())] * 20
    probs = np.zeros((120, len(COLUMNS)))
    probs[:100, 0] = [0.03] * 5 + [0.07] * 3 + [0.9] * 92
    assert choose_veto(probs, examples, loss=0.05) == 0.06  # 0.08 would dismiss 8 of the 100
    assert choose_veto(probs, examples) == 0.03  # shipped: none of them (0.04 would dismiss 5)


def test_corpus_traps_become_look_alike_labels(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "en.yaml").write_text(
        "language: en\nitems:\n- {kind: sense, labels: [], trap: metrics, text: 'our own churn fell'}\n"
        "- {kind: pos, labels: [price], trap: metrics, text: 'your price went up'}\n", encoding="utf-8"
    )  # fmt: skip
    assert [e.trap for e in load_examples([folder])] == ["own_metrics", ""]
    (folder / "en.yaml").write_text("language: en\nitems:\n- {kind: ok, labels: [], trap: meteo, text: 'sunny'}\n")
    with pytest.raises(InputError, match=r"en\.yaml: item 1: trap 'meteo' is not one of metrics"):
        load_examples([folder])


def test_finer_distractor_kinds_map_to_look_alikes_or_none(tmp_path: Path) -> None:
    """eval_heldout9b names each no-risk twin's kind in ``distractor:`` (beside ``trap:``, or alone); eval_heldout10a
    adds ``smalltalk``."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    kinds = ["metrics", "third_party", "denial", "hypothetical", "praise", "resolved", "topic", "context", "smalltalk"]
    items = "".join(f"- {{kind: neg, labels: [], distractor: {k}, text: 'line {k}'}}\n" for k in kinds)
    (folder / "en.yaml").write_text(f"language: en\nitems:\n{items}", encoding="utf-8")
    assert [e.trap for e in load_examples([folder])] == ["own_metrics", "third_party", *[""] * 7]
    (folder / "en.yaml").write_text("language: en\nitems:\n- {kind: ok, labels: [], distractor: weather, text: x}\n")
    with pytest.raises(InputError, match=r"en\.yaml: item 1: distractor 'weather' is not one of metrics"):
        load_examples([folder])


def test_source_genres_in_distractor_are_no_look_alike_and_the_trap_still_counts(tmp_path: Path) -> None:
    """eval_heldout11b names where a real line came from in ``distractor:`` (review, parliament, written,
    encyclopedia): no look-alike column by itself; a ``trap:`` beside it still gives the line its column."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    genres = ["review", "parliament", "written", "encyclopedia"]
    items = "".join(f"- {{kind: ok, labels: [], distractor: {g}, text: 'line {g}'}}\n" for g in genres)
    items += "- {kind: sense, labels: [], trap: word_sense, distractor: written, text: 'taniał'}\n"
    items += "- {kind: pos, labels: [dissatisfaction], text: '服务差'}\n"
    (folder / "zh.yaml").write_text(f"language: zh\nitems:\n{items}", encoding="utf-8")
    loaded = load_examples([folder])
    assert [e.trap for e in loaded] == ["", "", "", "", "word_sense", ""]
    assert [e.labels for e in loaded][-2:] == [(), ("dissatisfaction",)]
    (folder / "zh.yaml").write_text("language: zh\nitems:\n- {kind: ok, labels: [], distractor: blog, text: x}\n")
    with pytest.raises(InputError, match=r"zh\.yaml: item 1: distractor 'blog' is not one of .*encyclopedia"):
        load_examples([folder])


def test_training_without_the_rules_flags_leaves_veto_and_dismiss_off() -> None:
    """``train(..., ruled=None)`` crashed (no rule-flagged lines: an empty target matrix of the wrong shape)."""
    from assistant.analysis.model.training import train

    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 8)).astype(np.float32)
    examples = [Example(f"line {i}", "en", ("price",) if x[i, 0] > 0 else (), f"toy:{i}",
                        "" if x[i, 0] > 0 else "logistics") for i in range(40)]  # fmt: skip
    head, report = train(examples, get_embedder(), vectors=x, before=np.zeros_like(x), ruled=None)
    assert (head.veto, head.dismiss, report.examples) == (0.0, 0.0, 40)
    assert head.thresholds[COLUMNS.index("price")] < 0.9  # it learned the column


def test_missing_or_corrupt_head_names_the_file_and_the_command(tmp_path: Path) -> None:
    with pytest.raises(HeadError, match=r"missing\.npz.*missing.*assistant model train"):
        load_head(tmp_path / "missing.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(HeadError, match=r"bad\.npz.*corrupt.*assistant model train"):
        load_head(bad)


def test_rules_work_alone_when_the_head_is_broken(
    tmp_path: Path, defaults: RuleSet, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "head.npz"
    bad.write_text("garbage")
    settings = Settings(data_dir=tmp_path, churn_model_file=bad)
    with caplog.at_level(logging.WARNING):
        model, why = churn_model(settings)
        analysis = analyze(_call([("customer", "We've decided not to renew the contract.")], "en"), defaults,
                           settings=settings)  # fmt: skip
    assert model is None and str(bad) in why and "assistant model train" in why
    assert "cancel_or_not_renew" in {h.rule for h in analysis.hits}
    assert str(bad) in caplog.text


def test_the_setting_turns_the_model_off(tmp_path: Path) -> None:
    assert churn_model(Settings(data_dir=tmp_path, churn_model=False)) == (None, "the churn_model setting is off")


# ---- the shipped model beside the rules ----------------------------------------------------------


def test_shipped_head_is_trained_on_every_language_and_category(model: ChurnModel) -> None:
    head = model.head
    assert HEAD_FILE.is_file() and head.embedder == model.embedder.name
    assert {e.language for e in head.examples} == {"en", "it", "ru", "pl", "zh"}
    assert set(head.categories) == {c for e in head.examples for c in (*e.labels, e.trap) if c}
    assert set(head.quiet) == {"own_metrics", "third_party", "logistics", "word_sense"}
    assert 0 <= head.veto <= 0.1  # chosen to dismiss none of the rules' true hits out of fold: 0 for this head
    assert len(head.thresholds) == len(head.categories)
    assert "dissatisfaction" in head.categories


# Lines written for this test (in no corpus): clear risks the keyword rules do not know, and plain talk.
RISKS = [
    ("en", "Honestly the new release is a disaster and my whole team is furious about it.", "dissatisfaction"),
    ("it", "Sinceramente il nuovo rilascio è un disastro e tutta la squadra è furiosa.", "dissatisfaction"),
    pytest.param("ru", "Честно говоря, новый релиз — катастрофа, и вся команда в ярости.", "dissatisfaction",
                 marks=pytest.mark.xfail(strict=True, reason="known regression since the fifth-round head: "
                                         "dissatisfaction p 0.23 < 0.50 then, under 0.10 with the sixth's (0.70), "
                                         "the seventh's (0.10 < 0.50) and the eighth's (0.18 < 0.60)")),
]  # fmt: skip
CALM = [
    ("en", "Thanks, the workshop was great and everyone is using the new dashboards."),
    ("pl", "Dziękuję, warsztaty były świetne i wszyscy korzystają z nowych pulpitów."),
    ("zh", "谢谢，培训很好，大家都在用新的看板。"),
]


@pytest.fixture(scope="module")
def without_verdicts(defaults: RuleSet) -> RuleSet:
    """The shipped rules less plain_dissatisfaction (rules11): that rule now reads plain verdicts such as "the new
    release is a disaster", and the model leaves a category a rule flagged on a line to the rule; this test asks
    whether the model hears such a line when no rule does."""
    return ruleset_from_rules(tuple(r for r in defaults.rules if r.id != "plain_dissatisfaction"), defaults.competitors)


@pytest.mark.parametrize(("lang", "text", "category"), RISKS)
def test_model_hears_risk_the_rules_miss_and_explains_it(
    model: ChurnModel, without_verdicts: RuleSet, lang: str, text: str, category: str
) -> None:
    hits = find_hits(_call([("customer", text)], lang), without_verdicts, model=model)
    found = [h for h in hits if h.rule == f"model.{category}"]
    assert found, hits
    hit = found[0]
    assert hit.category == category and 0.3 <= hit.confidence <= 1.0 and hit.weight > 0
    assert f"model: {category} p=" in hit.evidence and "like \u201c" in hit.evidence


@pytest.mark.parametrize(("lang", "text"), CALM)
def test_model_leaves_calm_talk_alone(model: ChurnModel, defaults: RuleSet, lang: str, text: str) -> None:
    assert not find_hits(_call([("customer", text)], lang), defaults, model=model)


def test_model_never_reads_the_rep(model: ChurnModel, defaults: RuleSet) -> None:
    text = RISKS[0][1]
    assert not [
        h for h in find_hits(_call([("rep", text)], "en"), defaults, model=model) if h.rule.startswith("model.")
    ]


def _rule(rule_id: str, category: str, **extra: object) -> object:
    from assistant.analysis.rules import Rule

    return Rule(id=rule_id, name=rule_id, category=category, weight=40, phrases={"en": ("zebra",)}, **extra)  # type: ignore[arg-type]


def test_exclusions_and_model_false_keep_a_category_to_the_rules(model: ChurnModel) -> None:
    text = RISKS[0][1]
    plain = ruleset_from_rules((_rule("dis", "dissatisfaction"),))
    assert [h.rule for h in find_hits(_call([("customer", text)], "en"), plain, model=model)] == [
        "model.dissatisfaction"
    ]
    hit = find_hits(_call([("customer", text)], "en"), plain, model=model)[0]
    assert hit.weight == 40  # the category's weight comes from the manager's rule
    vetoing = ruleset_from_rules((_rule("dis", "dissatisfaction", exclude={"en": ("new release",)}),))
    assert not find_hits(_call([("customer", text)], "en"), vetoing, model=model)
    off = ruleset_from_rules((_rule("dis", "dissatisfaction", model=False),))
    assert not find_hits(_call([("customer", text)], "en"), off, model=model)


def test_a_rule_hit_keeps_its_category(model: ChurnModel, defaults: RuleSet) -> None:
    hits = find_hits(_call([("customer", "We've decided not to renew the contract.")], "en"), defaults, model=model)
    cancellation = [h for h in hits if h.category == "cancellation"]
    assert [h.rule for h in cancellation] == ["cancel_or_not_renew"]


def test_stored_vectors_give_the_same_hits(model: ChurnModel, defaults: RuleSet) -> None:
    call = _call([("customer", CALM[0][1]), ("rep", "How is it going?"), ("customer", RISKS[0][1])], "en")
    vectors = model.embedder.embed([u.text for u in call.utterances])
    assert find_hits(call, defaults, model=model, vectors=vectors) == find_hits(call, defaults, model=model)


def test_report_says_which_signals_came_from_the_model(
    model: ChurnModel, without_verdicts: RuleSet, settings: Settings
) -> None:
    analysis = analyze(_call([("customer", RISKS[0][1])], "en"), without_verdicts, settings=settings, model=model)
    assert "model.dissatisfaction" in analysis.report.explanation
    assert "learned model, probability" in analysis.report.explanation


# ---- look-alikes, the veto, conditional threats (the shipped head) ------------------------------------------------

# A look-alike the keyword rules flag and the model dismisses. ("Our own churn dropped ..." was the line until the
# rules learnt to recognise "our own churn" themselves: analysis/parties.py, tests/analysis/test_parties.py.)
# A look-alike the keyword rules do not read as a metric themselves (no rate, no percentage: senses.py's own-rate
# construction dismisses "churn ... hit three percent" on its own), so what these tests see is the model's dismissal.
OWN_METRICS = "Churn across the gyms hit a record low this quarter, the best year we've had."


def test_a_look_alike_dismisses_the_rule_hit_and_says_why(model: ChurnModel, defaults: RuleSet) -> None:
    plain = find_hits(_call([("customer", OWN_METRICS)], "en"), defaults)
    assert plain and not any(h.negated for h in plain)  # the keyword rules alone flag it
    hits = find_hits(_call([("customer", OWN_METRICS)], "en"), defaults, model=model)
    assert hits and all(h.negated and "dismissed by the model" in h.evidence for h in hits)
    assert not any(h.rule.startswith("model.") for h in hits)


def test_a_dismissed_hit_scores_nothing_and_the_report_says_why(
    model: ChurnModel, defaults: RuleSet, settings: Settings
) -> None:
    analysis = analyze(_call([("customer", OWN_METRICS)], "en"), defaults, settings=settings, model=model)
    assert analysis.report.score == 0 and "dismissed by the model ×0" in analysis.report.explanation


def test_a_tracker_with_model_false_is_never_dismissed(model: ChurnModel) -> None:
    from assistant.analysis.rules import Rule

    def churn(**extra: object) -> RuleSet:
        rule = Rule(id="churn", name="churn", category="cancellation", weight=40, phrases={"en": ("churn",)}, **extra)  # type: ignore[arg-type]
        return ruleset_from_rules((rule,))

    call = _call([("customer", OWN_METRICS)], "en")
    assert all(h.negated for h in find_hits(call, churn(), model=model))
    kept = find_hits(call, churn(model=False), model=model)
    assert kept and not any(h.negated for h in kept)


def test_the_rep_is_never_dismissed_and_never_read(model: ChurnModel, defaults: RuleSet) -> None:
    assert find_hits(_call([("rep", OWN_METRICS)], "en"), defaults, model=model) == find_hits(
        _call([("rep", OWN_METRICS)], "en"), defaults
    )


def test_conditional_threat_counts_fully_speculation_is_softer(model: ChurnModel) -> None:
    plain = ruleset_from_rules((_rule("zebra", "price"),))  # no keyword fires: the model's hits alone
    # the sixth-round head reads "If the sync bug is still there in October, we will not renew." as cancellation
    # p 0.78, under its cancellation threshold (0.90: the sixth round's contrast pairs use the word in other senses)
    threat = find_hits(_call([("customer", "If the price doesn't come down by March, we will cancel the contract.")],
                             "en"), plain, model=model)  # fmt: skip
    # and "If prices ever went up a lot, I suppose we might look around one day." as competitor p 0.58 (threshold 0.60)
    maybe = find_hits(_call([("customer", "If the budget gets cut next year, we might have to drop some licences.")],
                            "en"), plain, model=model)  # fmt: skip
    assert threat and not any(h.hypothetical for h in threat) and "conditional threat" in threat[0].evidence
    assert maybe and all(h.hypothetical for h in maybe) and "speculation" in maybe[0].evidence


def test_the_encoders_cap_numpys_blas_pool_at_their_threads() -> None:
    """numpy's BLAS pool defaults to every core and its idle threads spin: the embedder caps it at
    ``embedding_threads`` for the process (a worker with one thread per pool then uses one core)."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from assistant.analysis.model.embedding import Embedder

    def blas() -> set[int]:
        return {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}

    assert blas(), "numpy has no BLAS pool to cap"
    with threadpool_limits(limits=2, user_api="blas"):  # the process's limits are restored afterwards
        assert blas() == {2}
        Embedder(1)
        assert blas() == {1}


# ---- context: the turns before a line (the reader) ----------------------------------------------------------------


def test_head_file_keeps_its_context_reader(tmp_path: Path) -> None:
    x, y = _toy()
    before = np.roll(x, 1, axis=0)
    reader = train_head(np.hstack([x, before]), y, ("up", "right"))
    head = replace(train_head(x, y, ("up", "right")), embedder="toy", reader=reader)
    save_head(head, tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    assert loaded.reader is not None
    assert np.allclose(loaded.probabilities(x, before), head.probabilities(x, before), atol=1e-4)
    alone = head.probabilities(x)
    assert not np.allclose(head.probabilities(x, before), alone)  # the turns before change the reading
    assert np.allclose(head.probabilities(x, np.zeros_like(x)), alone)  # a first line is read alone


def test_a_reader_that_does_not_fit_the_head_is_corrupt(tmp_path: Path) -> None:
    x, y = _toy()
    head = replace(train_head(x, y, ("up", "right")), embedder="toy", reader=train_head(x, y, ("up", "right")))
    save_head(head, tmp_path / "head.npz")
    with pytest.raises(HeadError, match=r"head\.npz.*corrupt.*reader weights.*assistant model train"):
        load_head(tmp_path / "head.npz")


def test_contrast_pairs_share_a_fold_and_ctx_is_read(tmp_path: Path) -> None:
    from assistant.analysis.model.training import fold_of

    folder = tmp_path / "corpus"
    folder.mkdir()
    items = "".join(
        f"- {{kind: ok, labels: [], pair: p{n // 2}, ctx: [[rep, 'question {n}'], [customer, 'eh']], text: 'answer'}}\n"
        for n in range(40)
    )  # fmt: skip
    (folder / "en.yaml").write_text(f"language: en\nitems:\n{items}- {{kind: ok, labels: [], ctx: 'hi', text: 'x'}}\n")
    examples = load_examples([folder])
    assert examples[0].context == ("question 0", "eh") and examples[-1].context == ("hi",)
    folds = fold_of(examples)
    assert all(folds[n] == folds[n + 1] for n in range(0, 40, 2)) and len(set(folds.tolist())) > 1
    (folder / "en.yaml").write_text("language: en\nitems:\n- {kind: ok, labels: [], ctx: [[rep]], text: 'x'}\n")
    with pytest.raises(InputError, match=r"en\.yaml: item 1: 'ctx' is a turn's text or a list of turns"):
        load_examples([folder])


LINES_A_RULE_FLAGS = [
    [("rep", "Thanks for joining, how is the rollout going?"),
     ("customer", "Honestly we are thinking about cancelling, the budget is gone.")],
    [("rep", "How are things going with the platform?"),
     ("customer", "Honestly the price is too high, and we've decided not to renew the contract."),
     ("customer", "We're moving to HubSpot next quarter.")],
]  # fmt: skip


@pytest.mark.parametrize("lines", LINES_A_RULE_FLAGS)
def test_the_model_never_silences_a_plain_rule_hit(model: ChurnModel, defaults: RuleSet, lines: list) -> None:
    """The scored fourth-round head (3b938aa) silenced both calls' rule hits for "no risk in it"."""
    call = _call(lines, "en")
    alone = {h.utterance_index for h in find_hits(call, defaults) if not h.negated and h.role == "customer"}
    kept = {h.utterance_index for h in find_hits(call, defaults, model=model) if not h.negated}
    assert alone and alone <= kept


def test_the_reader_alone_never_silences_a_rules_hit(model: ChurnModel, defaults: RuleSet) -> None:
    """After a small-talk question the context reader finds no risk in a plain cancellation line; the veto needs
    the line alone to find none too, so the rule's hit stays (it was dismissed before this was fixed)."""
    call = _call([("rep", "Thanks for joining, how is the rollout going?"),
                  ("customer", "Honestly we are thinking about cancelling, the budget is gone.")], "en")  # fmt: skip
    live = [h for h in find_hits(call, defaults, model=model) if not h.negated and h.utterance_index == 1]
    assert "cancellation" in {h.category for h in live}, find_hits(call, defaults, model=model)


def test_scheduling_after_a_promise_is_no_risk_on_the_sample_call(model: ChurnModel, defaults: RuleSet) -> None:
    """The third round's head flagged "Okay, Friday works. Just know we need a decision before the end of the
    month." (the customer answering the rep's promise of a revised proposal by Friday) as cancellation, p 0.77."""
    from assistant.transcription.formats import import_transcript

    vtt = Path(__file__).resolve().parents[2] / "samples" / "reference" / "northwind-price-competitor.vtt"
    call = import_transcript(vtt, Settings())
    friday = next(i for i, u in enumerate(call.utterances) if u.text.startswith("Okay, Friday works"))
    hits = find_hits(call, defaults, model=model)
    assert not [h for h in hits if h.utterance_index == friday and not h.negated]
    assert [h for h in hits if h.category == "competitor" and not h.negated]  # the call's real risk stays


# ---- one reading per line ------------------------------------------------------------------------------------------

A_CALL = [("rep", "How did the rollout go since we last spoke?"),
          ("customer", "Our own churn dropped to three percent this quarter."),
          ("rep", "Great. Anything on the renewal?"),
          ("customer", "Honestly the new version is a mess and we are looking at other vendors."),
          ("customer", "Grazie."), ("customer", "Let's cancel Tuesday's sync and talk Friday.")]  # fmt: skip


def test_the_head_reads_each_line_once_per_call(
    model: ChurnModel, defaults: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Model hits, look-alikes and the veto share one reading: one evaluation of the head and one of the context
    reader per call (there were three of the head and two of the reader)."""
    from assistant.analysis.model import head as head_module

    call, calls = _call(A_CALL, "en"), []
    vectors = model.embedder.embed([u.text for u in call.utterances])
    real = head_module._sigmoid
    monkeypatch.setattr(head_module, "_sigmoid", lambda z: calls.append(z.shape) or real(z))
    find_hits(call, defaults, model=model, vectors=vectors)
    dims = model.head.weights.shape[0]
    assert [shape[0] for shape in calls] == [4, 4]  # the four customer lines: by the head, then the reader
    assert model.head.reader is not None and model.head.reader.weights.shape[0] == 2 * dims


def test_one_reading_gives_what_reading_each_part_apart_gives(model: ChurnModel, defaults: RuleSet) -> None:
    """learned_hits reads the call once; model_hits and look_alikes each reading the lines themselves (with the
    turns before) find the same hits and the same look-alikes."""
    from assistant.analysis.model import model_hits
    from assistant.analysis.model.classify import learned_hits, look_alikes, turns_before

    call = _call(A_CALL, "en")
    vectors = model.embedder.embed([u.text for u in call.utterances])
    lines = [(i, u, "en") for i, u in enumerate(call.utterances) if u.role != "rep"]
    wanted = [i for i, _, _ in lines]
    before = turns_before(vectors, wanted)
    shared, looks, parts = learned_hits(lines, defaults, model, vectors, {}, {}, call.utterances)
    assert parts == {}  # no turn of this call is long enough to be read sentence by sentence
    apart = model_hits(lines, vectors[wanted], model, taken={}, blocked=set(), weights={}, before=before)
    assert [(h.utterance_index, h.category, h.confidence) for h in shared] == [
        (h.utterance_index, h.category, h.confidence) for h in apart
    ]
    assert looks == look_alikes(lines, vectors[wanted], model, before) and looks  # the own-metrics line at least
    alone = model.probabilities(vectors[wanted])
    reading = model.read(vectors[wanted], before)
    assert np.array_equal(reading.alone, alone)
    assert np.array_equal(reading.probs, model.probabilities(vectors[wanted], before))


LOOK_ALIKES_A_RULE_FLAGS = [
    ("en", "One of our distributors terminated their contract with the courier firm last month."),
    ("en", "Our own customer churn fell to two percent this year, the lowest we've had."),
    ("it", "Un nostro fornitore ha disdetto il contratto con il suo spedizioniere a marzo."),
    ("ru", "Наш крупный клиент расторг договор со своим поставщиком упаковки."),
    ("pl", "Nasz dystrybutor wypowiedział umowę swojemu przewoźnikowi w maju."),
    ("zh", "我们的一个经销商上个月跟他们的物流公司解约了。"),
]  # written after the fifth-round head was trained, not trained on


@pytest.mark.parametrize(("lang", "text"), LOOK_ALIKES_A_RULE_FLAGS)
def test_a_third_party_or_own_metric_rule_hit_is_dismissed_with_why(
    model: ChurnModel, defaults: RuleSet, lang: str, text: str
) -> None:
    from assistant.analysis.rules import Rule

    words = {"en": ("terminate", "terminated", "churn"), "it": ("disdire", "disdetto"),
             "ru": ("расторгнуть", "расторг"), "pl": ("wypowiedzieć", "wypowiedział"), "zh": ("解约",)}  # fmt: skip
    rule = Rule(id="ended", name="ended", category="cancellation", weight=40, phrases={lang: words[lang]})  # type: ignore[arg-type]
    plain = ruleset_from_rules((rule,))  # a plain keyword rule
    call = _call([("rep", "How are things on your side?"), ("customer", text)], lang)
    flagged = [h for h in find_hits(call, plain) if h.utterance_index == 1 and not h.negated]
    hits = [h for h in find_hits(call, plain, model=model) if h.utterance_index == 1]
    assert not [h for h in hits if not h.negated], hits  # nothing live with the model on
    if flagged:  # the rule alone flags it (the engine leaves most third parties' contracts alone since rules5)
        assert all("dismissed by the model: looks like" in h.evidence for h in hits), hits
        assert any(q in hits[0].evidence for q in ("third_party", "own_metrics"))


def test_a_real_risk_beside_a_look_alike_word_keeps_its_rule_hits(model: ChurnModel, defaults: RuleSet) -> None:
    call = _call([("rep", "How are things on your side?"),
                  ("customer", "We're cancelling the contract and moving to HubSpot next quarter.")], "en")  # fmt: skip
    kept = {h.rule for h in find_hits(call, defaults, model=model) if h.utterance_index == 1 and not h.negated}
    assert {"cancel_or_not_renew", "competitor_evaluation"} <= kept

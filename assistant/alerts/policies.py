"""Load and validate the alert policies file (YAML), every problem reported as ``file:line: message``.

    policies:
      - name: high-risk renewals
        trigger: {level: high, categories: [cancellation], executive_risk: true, match: any}
        filters: {min_arr: 50000, languages: [en]}
        recipients: [csm@example.com]
        channels:
          - {type: slack, url: "https://hooks.slack.com/services/..."}
          - {type: webhook, url: "https://crm.example.com/hooks/risk"}
          - {type: email}
        only_new_risks: false

A missing file means no policies. ``load_policies`` raises ``AlertError`` listing every problem at once;
``PolicyWatch`` keeps the previous policies in effect when an edited file turns out malformed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from assistant.errors import AlertError
from assistant.records.alerts import (
    CHANNEL_KINDS,
    LEVELS,
    ChannelKind,
    ChannelSpec,
    Filters,
    Policy,
    PolicySet,
    Trigger,
)
from assistant.yamlfile import LineDict, LineList, Problems, check_fields, closest, parse_yaml, suggest

POLICY_FIELDS = ("name", "trigger", "filters", "recipients", "channels", "only_new_risks", "top")
TRIGGER_FIELDS = ("level", "score", "categories", "trackers", "executive_risk", "accounts", "match")
FILTER_FIELDS = ("accounts", "min_arr", "languages")
CHANNEL_FIELDS = ("type", "name", "url", "to")


class PolicyProblems(AlertError):
    """The alert policies file is invalid."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class _Value:
    """One value of the file: what YAML made of it, its line, and its text as written (scalars only)."""

    value: Any
    line: int
    raw: str | None


def _get(data: LineDict, key: str) -> _Value | None:
    return _Value(data[key], data.value_line(key), data.raw.get(key)) if key in data else None


def _items(items: LineList) -> list[_Value]:
    return [_Value(v, ln, raw) for v, ln, raw in zip(items, items.lines, items.raw, strict=True)]


@dataclass
class _Ctx:
    path: Path
    problems: Problems

    def fail(self, at: _Value | LineDict | int, message: str) -> None:
        line = at if isinstance(at, int) else at.line
        self.problems.add(str(self.path), line, message)


def load_policies(path: Path) -> PolicySet:
    """The policies in ``path``; an empty set when the file does not exist; PolicyProblems when invalid."""
    if not path.is_file():
        return PolicySet(source=path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyProblems([f"{path}: cannot read the policies file ({exc})"]) from exc
    return parse_policies(text, path)


def parse_policies(text: str, path: Path) -> PolicySet:
    problems = Problems(ordered=False)
    root = parse_yaml(text, str(path), problems, invalid="not valid YAML")
    problems.raise_if_any(PolicyProblems)
    ctx = _Ctx(path, problems)
    policies = _root(ctx, _Value(root, getattr(root, "line", 1), None)) if root is not None else []
    problems.raise_if_any(PolicyProblems)
    version = hashlib.sha256(text.encode()).hexdigest()
    return PolicySet(tuple(policies), source=path, version=version)


def _root(ctx: _Ctx, root: _Value) -> list[Policy]:
    items: _Value | None = root
    if isinstance(root.value, LineDict):
        _mapping(ctx, root, ("policies",))
        items = _get(root.value, "policies")
    if items is None or items.value is None:
        return []
    if not isinstance(items.value, LineList):
        ctx.fail(items, "'policies' must be a list of policies (each starting with '- name: ...')")
        return []
    policies = [p for item in _items(items.value) if (p := _policy(ctx, item)) is not None]
    _unique_names(ctx, policies)
    return policies


def _unique_names(ctx: _Ctx, policies: list[Policy]) -> None:
    seen: dict[str, int] = {}
    for p in policies:
        if p.name.lower() in seen:
            ctx.fail(
                p.line,
                f"policy name {p.name!r} is used twice (also at line {seen[p.name.lower()]}); "
                "names identify alerts, make them unique",
            )
        seen.setdefault(p.name.lower(), p.line)


def _mapping(ctx: _Ctx, node: _Value, allowed: tuple[str, ...]) -> dict[str, _Value]:
    """The fields of a mapping; unknown keys are reported with a suggestion."""
    if not isinstance(node.value, LineDict):
        ctx.fail(node, f"expected a mapping with fields {', '.join(allowed)}")
        return {}
    check_fields(node.value, allowed, str(ctx.path), ctx.problems, listing="; known fields: {}")
    return {key: v for key in node.value if key in allowed and (v := _get(node.value, key)) is not None}


def _scalar(ctx: _Ctx, node: _Value, field: str) -> Any:
    if isinstance(node.value, dict | list):
        ctx.fail(node, f"{field!r} must be a single value")
        return None
    return node.value


def _text(ctx: _Ctx, node: _Value | None, field: str) -> str | None:
    if node is None:
        return None
    value = _scalar(ctx, node, field)
    if value is None or str(value).strip() == "":
        ctx.fail(node, f"{field!r} must not be empty")
        return None
    return str(value).strip()


def _number(ctx: _Ctx, node: _Value | None, field: str, low: float = 0.0) -> float | None:
    if node is None:
        return None
    value = _scalar(ctx, node, field)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
        ctx.fail(node, f"{field!r} must be a number ≥ {low:g}, not {_show(node)}")
        return None
    return float(value)


def _flag(ctx: _Ctx, node: _Value | None, field: str) -> bool:
    if node is None:
        return False
    value = _scalar(ctx, node, field)
    if not isinstance(value, bool):
        ctx.fail(node, f"{field!r} must be true or false, not {_show(node)}")
        return False
    return value


def _strings(ctx: _Ctx, node: _Value | None, field: str) -> tuple[str, ...]:
    """A list of strings; a single string is accepted as a one-item list."""
    if node is None:
        return ()
    if not isinstance(node.value, dict | list):
        value = _text(ctx, node, field)
        return (value,) if value else ()
    if not isinstance(node.value, LineList):
        ctx.fail(node, f"{field!r} must be a list of names")
        return ()
    return tuple(v for item in _items(node.value) if (v := _text(ctx, item, field)))


def _choice(ctx: _Ctx, node: _Value | None, field: str, choices: tuple[str, ...]) -> str | None:
    value = _text(ctx, node, field)
    if value is None or node is None:
        return None
    if value.lower() not in choices:
        close = closest(value.lower(), choices)
        hint = f" (did you mean {close!r}?)" if close else ""
        ctx.fail(node, f"{field!r} must be one of {', '.join(choices)}, not {value!r}{hint}")
        return None
    return value.lower()


def _show(node: _Value) -> str:
    return repr(node.raw) if node.raw is not None else "a list or mapping"


def _policy(ctx: _Ctx, node: _Value) -> Policy | None:
    before = len(ctx.problems)
    fields = _mapping(ctx, node, POLICY_FIELDS)
    name = _text(ctx, fields.get("name"), "name")
    if name is None and "name" not in fields:
        ctx.fail(node, "a policy needs a 'name'")
    trigger = _trigger(ctx, fields.get("trigger"), node)
    channels = _channels(ctx, fields.get("channels"), node)
    top = _number(ctx, fields.get("top"), "top", low=1)
    policy = Policy(
        name=name or "?",
        trigger=trigger,
        channels=channels,
        filters=_filters(ctx, fields.get("filters")),
        recipients=_strings(ctx, fields.get("recipients"), "recipients"),
        only_new_risks=_flag(ctx, fields.get("only_new_risks"), "only_new_risks"),
        top=int(top) if top else 3,
        line=node.line,
    )
    _check_email(ctx, policy, node)
    return policy if len(ctx.problems) == before else None


def _trigger(ctx: _Ctx, node: _Value | None, parent: _Value) -> Trigger:
    if node is None:
        ctx.fail(parent, "a policy needs a 'trigger' (level, score, categories, trackers, executive_risk or accounts)")
        return Trigger()
    before = len(ctx.problems)
    f = _mapping(ctx, node, TRIGGER_FIELDS)
    trigger = Trigger(
        level=_choice(ctx, f.get("level"), "level", LEVELS),
        score=_number(ctx, f.get("score"), "score"),
        categories=tuple(c.lower() for c in _strings(ctx, f.get("categories"), "categories")),
        trackers=_strings(ctx, f.get("trackers"), "trackers"),
        executive_risk=_flag(ctx, f.get("executive_risk"), "executive_risk"),
        accounts=_strings(ctx, f.get("accounts"), "accounts"),
        match=cast(Any, _choice(ctx, f.get("match"), "match", ("any", "all")) or "any"),
    )
    has_condition = any((trigger.level, trigger.score is not None, trigger.categories, trigger.trackers)) or any(
        (trigger.executive_risk, trigger.accounts)
    )
    if isinstance(node.value, LineDict) and not has_condition and len(ctx.problems) == before:
        ctx.fail(node, "empty trigger: give level, score, categories, trackers, executive_risk or accounts")
    return trigger


def _filters(ctx: _Ctx, node: _Value | None) -> Filters:
    if node is None:
        return Filters()
    f = _mapping(ctx, node, FILTER_FIELDS)
    return Filters(
        accounts=_strings(ctx, f.get("accounts"), "accounts"),
        min_arr=_number(ctx, f.get("min_arr"), "min_arr"),
        languages=tuple(lang.lower() for lang in _strings(ctx, f.get("languages"), "languages")),
    )


def _channels(ctx: _Ctx, node: _Value | None, parent: _Value) -> tuple[ChannelSpec, ...]:
    if node is None or not isinstance(node.value, LineList) or not node.value:
        ctx.fail(node or parent, "a policy needs 'channels': a list of {type: slack|webhook|email, ...}")
        return ()
    specs = [s for i, item in enumerate(_items(node.value)) if (s := _channel(ctx, item, i)) is not None]
    names = [s.name for s in specs]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        ctx.fail(node, f"two channels are named {dup!r}; give each a distinct 'name'")
    return tuple(specs)


def _channel(ctx: _Ctx, node: _Value, index: int) -> ChannelSpec | None:
    f = _mapping(ctx, node, CHANNEL_FIELDS)
    if "type" not in f:
        if isinstance(node.value, LineDict):
            ctx.fail(node, f"a channel needs a 'type': one of {', '.join(CHANNEL_KINDS)}")
        return None
    kind = _choice(ctx, f.get("type"), "type", CHANNEL_KINDS)
    if kind is None:
        return None
    url = _text(ctx, f.get("url"), "url")
    if kind == "webhook" and url is None:
        ctx.fail(node, "a webhook channel needs a 'url'")
    if url is not None and not url.startswith(("http://", "https://")):
        ctx.fail(f["url"], f"'url' must start with http:// or https://, not {url[:20]!r}")
    to = _strings(ctx, f.get("to"), "to")
    _check_addresses(ctx, f.get("to"), to)
    name = _text(ctx, f.get("name"), "name") or (kind if index == 0 else f"{kind}-{index + 1}")
    return ChannelSpec(kind=cast(ChannelKind, kind), name=name, url=url, to=to)


def _check_addresses(ctx: _Ctx, node: _Value | None, addresses: tuple[str, ...]) -> None:
    for address in addresses:
        if node is not None and ("@" not in address or " " in address):
            ctx.fail(node, f"{address!r} is not an email address")


def _check_email(ctx: _Ctx, policy: Policy, node: _Value) -> None:
    for spec in policy.channels:
        if spec.kind == "email" and not (spec.to or any("@" in r for r in policy.recipients)):
            ctx.fail(node, f"policy {policy.name!r}: the email channel has no address (give 'to' or 'recipients')")


class PolicyWatch:
    """Policies for a long-running process: reloaded when the file changes; a malformed edit keeps the
    previous policies in effect and is reported once through ``on_error``."""

    def __init__(self, path: Path, on_error: Callable[[AlertError], None] | None = None) -> None:
        self.path = path
        self.on_error = on_error
        self._stamp = self._file_stamp()
        self.current = load_policies(path)  # the first load fails fast: nothing to fall back on

    def _file_stamp(self) -> tuple[float, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime, st.st_size)

    def refresh(self) -> PolicySet:
        stamp = self._file_stamp()
        if stamp == self._stamp:
            return self.current
        self._stamp = stamp
        try:
            self.current = load_policies(self.path)
        except AlertError as exc:
            if self.on_error is not None:
                self.on_error(exc)
        return self.current


def unknown_references(policies: PolicySet, *, categories: set[str], trackers: set[str]) -> list[str]:
    """Policy triggers that name a category or tracker no rule produces (they could never fire), as
    ``file:line: message`` with the closest known name."""
    problems: list[str] = []
    for policy in policies.policies:
        where = f"{policies.source}:{policy.line}: policy {policy.name!r}"
        for kind, named, known in (
            ("category", policy.trigger.categories, categories),
            ("tracker", policy.trigger.trackers, trackers),
        ):
            for name in named:
                if name not in known:
                    hint = suggest(name, sorted(known), " (known: {})")
                    problems.append(f"{where}: no rule has the {kind} {name!r}, so it can never fire{hint}")
    return problems

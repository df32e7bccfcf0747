"""The analysis's regular expressions, each compiled once.

The analysis reads ~540 fixed patterns (per-language tables of its modules); ``re``'s own cache keeps 512 and drops
the oldest, so every call recompiled some of them (19,176 ``re._compile`` calls on 20 calls of long turns). These
functions take the same arguments as ``re``'s and compile each pattern once, for the life of the process: only
fixed patterns of the code come here, never text from a call or a rule file (which would grow the cache)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def search(pattern: str, text: str) -> re.Match[str] | None:
    return compiled(pattern).search(text)


def match(pattern: str, text: str) -> re.Match[str] | None:
    return compiled(pattern).match(text)


def fullmatch(pattern: str, text: str) -> re.Match[str] | None:
    return compiled(pattern).fullmatch(text)


def finditer(pattern: str, text: str) -> Iterator[re.Match[str]]:
    return compiled(pattern).finditer(text)


def findall(pattern: str, text: str) -> list:
    return compiled(pattern).findall(text)


def split(pattern: str, text: str) -> list[str]:
    return compiled(pattern).split(text)

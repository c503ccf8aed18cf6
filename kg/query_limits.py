"""Checks a SPARQL text passes before Oxigraph sees it.

Oxigraph's parser and evaluator recurse: a 10 KB query nested 5,000 levels
deep overflows the stack and kills the process (SIGSEGV), which no timeout
or ``try`` can catch. ``SERVICE`` makes the engine fetch from other hosts.
So a query is scanned first, in linear time and without recursion: strings,
IRIs and comments are skipped; brackets ``( { [`` count towards the depth;
long operator chains (``1+1+...``, ``!!!...``) count as depth too, since the
engine builds them into one deep tree.
"""
from __future__ import annotations

import re

from kg.errors import E, UsageError

__all__ = ["check_query", "query_shape", "MAX_QUERY_CHARS", "MAX_DEPTH", "MAX_CHAIN"]

MAX_QUERY_CHARS = 200_000
MAX_DEPTH = 128          # real queries nest a dozen levels
MAX_CHAIN = 2_000        # operators in one bracket level (Oxigraph nests them one per operator)

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_OPERATORS = frozenset("+-*/!|&=<>^")


def query_shape(sparql: str) -> tuple[int, int, set[str]]:
    """``(deepest nesting, longest operator chain, keywords in upper case)`` of a SPARQL text."""
    depth = deepest = 0
    chains = [0]
    longest = 0
    words: set[str] = set()
    i, n = 0, len(sparql)
    prev = " "
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                if sparql[j] == "\\":
                    j += 1
                elif len(quote) == 1 and sparql[j] in "\r\n":
                    break
                j += 1
            i = j + len(quote)
            prev = '"'
            continue
        if c == "<":
            m = _IRI.match(sparql, i)
            if m:
                i = m.end()
                prev = ">"
                continue
        if c in "({[":
            depth += 1
            deepest = max(deepest, depth)
            chains.append(0)
        elif c in ")}]":
            depth = max(0, depth - 1)
            if len(chains) > 1:
                chains.pop()
        elif c in _OPERATORS:
            chains[-1] += 1
            longest = max(longest, chains[-1])
        elif c == "_" or ("a" <= c.lower() <= "z"):
            m = _WORD.match(sparql, i)
            word = m.group()
            # a keyword, not ?var, $var, prefix:name or :name
            if prev not in "?$:" and not sparql.startswith(":", m.end()):
                words.add(word.upper())
            i = m.end()
            prev = "w"
            continue
        elif c in ".;,":
            chains[-1] = 0
        prev = c
        i += 1
    return deepest, longest, words


def check_query(sparql: str, *, max_chars: int = MAX_QUERY_CHARS, max_depth: int = MAX_DEPTH,
                allow_service: bool = False) -> None:
    """Raise :class:`~kg.errors.UsageError` (E514 size, E515 depth, E516 SERVICE) for a query to refuse."""
    if len(sparql) > max_chars:
        raise UsageError(E.E514.format(size=len(sparql), max=max_chars))
    deepest, longest, words = query_shape(sparql)
    if deepest > max_depth:
        raise UsageError(E.E515.format(depth=deepest, max=max_depth))
    if longest > MAX_CHAIN:
        raise UsageError(E.E515.format(depth=f"{longest} operators", max=f"{MAX_CHAIN} operators"))
    if not allow_service and "SERVICE" in words:
        raise UsageError(E.E516.format())

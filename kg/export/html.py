"""The analyst view: one self-contained HTML page drawn with vis-network.

The page is the project's own template (``kg/templates/view.html``, ``.css``,
``.js``) with everything inlined: the vis-network build that pyvis ships
(``pyvis/lib/vis-*/vis-network.min.js``; vis-network is dual-licensed
Apache-2.0 / MIT, its licence header is kept in the page), the styles, the
script and the graph as JSON. It makes no network request: a strict
Content-Security-Policy forbids any, and nothing points outside the file.

Graph text is untrusted: it is embedded as JSON in a
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page script writes it with ``textContent`` only.

Nodes are sized by degree; at any zoom the best-connected nodes are labelled
first, at a readable size, as many as the canvas holds. Above
``layout_threshold`` drawn nodes, positions come from Python (a seeded
force-directed layout), physics is off and the page opens on the actor view:
actors joined by aggregated links (width = events, colour = quad class of
most of them, an arrow where the events have a direction), with drill-down
(double-click an actor, or "show its events") to that actor's events. Above
``max_nodes`` events are not drawn at all and a banner says so. A timeline
histogram under the graph filters it by brushing; filters re-fit the view;
the events that pass the filters can be saved as CSV.
"""
from __future__ import annotations

import html
import importlib.util
import json
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.errors import E, KGError, UsageError
from kg.export import register
from kg.netx import met_pairs, to_networkx

__all__ = ["to_html", "view_data", "render_page", "layout_positions", "vis_network_js",
           "DEFAULT_MAX_NODES", "DEFAULT_LAYOUT_THRESHOLD"]

DEFAULT_MAX_NODES = 5000
DEFAULT_LAYOUT_THRESHOLD = 300
_ACTOR_KINDS = {"Person", "Country", "Organization", "Group", "Actor"}
_PLACE_KINDS = {"City", "Place"}
_EVIDENCE_KEYS = ("sentence", "anchor", "start", "end", "doc_begin", "doc_end", "doc", "source", "issued")
_ENTITY_KEYS = ("label", "kind", "aliases", "qid", "role_title", "iso3", "is_actor", "is_place")
_EVENT_KEYS = ("label", "kind", "cameo", "cameo_name", "cameo_root", "cameo_root_name", "plover", "quad",
               "goldstein", "factuality", "confidence", "date", "place", "place_label", "documents")


# ---------------------------------------------------------------- assets

def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", name))


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The standalone vis-network build shipped inside pyvis (highest version found)."""
    try:
        # find the package without importing it (pyvis.network pulls in jinja2 and IPython)
        spec = importlib.util.find_spec("pyvis")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("pyvis is not installed")
        lib = Path(next(iter(spec.submodule_search_locations))) / "lib"
        candidates = sorted((d for d in lib.iterdir() if d.name.startswith("vis-")
                             and d.joinpath("vis-network.min.js").is_file()),
                            key=lambda d: _version_key(d.name))
        if not candidates:
            raise FileNotFoundError("no pyvis/lib/vis-*/vis-network.min.js")
        js = candidates[-1].joinpath("vis-network.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise KGError(E.E401.format(detail=exc)) from exc
    # inline <script> ends at the first "</script": never let the library contain one
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _template(name: str) -> str:
    return resources.files("kg.templates").joinpath(name).read_text(encoding="utf-8")


def _script_json(obj: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>', '&', U+2028/9 left raw."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---------------------------------------------------------------- layout

def _fruchterman_reingold(n: int, edges: list[tuple[int, int]], seed: int, iterations: int = 50,
                          gravity: float = 2.0):
    """Dense Fruchterman-Reingold in numpy (float32, row-chunked): ~1 s for 2,000 nodes.

    networkx's spring_layout needs scipy above 500 nodes; this needs only numpy.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32)
    y = rng.random(n, dtype=np.float32)
    k2 = np.float32(1.0 / n)
    k = np.sqrt(k2)
    temp = np.float32(0.1)
    cool = temp / (iterations + 1)
    src = np.fromiter((e[0] for e in edges), dtype=np.int64, count=len(edges))
    dst = np.fromiter((e[1] for e in edges), dtype=np.int64, count=len(edges))
    chunk = max(1, min(n, 4_000_000 // max(n, 1)))
    fx = np.empty(n, dtype=np.float32)
    fy = np.empty(n, dtype=np.float32)
    for _ in range(iterations):
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            dx = x[lo:hi, None] - x[None, :]
            dy = y[lo:hi, None] - y[None, :]
            d2 = dx * dx
            d2 += dy * dy
            np.maximum(d2, np.float32(1e-6), out=d2)
            np.divide(k2, d2, out=d2)
            fx[lo:hi] = (dx * d2).sum(1)
            fy[lo:hi] = (dy * d2).sum(1)
        if len(edges):
            ex = x[src] - x[dst]
            ey = y[src] - y[dst]
            el = np.sqrt(ex * ex + ey * ey) / k
            ax, ay = ex * el, ey * el
            fx -= (np.bincount(src, ax, n) - np.bincount(dst, ax, n)).astype(np.float32)
            fy -= (np.bincount(src, ay, n) - np.bincount(dst, ay, n)).astype(np.float32)
        # a weak pull to the centre keeps isolated nodes and small components near the rest
        fx -= gravity * (x - x.mean())
        fy -= gravity * (y - y.mean())
        length = np.maximum(np.sqrt(fx * fx + fy * fy), np.float32(1e-9))
        step = np.minimum(length, temp) / length
        x += fx * step
        y += fy * step
        temp -= cool
    return x, y


def layout_positions(H: nx.Graph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions in pixels, centred on 0 (deterministic)."""
    nodes = sorted(H.nodes())
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n < 500:  # networkx's spring_layout is pure numpy below 500 nodes
        S = nx.Graph()
        S.add_nodes_from(nodes)
        S.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in H.edges() if u != v))
        pos = nx.spring_layout(S, seed=seed, iterations=80)
        xs = [float(pos[v][0]) for v in nodes]
        ys = [float(pos[v][1]) for v in nodes]
    else:
        index = {v: i for i, v in enumerate(nodes)}
        edges = sorted({(index[u], index[v]) for u, v in H.edges() if u != v})
        x, y = _fruchterman_reingold(n, edges, seed)
        xs, ys = x.tolist(), y.tolist()
    cx, cy = sum(xs) / n, sum(ys) / n
    # scale by the bulk of the graph (2nd-98th percentile), not by a few far-flung nodes
    lo, hi = int(n * 0.02), max(int(n * 0.98) - 1, 0)
    sx, sy = sorted(xs), sorted(ys)
    span = max(sx[hi] - sx[lo], sy[hi] - sy[lo]) or 1.0
    scale = max(800.0, 90.0 * n ** 0.5) / span
    return {v: (round((xs[i] - cx) * scale, 1), round((ys[i] - cy) * scale, 1)) for i, v in enumerate(nodes)}


# ---------------------------------------------------------------- data for the page

def _event_record(G: nx.MultiDiGraph, ev: str) -> dict[str, Any]:
    d = G.nodes[ev]
    rec: dict[str, Any] = {"id": ev, **{k: d.get(k) for k in _EVENT_KEYS}}
    rec["evidence"] = [{k: e.get(k) for k in _EVIDENCE_KEYS} for e in d.get("evidence", ())]
    rec["participants"] = [{"role": r["role"], "id": v, "label": G.nodes[v]["label"]}
                           for _, v, r in G.out_edges(ev, data=True)]
    return rec


def _entity_record(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = G.nodes[n]
    return {"id": n, **{k: d.get(k) for k in _ENTITY_KEYS}, "events": list(d.get("events", ()))}


def _is_actor(d: dict) -> bool:
    return bool(d.get("is_actor")) or d.get("kind") in _ACTOR_KINDS


def _actor_pairs(G: nx.MultiDiGraph, ev: str) -> tuple[list[tuple[str, str]], bool]:
    """Actor-to-actor links one event stands for: sources x targets, else every pair."""
    by_role: dict[str, list[str]] = defaultdict(list)
    for _, v, r in G.out_edges(ev, data=True):
        if r["role"] in ("source", "target", "actor") and _is_actor(G.nodes[v]):
            by_role[r["role"]].append(v)
    if by_role["source"] and by_role["target"]:
        pairs = [(a, b) for a in sorted(by_role["source"]) for b in sorted(by_role["target"]) if a != b]
        return pairs, True
    people = sorted(set(by_role["source"] + by_role["target"] + by_role["actor"]))
    return list(combinations(people, 2)), False


def _agg_links(G: nx.MultiDiGraph, events: list[str], keep: set[str] | None = None) -> list[dict[str, Any]]:
    """Actor-to-actor links, one per ordered pair: source -> target where the events say so
    (otherwise the pair in IRI order), with the events, their count, the quad class of most
    of them (a tie goes to the more conflictual class) and whether any has a direction."""
    links: dict[tuple[str, str], list[str]] = defaultdict(list)
    directed: dict[tuple[str, str], bool] = defaultdict(bool)
    for ev in events:
        pairs, is_directed = _actor_pairs(G, ev)
        for a, b in dict.fromkeys(pairs if is_directed else (tuple(sorted(p)) for p in pairs)):
            links[(a, b)].append(ev)
            directed[(a, b)] |= is_directed
    out = []
    for (a, b), evs in sorted(links.items()):
        if keep is not None and (a not in keep or b not in keep):
            continue
        quads = [G.nodes[e].get("quad") for e in evs if G.nodes[e].get("quad")]
        quad = max(range(1, 5), key=lambda q: (quads.count(q), q)) if quads else None
        out.append({"id": f"a{len(out)}", "from": a, "to": b, "role": "events", "weight": len(evs),
                    "events": evs, "quad": quad, "directed": directed[(a, b)], "view": "agg", "par": 0})
    return out


def _number_parallel(edges: list[dict[str, Any]]) -> None:
    """Give edges between the same two nodes distinct curves (``par`` 0, 1, 2...)."""
    seen: dict[tuple, int] = defaultdict(int)
    for e in edges:
        key = (e["view"], *sorted((e["from"], e["to"])))
        e["par"] = seen[key]
        seen[key] += 1


def _title(G: nx.MultiDiGraph, title: str | None) -> str:
    if title:
        return title
    docs = sorted({doc for _, d in G.nodes(data=True) for doc in d.get("documents", ())})
    events = sum(1 for _, d in G.nodes(data=True) if d.get("kind") == "Event")
    where = ", ".join(docs[:3]) + (f" and {len(docs) - 3} more" if len(docs) > 3 else "")
    return f"Diplomatic events: {events} event{'s' if events != 1 else ''}" + (f" from {where}" if where else "")


def view_data(G: nx.MultiDiGraph, met: list[tuple[str, str]] = (), *, title: str | None = None,
              max_nodes: int = DEFAULT_MAX_NODES, layout_threshold: int = DEFAULT_LAYOUT_THRESHOLD,
              seed: int = 42) -> dict[str, Any]:
    """Everything the page script needs, as JSON-ready data (pure; no HTML)."""
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise UsageError(E.E402.format(got=max_nodes))
    events = [n for n, d in G.nodes(data=True) if d.get("kind") == "Event"]
    data: dict[str, Any] = {
        "title": _title(G, title), "aggregated": False, "banner": None,
        "counts": {"graph_nodes": G.number_of_nodes(), "graph_edges": G.number_of_edges()},
    }
    if G.number_of_nodes() > max_nodes:
        nodes, edges, event_recs, banner = _aggregate(G, events, max_nodes)
        data.update(aggregated=True, banner=banner, nodes=nodes, edges=edges, simple_edges=[], agg_edges=[],
                    events=event_recs)
    else:
        nodes, edges, simple_edges = _full_and_simple(G, events, met)
        data.update(nodes=nodes, edges=edges, simple_edges=simple_edges, events=[],
                    agg_edges=_agg_links(G, events))
    drawn = nx.Graph()
    drawn.add_nodes_from(n["id"] for n in data["nodes"])
    drawn.add_edges_from((e["from"], e["to"]) for e in data["edges"])
    for n in data["nodes"]:  # size and label priority: links in the drawn graph
        n["deg"] = drawn.degree(n["id"])
    data["big"] = data["physics"] = False
    if drawn.number_of_nodes() > layout_threshold:
        pos = layout_positions(drawn, seed)
        for n in data["nodes"]:
            n["x"], n["y"] = pos[n["id"]]
        data["big"] = True
    else:
        data["physics"] = drawn.number_of_nodes() > 0
    # a big event graph opens on its actors (drill down from there); the aggregated one has nothing else
    data["default_view"] = "agg" if data["aggregated"] or data["big"] else "full"
    data["counts"].update(nodes=len(data["nodes"]), edges=len(data["edges"]))
    return data


def _full_and_simple(G: nx.MultiDiGraph, events: list[str], met: list[tuple[str, str]]):
    met = [(a, b) for a, b in met if a in G and b in G]
    in_met = {x for pair in met for x in pair}
    nodes = []
    for n, d in G.nodes(data=True):
        if d.get("kind") == "Event":
            rec = _event_record(G, n)
            rec["simple"] = bool(d.get("place")) and d["place"] in G
        else:
            rec = _entity_record(G, n)
            rec["simple"] = (_is_actor(d) or d.get("is_place") or d.get("kind") in _PLACE_KINDS) \
                and (bool(rec["events"]) or n in in_met)
        nodes.append(rec)
    edges = [{"id": f"f{i}", "from": u, "to": v, "role": d["role"], "event": d.get("event"), "view": "full"}
             for i, (u, v, d) in enumerate(G.edges(data=True))]
    simple: list[dict[str, Any]] = []
    for a, b in met:
        simple.append({"from": a, "to": b, "role": "met", "event": None})
    for ev in events:
        place = G.nodes[ev].get("place")
        if place and place in G:
            simple.append({"from": ev, "to": place, "role": "located", "event": ev})
        pairs, directed = _actor_pairs(G, ev)
        for a, b in pairs:
            simple.append({"from": a, "to": b, "role": "event", "event": ev, "directed": directed})
    for i, e in enumerate(simple):
        e.update(id=f"s{i}", view="simple")
    _number_parallel(edges)
    _number_parallel(simple)
    return nodes, edges, simple


def _aggregate(G: nx.MultiDiGraph, events: list[str], max_nodes: int):
    actors = [n for n, d in G.nodes(data=True) if d.get("kind") != "Event" and _is_actor(d) and d.get("events")]
    trimmed = len(actors) > max_nodes
    if trimmed:
        actors = sorted(actors, key=lambda n: (-len(G.nodes[n]["events"]), n))[:max_nodes]
    keep = set(actors)
    nodes = [_entity_record(G, n) | {"simple": True} for n in sorted(keep)]
    edges = _agg_links(G, events, keep)
    banner = (f"Large graph: {G.number_of_nodes():,} nodes and {G.number_of_edges():,} edges exceed the limit of "
              f"{max_nodes:,} nodes (max_nodes), so events are not drawn: each link joins two actors and its "
              f"width and label give the number of events between them. Click a link or an actor to list its events. "
              f"Export again with --max-nodes {G.number_of_nodes()} to draw every event.")
    if trimmed:
        banner += f" Only the {max_nodes:,} actors with the most events are shown."
    return nodes, edges, [_event_record(G, ev) for ev in events], banner


# ---------------------------------------------------------------- page

def render_page(data: dict[str, Any]) -> str:
    """The HTML page for :func:`view_data`'s output: one file, everything inlined."""
    parts = {
        "__KG_TITLE__": html.escape(data["title"]),
        "/*__KG_VIEW_CSS__*/": _template("view.css"),
        "__KG_DATA__": _script_json(data),
        "/*__KG_VIS_JS__*/": vis_network_js(),
        "/*__KG_VIEW_JS__*/": _template("view.js"),
    }
    # one pass over the template, so text inserted for one marker is never scanned for another
    pattern = re.compile("|".join(re.escape(k) for k in parts))
    return pattern.sub(lambda m: parts[m.group(0)], _template("view.html"))


@register("html", extensions=(".html", ".htm"), description="Self-contained interactive analyst view (vis-network)")
def to_html(ds: Graph, *, title: str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
            layout_threshold: int = DEFAULT_LAYOUT_THRESHOLD, seed: int = 42, **_: object) -> bytes:
    """The analyst view of ``ds`` (a Graph or a Dataset) as one self-contained HTML file."""
    data = view_data(to_networkx(ds), met_pairs(ds), title=title, max_nodes=max_nodes,
                     layout_threshold=layout_threshold, seed=seed)
    return render_page(data).encode("utf-8")

"""What the Flow view draws, as plain data: stages in columns, the rules between them.

No Qt here: the graph is computed from an `Exploration` and the Flow panel
turns it into pictures.

- Columns: the breadth-first distance of each stage from the start stage over
  the explored edges (the start stage alone in column 0); a stage that a
  plain edge (below) reaches from its own column moves one column further, so
  that the steps of a purchase read from left to right. Stages never reached
  go into one last column of their own. Within a column, a stage sits near the
  stages that lead to it (the mean row of its sources in earlier columns).
- A rule that leads into one stage from many others (say "start over" from
  anywhere) would draw a fan of arrows that hides the rest, so it becomes an
  *entry* of its target instead: one line on the target, "from any stage" or
  "from N stages", with the sources kept for the tooltip.
- Every other (from, to, rule) is an edge of its own; the edges between the
  same two stages are numbered (`lane`) so that each gets its own curve.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from studio.engine.context import INITIAL_STAGE
from studio.explore.search import Exploration

MIN_ENTRY_SOURCES = 3   # a rule coming from at least this many stages (and from half of them) is an entry


@dataclass(frozen=True)
class FlowEdge:
    source: str
    target: str
    rule: str
    lane: float = 0.0   # offset among the curves between the same two stages (0: the straight one)


@dataclass(frozen=True)
class Entry:
    target: str
    rule: str
    sources: tuple[str, ...]
    everywhere: bool     # from every other stage that is reached


@dataclass
class FlowGraph:
    start: str
    columns: list[list[str]]
    reached: dict[str, bool]
    edges: list[FlowEdge]
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    never_reached: list[str] = field(default_factory=list)   # rules no explored conversation fires

    def column_of(self, stage: str) -> int:
        return next(i for i, column in enumerate(self.columns) if stage in column)

    def row_of(self, stage: str) -> int:
        return self.columns[self.column_of(stage)].index(stage)


def flow_graph(found: Exploration, start: str = INITIAL_STAGE) -> FlowGraph:
    reached = {stage: conversation is not None for stage, conversation in found.stages.items()}
    reached.setdefault(start, True)
    for source, target, _rule in found.edges:
        reached.setdefault(source, True)
        reached.setdefault(target, True)
    entries, plain = _split_entries(found.edges, [s for s, ok in reached.items() if ok])
    columns = _columns(start, reached, found.edges, plain)
    graph = FlowGraph(start, columns, reached, [], entries,
                      [rule for rule, conversation in found.rules.items() if conversation is None])
    graph.edges = _lanes(plain, graph)
    return graph


def _split_entries(edges, reached: list[str]) -> tuple[dict[str, list[Entry]], list[tuple[str, str, str]]]:
    sources: dict[tuple[str, str], list[str]] = defaultdict(list)   # (rule, target) -> sources
    for source, target, rule in edges:
        sources[(rule, target)].append(source)
    entries: dict[str, list[Entry]] = defaultdict(list)
    grouped = set()
    for (rule, target), froms in sources.items():
        others = [s for s in reached if s != target]
        if len(froms) >= MIN_ENTRY_SOURCES and 2 * len(froms) >= len(others):
            entries[target].append(Entry(target, rule, tuple(froms), set(froms) >= set(others)))
            grouped.add((rule, target))
    plain = [(s, t, r) for s, t, r in edges if (r, t) not in grouped]
    return dict(entries), plain


def _columns(start: str, reached: dict[str, bool], edges, plain) -> list[list[str]]:
    following: dict[str, list[str]] = defaultdict(list)
    for source, target, _rule in edges:
        if target not in following[source]:
            following[source].append(target)
    distance = {start: 0}
    queue = deque([start])
    while queue:
        stage = queue.popleft()
        for target in following[stage]:
            if target not in distance:
                distance[target] = distance[stage] + 1
                queue.append(target)
    for _ in range(len(distance)):   # a plain edge within a column pushes its target one further
        pushed = False
        for source, target, _rule in plain:
            if target != start and source in distance and distance.get(target) == distance[source]:
                distance[target] += 1
                pushed = True
        if not pushed:
            break
    order = list(reached)   # the stages as the rules name them
    columns: list[list[str]] = [[] for _ in range(max(distance.values()) + 1)]
    for stage in order:
        if stage in distance:
            columns[distance[stage]].append(stage)
    rows = {stage: row for column in columns for row, stage in enumerate(column)}
    sources: dict[str, list[str]] = defaultdict(list)
    for source, target, _rule in edges:
        if source in distance and target in distance and distance[source] < distance[target]:
            sources[target].append(source)
    for column in columns[1:]:   # near the stages that lead here (their mean row), stable by name order
        column.sort(key=lambda s: sum(rows[x] for x in sources[s]) / len(sources[s]) if sources[s] else 0)
        rows.update({stage: row for row, stage in enumerate(column)})
    unplaced = [stage for stage in order if stage not in distance]
    if unplaced:
        columns.append(unplaced)
    return columns


def _lanes(plain: list[tuple[str, str, str]], graph: FlowGraph) -> list[FlowEdge]:
    """The edges, each with its lane among those joining the same two stages (both ways)."""
    place = {stage: (c, r) for c, column in enumerate(graph.columns) for r, stage in enumerate(column)}
    pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for edge in plain:
        source, target, _rule = edge
        pairs[tuple(sorted((source, target), key=lambda s: place[s]))].append(edge)
    edges = []
    for group in pairs.values():
        group.sort(key=lambda e: (place[e[0]] > place[e[1]], e[2]))   # forward first, then by name
        middle = (len(group) - 1) / 2
        edges += [FlowEdge(s, t, r, i - middle) for i, (s, t, r) in enumerate(group)]
    return edges

"""Node positions computed in Python, so that a large graph opens drawn instead of simulated.

networkx's force-directed layouts take 40 s and more on 5,000 entities and 20,000 facts, so each
connected component is laid out by two fast, standard steps:

1. **PivotMDS** (Brandes & Pich, 2006): hop distances from a few dozen pivot entities (breadth-first
   searches in scipy), double-centred and projected on their two main axes — the global shape;
2. **Fruchterman–Reingold, grid variant** (1991): 10 to 30 steps (fewer for a bigger component) of springs along the links and
   repulsion between entities closer than two link lengths (found with a k-d tree) — spreads the
   entities that PivotMDS puts on one spot (the leaves of a hub) and evens out link lengths.

Components are then packed in rows, largest first. Coordinates are in screen pixels at zoom 1.

>>> import networkx as nx
>>> pos = layout(nx.path_graph(4))
>>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
True
>>> layout(nx.path_graph(4)) == pos   # deterministic
True
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix, triu
from scipy.sparse.csgraph import connected_components, shortest_path
from scipy.spatial import cKDTree

__all__ = ["layout"]

PIVOTS = 50
ITERATIONS = 30
MIN_ITERATIONS = 10
STIFFNESS = 0.5


def layout(graph: nx.Graph, *, spacing: float = 100.0, seed: int = 0) -> dict:
    """``{node: (x, y)}`` for an undirected graph; ``spacing`` is the ideal link length in pixels."""
    rng = np.random.default_rng(seed)
    nodes = sorted(graph, key=lambda n: (-graph.degree(n), str(n)))
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    rows, cols = np.r_[edges[:, 0], edges[:, 1]], np.r_[edges[:, 1], edges[:, 0]]
    adjacency = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(nodes)))
    _, labels = connected_components(adjacency, directed=False)
    boxes = []
    for label in sorted(set(labels.tolist()), key=lambda c: (-int((labels == c).sum()), int(np.argmax(labels == c)))):
        members = np.flatnonzero(labels == label)  # best-linked first, as ``nodes`` is
        pos = _component(adjacency[members][:, members], spacing, rng)
        boxes.append(([nodes[i] for i in members], pos - pos.min(axis=0)))
    return _pack(boxes, spacing)


def _component(adjacency, spacing: float, rng) -> np.ndarray:
    n = adjacency.shape[0]
    if n == 1:
        return np.zeros((1, 2))
    pos = _pivot_mds(adjacency, rng)
    # spread the shape over about spacing² per entity, then relax it locally
    extent = np.ptp(pos, axis=0).max() or 1.0
    pos = pos / extent * spacing * math.sqrt(n) * 1.2
    pos += rng.normal(scale=spacing * 0.05, size=pos.shape)
    upper = triu(adjacency, k=1).tocoo()
    # each step costs about as much as the entities' close pairs: fewer steps for a big component
    iterations = max(MIN_ITERATIONS, min(ITERATIONS, ITERATIONS * 1000 // n))
    return _relax(pos, np.column_stack([upper.row, upper.col]), spacing, iterations)


def _pivot_mds(adjacency, rng) -> np.ndarray:
    n = adjacency.shape[0]
    k = min(PIVOTS, n)
    distances = np.zeros((n, k))
    nearest = np.full(n, np.inf)
    pivot = 0  # the best-linked entity, then each time the one farthest from all pivots so far
    for j in range(k):  # directed: the adjacency is symmetric already, no need to symmetrise it each time
        distances[:, j] = shortest_path(adjacency, unweighted=True, directed=True, indices=pivot)
        nearest = np.minimum(nearest, distances[:, j])
        pivot = int(np.argmax(nearest))
    squared = distances**2
    centred = squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean()
    centred *= -0.5
    _, vectors = np.linalg.eigh(centred.T @ centred)
    pos = centred @ vectors[:, ::-1][:, :2]
    if pos.shape[1] < 2:
        pos = np.column_stack([pos, np.zeros(n)])
    return pos + rng.normal(scale=1e-3 * (np.ptp(pos) or 1.0), size=pos.shape)


def _relax(pos: np.ndarray, edges: np.ndarray, k: float, iterations: int = ITERATIONS) -> np.ndarray:
    n = len(pos)
    temperature = k * 0.5
    cooling = temperature / (iterations + 1)
    a, b = edges[:, 0], edges[:, 1]
    for _ in range(iterations):
        # x and y apart: numpy sums two long vectors much faster than the rows of an n × 2 array
        x, y = pos[:, 0], pos[:, 1]
        i, j = cKDTree(pos).query_pairs(2 * k, output_type="ndarray").T
        near_x, near_y = x[i] - x[j], y[i] - y[j]
        push = k * k / np.maximum(near_x * near_x + near_y * near_y, 1e-2)
        link_x, link_y = x[a] - x[b], y[a] - y[b]
        dist = np.maximum(np.sqrt(link_x * link_x + link_y * link_y), 1e-9)
        pull = np.maximum(dist - k, 0.0) / dist * STIFFNESS
        disp_x = (np.bincount(i, near_x * push, n) - np.bincount(j, near_x * push, n)
                  + (np.bincount(b, link_x * pull, n) - np.bincount(a, link_x * pull, n)))
        disp_y = (np.bincount(i, near_y * push, n) - np.bincount(j, near_y * push, n)
                  + (np.bincount(b, link_y * pull, n) - np.bincount(a, link_y * pull, n)))
        length = np.maximum(np.sqrt(disp_x * disp_x + disp_y * disp_y), 1e-9)
        step = np.minimum(length, temperature) / length
        pos = pos + np.column_stack([disp_x * step, disp_y * step])
        temperature -= cooling
    return pos


def _pack(boxes: list, spacing: float) -> dict:
    """Place the components' boxes in rows about as wide as the whole is tall."""
    area = sum((np.ptp(p[:, 0]) + spacing) * (np.ptp(p[:, 1]) + spacing) for _, p in boxes)
    row_width = max(math.sqrt(area) * 1.2, max((np.ptp(p[:, 0]) + spacing for _, p in boxes), default=0))
    x = y = row_height = 0.0
    placed = {}
    for nodes, pos in boxes:
        width, height = np.ptp(pos[:, 0]) + spacing, np.ptp(pos[:, 1]) + spacing
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in zip(nodes, pos):
            placed[node] = (px + x, py + y)
        x += width
        row_height = max(row_height, height)
    if placed:
        centre = np.array(list(placed.values())).mean(axis=0)
        placed = {node: (round(float(px - centre[0]), 1), round(float(py - centre[1]), 1))
                  for node, (px, py) in placed.items()}
    return placed

"""Walks over the dependency parse that neither recurse nor rescan: the one place the stages
read subtrees, children and ancestors from.

spaCy's `Token.subtree` recurses once per level of the tree (a 50,000-token chain overflows the
C stack) and its `.children` scans the token's whole edge span; here one index per Doc, built
once, answers each in time proportional to the answer. Results are exactly spaCy's, in its order.
"""
from __future__ import annotations

import weakref
from bisect import bisect_left
from dataclasses import dataclass

import numpy

_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class _Index:
    heads: list[int]
    kids: list[list[int]]  # each token's children, in order, as spaCy finds them (within its edges)
    enter: list[int]  # the order of a depth-first walk over the heads: ancestor tests in O(1)
    leave: list[int]
    # A subtree that is contiguous and whose every subtree is: spaCy walks it left to right, so
    # it is range(first, last + 1); the common case, read without a walk.
    contiguous: list[bool]
    first: list[int]
    last: list[int]


def _index(doc) -> _Index:
    index = _INDEXES.get(doc)
    if index is None:
        index = _INDEXES[doc] = _build(doc)
    return index


def _build(doc) -> _Index:
    n = len(doc)
    relative = doc.to_array("HEAD").astype(numpy.int64) if n else numpy.zeros(0, dtype=numpy.int64)
    heads = (relative + numpy.arange(n)).tolist()
    left = [t.left_edge.i for t in doc]
    right = [t.right_edge.i for t in doc]
    kids: list[list[int]] = [[] for _ in range(n)]
    below: list[list[int]] = [[] for _ in range(n)]  # every child by head, edges or not
    for i, head in enumerate(heads):
        if head != i:
            below[head].append(i)
            if left[head] <= i <= right[head]:
                kids[head].append(i)
    enter, leave = [-1] * n, [-1] * n
    clock = 0
    for root in (i for i, head in enumerate(heads) if head == i):
        stack = [(root, False)]
        while stack:
            i, done = stack.pop()
            if done:
                leave[i] = clock
                continue
            enter[i] = clock
            clock += 1
            stack.append((i, True))
            stack.extend((k, False) for k in reversed(below[i]))
    return _Index(heads, kids, enter, leave, *_spans(kids))


def _spans(kids: list[list[int]]) -> tuple[list[bool], list[int], list[int]]:
    """Bottom up over the children: each subtree's first and last token and whether it is
    contiguous all the way down."""
    n = len(kids)
    first, last, size = list(range(n)), list(range(n)), [1] * n
    contiguous = [False] * n  # stays False for a token no walk from a root reaches
    is_kid = [False] * n
    for ks in kids:
        for k in ks:
            is_kid[k] = True
    for root in (i for i in range(n) if not is_kid[i]):
        stack = [(root, False)]
        while stack:
            i, done = stack.pop()
            if not done:
                stack.append((i, True))
                stack.extend((k, False) for k in kids[i])
                continue
            for k in kids[i]:
                first[i], last[i] = min(first[i], first[k]), max(last[i], last[k])
                size[i] += size[k]
            contiguous[i] = all(contiguous[k] for k in kids[i]) and last[i] - first[i] + 1 == size[i]
    return contiguous, first, last


def children(token) -> list:
    """`token.children`: its dependents, left to right."""
    doc = token.doc
    return [doc[k] for k in _index(doc).kids[token.i]]


def subtree_ids(token) -> list[int]:
    """The token indices of `token.subtree`, in its order (left dependents' subtrees, the token,
    right dependents' subtrees), walked with a stack instead of recursion."""
    index = _index(token.doc)
    if index.contiguous[token.i]:
        return list(range(index.first[token.i], index.last[token.i] + 1))
    kids = index.kids
    out: list[int] = []
    stack = [(token.i, False)]
    while stack:
        i, expanded = stack.pop()
        if expanded:
            out.append(i)
            continue
        stack.extend((k, False) for k in reversed(kids[i]) if k > i)
        stack.append((i, True))
        stack.extend((k, False) for k in reversed(kids[i]) if k < i)
    return out


def subtree(token) -> list:
    """`token.subtree` as a list of tokens, without recursion."""
    doc = token.doc
    return [doc[i] for i in subtree_ids(token)]


def is_ancestor(above, token) -> bool:
    """`above in token.ancestors`, in constant time."""
    index = _index(token.doc)
    a, t = above.i, token.i
    if index.enter[t] < 0 or index.enter[a] < 0:  # not reached from a root: walk the heads
        return any(x.i == a for x in ancestors(token))
    return a != t and index.enter[a] < index.enter[t] and index.leave[t] <= index.leave[a]


def ancestors(token):
    """`token.ancestors`: its head, the head's head, ... up to the root, walked with a loop."""
    doc, heads = token.doc, _index(token.doc).heads
    i, steps = token.i, 0
    while heads[i] != i and steps < len(heads):
        i, steps = heads[i], steps + 1
        yield doc[i]


def sentence(token):
    """`token.sent`, found by lookup instead of a walk to the sentence's ends."""
    doc = token.doc
    starts, of = _sentences(doc)
    k = of[token.i]
    return doc[starts[k]:starts[k + 1]]


_SENTENCES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _sentences(doc) -> tuple[list[int], list[int]]:
    """The start of each sentence (plus len(doc)) and each token's sentence number, as spaCy's
    `Span.sent` reads them: a sentence starts where SENT_START is 1, and at token 0."""
    found = _SENTENCES.get(doc)
    if found is None:
        flags = doc.to_array("SENT_START").tolist() if len(doc) else []
        starts = [0] + [i for i in range(1, len(doc)) if flags[i] == 1] + [len(doc)]
        of = [0] * len(doc)
        for k in range(len(starts) - 1):
            of[starts[k]:starts[k + 1]] = [k] * (starts[k + 1] - starts[k])
        found = _SENTENCES[doc] = (starts, of)
    return found


_ENTITIES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def entities(doc) -> tuple:
    """`doc.ents`, built once: spaCy makes a new tuple of spans on each read."""
    return _entity_index(doc)[0]


def entity_at(doc, i: int):
    """The entity that covers token i, or None (entities never overlap)."""
    ents, of = _entity_index(doc)
    k = of[i]
    return ents[k] if k >= 0 else None


def _entity_index(doc) -> tuple[tuple, list[int]]:
    found = _ENTITIES.get(doc)
    if found is None:
        ents = doc.ents
        of = [-1] * len(doc)
        for k, ent in enumerate(ents):
            of[ent.start:ent.end] = [k] * (ent.end - ent.start)
        found = _ENTITIES[doc] = (ents, of)
    return found


_STARTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def tokens_starting_in(doc, start: int, end: int) -> range:
    """The indices of the tokens whose first character lies in [start, end), by bisection."""
    starts = _STARTS.get(doc)
    if starts is None:
        starts = _STARTS[doc] = doc.to_array("IDX").tolist() if len(doc) else []
    return range(bisect_left(starts, start), bisect_left(starts, end))


def sentence_number(token) -> int:
    """The number of `token`'s sentence in the doc, from 0: to group tokens by sentence."""
    return _sentences(token.doc)[1][token.i]

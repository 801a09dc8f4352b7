"""Scores of dedup (issue 15): do the articles that report one real-world event end up in one
group, and do reports of similar but different events stay apart?

Both sets are scored the same way, on pairs of articles: each article is ingested into a
fresh store (the whole pipeline, dedup included); an article "codes the event" when one of its
events is the gold event (see each reader); two such articles are predicted to report the same
event when one of the event's reports in each is in one group. Precision and recall are over
those pairs, with the number of articles and pairs scored.

- ECB+ (../shared/eval-data/ecbplus, topics 1-25 but 15 and 17): each topic has two seminal
  events of one kind (files N_Kecb.xml tell the first, N_Kecbplus.xml the second); pairs are
  within a topic, so the other subtopic's articles are the hard negatives. An article's event
  is the gold event when its evidence holds a mention of one of the seminal event's actions:
  the cross-document action chains found in at least half its subtopic's articles, and its type
  is the one eventwire gives most often to such events in the topic. Odd topics
  are the dev part (read while choosing MERGE_SCORE), even topics the test part (only scored).
  The texts carry no publication date, so dates decide nothing here.
- The project's own sets (tests/dedup/dedup_dev.jsonl, dedup_blind.jsonl: written by a separate
  session before dedup was tuned; the blind one only scored): articles by several outlets with
  publication dates, each with the story it tells and the PLOVER type of its main event; an
  article codes the event when it has an event of that type.
"""
from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ECB = Path("ecbplus") / "ECB+"
OWN_SETS = {"dedup_dev.jsonl": "dedup_dev", "dedup_blind.jsonl": "dedup_blind"}
SEMINAL_SHARE = 0.5  # an action chain in at least this share of a subtopic's articles is the event's


def read_ecb(path: Path) -> tuple[str, list[tuple[int, int]], dict[str, list[int]]]:
    """One ECB+ file: its text (tokens joined by spaces, a sentence a line), each token's
    offsets, and the token numbers of each cross-document action chain's mentions."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence"))].append((int(token.get("t_id")), token.text or ""))
    text, offsets = "", {}
    for number in sorted(sentences):
        for t_id, word in sentences[number]:
            if text and not text.endswith("\n"):
                text += " "
            offsets[t_id] = (len(text), len(text) + len(word))
            text += word
        text += "\n"
    markables = root.find("Markables")
    anchors = {m.get("m_id"): [int(a.get("t_id")) for a in m.findall("token_anchor")]
               for m in markables if m.tag.startswith("ACTION") or m.tag.startswith("NEG_ACTION")}
    chains: dict[str, list[int]] = defaultdict(list)
    relations = root.find("Relations")
    for relation in relations.findall("CROSS_DOC_COREF") if relations is not None else []:
        for source in relation.findall("source"):
            tokens = anchors.get(source.get("m_id"))
            if tokens:
                chains[relation.get("note")].extend(tokens)
    spans = {chain: sorted({offsets[t][0] for t in tokens if t in offsets}) for chain, tokens in chains.items()}
    return text, [offsets[t] for t in sorted(offsets)], spans


def ecb_articles(root: Path, part: str) -> list[dict]:
    """The ECB+ articles of the dev (odd topics) or test (even topics) part, each with its
    topic, subtopic and the offsets of the seminal event's action mentions."""
    folder = root / ECB
    if not folder.is_dir():
        return []
    articles = []
    for topic_dir in sorted(folder.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if not topic_dir.name.isdigit() or (int(topic_dir.name) % 2 == 1) != (part == "dev"):
            continue
        by_subtopic: dict[str, list[dict]] = defaultdict(list)
        for path in sorted(topic_dir.glob("*.xml")):
            subtopic = "plus" if path.name.endswith("ecbplus.xml") else "ecb"
            text, _, chains = read_ecb(path)
            by_subtopic[subtopic].append({"id": path.stem, "topic": topic_dir.name,
                                          "story": f"{topic_dir.name}-{subtopic}", "text": text, "chains": chains})
        for docs in by_subtopic.values():
            counts = Counter(chain for d in docs for chain in d["chains"])
            seminal = {c for c, n in counts.items() if n >= max(2, SEMINAL_SHARE * len(docs))}
            for d in docs:
                d["seminal"] = sorted({o for c in seminal for o in d["chains"].get(c, [])})
                articles.append(d)
    return articles


def score_ecb(root: Path, part: str, workers: int = 2) -> dict[str, float]:
    """Pairwise precision and recall of dedup on one part of ECB+ (see the module's doc)."""
    articles = ecb_articles(root, part)
    if not articles:
        return {}
    stored = _ingest(articles, workers)

    def telling(article: dict) -> list[dict]:
        return [e for e in stored.get(article["id"], [])
                if any(s["start"] <= o < s["end"] for s in e["evidence"] for o in article["seminal"])]

    # the topic's kind of event: the PLOVER type eventwire gives most often to the events that
    # tell a seminal action, over the topic's articles
    kinds: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        kinds[article["topic"]].update({e["type"] for e in telling(article)})
    kind = {topic: counts.most_common(1)[0][0] for topic, counts in kinds.items() if counts}

    def codes(article: dict, events: list[dict]) -> set[str]:
        return {e["group_id"] for e in telling(article) if e["type"] == kind.get(article["topic"])}

    return _pairs(articles, stored, codes, f"ecbplus_{part}", same_pool=lambda a, b: a["topic"] == b["topic"])


def score_own(path: Path, prefix: str, workers: int = 2) -> dict[str, float]:
    """Pairwise precision and recall of dedup on one of the project's own sets."""
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stored = _ingest(articles, workers)

    def codes(article: dict, events: list[dict]) -> set[str]:
        return {e["group_id"] for e in events if e["type"] == article["type"]}

    scores = _pairs(articles, stored, codes, prefix, same_pool=lambda a, b: True)
    followups = [a for a in articles if a.get("scenario") == "followup"]
    if followups:  # each follow-up story's reports in one group, flagged as updated when the toll rose
        stories = {a["story"] for a in followups}
        kept = sum(1 for s in stories if len({g for a in followups if a["story"] == s
                                               for g in codes(a, stored.get(a["id"], []))}) == 1)
        scores[f"{prefix}.followups_merged"] = kept / len(stories)
    return scores


def _ingest(articles: list[dict], workers: int) -> dict[str, list[dict]]:
    """Each article's events, with their group, after ingesting them all into a fresh store."""
    from ..batch import ingest
    from ..options import Options
    from ..store import Store

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "articles.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps({"url": f"https://dedup.eval/{a['id']}", "text": a["text"],
                                      "title": a.get("title"), "source": a.get("source"),
                                      "published": a.get("published")}) + "\n")
        with Store(Path(tmp) / "dedup.db") as store:
            ingest([str(feed)], store, Options(), workers)
            keys = dict(store._db.execute("SELECT key, article_id FROM documents WHERE article_id IS NOT NULL"))
            events: dict[str, list[dict]] = defaultdict(list)
            for row in store.events():
                events[row["article_id"]].append(row)
            texts = dict(store._db.execute("SELECT id, text FROM articles"))
    out = {}
    for a in articles:
        article_id = keys.get(f"https://dedup.eval/{a['id']}")
        if article_id is None:
            continue
        out[a["id"]] = [dict(e, evidence=_in_source(e["evidence"], texts[article_id], a["text"]))
                        for e in events[article_id]]
    return out


def _in_source(evidence: list[dict], coded: str, source: str) -> list[dict]:
    """Evidence spans moved from the coded text to the source text (cleaning may have changed
    spaces): found by their words where the offsets do not match."""
    moved = []
    for span in evidence:
        words = coded[span["start"]:span["end"]]
        if source[span["start"]:span["end"]] == words:
            moved.append(span)
            continue
        found = re.search(r"\s+".join(map(re.escape, words.split())), source)
        if found:
            moved.append({"start": found.start(), "end": found.end()})
    return moved


def _pairs(articles, stored, codes, prefix: str, same_pool) -> dict[str, float]:
    coded = [(a, codes(a, stored.get(a["id"], []))) for a in articles]
    coded = [(a, groups) for a, groups in coded if groups]
    tp = fp = fn = tn = 0
    for (a, ga), (b, gb) in combinations(coded, 2):
        if not same_pool(a, b):
            continue
        same, merged = a["story"] == b["story"], bool(ga & gb)
        tp += same and merged
        fp += merged and not same
        fn += same and not merged
        tn += not same and not merged
    return {f"{prefix}.precision": tp / (tp + fp) if tp + fp else 1.0,
            f"{prefix}.recall": tp / (tp + fn) if tp + fn else 0.0,
            f"{prefix}.articles": len(coded), f"{prefix}.articles_read": len(articles),
            f"{prefix}.pairs_same": tp + fn, f"{prefix}.pairs_apart": fp + tn}

"""Toponyms found and resolved, scored on GeoVirus and on eventwire's own local-news sets.

One scorer for all (`score_toponyms`): the places stage runs on each text, and each predicted
place mention meets the gold toponym it overlaps. Precision: predicted mentions that overlap a
gold toponym; recall: gold toponyms overlapped (capped at 1); accuracy within 161 km: matched
mentions whose coordinates lie within 100 miles of the gold's, over matched mentions that have
coordinates. Where the gold gives each toponym its level (site, neighbourhood, town, admin2,
admin1, country, region), recall and accuracy are also given per level.

The local-news sets (tests/places/) are eventwire's own: short articles about villages and
districts written by sessions that never saw the places code, with coordinates from GeoNames
through the data the project ships. local_dev.jsonl is read while tuning; local_blind.jsonl was
written before any tuning and is only scored (LOCAL_BLIND.md).
"""
from __future__ import annotations

import json
import math
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..dedup import distance_km
from ..options import Options
from ..records import RawDocument

ACCURACY_KM = 161  # 100 miles, the usual geoparsing tolerance (GeoVirus papers)
LOCAL_SETS = {"local_dev.jsonl": "places_dev", "local_blind.jsonl": "places_blind"}
LEVELS = ("site", "neighbourhood", "town", "admin2", "admin1", "country", "region")


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    lat: float | None
    lon: float | None
    level: str | None = None


def read_geovirus(path: Path) -> list[tuple[str, list[Toponym]]]:
    return [(node.findtext("text") or "",
             [Toponym(int(loc.findtext("start")), int(loc.findtext("end")), float(loc.findtext("lat")),
                      float(loc.findtext("lon"))) for loc in node.iter("location")])
            for node in ET.parse(path).getroot().findall("article")]


def read_local(path: Path) -> list[tuple[str, list[Toponym]]]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            articles.append((row["text"], [Toponym(t["start"], t["end"], t.get("lat"), t.get("lon"), t.get("level"))
                                           for t in row["toponyms"]]))
    return articles


def score_toponyms(articles: list[tuple[str, list[Toponym]]], prefix: str) -> dict[str, float]:
    """{prefix}.precision, .recall, .f1, .accuracy_161km, .median_error_km, .with_coordinates,
    and where the gold has levels .recall_<level> and .accuracy_161km_<level>."""
    from ..pipeline import Pipeline

    pipeline = Pipeline(Options(), only=("clean", "parse", "actors", "places"))
    tp = n_pred = n_gold = 0
    errors: list[float] = []
    found_by_level: dict[str, list[bool]] = defaultdict(list)
    near_by_level: dict[str, list[bool]] = defaultdict(list)
    for text, gold in articles:
        ex = pipeline(RawDocument(text, "toponyms", is_html=False))
        offset = (text.find(ex.article.text[:50]) if ex.article.text else 0) or 0
        predicted = [(m.start + offset, m.end + offset, p) for p in ex.places for m in p.mentions]
        n_pred, n_gold = n_pred + len(predicted), n_gold + len(gold)
        for start, end, place in predicted:
            match = next((g for g in gold if g.start < end and start < g.end), None)
            if match:
                tp += 1
                if place.lat is not None and match.lat is not None:
                    km = distance_km(place.lat, place.lon, match.lat, match.lon)
                    errors.append(km)
                    if match.level:
                        near_by_level[match.level].append(km <= ACCURACY_KM)
        for g in gold:
            if g.level:
                found_by_level[g.level].append(any(s < g.end and g.start < e for s, e, _ in predicted))
    p = tp / n_pred if n_pred else 0.0
    r = min(1.0, tp / n_gold) if n_gold else 0.0
    out = {f"{prefix}.precision": p, f"{prefix}.recall": r,
           f"{prefix}.f1": 2 * p * r / (p + r) if p + r else 0.0,
           f"{prefix}.accuracy_161km": sum(e <= ACCURACY_KM for e in errors) / len(errors) if errors else 0.0,
           f"{prefix}.median_error_km": statistics.median(errors) if errors else math.inf,
           f"{prefix}.with_coordinates": len(errors) / tp if tp else 0.0}
    for level in LEVELS:
        if found_by_level.get(level):
            out[f"{prefix}.recall_{level}"] = sum(found_by_level[level]) / len(found_by_level[level])
        if near_by_level.get(level):
            out[f"{prefix}.accuracy_161km_{level}"] = sum(near_by_level[level]) / len(near_by_level[level])
    return out


def score_geovirus(path: Path, limit: int | None = None) -> dict[str, float]:
    return score_toponyms(read_geovirus(path)[:limit], "geoparsing")


def score_local(folder: Path, limit: int | None = None) -> dict[str, float]:
    """places_dev.* and places_blind.* on the local-news sets found in `folder`."""
    out: dict[str, float] = {}
    for name, prefix in LOCAL_SETS.items():
        if (folder / name).is_file():
            out.update(score_toponyms(read_local(folder / name)[:limit], prefix))
    return out

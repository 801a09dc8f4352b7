"""Casualty counts scored on the Gun Violence Database dev split (eval-data/gvdb/splits/).

GVDB annotates each article's victims, each with what befell them ("victim-was": killed,
injured, hospitalized); dev.json holds the same articles tokenised but without those fates, so
the gold counts come from dev.tsv's Json column. The scoring (`score_articles`) is pure
arithmetic over gold and predicted counts, testable without the model; nothing here is tuned.
"""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

DEV = Path("gvdb") / "splits" / "dev.tsv"  # under the eval-data folder
KILLED, INJURED, HOSPITALIZED = "killed", "injured", "hospitalized"


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: str | None
    killed: int  # victims whose fate includes "killed"
    injured: int  # victims injured or hospitalized and not killed
    annotated: bool = True  # any victim annotated: with none, "nobody died" is not known


@dataclass(frozen=True)
class Counted:
    """An article's gold counts and the pipeline's (None: no event gave a number)."""
    killed: int
    injured: int
    predicted_killed: int | None
    predicted_injured: int | None
    annotated: bool = True


def read_gold(path: Path, limit: int | None = None) -> list[Article]:
    """The articles of dev.tsv with their victims counted by fate.

    The "Full text" column is the title run into the body with no break ("...| 6abc.comAn
    employee of..."); the title is set apart by a blank line so the parse does not join them.
    """
    csv.field_size_limit(sys.maxsize)  # a full article is one cell
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))[:limit]
    articles = []
    for row in rows:
        annotation = json.loads(row["Json"])
        fates = [set(v.get("victim-was") or ()) for v in annotation.get("victim-section") or ()]
        title, full = row["Article title"], row["Full text"]
        text = f"{title}\n\n{full[len(title):]}" if title and full.startswith(title) else full
        published = (annotation.get("date-and-time") or {}).get("date") or None
        articles.append(Article(row["Article id"], text, published,
                                killed=sum(KILLED in f for f in fates),
                                injured=sum(KILLED not in f and bool(f & {INJURED, HOSPITALIZED})
                                            for f in fates),
                                annotated=bool(fates)))
    return articles


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score_articles(counted: list[Counted]) -> dict[str, float]:
    """gvdb.killed_exact: articles where someone died whose killed count is exact;
    gvdb.injured_exact: the same for the injured, where someone was injured;
    gvdb.no_death_invented: articles where nobody died given no killed count above 0;
    gvdb.no_injury_invented: the same for the injured; gvdb.killed_found: articles where
    someone died given any killed count; .n_* the sizes. "Nobody died" is known only where the
    article's victims were annotated: 63 of the dev split's articles have no victim section at
    all, among them "Erik Diaz, 19, was shot and killed Saturday" (10503) and "a 17-year-old boy
    was killed in a drive-by attack" (3968), so they count in neither invented score."""
    died = [c for c in counted if c.killed]
    hurt = [c for c in counted if c.injured]
    spared = [c for c in counted if not c.killed and c.annotated]
    unhurt = [c for c in counted if not c.injured and c.annotated]
    return {"gvdb.killed_exact": _ratio(sum(c.predicted_killed == c.killed for c in died), len(died)),
            "gvdb.killed_found": _ratio(sum(bool(c.predicted_killed) for c in died), len(died)),
            "gvdb.injured_exact": _ratio(sum(c.predicted_injured == c.injured for c in hurt), len(hurt)),
            "gvdb.no_death_invented": _ratio(sum(not c.predicted_killed for c in spared), len(spared)),
            "gvdb.no_injury_invented": _ratio(sum(not c.predicted_injured for c in unhurt), len(unhurt)),
            "gvdb.n_died": len(died), "gvdb.n_injured": len(hurt), "gvdb.n_no_death": len(spared),
            "gvdb.n_not_annotated": sum(not c.annotated for c in counted)}


def article_counts(extraction) -> tuple[int | None, int | None]:
    """An article's killed and injured: the largest of its events' (one shooting, told by several
    events, each with the part of the toll its clause gives); None where no event gives one."""
    killed = [e.magnitude.killed for e in extraction.events if e.magnitude.killed is not None]
    injured = [e.magnitude.injured for e in extraction.events if e.magnitude.injured is not None]
    return max(killed, default=None), max(injured, default=None)


def count_gold(path: Path, limit: int | None = None) -> list[tuple[Article, Counted]]:
    """Code every dev article with the real pipeline: (gold article, its counts)."""
    from ..pipeline import Pipeline
    from ..records import RawDocument

    pipeline = Pipeline()
    out = []
    for article in read_gold(path, limit):
        extraction = pipeline(RawDocument(article.text, f"gvdb:{article.id}", is_html=False,
                                          published=article.published))
        killed, injured = (None, None) if extraction.article.rejected else article_counts(extraction)
        out.append((article, Counted(article.killed, article.injured, killed, injured, article.annotated)))
    return out


def score_gvdb(path: Path, limit: int | None = None) -> dict[str, float]:
    """The GVDB casualty scores of the real pipeline (see score_articles for the keys)."""
    return score_articles([counted for _, counted in count_gold(path, limit)])

"""dedup (issue 15): reports of one real-world event grouped across articles, similar events kept
apart, figures kept per source, the same groups whatever the order of ingest, splits kept."""
import dataclasses
import datetime as dt
import itertools
import json
import random
import sqlite3

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.dedup import Pair, Party, Report, Veto, compare, group, summarise
from eventwire.store import SCHEMA_VERSION, Store

from .conftest import extract_valid, src

DAY = dt.date(2024, 3, 12)
KIRKUK = dict(place="Kirkuk", geonameid=94787, lat=35.468, lon=44.392, country="IQ", admin1="13",
              place_precision="city")
MOSUL = dict(place="Mosul", geonameid=99072, lat=36.335, lon=43.119, country="IQ", admin1="15",
             place_precision="city")


def report(article: str, **fields) -> Report:
    values = dict(type="ASSAULT", acled_type="Explosions/Remote violence", sub_type="Remote explosive/landmine/IED",
                  start=DAY, precision="day", published=DAY, **KIRKUK)
    values.update(fields)
    return Report(article, "e1", **values)


def partition(groups) -> set[frozenset]:
    return {frozenset(r.key for r in g) for g in groups}


def test_dedup_three_outlets_one_bombing_and_another_attack_apart():
    reports = [report("a", killed=4), report("b", killed=5), report("c", killed=4, published=DAY + dt.timedelta(1)),
               report("d", killed=2, acled_type="Violence against civilians", sub_type="Attack", **MOSUL)]
    groups = partition(group(reports))
    assert frozenset({("a", "e1"), ("b", "e1"), ("c", "e1")}) in groups
    assert frozenset({("d", "e1")}) in groups


def test_dedup_similar_events_next_day_in_one_city_stay_apart():
    # the same type and city, the next day, nothing else in common: two events
    first = report("a", type="PROTEST", acled_type="Protests", sub_type="Peaceful protest")
    second = dataclasses.replace(first, article_id="b", start=DAY + dt.timedelta(1))
    found = compare(first, second)
    assert isinstance(found, Pair) and found.score < 4.5
    assert len(group([first, second])) == 2


def test_dedup_vetoes_say_why():
    base = report("a", killed=3)
    assert compare(base, report("b", **MOSUL)).reason.startswith("Kirkuk and Mosul")
    assert "too far apart" in compare(base, report("b", start=DAY + dt.timedelta(5))).reason
    assert compare(base, dataclasses.replace(base, event_id="e2")).reason == "the same article"
    assert compare(base, report("b", country="SY", place="Aleppo")).reason == "places in IQ and SY"
    army = Party(names=frozenset({"iraqi army"}), tags=frozenset({("IRQ", "MIL")}))
    isis = Party(names=frozenset({"islamic state"}), tags=frozenset({("IRQ", "REB")}))
    assert compare(report("a", actors=army), report("b", actors=isis)).reason.startswith("actors differ")
    # an unidentified attacker (no name, no sector) is compatible with a named one
    assert isinstance(compare(report("a", actors=army), report("b")), Pair)


def test_dedup_a_report_without_a_place_joins_by_day_toll_and_kind():
    placed, nowhere = report("a", killed=6), report("b", killed=6, **{k: None for k in KIRKUK})
    found = compare(placed, nowhere)
    assert isinstance(found, Pair) and found.score >= 4.5 and "the same toll 6 killed" in found.reasons
    assert len(group([placed, nowhere])) == 1


def test_dedup_never_chains_look_alikes_into_one_group():
    # a~b and b~c, but a and c are in different cities: complete linkage keeps a and c apart
    a = report("a", killed=3)
    b = report("b", killed=3, **{k: None for k in KIRKUK})
    c = report("c", killed=3, **MOSUL)
    assert isinstance(compare(a, c), Veto)
    groups = group([a, b, c])
    assert not any({("a", "e1"), ("c", "e1")} <= set(r.key for r in g) for g in groups)


def test_dedup_two_events_of_one_article_share_a_group_only_when_they_restate_each_other():
    # the headline and the lead of one article coded as two events, the same toll: one event
    lead, headline = report("a", killed=4), dataclasses.replace(report("a", killed=4), event_id="e2")
    groups = group([lead, headline, report("b", killed=4)])
    assert partition(groups) == {frozenset({("a", "e1"), ("a", "e2"), ("b", "e1")})}
    # two bombings the article tells apart (other tolls, other words) stay two events
    other = dataclasses.replace(report("a", killed=9), event_id="e2")
    groups = group([lead, other, report("b", killed=4)])
    for members in groups:
        assert len({r.article_id for r in members}) == len(members)


def test_dedup_same_groups_in_any_order():
    rng = random.Random(7)
    reports = [report(f"k{n}", killed=4 + n % 2) for n in range(4)] + \
              [report(f"m{n}", killed=2, **MOSUL) for n in range(3)] + \
              [report(f"p{n}", type="PROTEST", acled_type="Protests", sub_type="Peaceful protest") for n in range(2)]
    first = partition(group(reports))
    for _ in range(5):
        rng.shuffle(reports)
        assert partition(group(reports)) == first
    assert len(first) == 3


def test_dedup_the_same_person_in_both_outweighs_distant_places():
    suspect = Party(names=frozenset({"arcade joseph comeaux jr"}), people=frozenset({"arcade joseph comeaux jr"}))
    surname = Party(names=frozenset({"comeaux"}), people=frozenset({"comeaux"}))
    a = report("a", actors=suspect, start=None, published=None)
    b = report("b", actors=surname, start=None, published=None, **MOSUL)
    found = compare(a, b)
    assert isinstance(found, Pair) and "actors named in both: arcade joseph comeaux jr" in found.reasons


def test_dedup_people_named_without_a_name_say_nothing_about_which_event():
    """ "a 20-year-old man" in two reports is no one in particular: no name, no person, no state
    and sector to agree or differ on (issue 12's described actors)."""
    from eventwire.dedup import _party

    described = _party([("20-year-old man", "USA", "CVL", "group"), ("two gunmen", "USA", None, "group")])
    assert not described and not described.people
    named = _party([("Chicago Police", "USA", "COP", "government"), ("man", "USA", "CVL", "group")])
    assert named.names == {"chicago police"} and named.tags == {("USA", "COP")}


def test_dedup_figures_kept_per_source_with_the_range_and_the_update():
    first = report("a", killed=3, source="Wire A", published=DAY)
    later = report("b", killed=11, source="Paper B", published=DAY + dt.timedelta(2))
    fields = summarise([first, later])
    assert {k: fields[k] for k in ("type", "reports", "sources", "date_start", "place")} == \
        {"type": "ASSAULT", "reports": 2, "sources": 2, "date_start": DAY.isoformat(), "place": "Kirkuk"}
    assert {k: fields[k] for k in ("killed_min", "killed_max", "disagreement", "updated")} == \
        {"killed_min": 3, "killed_max": 11, "disagreement": "killed 3-11", "updated": "2024-03-14"}
    figures = json.loads(fields["figures"])
    assert [(f["source"], f["killed"]) for f in figures] == [("Wire A", 3), ("Paper B", 11)]


# -- in the store: the step after each ingest, the order of ingest, splits, the events command --

TEXTS = {
    "a": ("Wire A", "2024-03-12", "A car bomb exploded near a police checkpoint in Kirkuk on Tuesday, killing four "
                                  "people and wounding 11, police said. No group claimed the attack."),
    "b": ("Daily B", "2024-03-12", "Five people were killed when a car packed with explosives blew up at a police "
                                   "checkpoint in the northern Iraqi city of Kirkuk on Tuesday, officials said."),
    "c": ("Paper C", "2024-03-13", "Four people died in Tuesday's car bombing at a checkpoint in Kirkuk, the "
                                   "provincial health director said on Wednesday."),
    "d": ("Wire A", "2024-03-12", "Gunmen attacked a village near Mosul on Tuesday, killing two farmers, security "
                                  "sources said."),
}


@pytest.fixture(scope="module")
def reports_of():
    coded = {}
    for name, (source, published, text) in TEXTS.items():
        ex = extract_valid(text, published=published)
        coded[name] = dataclasses.replace(ex, article=dataclasses.replace(ex.article, source=source))
    return coded


def _stored_partition(store) -> set[frozenset]:
    names = {ex_id: name for name, ex_id in store._db.execute("SELECT key, article_id FROM documents")}
    groups: dict[str, set] = {}
    for article_id, group_id in store._db.execute("SELECT article_id, group_id FROM group_reports"):
        groups.setdefault(group_id, set()).add(names[article_id])
    return {frozenset(g) for g in groups.values()}


def test_dedup_store_same_groups_for_three_orders_of_ingest(tmp_path, reports_of):
    found = []
    for n, order in enumerate(("abcd", "dcba", "cadb")):
        with Store(tmp_path / f"{n}.db") as store:
            for name in order:  # one ingest run a document: dedup runs after each
                store.add(src(name, reports_of[name]), reports_of[name])
                store.dedup()
            found.append(_stored_partition(store))
    assert found[0] == found[1] == found[2]
    assert frozenset("abc") in found[0] and frozenset("d") in found[0]


def test_dedup_store_later_articles_extend_a_group_and_keep_its_id(tmp_path, reports_of):
    with Store(tmp_path / "x.db") as store:
        for name in "ab":
            store.add(src(name, reports_of[name]), reports_of[name])
        store.dedup()
        (before,) = [g["id"] for g in store.groups()]
        store.add(src("c", reports_of["c"]), reports_of["c"])
        result = store.dedup()
        (group_row,) = store.groups()
        assert result.recomputed_types == ("ASSAULT",)
        assert group_row["id"] == before and group_row["sources"] == 3
        assert (group_row["killed_min"], group_row["killed_max"]) == (4, 5)
        assert group_row["disagreement"] == "killed 4-5"
        assert {r["source"] for r in group_row["reports_of"]} == {"Wire A", "Daily B", "Paper C"}
        assert all(r["reasons"] for r in group_row["reports_of"])  # each merge says why


def test_dedup_split_is_kept_on_later_runs(tmp_path, reports_of):
    with Store(tmp_path / "x.db") as store:
        for name in "abc":
            store.add(src(name, reports_of[name]), reports_of[name])
        store.dedup()
        (merged,) = store.groups()
        store.split(merged["id"])
        assert store.groups() == []
        store.dedup(full=True)
        assert store.groups() == []  # the user's decision holds on a full regrouping too
        assert len(_stored_partition(store)) == 3


def test_dedup_cli_events_merged_by_default_reports_on_request(tmp_path, reports_of):
    db = tmp_path / "x.db"
    with Store(db) as store:
        for name in "abcd":
            store.add(src(name, reports_of[name]), reports_of[name])
    runner = CliRunner()
    run = runner.invoke(cli, ["dedup", "--db", str(db), "--format", "json"])
    assert run.exit_code == 0, run.output
    (merged,) = [json.loads(line) for line in run.output.splitlines()]
    assert merged["sources"] == 3 and len(merged["reports_of"]) == 3
    run = runner.invoke(cli, ["events", "--db", str(db), "--format", "json"])
    rows = [json.loads(line) for line in run.output.splitlines()]
    assert sorted(r["sources"] for r in rows) == [1, 3]
    assert {r["killed_range"] for r in rows if r["sources"] == 3} == {"4-5"}
    run = runner.invoke(cli, ["events", "--db", str(db), "--reports", "--format", "json"])
    assert len(run.output.splitlines()) == 4
    run = runner.invoke(cli, ["events", "--db", str(db)], terminal_width=80)
    assert " src " in run.output and "4-5" in run.output
    run = runner.invoke(cli, ["dedup", "--db", str(db), "--split", merged["id"]])
    assert run.exit_code == 0 and "0 told by several reports" in run.output
    run = runner.invoke(cli, ["dedup", "--db", str(db), "--split", "gnosuch"])
    assert run.exit_code != 0 and "no group gnosuch" in str(run.exception or run.output)
    run = runner.invoke(cli, ["dedup", "--db", str(tmp_path / "missing.db")])
    assert run.exit_code != 0 and not (tmp_path / "missing.db").exists()


# A schema-3 store as it was: no groups, views without them.
SCHEMA_3 = """
DROP VIEW event_rows; DROP VIEW event_map; DROP VIEW actor_rows; DROP VIEW place_rows;
DROP TABLE event_groups; DROP TABLE group_reports; DROP TABLE dedup_splits; DROP TABLE dedup_pending;
CREATE VIEW event_rows AS SELECT * FROM events; CREATE VIEW event_map AS SELECT * FROM events;
CREATE VIEW actor_rows AS SELECT * FROM actors; CREATE VIEW place_rows AS SELECT * FROM places;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
"""


def test_dedup_store_of_schema_3_is_read_as_it_is_and_migrated_with_its_groups(tmp_path, reports_of):
    path = tmp_path / "old.db"
    with Store(path) as store:
        for name in "abc":
            store.add(src(name, reports_of[name]), reports_of[name])
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA_3)
    with Store(path, readonly=True) as store:  # read as it is: every event, no group
        rows = store.events()
        assert len(rows) == 3 and {r["group_id"] for r in rows} == {None}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta").fetchone()[0] == "3"
    with Store(path) as store:
        assert store._db.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
        assert store.dedup().recomputed_types == ("ASSAULT",)  # the migrated events are grouped
        assert [g["sources"] for g in store.groups()] == [3]


def test_dedup_candidates_never_compare_all_pairs():
    # 3 countries x 30 days x 2 reports: only reports of one country and nearby days are compared
    from eventwire.dedup import candidates

    reports = [report(f"{c}{d}{n}", country=c, start=DAY + dt.timedelta(d), place=None, lat=None, lon=None)
               for c, d, n in itertools.product(("IQ", "SY", "YE"), range(30), range(2))]
    pairs = list(candidates(reports))
    assert all(a.country == b.country and abs((a.start - b.start).days) <= 2 for a, b in pairs)
    assert len(pairs) < len(reports) * 10


def test_dedup_export_one_row_per_real_world_event_with_every_source(tmp_path, reports_of):
    import csv

    import pyarrow.parquet as pq

    db = tmp_path / "x.db"
    with Store(db) as store:
        for name in "abcd":
            store.add(src(name, reports_of[name]), reports_of[name])
        store.dedup()
    runner = CliRunner()
    out = tmp_path / "acled.csv"
    run = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv-acled", "-o", str(out)])
    assert run.exit_code == 0, run.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 2
    (kirkuk,) = [r for r in rows if r["location"] == "Kirkuk"]
    assert set(kirkuk["source"].split("; ")) == {"Wire A", "Daily B", "Paper C"}
    run = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv-acled", "--reports", "-o", str(out)])
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 4
    parquet = tmp_path / "events.parquet"
    runner.invoke(cli, ["export", "--db", str(db), "--format", "parquet", "-o", str(parquet)])
    table = pq.read_table(parquet).to_pylist()
    assert sorted(r["group_sources"] for r in table) == [1, 3]
    assert {(r["group_killed_min"], r["group_killed_max"]) for r in table if r["group_sources"] == 3} == {(4, 5)}


def test_dedup_ids_stay_unique_when_a_report_changes_type():
    from eventwire.dedup import assign_ids

    a, b, c = report("a", killed=4), report("b", killed=4), report("c", killed=4)
    (first,) = assign_ids([[a, b, c]], {})
    before = {r.key: first[0] for r in (a, b, c)}
    # a is now coded as another type: the rest keep the id, a's new group takes a new one
    (kept,) = assign_ids([[b, c]], before, reserved={first[0]})
    (moved,) = assign_ids([[dataclasses.replace(a, type="COERCE")]], {}, reserved={first[0]})
    assert kept[0] == first[0] and moved[0] != first[0]


def test_dedup_articles_whose_leads_share_their_words_score_more():
    """Outlets tell one event with its own details ("matatu", "levy", "tear gas"): the content
    words of the articles' first 150 words in common add points; little in common adds none."""
    from eventwire.dedup import lead_bits

    one = lead_bits("Kenyan police fired tear gas at minibus drivers protesting a new insurance levy "
                     "on matatu operators in central Nairobi on Tuesday, stranding commuters.")
    other = lead_bits("Riot police used tear gas against matatu crews striking over the insurance levy; "
                       "Nairobi commuters were stranded on Tuesday.")
    unrelated = lead_bits("Farmers in the Rift Valley expect a record maize harvest after the long rains.")
    base = compare(report("a"), report("b"))
    told = compare(report("a", lead=one), report("b", lead=other))
    assert isinstance(told, Pair) and told.score >= base.score + 1
    assert any("leads share" in r for r in told.reasons)
    apart = compare(report("a", lead=one), report("b", lead=unrelated))
    assert apart.score == base.score


def test_dedup_a_lead_is_its_first_words_only():
    from eventwire.dedup import LEAD_WORDS, lead_bits

    text = " ".join(["filler"] * LEAD_WORDS + ["bombing"])
    assert lead_bits(text) == lead_bits("filler")

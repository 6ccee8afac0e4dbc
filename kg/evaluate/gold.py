"""Reading a gold file (``gonghui-kg gold v1``, see gold/FORMAT.md) into plain values.

Every name is kept twice: as written (for people) and normalised (for matching).

>>> normalise_name(" 农民工“求学圆梦行动” ")
'农民工求学圆梦行动'
>>> gold = parse_gold({"articles": [], "entities": [
...     {"label": "中华全国总工会", "aliases": ["全总"], "types": ["Organization"], "required": True}]})
>>> gold.entities[0].names
('中华全国总工会', '全总')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from kg.model import ENTITY_CLASSES

GOLD_FORMAT = "gonghui-kg gold v1"

#: The quotation marks FORMAT.md says to ignore when comparing names.
QUOTES = "“”‘’\"'「」『』《》〈〉"
_IGNORED = re.compile(r"[\s" + re.escape(QUOTES) + r"]+")

#: Types a gold entity may list: the four scored classes and "Other".
GOLD_TYPES = ENTITY_CLASSES + ("Other",)

RELATION_PREDICATES = ("targets", "broader")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EvalInputError(ValueError):
    """A gold file or graph that cannot be scored; the message names the file."""


def normalise_name(name: str) -> str:
    """``name`` without white space and quotation marks: the form names are compared in."""
    return _IGNORED.sub("", name)


@dataclass(frozen=True)
class GoldArticle:
    id: str
    title: str
    key: str  # normalised title
    authors: tuple[str, ...]  # as written, in order
    author_keys: frozenset[str]
    date: str | None = None  # the publication date, YYYY-MM-DD, where the gold gives one


@dataclass(frozen=True)
class GoldEntity:
    index: int  # position in the file: "the first gold entity" means the lowest index
    label: str
    key: str  # normalised label
    names: tuple[str, ...]  # normalised label, then normalised aliases
    types: tuple[str, ...]  # the first one is the expected class
    required: bool
    articles: tuple[str, ...]
    articles_optional: tuple[str, ...]


@dataclass(frozen=True)
class GoldRelation:
    subject: str  # as written
    predicate: str  # "targets" or "broader"
    objects: tuple[str, ...]  # one for "object", several for "object_any"
    required: bool


@dataclass(frozen=True)
class GoldMembership:
    person: str
    organizations: tuple[str, ...]  # one for "organization", several for "organization_any"
    role: str
    required: bool


@dataclass(frozen=True)
class Gold:
    source: str
    articles: tuple[GoldArticle, ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    memberships: tuple[GoldMembership, ...]

    def find_entity(self, name: str) -> GoldEntity | None:
        """The gold entity a name written in the gold file refers to: label first, then alias.

        >>> g = parse_gold({"articles": [], "entities": [
        ...     {"label": "送温暖", "aliases": ["冬送温暖"], "types": ["Measure"], "required": True},
        ...     {"label": "冬送温暖", "types": ["Measure", "Other"], "required": False}]})
        >>> g.find_entity("冬送温暖").index, g.find_entity("送温暖").index
        (1, 0)
        """
        key = normalise_name(name)
        for entity in self.entities:
            if entity.key == key:
                return entity
        for entity in self.entities:
            if key in entity.names:
                return entity
        return None


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold JSON file; raise EvalInputError naming the file if it is unusable."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalInputError(f"{path}: gold file not found") from None
    except IsADirectoryError:
        raise EvalInputError(f"{path}: is a directory, expected a gold JSON file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalInputError(f"{path}: not a JSON gold file ({exc})") from None
    except OSError as exc:
        raise EvalInputError(f"{path}: cannot read gold file ({exc.strerror})") from None
    try:
        return parse_gold(data, source=str(path))
    except EvalInputError as exc:
        raise EvalInputError(f"{path}: {exc}") from None


def parse_gold(data: object, source: str = "<gold>") -> Gold:
    """Check a decoded gold document and turn it into a Gold value."""
    if not isinstance(data, dict):
        raise EvalInputError("gold must be a JSON object")
    fmt = data.get("format", GOLD_FORMAT)
    if fmt != GOLD_FORMAT:
        raise EvalInputError(f"unknown gold format {fmt!r}, expected {GOLD_FORMAT!r}")
    articles = tuple(_article(a, i) for i, a in enumerate(_list(data, "articles")))
    entities = tuple(_entity(e, i) for i, e in enumerate(_list(data, "entities")))
    relations = tuple(_relation(r, i) for i, r in enumerate(_list(data, "relations", optional=True)))
    memberships = tuple(_membership(m, i) for i, m in enumerate(_list(data, "memberships", optional=True)))
    ids = [a.id for a in articles]
    for entity in entities:
        for article_id in entity.articles + entity.articles_optional:
            if article_id not in ids:
                raise EvalInputError(f"entity {entity.label!r} lists unknown article {article_id!r}")
    return Gold(source, articles, entities, relations, memberships)


def _list(data: dict, key: str, optional: bool = False) -> list:
    value = data.get(key, [] if optional else None)
    if not isinstance(value, list):
        raise EvalInputError(f"{key!r} must be a list")
    return value


def _field(obj: object, key: str, kind: type, where: str, default: object = None):
    if not isinstance(obj, dict):
        raise EvalInputError(f"{where} must be an object")
    value = obj.get(key, default)
    if not isinstance(value, kind) or (kind is str and not value):
        raise EvalInputError(f"{where}: {key!r} missing or not a {kind.__name__}")
    return value


def _strings(obj: object, key: str, where: str) -> tuple[str, ...]:
    value = _field(obj, key, list, where, default=[])
    if not all(isinstance(v, str) for v in value):
        raise EvalInputError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _article(obj: object, i: int) -> GoldArticle:
    where = f"articles[{i}]"
    title = _field(obj, "title", str, where)
    authors = _strings(obj, "authors", where)
    date = obj.get("date") if isinstance(obj, dict) else None
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        raise EvalInputError(f"{where}: 'date' must be a YYYY-MM-DD string")
    return GoldArticle(
        id=_field(obj, "id", str, where),
        title=title,
        key=normalise_name(title),
        authors=authors,
        author_keys=frozenset(normalise_name(a) for a in authors),
        date=date,
    )


def _entity(obj: object, i: int) -> GoldEntity:
    where = f"entities[{i}]"
    label = _field(obj, "label", str, where)
    types = _strings(obj, "types", f"{where} ({label})")
    if not types or any(t not in GOLD_TYPES for t in types):
        raise EvalInputError(f"{where} ({label}): types must be a non-empty list of {', '.join(GOLD_TYPES)}")
    names = [normalise_name(label)]
    for alias in _strings(obj, "aliases", where):
        if normalise_name(alias) not in names:
            names.append(normalise_name(alias))
    return GoldEntity(
        index=i,
        label=label,
        key=names[0],
        names=tuple(names),
        types=types,
        required=_field(obj, "required", bool, where, default=False),
        articles=_strings(obj, "articles", where),
        articles_optional=_strings(obj, "articles_optional", where),
    )


def _relation(obj: object, i: int) -> GoldRelation:
    where = f"relations[{i}]"
    predicate = _field(obj, "predicate", str, where)
    if predicate not in RELATION_PREDICATES:
        raise EvalInputError(f"{where}: predicate must be one of {RELATION_PREDICATES}, not {predicate!r}")
    return GoldRelation(
        subject=_field(obj, "subject", str, where),
        predicate=predicate,
        objects=_one_or_any(obj, "object", where),
        required=_field(obj, "required", bool, where, default=False),
    )


def _membership(obj: object, i: int) -> GoldMembership:
    where = f"memberships[{i}]"
    return GoldMembership(
        person=_field(obj, "person", str, where),
        organizations=_one_or_any(obj, "organization", where),
        role=_field(obj, "role", str, where),
        required=_field(obj, "required", bool, where, default=False),
    )


def _one_or_any(obj: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(obj, dict) and key in obj:
        return (_field(obj, key, str, where),)
    values = _strings(obj, f"{key}_any", where)
    if not values:
        raise EvalInputError(f"{where}: needs {key!r} or a non-empty {key + '_any'!r}")
    return values

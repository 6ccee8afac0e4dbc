"""Frozen dataclasses to JSON and back: the codec of the build cache.

The cache keeps only data (see :mod:`kg.pipeline.cache`): reading an entry must never run code,
whoever wrote the file. So entries are JSON, and decoding is driven by the *type* the
reader asks for, not by anything the file says: a dataclass is a JSON object holding
every field of ``dataclasses.fields`` by name, a tuple is a list, a ``dict[str, X]`` an
object, and ``X | None`` null or an X. Fields are found generically, so a field added to
``kg/model.py`` later round-trips with no change here. Anything that does not fit the
type exactly (a missing or extra field, a string where a number belongs) raises
:class:`CodecError`, and the cache treats the entry as absent.

>>> from kg.model import Byline
>>> data = encode((Byline("张伟", 3, 5),))
>>> data
b'[{"name":"\\xe5\\xbc\\xa0\\xe4\\xbc\\x9f","start":3,"end":5}]'
>>> decode(data, tuple[Byline, ...])
(Byline(name='张伟', start=3, end=5),)
>>> decode(b'{"name": "x"}', Byline)
Traceback (most recent call last):
...
kg.pipeline.codec.CodecError: Byline: expected fields end, name, start, got name
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

import orjson

Decoder = Callable[[Any], Any]


class CodecError(ValueError):
    """The data does not have the shape of the type it was decoded as."""


def _fields_of(obj: Any) -> dict[str, Any]:
    """The fields of the dataclass ``obj`` by name, in their order: its ``__dict__`` itself
    when that holds exactly its fields (as a dataclass's ``__init__`` sets them, in order),
    which spares a dict per object (an Article's hundreds of Sentences)."""
    names = _field_names(type(obj))
    if names is None:
        raise TypeError(f"cannot encode {type(obj).__name__} as cache data")
    own = getattr(obj, "__dict__", None)
    if own is not None and len(own) == len(names):
        return own
    return {name: getattr(obj, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of the dataclass ``cls``, or None if it is not one."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
        return _FIELD_NAMES.setdefault(cls, names)


def encode(value: Any) -> bytes:
    """``value`` (dataclasses, tuples, lists, str-keyed dicts, str, int, float, bool,
    None) as compact UTF-8 JSON. Lone surrogates (from undecodable file names) survive.

    Written by orjson, the same bytes as ``json.dumps`` in a quarter of its time (0.07 s
    instead of 0.29 s for the laws corpus' entries). A dataclass whose every field is
    plain data (:func:`plain_dataclass`) orjson writes on its own, three times faster
    again; any other dataclass is handed to :func:`_fields_of` (``OPT_PASSTHROUGH_DATACLASS``:
    orjson would write every attribute of its ``__dict__``, a cached property too). What
    orjson refuses (a lone surrogate, an integer of more than 64 bits) is written by
    ``json.dumps``. (A float that is not finite, which no cached type holds, is written as
    null, and so never read back as a float.) An ``orjson.Fragment`` is JSON made already,
    written as it is.

    >>> decode(encode(["\\udcff", 2 ** 70]), tuple[str, int]) == ("\\udcff", 2 ** 70)
    True
    """
    option = 0 if plain_dataclass(type(value)) else orjson.OPT_PASSTHROUGH_DATACLASS
    try:
        return orjson.dumps(value, default=_fields_of, option=option)
    except orjson.JSONEncodeError:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_fields_of,
                          allow_nan=False, check_circular=False)
        return text.encode("utf-8", "surrogatepass")


def plain_dataclass(cls: type) -> bool:
    """Whether ``cls`` is a dataclass that orjson writes exactly as :func:`_fields_of` has it
    written: every field set by ``__init__`` and named without a leading underscore (orjson
    leaves those out), no cached property (its value would sit in ``__dict__``, which
    orjson writes whole), and every field's type made of str, int, float, bool, None,
    tuples, lists, str-keyed dicts and dataclasses that are plain too (not ``Any``).

    >>> from kg.model import Article
    >>> plain_dataclass(Article), plain_dataclass(tuple)
    (True, False)
    """
    try:
        return _PLAIN[cls]
    except KeyError:
        return _PLAIN.setdefault(cls, _plain_type(cls, set()))


_PLAIN: dict[type, bool] = {}


_PLAIN_SCALARS = (str, int, float, bool, type(None), None)


def _plain_type(hint: Any, seen: set) -> bool:
    if hint in _PLAIN_SCALARS or hint in seen:
        return True
    origin = typing.get_origin(hint)
    if origin in (tuple, list, types.UnionType, typing.Union):
        return all(a is Ellipsis or _plain_type(a, seen) for a in typing.get_args(hint))
    if origin is dict:
        key, value = typing.get_args(hint)
        return key is str and _plain_type(value, seen)
    if not (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
        return False
    seen.add(hint)
    fields = dataclasses.fields(hint)
    if any(not f.init or f.name.startswith("_") for f in fields):
        return False
    if any(isinstance(v, functools.cached_property) for c in hint.__mro__ for v in vars(c).values()):
        return False
    try:
        hints = typing.get_type_hints(hint)
    except (NameError, TypeError):  # a name the hints cannot resolve
        return False
    return all(_plain_type(hints[f.name], seen) for f in fields)


def decode(data: bytes, as_type: Any) -> Any:
    """``data`` (from :func:`encode`) as a value of ``as_type``; CodecError if it is not one.
    Parsed by orjson, or by ``json.loads`` when it is not valid UTF-8 (lone surrogates)."""
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError:
        try:
            raw = json.loads(data.decode("utf-8", "surrogatepass"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise CodecError(f"not JSON: {exc}") from None
    return _decoder(as_type)(raw)


@cache
def _decoder(hint: Any) -> Decoder:
    """A function that checks raw JSON against ``hint`` and builds the value."""
    scalar = _scalar_decoder(hint)
    if scalar is not None:
        return scalar
    generic = _GENERIC_DECODERS.get(typing.get_origin(hint))
    if generic is not None:
        return generic(hint, typing.get_args(hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    raise TypeError(f"no cache codec for {hint!r}")


def _scalar_decoder(hint: Any) -> Decoder | None:
    if hint is Any:
        return lambda raw: raw
    if hint in (str, bool, int):
        return _exact(hint)
    if hint is float:
        return lambda raw: float(_check(raw, (int, float), "float"))
    if hint is type(None) or hint is None:
        return _exact(type(None))
    return None


def _union_decoder(hint: Any, args: tuple) -> Decoder:
    none_ok = type(None) in args
    others = [_decoder(a) for a in args if a is not type(None)]
    if none_ok and len(others) == 1:
        one = others[0]
        return lambda raw: None if raw is None else one(raw)
    return _first_fitting([_decoder(a) for a in args], hint)


def _tuple_decoder(_hint: Any, args: tuple) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        if args[0] in (str, int):  # the common case, checked without a call per item
            kind = args[0]
            return lambda raw: tuple(_check(raw, list, "list")) if all(type(x) is kind for x in raw) \
                else _fail(f"a list of {kind.__name__}", raw)
        item = _decoder(args[0])
        return lambda raw: tuple(item(x) for x in _check(raw, list, "list"))
    parts = [_decoder(a) for a in args]

    def fixed(raw: Any) -> tuple:
        if not isinstance(raw, list) or len(raw) != len(parts):
            raise CodecError(f"expected a list of {len(parts)}, got {_show(raw)}")
        return tuple(p(x) for p, x in zip(parts, raw))
    return fixed


def _list_decoder(_hint: Any, args: tuple) -> Decoder:
    item = _decoder(args[0])
    return lambda raw: [item(x) for x in _check(raw, list, "list")]


def _dict_decoder(hint: Any, args: tuple) -> Decoder:
    if args[0] is not str:
        raise TypeError(f"cache data needs str keys, not {hint}")
    value = _decoder(args[1])
    return lambda raw: {k: value(v) for k, v in _check(raw, dict, "object").items()}


#: the decoder of each generic type, by its origin (``tuple`` for ``tuple[str, ...]``)
_GENERIC_DECODERS: dict[Any, Callable[[Any, tuple], Decoder]] = {
    types.UnionType: _union_decoder, typing.Union: _union_decoder,
    tuple: _tuple_decoder, list: _list_decoder, dict: _dict_decoder,
}


def _dataclass_decoder(cls: type) -> Decoder:
    names = [f.name for f in dataclasses.fields(cls)]
    if any(not f.init for f in dataclasses.fields(cls)):
        raise TypeError(f"{cls.__name__} has fields outside __init__: not cache data")
    expected = set(names)
    shown = ", ".join(sorted(names))
    # per field: its decoder, or the exact type a plain str/int field must have (checked
    # inline: an Article's hundreds of Sentences make a call per field add up)
    parts: list[tuple[str, Decoder | None, type | None]] = []

    def build(raw: Any) -> Any:
        if not parts:  # resolved on first use: the hints may name classes defined later
            hints = typing.get_type_hints(cls)
            parts.extend((n, None, hints[n]) if hints[n] in (str, int) else (n, _decoder(hints[n]), None)
                         for n in names)
        if type(raw) is not dict or raw.keys() != expected:
            got = ", ".join(sorted(raw)) if isinstance(raw, dict) else _show(raw)
            raise CodecError(f"{cls.__name__}: expected fields {shown}, got {got}")
        values = {}
        for name, decoder, kind in parts:
            value = raw[name]
            if decoder is not None:
                values[name] = decoder(value)
            elif type(value) is kind:
                values[name] = value
            else:
                raise CodecError(f"{cls.__name__}.{name}: expected {getattr(kind, '__name__', kind)}, got {_show(value)}")
        return cls(**values)
    return build


def _first_fitting(options: list[Decoder], hint: Any) -> Decoder:
    def fit(raw: Any) -> Any:
        for option in options:
            try:
                return option(raw)
            except CodecError:
                continue
        raise CodecError(f"expected {hint}, got {_show(raw)}")
    return fit


def _exact(kind: type) -> Decoder:
    def check(raw: Any) -> Any:
        # bool is an int in Python, but never the other way round in our data
        if type(raw) is not kind:
            raise CodecError(f"expected {kind.__name__}, got {_show(raw)}")
        return raw
    return check


def _check(raw: Any, kinds: type | tuple[type, ...], what: str) -> Any:
    if not isinstance(raw, kinds) or isinstance(raw, bool):
        raise CodecError(f"expected {what}, got {_show(raw)}")
    return raw


def _fail(what: str, raw: Any) -> Any:
    raise CodecError(f"expected {what}, got {_show(raw)}")


def _show(raw: Any) -> str:
    text = json.dumps(raw, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."

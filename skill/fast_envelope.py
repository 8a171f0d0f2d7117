"""Reading a request envelope into ask-sdk's model objects, fast, with exactly the library's result.

ask-sdk-core's DefaultSerializer takes a JSON string (so the endpoint had to dump the dict it had
just parsed), then for every field of every object re-parses type names with regexes, imports
classes by name and parses the timestamp with dateutil: about 60% of a request's time in our code
(bench/profile_requests.py). This reader walks the same `deserialized_types` / `attribute_map`
of the same model classes, but works out each type's converter once and keeps it, reads the dict
we already have, and parses Alexa's one timestamp shape directly.

It follows the library rule for rule for well-formed envelopes (including setting unknown fields as
plain attributes, as the library does); anything else (a field of an unexpected shape, a timestamp
in another format, an unknown type) makes it hand the whole envelope to the library instead, so
odd input gets the library's own answer or error. tests/test_fast_envelope.py checks that both
give equal objects.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from enum import Enum
from typing import Any, Callable

from ask_sdk_model import RequestEnvelope
from dateutil.tz import tzutc

_NATIVE = {"int": int, "long": int, "float": float, "str": str, "bool": bool}
# Alexa's timestamps: "2015-05-13T12:34:56Z" (optionally with milli- or microseconds).
_ALEXA_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3}|\.\d{6})?Z")
_UTC = tzutc()  # what dateutil gives for "Z", so the objects are equal to the library's


class _NotFast(Exception):
    """This envelope is not one the fast path reads exactly like the library: use the library."""


Converter = Callable[[Any], Any]


class EnvelopeReader:
    """Builds (once) and applies a converter per model type name."""

    def __init__(self):
        self._converters: dict[tuple[str, bool], Converter] = {}

    def read(self, envelope: dict, serializer) -> RequestEnvelope:
        """The envelope as ask-sdk's RequestEnvelope; the library's own deserializer for odd input."""
        try:
            return self._converter("ask_sdk_model.request_envelope.RequestEnvelope")(envelope)
        except Exception:  # anything unusual: the library decides (and raises its own error)
            return serializer.deserialize(json.dumps(envelope), RequestEnvelope)

    def _converter(self, type_name: str, discriminate: bool = True) -> Converter:
        key = (type_name, discriminate)
        if key not in self._converters:
            self._converters[key] = self._build(type_name, discriminate)
        return self._converters[key]


    def _build(self, type_name: str, discriminate: bool) -> Converter:
        if type_name.startswith("list["):
            item_type = type_name[5:-1].strip()
            if "," in item_type:
                raise _NotFast(type_name)
            item = self._lazy(item_type)
            return lambda payload: [None if i is None else item(i) for i in _require(payload, list)]
        if type_name.startswith("dict("):
            value = self._lazy(re.match(r"dict\(([^,]*), (.*)\)", type_name).group(2))
            return lambda payload: {k: None if v is None else value(v) for k, v in _require(payload, dict).items()}
        if type_name in _NATIVE:
            return _primitive(_NATIVE[type_name])
        if type_name == "object":
            return lambda payload: payload
        if type_name == "datetime":
            return _alexa_timestamp
        if type_name == "date":
            raise _NotFast(type_name)
        return self._model(_load_class(type_name), discriminate)

    def _model(self, cls, discriminate: bool) -> Converter:
        if issubclass(cls, Enum):
            return cls
        if not hasattr(cls, "deserialized_types"):
            return lambda payload: payload
        if discriminate and hasattr(cls, "get_real_child_model"):
            def by_discriminator(payload):
                child = cls.get_real_child_model(_require(payload, dict))
                if not child:
                    raise _NotFast(cls.__name__)
                return self._converter(child, discriminate=False)(payload)
            return by_discriminator

        attribute_map = dict(getattr(cls, "attribute_map", {}))
        for name in cls.deserialized_types:
            attribute_map.setdefault(name, name)
        # (attribute, JSON key, converter): the converters are looked up on first use (models refer to each other).
        fields = [(name, key, self._lazy(cls.deserialized_types[name])) for name, key in attribute_map.items()]
        known_keys = frozenset(attribute_map.values())
        new = _constructor(cls)

        def model(payload):
            if type(payload) is not dict:
                raise _NotFast(cls.__name__)
            obj = new()
            for name, key, convert in fields:
                if key in payload:
                    value = payload[key]
                    setattr(obj, name, None if value is None else convert(value))
            for key in payload.keys() - known_keys:
                setattr(obj, key, payload[key])  # the library keeps unknown fields as they are
            return obj
        return model

    def _lazy(self, type_name: str) -> Converter:
        resolved = []

        def convert(payload):
            if not resolved:
                resolved.append(self._converter(type_name))
            return resolved[0](payload)
        return convert


def _constructor(cls) -> Callable[[], Any]:
    """cls() with its default arguments; a copy of those defaults when they are all immutable (cheaper)."""
    defaults = cls().__dict__
    if not all(value is None or isinstance(value, (str, int, float, Enum)) for value in defaults.values()):
        return cls

    def new():
        obj = cls.__new__(cls)
        obj.__dict__.update(defaults)
        return obj
    return new


def _require(payload, kind: type):
    if not isinstance(payload, kind):
        raise _NotFast(kind.__name__)
    return payload


def _primitive(kind: type) -> Converter:
    def convert(payload):
        try:
            return kind(payload)
        except TypeError:
            return payload  # as the library does
        except ValueError:
            raise _NotFast(kind.__name__) from None
    return convert


def _alexa_timestamp(payload) -> datetime:
    if not isinstance(payload, str) or not _ALEXA_TIMESTAMP.fullmatch(payload):
        raise _NotFast("timestamp")
    return datetime.fromisoformat(payload[:-1]).replace(tzinfo=_UTC)


def _load_class(class_name: str):
    module_name, _, name = class_name.rpartition(".")
    if not module_name:
        raise _NotFast(class_name)
    return getattr(__import__(module_name, fromlist=[name]), name)


def read_request_envelope(envelope: dict, serializer) -> RequestEnvelope:
    """The checked envelope dict as ask-sdk's RequestEnvelope (the library's deserializer for odd input)."""
    return _READER.read(envelope, serializer)


def write_response(response_envelope, serializer) -> dict:
    """The skill's ResponseEnvelope as JSON data, the same as serializer.serialize(response_envelope)."""
    return _WRITER.write(response_envelope, serializer)


class ResponseWriter:
    """The response envelope as a JSON-ready dict, exactly as DefaultSerializer.serialize() makes it.

    The library looks up and merges each model's attribute map on every object it meets; this keeps
    (attribute, JSON key) per model class. Types it does not know exactly go to the library.
    """

    _AS_IS = frozenset({str, int, float, bool, bytes})

    def __init__(self):
        self._fields: dict[type, list[tuple[str, str]]] = {}

    def write(self, obj, serializer):
        kind = type(obj)
        if obj is None or kind in self._AS_IS:
            return obj
        if kind is dict:
            return {key: self.write(value, serializer) for key, value in obj.items()}
        if kind is list:
            return [self.write(value, serializer) for value in obj]
        fields = self._fields.get(kind)
        if fields is None:
            if not hasattr(obj, "deserialized_types") or isinstance(obj, (Enum, *self._AS_IS, dict, list, tuple)):
                return serializer.serialize(obj)  # Enums, dates, tuples, subclasses: the library's way
            attribute_map = getattr(obj, "attribute_map", {})
            fields = self._fields[kind] = [(name, attribute_map.get(name, name)) for name in obj.deserialized_types]
        written = {}
        for name, key in fields:
            value = getattr(obj, name)
            if value is not None:
                written[key] = self.write(value, serializer)
        return written


# Per-process caches of what the model classes look like: empty until the first request.
_READER = EnvelopeReader()
_WRITER = ResponseWriter()

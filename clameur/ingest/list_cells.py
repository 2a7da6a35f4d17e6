"""Hashtag and mention cells of a mapped table as SQL lists: cells of text in any list notation (a CSV cell, a
Parquet or JSON field read as text), or, for JSON tables, fields that already are lists and are read as lists
instead of as text parsed again (0.3 s of a million-row import).

Mentions become ``STRUCT(id, handle)`` pairs, hashtags text items; the loader normalises tags afterwards. An item
of a JSON list stays one item (text such as "a b" is split at the space).
"""

from __future__ import annotations

import re

_ODD_ITEMS = "'[\\[\\]#＃@ ''\"{}]|^,|,,|,$|^$'"  # in a list's items joined by commas: an item to read one by one
_TRIM = "'[]#＃@ ''\"'"  # around each item: brackets, hashes, at signs, spaces, quotes
# A plain list ("a, b", "#a #b", "[a, b]", "@a;@b") split by one pattern: items are runs of anything else.
_PLAIN_ITEM = "'[^,;|\\s#＃@\\[\\]''\"]+'"
# A list DuckDB's own list cast reads as it is ("[a, b]", '["a", "b"]', "['a', 'b']"): no hash, at sign, other
# separator, escape or object, and spaces only after commas. The cast is faster than the pattern (a third, for JSON).
_NEEDS_RULES = "'[#＃@;|\\\\{}]|[^,]\\s'"

# The keys an object in a list may name its item by, first found first used.
TAG_KEYS = ("tag", "text", "name")
HANDLE_KEYS = ("username", "screen_name", "acct", "handle")
ID_KEYS = ("id_str", "id")
_KEYS = {False: TAG_KEYS, True: (*ID_KEYS, *HANDLE_KEYS)}  # by ``handle``: a tag's or a mention's keys
_OBJECTS = {handle: "STRUCT(" + ", ".join(f"{k} VARCHAR" for k in keys) + ")[]" for handle, keys in _KEYS.items()}
_JSON_OBJECT = {handle: "{" + ", ".join(f'"{k}": "VARCHAR"' for k in keys) + "}" for handle, keys in _KEYS.items()}
# Objects written by Python (a list of dicts saved by pandas' to_csv: [{'tag': 'a', 'start': 0}]) or by DuckDB (a
# Parquet list of structs read as text: [{'tag': a, 'start': 0}]). No JSON parser reads them, and splitting them like
# a plain list made tags and handles of their keys: items are taken by key.
_PY_OBJECTS = r"'^\[\s*\{\s*'''"
_PY_VALUE = r"""'''(?:{keys})'':\s*([''"]?[^''",}]*)'"""  # the value after one of the keys, quoted or not
_PY_ID = r"'''(?:{keys})'':\s*''?([0-9]+)'"  # a number after one of the keys, quoted or not
_STRUCT_LIST = re.compile(r"STRUCT\((.*)\)\[\]")


def without_at(c: str) -> str:
    return f"CASE WHEN starts_with({c}, '@') THEN ltrim({c}, '@') ELSE {c} END"  # most handles have none: no copy


def _first(obj: str, keys: tuple[str, ...]) -> str:
    return f"coalesce({', '.join(f'{obj}.{k}' for k in keys)})"


def _alone(handle: str) -> str:
    return f"struct_pack(id := NULL::VARCHAR, handle := {handle})"


def _pair(obj: str) -> str:
    return f"struct_pack(id := {_first(obj, ID_KEYS)}, handle := {without_at(_first(obj, HANDLE_KEYS))})"


def text_list_sql(c: str, handle: bool) -> str:
    """A list cell as VARCHAR[] (``handle``: mention structs): JSON objects ([{tag|text|name: …}],
    [{username|screen_name|acct|handle: …, id|id_str: …}]), JSON strings with escapes (\\u00e9) decoded, and any
    other list ("a, b", "#a #b", "[a, b]", ["a", "b"]) split by one pattern. ``c`` is a trimmed text cell."""
    as_list = f"list_filter(try_cast({c} AS VARCHAR[]), lambda e: e <> '')"
    cast = f"CASE WHEN starts_with({c}, '[') AND NOT regexp_matches({c}, {_NEEDS_RULES}) THEN {as_list} END"
    json_list = f"starts_with({c}, '[') AND json_valid({c})"
    has_objects = f"contains({c}, '{{') AND {json_list}"
    escaped = f"contains({c}, '\\') AND {json_list}"
    plain = f"regexp_extract_all({c}, {_PLAIN_ITEM})"
    strings = (
        f"list_filter(list_transform(from_json({c}, '[\"VARCHAR\"]'), lambda e: trim(e, {_TRIM})), lambda e: e <> '')"
    )
    objects = f"from_json({c}, '[{_JSON_OBJECT[handle]}]')"
    python = f"regexp_matches({c}, {_PY_OBJECTS})"
    if handle:
        alone = f"lambda h: {_alone('h')}"
        return f"""coalesce(list_transform({cast}, {alone}),
                            CASE WHEN {has_objects} THEN {_mention_objects(objects)}
                                 WHEN {python} THEN {_python_mentions(c)}
                                 WHEN {escaped} THEN list_transform({strings}, {alone})
                                 ELSE list_transform({plain}, {alone}) END, [])"""
    values = f"regexp_extract_all({c}, {_keyed(_PY_VALUE, TAG_KEYS)}, 1)"
    tags = f"list_filter(list_transform({values}, lambda v: {_py_text('v')}), lambda e: e <> '')"
    return f"""coalesce({cast}, CASE WHEN {has_objects} THEN {_tag_objects(objects)} WHEN {python} THEN {tags}
                                      WHEN {escaped} THEN {strings} ELSE {plain} END, [])"""


def _keyed(pattern: str, keys: tuple[str, ...]) -> str:
    """``pattern`` (:data:`_PY_VALUE`, :data:`_PY_ID`) after any of ``keys``."""
    return pattern.replace("{keys}", "|".join(keys))


def _py_text(value: str) -> str:
    """A value taken by :data:`_PY_VALUE`, without its quote and at sign; empty when it is missing (None, NULL)."""
    return f"CASE WHEN {value} IN ('None', 'NULL') THEN '' ELSE ltrim(ltrim({value}, '''\"'), '@') END"


def _python_mentions(c: str) -> str:
    """Mentions in objects written by Python, an object at a time so that each handle keeps its id."""
    handle = _py_text(f"regexp_extract(o, {_keyed(_PY_VALUE, HANDLE_KEYS)}, 1)")
    pair = f"struct_pack(id := nullif(regexp_extract(o, {_keyed(_PY_ID, ID_KEYS)}, 1), ''), handle := {handle})"
    return f"list_filter(list_transform(string_split({c}, '}}'), lambda o: {pair}), lambda m: m.handle <> '')"


def _mention_objects(objects: str) -> str:
    return f"list_filter(list_transform({objects}, lambda o: {_pair('o')}), lambda m: m.handle <> '')"


def _tag_objects(objects: str) -> str:
    return f"list_filter(list_transform({objects}, lambda o: {_first('o', TAG_KEYS)}), lambda e: e <> '')"


def list_read_type(described: str | None, handle: bool) -> str | None:
    """The type to read a JSON field as, given the type DuckDB's sample of the file saw (``described``): a list
    of strings as VARCHAR[], a list of objects naming a tag (or a mention's handle) as the objects' known keys;
    None (read as text) for anything else, such as a list the sample only saw empty."""
    if described == "VARCHAR[]":
        return described
    shape = _STRUCT_LIST.fullmatch(described or "")
    keys = {part.split(" ")[0].strip('"') for part in shape.group(1).split(", ")} if shape else set()
    return _OBJECTS[handle] if keys & set(HANDLE_KEYS if handle else TAG_KEYS) else None


def typed_list_sql(c: str, read_type: str, handle: bool) -> str:
    """A field read as ``read_type`` (from :func:`list_read_type`) as VARCHAR[] or mention structs, like
    :func:`text_list_sql` reads the same list written as text. An item of a list of strings that is an object
    (DuckDB gives its JSON text when the sample saw only strings) is read by its keys."""
    if read_type != "VARCHAR[]":
        return f"coalesce({_mention_objects(c) if handle else _tag_objects(c)}, [])"
    is_object = "starts_with(e, '{') AND json_valid(e)"
    if handle:
        keyed = _pair(f"from_json(e, '{_JSON_OBJECT[True]}')")
        item = f"CASE WHEN {is_object} THEN {keyed} ELSE {_alone(f'trim(e, {_TRIM})')} END"
        items = f"list_filter(list_transform({c}, lambda e: {item}), lambda m: m.handle <> '')"
        plain = f"list_transform({c}, lambda h: {_alone('h')})"
    else:
        keyed = _first(f"from_json(e, '{_JSON_OBJECT[False]}')", TAG_KEYS)
        item = f"CASE WHEN {is_object} THEN {keyed} ELSE trim(e, {_TRIM}) END"
        items = f"list_filter(list_transform({c}, lambda e: {item}), lambda e: e <> '')"
        plain = c
    # Most lists hold only plain items (no sign, bracket, quote, object, empty or missing item): one look at the
    # whole list spares them the item by item reading (0.25 s per million posts).
    odd = f"regexp_matches(array_to_string({c}, ','), {_ODD_ITEMS}) OR len({c}) <> list_count({c})"
    return f"CASE WHEN {c} IS NULL THEN [] WHEN {odd} THEN {items} ELSE {plain} END"

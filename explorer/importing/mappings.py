"""Column mappings: what a user said a file's columns (and odd values) mean, saved per header layout.

A mapping belongs to a header layout (the header cells as written, in order) and says
the table kind, which header holds each field, and optionally how unknown values read
(an unknown tier 'Premium' -> 'Premier'). Mappings live in one TOML file in the user's
configuration folder (platformdirs) and are reused whenever a file with that layout
opens; a team shares them by exporting and importing TOML files of the same shape:

    [[mapping]]
    kind = "contracts"
    layout = ["Kunde", "Erzeugnis", "Stufe", "Beginn", "Ende"]
    [mapping.columns]
    customer = "Kunde"
    product = "Erzeugnis"
    [mapping.values.program]
    "Premium" = "Premier"

A workbook's hidden sheets are read only when a mapping of their layout names them
(``read_hidden = ["Backup 2025"]``, the Map Columns dialog's 'Read this hidden sheet'). ``dates = "day first"``
(or ``"month first"``) says how its nn/nn/yyyy dates are written, where none of them has a day over 12 to tell.

A malformed file, a column that is not in the layout, or two fields on one column
is refused with a message naming the key. Qt-free: the CLI and the GUI share it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.atomic import write_atomically
from explorer.catalog import Catalog, fold
from explorer.filekinds import UnreadableFile, load_toml
from explorer.importing.line_items import line_item_for, program_named
from explorer.shown import shown_name

APP_NAME = "Entitlement Explorer"
FILE_NAME = "mappings.toml"


# How a user states a file's order (a mapping's dates = "day first", --case-dates month-first): day first or not
STATED_ORDERS = {"day first": True, "month first": False}


def stated_order(text: str) -> bool | None:
    """True for 'day first' (also 'day-first', 'Day First'), False for 'month first', None for anything else."""
    return STATED_ORDERS.get(" ".join(text.replace("-", " ").replace("_", " ").casefold().split()))


class MappingError(ValueError):
    """A mapping file that cannot be used; str() names the file and the key."""


@dataclass(frozen=True)
class ColumnMapping:
    kind: str
    layout: tuple[str, ...]
    columns: dict[str, str]  # field -> header as written
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {value as written: what it means}
    read_hidden: tuple[str, ...] = ()  # hidden sheets of this layout the user asked to read
    day_first: bool | None = None  # dates = "day first" / "month first": how its nn/nn/yyyy dates are written
    origin: str = field(default="", compare=False)  # the --mapping file it was given in ("" for a saved one)

    @property
    def key(self) -> tuple[str, ...]:
        return layout_key(self.layout)

    def positions(self) -> dict[str, int]:
        """Field -> position of its header in the layout."""
        index = {fold(h): i for i, h in enumerate(self.layout)}
        return {name: index[fold(header)] for name, header in self.columns.items()}


def layout_key(layout: Sequence[str]) -> tuple[str, ...]:
    return tuple(fold(h) for h in layout)


def value_known(catalog: Catalog, name: str, value: str) -> bool:
    """Whether the contracts or cases reader takes ``value`` as a field's value: a product (or a line naming its
    product and tier, or an add-on: 'Okta Premier Plus', '100% Dedicated MCSE'), a tier (or an add-on's line,
    contracts._addon_line), a priority. The one rule
    for the values Map Columns lists as unknown and for the meanings a saved mapping may give them."""
    if name == "product":
        return catalog.product_for(value) is not None or line_item_for(catalog, value) is not None
    if name == "program":  # a tier as the reader reads one ('Premier Plus Support'), or an add-on's line beside it
        if any(program_named(catalog, p, value) is not None for p in catalog.products.values()):
            return True
        return (item := line_item_for(catalog, value)) is not None and item.addon is not None
    if name in ("priority", "priority_at_open"):
        return catalog.priority_for(value) is not None
    return True


def parse_mappings(data: dict[str, Any], source: str, catalog: Catalog) -> list[ColumnMapping]:
    """Validate the [[mapping]] entries of a TOML document; MappingError names the key."""
    entries = data.get("mapping", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise MappingError(f"{source}: mapping: expected [[mapping]] tables")
    out = []
    for i, raw in enumerate(entries):
        path = f"{source}: mapping[{i}]"
        kind = raw.get("kind")
        if kind not in catalog.tables:
            raise MappingError(f"{path}.kind: expected one of {', '.join(catalog.tables)}, found {kind!r}")
        spec = catalog.tables[kind]
        layout = raw.get("layout")
        if not isinstance(layout, list) or not layout or not all(isinstance(h, str) and h.strip() for h in layout):
            raise MappingError(f"{path}.layout: expected the header cells as a list of texts")
        columns = raw.get("columns", {})
        if not isinstance(columns, dict):
            raise MappingError(f'{path}.columns: expected a table of field = "header"')
        known = {fold(h) for h in layout}
        taken: dict[str, str] = {}
        for name, header in columns.items():
            if name not in spec.fields:
                raise MappingError(f"{path}.columns.{name}: not a field of {kind} ({', '.join(spec.fields)})")
            if not isinstance(header, str) or fold(header) not in known:
                raise MappingError(f"{path}.columns.{name}: no column {header!r} in the layout")
            if fold(header) in taken:
                raise MappingError(
                    f"{path}.columns.{name}: column {header!r} is already mapped to "
                    f"{taken[fold(header)]}; a column serves one field"
                )
            taken[fold(header)] = name
        values = raw.get("values", {})
        if not isinstance(values, dict):
            raise MappingError(f'{path}.values: expected tables of "value" = "meaning" per field')
        for name, table in values.items():
            if name not in spec.fields or not isinstance(table, dict):
                raise MappingError(f'{path}.values.{name}: expected a field of {kind} with "value" = "meaning"')
            for value, meaning in table.items():
                if not isinstance(meaning, str) or not value_known(catalog, name, meaning):
                    raise MappingError(f"{path}.values.{name}.{value}: {meaning!r} is not a known {name}")
        hidden = raw.get("read_hidden", [])
        if not isinstance(hidden, list) or not all(isinstance(h, str) for h in hidden):
            raise MappingError(f"{path}.read_hidden: expected a list of sheet names")
        dates = raw.get("dates")
        if dates is not None and (not isinstance(dates, str) or stated_order(dates) is None):
            raise MappingError(f"{path}.dates: expected {' or '.join(repr(w) for w in STATED_ORDERS)}, found {dates!r}")
        out.append(
            ColumnMapping(
                kind,
                tuple(h.strip() for h in layout),
                {k: v.strip() for k, v in columns.items()},
                {k: dict(v) for k, v in values.items()},
                tuple(hidden),
                None if dates is None else stated_order(dates),
            )
        )
    return out


def load_mapping_file(path: Path | str, catalog: Catalog, given: bool = True) -> list[ColumnMapping]:
    """The mappings of a file; one ``given`` by the user (not the saved store, which may hold none) must have some."""
    path = Path(path)
    try:
        data = load_toml(path)
    except UnreadableFile as exc:
        toml = exc.cause.startswith("not valid TOML")
        raise MappingError(
            f"{shown_name(path)}: {exc.cause}" if toml else f"{shown_name(path)}: cannot be read ({exc.cause})"
        ) from None
    if given and "mapping" not in data:  # a workspace or catalog given as --mapping would silently map nothing
        raise MappingError(f"{shown_name(path)}: not a mapping file (it has no [[mapping]] tables)")
    return parse_mappings(data, shown_name(path), catalog)


def dump_mappings(mappings: Iterable[ColumnMapping], notes: dict[tuple[str, ...], list[str]] | None = None) -> str:
    """TOML text for mappings; ``notes`` (per layout key) become comment lines for the reader to act on.

    tomli-w writes the data, so a header holding quotes or newlines stays one value; the
    notes quote headers too, and are cut to one line each so none can become TOML.
    """
    import tomli_w

    parts = ["# Entitlement Explorer column mappings (explorer --mapping FILE, or File > Map Columns... to import).\n"]
    for mapping in mappings:
        table: dict[str, Any] = {"kind": mapping.kind, "layout": list(mapping.layout)}
        if mapping.read_hidden:
            table["read_hidden"] = list(mapping.read_hidden)
        if mapping.day_first is not None:
            table["dates"] = "day first" if mapping.day_first else "month first"
        table["columns"] = dict(mapping.columns)
        if mapping.values:
            table["values"] = {name: dict(values) for name, values in mapping.values.items()}
        head, _, body = tomli_w.dumps({"mapping": [table]}).partition("\n")
        comments = "".join(f"# {_one_line(note)}\n" for note in (notes or {}).get(mapping.key, []))
        parts.append(f"{head}\n{comments}{body}")
    return "\n".join(parts)


def _one_line(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    """A text file, for write_atomically."""
    _write(path, text)


def default_folder() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


class MappingStore:
    """The user's saved mappings: one TOML file in the configuration folder."""

    def __init__(self, catalog: Catalog, folder: Path | None = None) -> None:
        self.catalog = catalog
        self.path = (folder or default_folder()) / FILE_NAME
        self.notice = ""  # set when an unreadable file was set aside: what happened, with both full paths

    def all(self) -> list[ColumnMapping]:
        """The saved mappings. A file that cannot be read is set aside (renamed beside itself) so one
        corrupt file never blocks every command and the app; ``notice`` then says where it went."""
        if not self.path.exists():
            return []
        try:
            return load_mapping_file(self.path, self.catalog, given=False)
        except MappingError as exc:
            self.notice = self._set_aside(str(exc).removeprefix(f"{shown_name(self.path)}: "))
            return []

    def _set_aside(self, cause: str) -> str:
        aside = next(p for n in range(1, 10_000) if not (p := self.path.with_name(f"mappings.unreadable-{n}.toml")).exists())
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            return f"The saved column mappings {self.path} cannot be read ({cause}) nor set aside ({exc.strerror}); none is used."
        return (
            f"The saved column mappings {self.path} could not be read ({cause}); the file was set aside as {aside} "
            "and no saved mapping is used."
        )

    def find(self, layout: Sequence[str]) -> ColumnMapping | None:
        key = layout_key(layout)
        return next((m for m in self.all() if m.key == key), None)

    def save(self, mapping: ColumnMapping) -> None:
        """Keep ``mapping`` for its layout, replacing an older one."""
        self._write([m for m in self.all() if m.key != mapping.key] + [mapping])

    def remove(self, layout: Sequence[str]) -> bool:
        key = layout_key(layout)
        mappings = self.all()
        kept = [m for m in mappings if m.key != key]
        self._write(kept)
        return len(kept) < len(mappings)

    def export(self, target: Path | str) -> Path:
        text = dump_mappings(self.all())
        return write_atomically(target, lambda temp: _write(temp, text))

    def import_file(self, source: Path | str) -> int:
        """Add (or replace) every mapping of a shared file; refuses a malformed one as a whole."""
        incoming = load_mapping_file(source, self.catalog)
        keys = {m.key for m in incoming}
        self._write([m for m in self.all() if m.key not in keys] + incoming)
        return len(incoming)

    def _write(self, mappings: list[ColumnMapping]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = dump_mappings(mappings)
        write_atomically(self.path, lambda temp: _write(temp, text))


class Lookup:
    """Mappings by layout: those given first win (a --mapping file before the saved ones).

    ``notices`` are what the user must hear about the saved mappings (a file set aside)."""

    def __init__(self, *sources: Iterable[ColumnMapping], notices: Sequence[str] = ()) -> None:
        self.notices = list(notices)
        self.by_key: dict[tuple[str, ...], ColumnMapping] = {}
        for source in sources:
            for mapping in source:
                self.by_key.setdefault(mapping.key, mapping)

    def __call__(self, layout: Sequence[str]) -> ColumnMapping | None:
        return self.by_key.get(layout_key(layout))

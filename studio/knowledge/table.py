"""The knowledge as a table, one row per series, and back (docs/knowledge.md, "Spreadsheets").

A row names its category, brand and series and repeats the fields of each;
a brand without series has a row of its own with the series cell empty, a
category without brands one with the brand cell empty. Lists are written
`a|b|c` (as a JSON list when a name holds `|` or the text starts with `[`),
series attributes and keys the model does not know as JSON objects. A series
row whose series cells beside the name are all empty is a bare name; any
other series is an object (an object without details writes `{}` as its
attributes so that it stays one).

Reading validates every row and collects each problem with the row number
a spreadsheet shows (the header is row 1); the knowledge is only built when
no row is bad, so an import with a bad row changes nothing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from studio.i18n import N_, _
from studio.json_words import json_error_text
from studio.knowledge.model import Brand, Category, Knowledge, Series
from studio.knowledge.validation import UniqueNames, attribute_problem, price_range_problem

CATEGORY_COLUMNS = ("category", "category_description", "category_icon", "category_subtypes")
BRAND_COLUMNS = ("brand", "brand_aliases", "brand_scenarios", "brand_price_min", "brand_price_max")
SERIES_COLUMNS = ("series", "series_aliases", "series_scenarios", "series_price_min", "series_price_max",
                  "series_attributes")
EXTRA_COLUMNS = ("category_extra", "brand_extra", "series_extra")
COLUMNS = CATEGORY_COLUMNS + BRAND_COLUMNS + SERIES_COLUMNS
REQUIRED = ("category", "brand", "series")
MAX_PROBLEMS = 1000   # a sheet that is wrong throughout says so without listing 100,000 rows
# How a problem names a field that two rows give differently.
_FIELD_WORDS = {"description": N_("description"), "icon": N_("icon"), "subtypes": N_("subtypes"),
                "extra": N_("extra"), "aliases": N_("aliases"), "scenarios": N_("scenarios"),
                "price_range": N_("price range")}

Cell = str | int | float | bool | None


class Formula(str):
    """A cell that holds a formula: its text, never its value (which may be missing or stale)."""


@dataclass(frozen=True)
class RowProblem:
    row: int       # as a spreadsheet numbers it: the header is row 1
    column: str    # the column's header, "" for the row as a whole
    message: str

    def __str__(self) -> str:
        if self.column:
            # TRANSLATORS: {column} is a column header such as brand_aliases
            return _("row {row}, {column}: {message}").format(row=self.row, column=self.column, message=self.message)
        return _("row {row}: {message}").format(row=self.row, message=self.message)


# ------------------------------------------------------------------ writing

def header(knowledge: Knowledge) -> list[str]:
    """The columns of an export: the extra columns only when some entry has unknown keys."""
    extras = any(c.extra or any(b.extra or any(s.extra for s in b.series_details.values())
                                for b in c.brands.values()) for c in knowledge.categories.values())
    return list(COLUMNS + (EXTRA_COLUMNS if extras else ()))


def rows(knowledge: Knowledge, columns: list[str]) -> Iterator[list[Cell]]:
    """One row per series, per brand without series, per category without brands."""
    for category in knowledge.categories.values():
        category_cells = {"category": category.name, "category_description": category.description,
                          "category_icon": category.icon, "category_subtypes": _list_text(category.subtypes),
                          "category_extra": _object_text(category.extra)}
        if not category.brands:
            yield _row(columns, category_cells)
        for brand in category.brands.values():
            low, high = brand.price_range or (None, None)
            brand_cells = {**category_cells, "brand": brand.name, "brand_aliases": _list_text(brand.aliases),
                           "brand_scenarios": _list_text(brand.scenarios), "brand_price_min": low,
                           "brand_price_max": high, "brand_extra": _object_text(brand.extra)}
            if not brand.series:
                yield _row(columns, brand_cells)
            for name in brand.series:
                yield _row(columns, {**brand_cells, "series": name, **_series_cells(brand.series_details.get(name))})


def _series_cells(series: Series | None) -> dict[str, Cell]:
    if series is None:
        return {}
    low, high = series.price_range or (None, None)
    cells = {"series_aliases": _list_text(series.aliases), "series_scenarios": _list_text(series.scenarios),
             "series_price_min": low, "series_price_max": high,
             "series_attributes": json.dumps(series.attributes, ensure_ascii=False) if series.attributes else "",
             "series_extra": _object_text(series.extra)}
    if not any(v not in ("", None) for v in cells.values()):
        cells["series_attributes"] = "{}"   # an object with nothing but its name stays an object
    return cells


def _row(columns: list[str], cells: dict[str, Cell]) -> list[Cell]:
    """The cells in column order; an empty text is an empty cell (None)."""
    return [None if cells.get(column) == "" else cells.get(column) for column in columns]


def _list_text(names: list[str]) -> str:
    joined = "|".join(names)
    if any("|" in name for name in names) or joined.startswith("["):
        return json.dumps(names, ensure_ascii=False)
    return joined


def _object_text(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""


# ------------------------------------------------------------------ reading

class TableReader:
    """Builds a `Knowledge` from a header and rows, collecting every bad row's problems."""

    def __init__(self, merged_hint: bool = False) -> None:
        self.problems: list[RowProblem] = []
        self.more_problems = 0   # problems past MAX_PROBLEMS, counted but not kept
        self._merged_hint = merged_hint
        self._columns: dict[str, int] = {}
        self._knowledge = Knowledge()
        self._first_row: dict[tuple, int] = {}   # where a category's or brand's fields were first given
        self._series_names: dict[tuple[str, str], UniqueNames] = {}
        self._rows = 0

    def read(self, header_cells: list[Cell] | None, body: Iterable[tuple[int, list[Cell]]]) -> Knowledge | None:
        """The knowledge of the table, or None when any row (or the header) is bad."""
        if header_cells is None:
            self._problem(1, "", _("the table is empty: the first row must name the columns"))
            return None
        if not self._read_header(header_cells):
            return None
        for number, cells in body:
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue   # an empty row separates nothing and means nothing
            self._rows += 1
            self._read_row(number, cells)
        return None if self.problems or self.more_problems else self._knowledge

    @property
    def row_count(self) -> int:
        return self._rows

    def _read_header(self, cells: list[Cell]) -> bool:
        known = COLUMNS + EXTRA_COLUMNS
        for index, cell in enumerate(cells):
            name = cell.strip() if isinstance(cell, str) else cell
            if name in (None, ""):
                continue
            if name not in known:
                self._problem(1, str(name), _("unknown column {name!r}; the columns are {columns}").format(
                    name=name, columns=", ".join(known)))
            elif name in self._columns:
                self._problem(1, name, _("column {name!r} appears twice").format(name=name))
            else:
                self._columns[name] = index
        for name in REQUIRED:
            if name not in self._columns and not self.problems:
                self._problem(1, name, _("missing the column {name!r}").format(name=name))
        return not self.problems

    def _cell(self, cells: list[Cell], column: str) -> Cell:
        index = self._columns.get(column)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return None if isinstance(value, str) and value == "" else value

    def _read_row(self, number: int, cells: list[Cell]) -> None:
        before = len(self.problems) + self.more_problems
        formulas = [(column, cells[index]) for column, index in self._columns.items()
                    if index < len(cells) and isinstance(cells[index], Formula)]
        for column, text in formulas:
            self._problem(number, column, _("a formula ({formula}): replace it by its value and import again").format(
                formula=text))
        if formulas:
            return
        get = lambda column: self._cell(cells, column)   # noqa: E731 - a short local reader
        category_name = self._name(number, "category", get("category"))
        if category_name is None:
            return
        category = self._category(number, category_name, get)
        brand_cell, series_cell = get("brand"), get("series")
        if brand_cell is None:
            if series_cell is not None:
                self._problem(number, "brand", self._with_merge_hint(_("a series needs its brand")))
            for column in BRAND_COLUMNS[1:]:
                if get(column) is not None:
                    self._problem(number, column, _("a brand field without a brand"))
            return
        brand_name = self._name(number, "brand", brand_cell)
        if brand_name is None or category is None:
            return
        brand = self._brand(number, category, brand_name, get)
        if series_cell is None:
            for column in SERIES_COLUMNS[1:] + ("series_extra",):
                if get(column) is not None:
                    self._problem(number, column, _("a series field without a series"))
            return
        series_name = self._name(number, "series", series_cell)
        if series_name is None or brand is None:
            return
        unique = self._series_names.setdefault((category.name, brand.name), UniqueNames(N_("series")))
        problem = unique.problem(series_name)
        if problem:
            # TRANSLATORS: {place} is "category › brand"
            self._problem(number, "series", _("{problem} in {place}").format(
                problem=problem, place=f"{category.name} › {brand.name}"))
            return
        detail = self._series(number, series_name, get)
        if len(self.problems) + self.more_problems == before:
            brand.series.append(series_name)
            if detail is not None:
                brand.series_details[series_name] = detail

    def _category(self, number: int, name: str, get) -> Category | None:
        fields = {"description": self._text(number, "category_description", get("category_description")),
                  "icon": self._text(number, "category_icon", get("category_icon")),
                  "subtypes": self._names(number, "category_subtypes", get("category_subtypes"), N_("subtype")),
                  "extra": self._object(number, "category_extra", get("category_extra"))}
        category = self._knowledge.categories.get(name)
        if category is None:
            category = Category(name)
            self._knowledge.categories[name] = category
        self._fill(number, ("category", name), category, fields, "category_")
        return category

    def _brand(self, number: int, category: Category, name: str, get) -> Brand | None:
        fields = {"aliases": self._names(number, "brand_aliases", get("brand_aliases"), N_("alias")),
                  "scenarios": self._names(number, "brand_scenarios", get("brand_scenarios"), N_("scenario")),
                  "price_range": self._price(number, "brand", get),
                  "extra": self._object(number, "brand_extra", get("brand_extra"))}
        brand = category.brands.get(name)
        if brand is None:
            brand = Brand(name)
            category.brands[name] = brand
        self._fill(number, ("brand", category.name, name), brand, fields, "brand_")
        return brand

    def _fill(self, number: int, key: tuple, entry: object, fields: dict, prefix: str) -> None:
        """Set the fields a row gives; one given differently by an earlier row is a problem."""
        for field, value in fields.items():
            if value in (None, "", [], {}):
                continue
            where = self._first_row.setdefault(key + (field,), number)
            current = getattr(entry, field)
            if where == number:
                setattr(entry, field, value)
            elif current != value:
                column = prefix + ("price_min" if field == "price_range" else field)
                # TRANSLATORS: {what} is category or brand, {field} e.g. description or price range
                self._problem(number, column, _("differs from row {row}, which gave the same {what} {name!r} "
                                                "another {field}").format(
                    row=where, what=_(key[0]), name=key[-1], field=_(_FIELD_WORDS[field])))

    def _series(self, number: int, name: str, get) -> Series | None:
        cells = [get(column) for column in SERIES_COLUMNS[1:] + ("series_extra",)]
        if all(cell is None for cell in cells):
            return None
        return Series(name, self._names(number, "series_aliases", get("series_aliases"), N_("alias")) or [],
                      self._price(number, "series", get),
                      self._names(number, "series_scenarios", get("series_scenarios"), N_("scenario")) or [],
                      self._attributes(number, get("series_attributes")),
                      self._object(number, "series_extra", get("series_extra")) or {})

    # --- cells -------------------------------------------------------------------

    def _name(self, number: int, column: str, value: Cell) -> str | None:
        if value is None:
            self._problem(number, column, self._with_merge_hint(_("{column} is empty").format(column=column)))
            return None
        text = _whole_number_text(value).strip()   # a stray space typed in a cell; names never hold one
        problem = UniqueNames(column).problem(text)
        if problem:
            self._problem(number, column, problem)
            return None
        return text

    def _with_merge_hint(self, problem: str) -> str:
        if not self._merged_hint:
            return problem
        return _("{problem} (a merged cell leaves every row but its first empty: unmerge it and fill each row)"
                 ).format(problem=problem)

    def _text(self, number: int, column: str, value: Cell) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            return _whole_number_text(value)
        return value

    def _names(self, number: int, column: str, value: Cell, what: str) -> list[str] | None:
        if value is None:
            return None
        text = _whole_number_text(value)
        names: object = None
        if text.startswith("["):
            try:
                names = json.loads(text)
            except ValueError:
                names = None
        if not isinstance(names, list):
            names = [part.strip() for part in text.split("|")]
        unique = UniqueNames(what)
        for name in names:
            problem = unique.problem(name)
            if problem:
                self._problem(number, column, problem)
                return None
        return names

    def _price(self, number: int, prefix: str, get) -> tuple[int, int] | None:
        low, high = get(f"{prefix}_price_min"), get(f"{prefix}_price_max")
        if low is None and high is None:
            return None
        if low is None or high is None:
            missing = f"{prefix}_price_min" if low is None else f"{prefix}_price_max"
            self._problem(number, missing, _("a price range needs both its min and its max"))
            return None
        values = [_whole_number(v) for v in (low, high)]
        problem = price_range_problem(values)
        if problem:
            self._problem(number, f"{prefix}_price_min", _("{problem} (got {low!r} and {high!r})").format(
                problem=problem, low=low, high=high))
            return None
        return values[0], values[1]

    def _attributes(self, number: int, value: Cell) -> dict:
        attributes = self._object(number, "series_attributes", value)
        if attributes is None:
            return {}
        keys = UniqueNames(N_("attribute name"))
        for key, item in attributes.items():
            problem = keys.problem(key) or attribute_problem(key, item)
            if problem:
                self._problem(number, "series_attributes", problem)
                return {}
        return attributes

    def _object(self, number: int, column: str, value: Cell) -> dict | None:
        if value is None:
            return None
        try:
            found = json.loads(value) if isinstance(value, str) else None
        except json.JSONDecodeError as error:
            self._problem(number, column, _("not a JSON object: {reason}").format(reason=json_error_text(error)))
            return None
        if not isinstance(found, dict):
            self._problem(number, column, _('must be a JSON object, e.g. {"屏幕": "6.7英寸", "重量": 205}'))
            return None
        return found

    def _problem(self, row: int, column: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(RowProblem(row, column, message))
        else:
            self.more_problems += 1


def _whole_number(value: Cell) -> object:
    """A spreadsheet stores every number as a float: 5999.0 is the whole number 5999."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return value
    return value


def _whole_number_text(value: Cell) -> str:
    """The text of a name cell; a spreadsheet may have turned a name such as 360 into a number."""
    if isinstance(value, str):
        return value
    number = _whole_number(value)
    return str(number) if not isinstance(number, bool) else str(value)

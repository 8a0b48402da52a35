"""One person across meetings: which printed units are one unit and which speeches are one
speaker's, decided once per catalog (`people_of`) over all its speeches, so that answers,
who said what, the topic charts and their exports group alike.

A unit printed without its place (`教育局`) is the one placed unit ending the same way
(`三亚市教育局`), and stays apart when two places have one (`index.titles.grouped_units`). A
person is (name, their first unit so grouped); a speech printed without a unit is the name's
only unit's, where the catalog gives the name exactly one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from index.library import Catalog, CatalogSpeech
from index.records import Attribution
from index.titles import grouped_units


@dataclass(frozen=True, eq=False)
class People:
    """The same-unit and same-person rule of one catalog (read only)."""

    units: dict[str, str] = field(default_factory=dict)  # a unit as printed → the unit it counts as
    only_unit: dict[str, str] = field(default_factory=dict)  # a name → its one unit, where it has one

    @classmethod
    def build(cls, speeches: Sequence[CatalogSpeech]) -> People:
        """The rule over every speech of a catalog (kept per catalog: `people_of`)."""
        units = grouped_units(u for s in speeches for u in s.who.units)
        placed: dict[str, set[str]] = {}
        for s in speeches:
            if s.who.speaker and s.who.units:
                placed.setdefault(s.who.speaker, set()).add(units[s.who.units[0]])
        return cls(units, {name: next(iter(held)) for name, held in placed.items() if len(held) == 1})

    def unit(self, printed: str) -> str:
        """The unit a printed one counts as (`教育局` → `三亚市教育局`)."""
        return self.units.get(printed, printed)

    def person(self, who: Attribution) -> tuple[str, str]:
        """Who a speech or statement is by: (name, unit)."""
        if who.units:
            return who.speaker, self.unit(who.units[0])
        return who.speaker, self.only_unit.get(who.speaker, "")

    def printed(self, units) -> list[str]:
        """The units as speeches print them that count as one of `units`."""
        return [u for u, name in self.units.items() if name in units]


def people_of(catalog: Catalog) -> People:
    """The catalog's people, built once per catalog (`Catalog.derived`)."""
    return catalog.derived(People.build)

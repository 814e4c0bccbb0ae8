"""Every way a run of digits from a flattened table can be read as a row's cells.

"21710000218" under seven columns could be 217, 1, 0, 0, 0, 0, 218 or 2, 1, 7, … : the crawler
kept no boundary. What does constrain it: a published number has no leading zero (except 0
itself), so "02" is two cells; a space the crawler left is a boundary; a minus sign starts a new
cell (本年增/减); only money has a decimal point. This module lists the readings those rules
allow, in a fixed order, and leaves choosing among them to annual_split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reportsite.core.annualform import AMOUNT, CHANGE

#: How each kind of cell may be written in a run: no leading zeros, a sign only on a change.
_CELL = {
    CHANGE: re.compile(r"[-+]?(?:0|[1-9]\d*)"),
    AMOUNT: re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
}
_COUNT = re.compile(r"0|[1-9]\d*")
#: Readings listed for one run before it counts as too ambiguous to choose from.
MAX_READINGS = 20000

Cells = tuple[str, ...]
#: Whether a partial reading can still be part of a good one (e.g. its row totals so far add up).
Keep = Callable[[Cells], bool]


class TooMany(Exception):
    """More readings than MAX_READINGS: a run too long for its columns to say anything."""


def readings(run: str, kinds: tuple[str, ...], keep: Keep | None = None) -> list[Cells]:
    """Every reading of `run` as one cell per kind, each cell as written ("217", "-18", "18651.06"),
    in order of the first cell's length, then the second's …; `keep` prunes partial readings."""
    groups = tuple(_groups(run))
    found: list[Cells] = []
    for reading in _read(groups, 0, 0, kinds, (), keep):
        found.append(reading)
        if len(found) > MAX_READINGS:
            raise TooMany(run)
    return found


def _groups(run: str) -> Iterator[str]:
    """The run cut where the crawler left a space, and before each sign (a sign starts a cell)."""
    for group in run.split():
        yield from (piece for piece in re.split(r"(?=[-+－−])", group) if piece)


def _read(groups: tuple[str, ...], index: int, offset: int, kinds: tuple[str, ...], done: Cells,
          keep: Keep | None) -> Iterator[Cells]:
    """Readings of the groups from `groups[index][offset:]` on, for the kinds after `done`."""
    if len(done) == len(kinds):
        if index == len(groups):
            yield done
        return
    if index == len(groups) or _too_few_digits(groups, index, offset, len(kinds) - len(done)):
        return
    rest = groups[index][offset:].replace("－", "-").replace("−", "-")
    pattern = _CELL.get(kinds[len(done)], _COUNT)
    for end in range(1, len(rest) + 1):
        piece = rest[:end]
        if not pattern.fullmatch(piece) or (end < len(rest) and rest[end] == "."):
            continue
        cells = done + (piece,)
        if keep is not None and not keep(cells):
            continue
        if end == len(rest):
            yield from _read(groups, index + 1, 0, kinds, cells, keep)
        else:
            yield from _read(groups, index, offset + end, kinds, cells, keep)


def _too_few_digits(groups: tuple[str, ...], index: int, offset: int, cells: int) -> bool:
    """Whether the digits left cannot fill the cells left (each takes one at least), or the groups
    left are more than the cells (each group is one cell at least)."""
    left = len(groups[index]) - offset + sum(len(g) for g in groups[index + 1:])
    return left < cells or len(groups) - index > cells


def value(cell: str) -> int | float:
    """A cell as a number: money as float, counts and changes as int."""
    return float(cell) if "." in cell else int(cell)


def digits(cell: str) -> int:
    """How many digits a cell has before any decimal point (its size, as a reader sees it)."""
    return len(cell.lstrip("+-").split(".")[0])

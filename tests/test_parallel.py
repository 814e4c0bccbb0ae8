"""Forked workers: results come back in order, and a worker's error reaches the parent intact."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reportsite.errors import BuildFailed, Problem
from reportsite.parallel import fork_map
from reportsite.renderers.templates import TemplateProblem


def total(share: Sequence[int]) -> int:
    return sum(share)


def test_shares_cover_every_item_once() -> None:
    items = list(range(1000))
    results = fork_map(total, items, workers=2, minimum=10)
    assert len(results) == 2 and sum(results) == sum(items)


@pytest.mark.parametrize("error", [
    TemplateProblem(Problem("templates/report.html", 3, "template error: division by zero")),
    BuildFailed([Problem("content/2023/a.md", None, "the file changed while the site was being built")]),
])
def test_a_workers_error_arrives_with_its_problems(error: Exception) -> None:
    def fail_in_worker(share: Sequence[int]) -> int:
        if 0 in share:  # only the first share, which a forked child renders
            raise error
        return sum(share)

    with pytest.raises(type(error)) as raised:
        fork_map(fail_in_worker, list(range(200)), workers=2, minimum=10)
    problems = [raised.value.problem] if isinstance(raised.value, TemplateProblem) else raised.value.problems
    assert all(isinstance(p, Problem) for p in problems)
    assert str(problems[0]).startswith(("templates/report.html:3:", "content/2023/a.md:"))

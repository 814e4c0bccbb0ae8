"""PDFs rendered on a Dask cluster: a LocalCluster stands in for a province's render farm."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from conftest import ROOT
from reportsite.commands import main


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local.scheduler_address


def test_dask_executor_renders_the_example_sites_pdfs(cluster: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(ROOT / "config.yaml", site / "config.yaml")
    shutil.copytree(ROOT / "content", site / "content")
    reports = sorted((site / "content").glob("*/*.md"))
    code = main(["build", "--config", str(site / "config.yaml"), "--no-search", "--executor", "dask",
                 "--scheduler", cluster])
    out = capsys.readouterr().out
    assert code == 0
    assert f"{len(reports)} PDFs rendered, 0 reused" in out
    pdfs = sorted((site / "output").rglob("*.pdf"))
    assert len(pdfs) == len(reports) and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(ROOT / "config.yaml", site / "config.yaml")
    shutil.copytree(ROOT / "content" / "2023", site / "content" / "2023")
    code = main(["build", "--config", str(site / "config.yaml"), "--no-search", "--executor", "dask",
                 "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1
    assert "--scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "Traceback" not in err


def test_executor_and_scheduler_go_together(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--config", str(ROOT / "config.yaml"), "--executor", "dask"]) == 1
    assert "--executor dask and --scheduler" in capsys.readouterr().err

"""A deterministic corpus of N realistic report files for benchmarks.

Reports are spread over 12 years and 20 publishers and built from the
sentences of the seed report, with official headings, run-in leads, a table
and key figures, about 5,000 characters each. The same N and seed always give
byte-identical files.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests/fixtures/badou-2023-key-work.txt"
YEARS = list(range(2013, 2025))
NUMERALS = "一二三四五六七八九十"
TOWNS = ["八陡", "博山", "域城", "白塔", "石马", "源泉", "池上", "山头", "城东", "城西",
         "孝妇河", "岳庄", "南博山", "北博山", "西河", "崮山", "夏家庄", "望鲁", "福山", "青石关"]


def sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("一、工作开展情况"):]
    parts = re.split(r"(?<=[。；])", re.sub(r"\s+", "", body))
    return [p for p in parts if 12 <= len(p) <= 120]


def config_text() -> str:
    publishers = "".join(f"  p{i:02d}:\n    name: 博山区{town}镇\n    code: \"\"\n" for i, town in enumerate(TOWNS))
    return ("site:\n  name: 基准测试站点\n  base_url: https://bench.example.gov.cn/\n  id_code: \"3703040001\"\n"
            "footer:\n  sponsor: 基准测试\n  icp: 鲁ICP备00000000号\n  police: 鲁公网安备00000000000000号\n"
            f"publishers:\n{publishers}")


def report_text(rng: random.Random, pool: list[str], number: int, year: int, town: str, key: str) -> str:
    lines = ["---", f"title: {town}镇{year}年度重点工作情况（{number}）", f"publisher: {key}",
             f"issued: {year + 1}-01-{rng.randint(10, 28):02d}", f"year: {year}", "series: 年度重点工作情况",
             "category: 工作总结", "keywords: [重点工作, 乡村振兴]", "---", ""]
    for section in range(3):
        lines += [f"## {NUMERALS[section]}、第{NUMERALS[section]}部分工作情况", ""]
        for sub in range(3):
            lines += [f"### （{NUMERALS[sub]}）{rng.choice(pool)[:12]}", ""]
            for point in range(3):
                lines += [f"**{NUMERALS[point]}是{rng.choice(pool)[:10]}。**" + "".join(rng.sample(pool, 3)), ""]
    lines += ["| 指标 | 数值 | 单位 |", "|---|---|---|"]
    lines += [f"| 指标{i} | {rng.randint(1, 9999) / 100} | 亿元 |" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def generate(n: int, root: Path, seed: int = 2024) -> Path:
    """Write config.yaml and n reports under root; return the config path."""
    rng = random.Random(seed)
    pool = sentences()
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(config_text(), encoding="utf-8")
    for number in range(n):
        year, publisher = YEARS[number % len(YEARS)], number % len(TOWNS)
        path = root / "content" / str(year) / f"r{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report_text(rng, pool, number, year, TOWNS[publisher], f"p{publisher:02d}"), encoding="utf-8")
    return root / "config.yaml"


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))

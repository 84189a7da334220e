"""``jixiao compare``: a reading scored against its gold file, and a clear error without one."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app

DATA = Path(__file__).parents[1] / "data"
runner = CliRunner()


def test_a_seed_is_scored_against_the_gold_folder_beside_it() -> None:
    seed = next((DATA / "seeds").glob("003_*.txt"))
    result = runner.invoke(app, ["compare", str(seed)])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{seed.name}: structure P=1.000 R=1.000 F1=1.000  parse P=1.000 R=1.000 F1=1.000"


def test_mismatches_are_listed_on_request(tmp_path: Path) -> None:
    seed = next((DATA / "seeds").glob("000_*.txt"))
    gold = json.loads((DATA / "gold" / f"{seed.name}.json").read_text(encoding="utf-8"))
    gold["tables"][0]["title"] = "另一个标题"
    altered = tmp_path / "gold.json"
    altered.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["compare", str(seed), "--gold", str(altered), "-m", "5"])
    assert result.exit_code == 0
    assert "structure P=0.99" in result.stdout and "tables[0].title: gold '另一个标题'" in result.stdout


def test_a_file_without_gold_is_an_error(tmp_path: Path) -> None:
    lonely = tmp_path / "x.txt"
    lonely.write_bytes(next((DATA / "seeds").glob("003_*.txt")).read_bytes())
    result = runner.invoke(app, ["compare", str(lonely)])
    assert result.exit_code == 2 and "no gold reading found" in result.stderr

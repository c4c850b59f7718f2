"""Fixtures of the graph tests: a batch of generated articles that yield relations."""

from __future__ import annotations

import csv
import json
import random
from importlib.resources import files
from pathlib import Path

import pytest

TEMPLATES = (
    "{a} called {b} on {day}. The two leaders discussed trade and security.",
    "{a} met with {b} in {city} on {day}. {a} praised the talks.",
    "{b} criticised {a} after the vote. {a} later thanked {b} for the invitation.",
    "{a} accused {b} of violating the agreement. {b} rejected the claims on {day}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
CITIES = ("Berlin", "Paris", "Geneva", "Vienna", "Nairobi", "Brasilia")


def leaders(limit: int = 400) -> list[str]:
    """Current leaders' names from the project's reference data."""
    path = Path(str(files("ontologies"))) / "reference" / "leaders.csv"
    with path.open(encoding="utf-8") as f:
        rows = [r["label"] for r in csv.DictReader(f) if r["status"] != "ended"]
    return rows[:limit]


def write_batch(path: Path, count: int, seed: int = 0) -> Path:
    """A JSONL file of ``count`` short, distinct articles about pairs of leaders."""
    rng = random.Random(seed)
    names = leaders()
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            a, b = rng.sample(names, 2)
            text = " ".join(t.format(a=a, b=b, day=rng.choice(DAYS), city=rng.choice(CITIES))
                            for t in rng.sample(TEMPLATES, 3))
            f.write(json.dumps({"id": f"batch-{seed}-{i:03d}", "title": f"{a} and {b}", "text": text}) + "\n")
    return path


@pytest.fixture
def batch(tmp_path) -> Path:
    """30 generated articles in one JSONL file."""
    return write_batch(tmp_path / "batch.jsonl", 30)

"""``vnextract info`` and the dataset card written beside Parquet and DuckDB runs."""
import json
from importlib import metadata

from extractor.io.card import accuracy, dataset_card, environment, format_environment


def test_environment_names_versions_patterns_and_model():
    env = environment()
    assert env["dependencies"]["spacy"] == metadata.version("spacy")
    files = env["patterns"]["files"]
    assert {"roles.yaml", "gazetteer_vn.tsv"} <= set(files)
    assert files["roles.yaml"]["bytes"] > 1000 and len(files["roles.yaml"]["sha256"]) == 12
    text = format_environment(env)
    assert text.startswith("vn-news-extractor ") and "roles.yaml (" in text and "underthesea NER" in text


def test_card_lists_inputs_counts_columns_accuracy_and_limits():
    card = dataset_card(output="out/run.parquet", fmt="parquet", inputs=["dump.jsonl.gz"],
                        counts={"articles": 12, "officials": 40}, columns={"articles": ["article_id", "title"]},
                        command="vnextract extract dump.jsonl.gz -o out/run.parquet")
    assert "| articles | 12 | `article_id`, `title` |" in card
    assert "- command: `vnextract extract dump.jsonl.gz -o out/run.parquet`" in card
    assert "  - `dump.jsonl.gz`" in card
    acc = accuracy()
    first = next(iter(acc["sets"].values()))
    assert f"| officials.name | {first['officials.name']:.3f} |" in card
    assert "## Known limits" in card


def test_accuracy_file_is_shipped_and_well_formed():
    acc = accuracy()
    assert acc["sets"] and all(0 <= v <= 1 for s in acc["sets"].values() for v in s.values())
    json.dumps(acc)

"""Example notes the Draft tab offers (``ui/examples.py``)."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pytest

from ui import examples


def test_examples_load_into_the_notes() -> None:
    choices = examples.example_choices()
    assert ("Software outage", "software-outage.md") in choices
    assert "staging tests" in examples.load_example("software-outage.md")
    with pytest.raises(gr.Error):
        examples.load_example("../README.md")


def test_every_example_is_offered_by_its_file_name_in_words(tmp_path: Path) -> None:
    (tmp_path / "missed-deadline.md").write_text("missed it", encoding="utf-8")
    (tmp_path / "a-data-leak.md").write_text("leaked it", encoding="utf-8")
    (tmp_path / "README.txt").write_text("not notes", encoding="utf-8")
    assert examples.example_choices(tmp_path) == [
        ("A data leak", "a-data-leak.md"),
        ("Missed deadline", "missed-deadline.md"),
    ]
    assert examples.example_choices(tmp_path / "missing") == []
    assert examples.load_example("missed-deadline.md", tmp_path) == "missed it"


def test_the_shipped_examples_are_read_from_the_package_or_the_source_tree() -> None:
    assert examples.EXAMPLES_DIR.is_dir()
    assert all(examples.load_example(name).strip() for _label, name in examples.example_choices())


def test_no_choice_changes_nothing_and_an_unknown_name_is_escaped_in_the_error(tmp_path: Path) -> None:
    assert examples.load_example(None, tmp_path) == gr.skip()
    assert examples.load_example("", tmp_path) == gr.skip()
    with pytest.raises(gr.Error) as info:
        examples.load_example("<b>nope</b>.md", tmp_path)
    assert "&lt;b&gt;nope&lt;/b&gt;.md" in str(info.value.message)

"""Which of the user's own words in a refine request are in another language than the draft
(``assistant/domain/edit_translation.py``)."""

from __future__ import annotations

import datetime as dt

from chain_support import sample_draft

from assistant.domain.edit_translation import Foreign, draft_language, to_translate, with_translations
from assistant.domain.edit_types import AddAction, AddFact, ReplaceSection, RewordAction, SetMeasure, ShiftDates

ITALIAN = "La lista di tutti gli invii degli ultimi 30 giorni, condivisa con Marta"


def test_words_in_another_language_than_the_draft_are_found_with_the_part_they_are_for() -> None:
    draft = sample_draft()  # English notes
    assert draft_language(draft) == "English"
    edits = [
        ShiftDates(target="plan", amount=1, unit="weeks"),
        SetMeasure(number=2, measure=ITALIAN),
        RewordAction(number=1, action="Add a gate that blocks every deploy without a green staging run"),
        AddFact(fact="el asesor dice que podemos recurrir la multa"),  # a fact stays as typed: notes hold any language
        ReplaceSection(
            section="positive", text="Te enseñaré el lunes cómo funciona la puerta de CI en nuestra reunión."
        ),
    ]
    assert to_translate(edits, draft) == [
        Foreign(1, "measure", ITALIAN, "how my leader can see an action is done"),
        Foreign(4, "text", edits[4].text, "closing line"),  # type: ignore[union-attr]
    ]


def test_a_new_actions_words_and_a_german_draft() -> None:
    draft = sample_draft(
        notes="Ich habe die Konfiguration am Freitag ohne die Staging-Tests ausgerollt, und das war mein Fehler."
    )
    assert draft_language(draft) == "German"
    added = AddAction(
        action="Run a rollback drill with the on-call team",
        measure="The drill log shows a rollback in under ten minutes",
        owner="me",
        due=dt.date(2026, 12, 18),
    )
    assert [(f.field, f.part) for f in to_translate([added], draft)] == [
        ("action", "an action of the plan"),
        ("measure", "how my leader can see an action is done"),
    ]
    # too short or unclear to tell: left as it is
    assert to_translate([SetMeasure(number=1, measure="Gate live")], draft) == []


def test_translations_go_into_the_fields_they_were_for() -> None:
    edits = [SetMeasure(number=2, measure=ITALIAN), RewordAction(number=1, action="Rivedere il gate")]
    done = with_translations(edits, {(0, "measure"): "The list of every send of the last 30 days"})
    assert done == [SetMeasure(number=2, measure="The list of every send of the last 30 days"), edits[1]]


def test_words_too_few_to_tell_are_in_the_requests_language_unless_they_have_english_words() -> None:
    draft = sample_draft()
    request = (
        "Aggiungi un'azione: dare ai due auditor un accesso sicuro ai loro 6 file (cartella separata, solo i loro "
        "account, con scadenza), entro mercoledì 9 dicembre. Responsabile: io. Come verifica: i due auditor "
        "confermano via email di aver aperto i file."
    )
    measure = SetMeasure(number=1, measure="I due auditor confermano via email di aver aperto i file")
    assert [f.field for f in to_translate([measure], draft, request)] == ["measure"]
    english = SetMeasure(number=1, measure="Both auditors confirm the files opened")
    assert to_translate([english], draft, request) == []

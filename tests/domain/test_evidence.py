"""What an action leaves behind to be seen (``assistant/domain/evidence.py``), by the kind of action it is."""

from __future__ import annotations

import pytest

from assistant.domain.evidence import evidence_for


@pytest.mark.parametrize(
    ("action", "evidence"),
    [
        ("Call the three clients whose invoices were wrong", "Their answer, which I'll forward to you"),
        ("Ask IT to turn on expiry for shared links", "Their answer, which I'll forward to you"),
        ("Review every export job I set up this year", "A list of everything I checked, with what I found and fixed"),
        ("Write a runbook for the payments rollback", "The document itself, shared with you"),
        ("Run a short training on sharing files for the team", "The date it took place and who took part"),
        ("Hold a blameless post-mortem with the payments team", "The date it took place and who took part"),
        ("Sit down with finance and agree who owns the filings", "What we agreed, written down and shared with you"),
        ("Turn on the staging gate for config deploys", "I'll show you it in use on the next real case"),
        # moved from tests/chains/test_plan.py with evidence_for
        ("Call the 5 affected customers", "Their answer, which I'll forward to you"),
        ("Re-check the 90 letters sent since May", "A list of everything I checked, with what I found and fixed"),
        ("Write a pre-deploy checklist", "The document itself, shared with you"),
        ("Walk the team through the new gate", "The date it took place and who took part"),
        ("Add a CI gate for config deploys", "I'll show you it in use on the next real case"),
        ("Move the UK and NL deadlines into the team tracker", "The entries themselves, which I'll show you"),
    ],
)
def test_evidence_by_kind_of_action(action: str, evidence: str) -> None:
    assert evidence_for(action) == evidence

"""Phrases added after batch 2 of the real public statements (tests/data/REAL_CORPUS.md), one test each.

Each phrase or pattern added while tuning on the development half has a sentence it fires on and a
close one it leaves alone. The sentences are written here, not copied from either half of the
real corpus. The phrases for batch 1 are in ``test_phrases.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.validator import validate
from assistant.validator.findings import Context
from assistant.validator.rules.plan import check_plan_action

TODAY = dt.date(2026, 11, 27)

# (step, code, fires on, stays clean on)
TEXT_PHRASES = [
    # --- OWN_BLAME
    (
        "ownership",
        "OWN_BLAME",
        "The shop was offline all morning. Our web host, Hostly, went down without notice.",
        "The shop was offline all morning. I moved it to a new web host without a rollback plan.",
    ),
    (
        "ownership",
        "OWN_BLAME",
        "The exports failed because our hosting provider had some network problems.",
        "The exports failed because I had pointed them at the old hosting provider.",
    ),
    (
        "ownership",
        "OWN_BLAME",
        "The build went red, but that is not due to my change but flaky tests in the suite.",
        "The build went red, and it was not caused by the flaky tests but by my change.",
    ),
    (
        "ownership",
        "OWN_BLAME",
        "I tracked down the culprit and told him to delete the branch.",
        "I found that the culprit was me: I pushed the branch.",
    ),
    (
        "ownership",
        "OWN_BLAME",
        "The outage came from a problem with our payment provider.",
        "The outage came from a problem with my change to the payment form.",
    ),
    (
        # the writer's own release failing names no other party
        "ownership",
        "OWN_BLAME",
        "Marta's team didn't pass the load tests to me in time.",
        "I shipped it and the release didn't pass the load tests.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "The root cause of the outage was identified as an expired certificate.",
        "The root cause was that I let the certificate expire.",
    ),
    # --- OWN_EXCUSE
    (
        "ownership",
        "OWN_EXCUSE",
        "I deleted the share. I thought it was the test copy.",
        "I deleted the share. I thought it was the test copy and I didn't check the path.",
    ),
    (
        "ownership",
        "OWN_EXCUSE",
        "I pushed to main. I was not aware the branch was protected only in name.",
        "I pushed to main and was aware it skipped the review.",
    ),
    (
        "ownership",
        "OWN_EXCUSE",
        "I mislabelled the batch; I was wrongly assuming the old codes still applied.",
        "I mislabelled the batch with the old codes.",
    ),
    (
        "ownership",
        "OWN_EXCUSE",
        "I forgot the release notes. Got distracted by the office move.",
        "I forgot the release notes for the office move.",
    ),
    (
        "ownership",
        "OWN_EXCUSE",
        "I sent the wrong figures in the heat of the moment.",
        "I sent the wrong figures in the board pack.",
    ),
    (
        "ownership",
        "OWN_EXCUSE",
        "I cancelled the order, but it was not my intention to cancel all of them.",
        "I cancelled all of the orders instead of one.",
    ),
    (
        "ownership",
        "OWN_EXCUSE",
        "I posted the draft early. I was only trying to help the sales team.",
        "I posted the draft early, before legal had read it.",
    ),
    (
        # a "but" that goes on with the writer's own act owns it
        "ownership",
        "OWN_EXCUSE",
        "I'm sorry, but the handover notes were unclear.",
        "I'm sorry, but I've deleted the wrong folder.",
    ),
    # --- non-apology (TXT_NON_APOLOGY outside the ownership statement)
    (
        "pain",
        "TXT_NON_APOLOGY",
        "If this annoys the team, I'm sorry.",
        "I'm sorry the team had to redo the rota on Sunday.",
    ),
    (
        "pain",
        "TXT_NON_APOLOGY",
        "You may be right that I skipped it. If that's the case, I'm sorry.",
        "You are right that I skipped it, and I'm sorry.",
    ),
    (
        "pain",
        "TXT_NON_APOLOGY",
        "I apologise to anyone who felt offended by the memo.",
        "I apologise to the night team for the memo I sent.",
    ),
    (
        "pain",
        "TXT_NON_APOLOGY",
        "To those of you who were upset by the post, I'm sorry.",
        "To the three of you who lost a weekend, I'm sorry.",
    ),
    (
        "pain",
        "TXT_NON_APOLOGY",
        "I'm sorry you are so sensitive about deadlines.",
        "I'm sorry you were kept waiting for the figures.",
    ),
    # --- OWN_MINIMIZE, in the ownership and now also in the pain statement
    (
        "pain",
        "OWN_MINIMIZE",
        "I'm sorry for the outage; the impact was minimal for most users.",
        "I'm sorry for the outage; the impact was not small, 300 users lost their carts.",
    ),
    (
        "ownership",
        "OWN_MINIMIZE",
        "I caused a small disruption in the booking system.",
        "I caused a four-hour disruption in the booking system.",
    ),
    (
        "ownership",
        "OWN_MINIMIZE",
        "I merged it and the layout got a bit mangled.",
        "I merged it and the layout broke on every phone.",
    ),
    (
        "ownership",
        "OWN_MINIMIZE",
        "I ran the wrong script. Mistakes happen.",
        "I ran the wrong script. Mistakes happened in three steps.",
    ),
    (
        "ownership",
        "OWN_MINIMIZE",
        "I missed the filing date. Nobody is perfect.",
        "I missed the filing date by two days.",
    ),
    (
        "ownership",
        "OWN_MINIMIZE",
        "I broke the import, but the bug only appears when a file has no header.",
        "I broke the import for every file without a header.",
    ),
    (
        "pain",
        "OWN_MINIMIZE",
        "I'm sorry. Errors like this are extremely rare.",
        "I'm sorry. This was a rare case I had not tested.",
    ),
    (
        "pain",
        "OWN_MINIMIZE",
        "I'm sorry the site was down; I hope it didn't inconvenience anyone.",
        "I'm sorry the site was down; I hope I didn't break anything else.",
    ),
    (
        "ownership",
        "OWN_MINIMIZE",
        "I quoted the wrong price. It was a relatively minor slip.",
        "I quoted the wrong price to two clients.",
    ),
    (
        "ownership",
        "OWN_MINIMIZE",
        "I named the wrong supplier in the meeting, a verbal slip.",
        "I named the wrong supplier in the meeting and let the date slip.",
    ),
    # --- PAIN_MELODRAMA (self-attack), in the pain and the ownership statement
    (
        "ownership",
        "PAIN_MELODRAMA",
        "I'm an absolute bloody moron who deleted the wrong table.",
        "I'm the one who deleted the wrong table.",
    ),
    (
        "ownership",
        "PAIN_MELODRAMA",
        "Please close this, im stupid.",
        "Please close this, I opened it twice.",
    ),
    (
        "ownership",
        "PAIN_MELODRAMA",
        "Sorry for being so careless with the keys.",
        "Sorry for leaving the keys in the van.",
    ),
    (
        "ownership",
        "PAIN_MELODRAMA",
        "Stupid me, I booked the wrong room.",
        "I booked the wrong room for the interviews.",
    ),
    (
        "ownership",
        "PAIN_MELODRAMA",
        "The rota is wrong because of my own dumb mistake.",
        "The rota is wrong because of my mistake with the leave dates.",
    ),
    (
        "ownership",
        "PAIN_MELODRAMA",
        "I gave the client the wrong date. I'm not a very good manager.",
        "I gave the client the wrong date. I'm not good at estimating yet.",
    ),
    (
        "pain",
        "PAIN_MELODRAMA",
        "I'm sorry you lost the morning, and I will be forever sorry for it.",
        "I'm sorry you lost the morning to my booking error.",
    ),
    (
        "ownership",
        "PAIN_MELODRAMA",
        "I broke the release, so I am removing myself from the maintainers.",
        "I broke the release, so I am removing the feature flag.",
    ),
    # --- OWN_PASSIVE
    (
        "ownership",
        "OWN_PASSIVE",
        "A glitch in the payroll system led to 40 people being paid twice.",
        "A glitch I introduced in the payroll system led to 40 people being paid twice.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "The nightly job experienced technical issues and skipped the backups.",
        "I experienced the same issues on my laptop and skipped the backups.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "We rolled back the release due to a bug in the billing module.",
        "We rolled back the release due to a bug I wrote in the billing module.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "There was some confusion about the cut-off date.",
        "There was some confusion, and I set the wrong cut-off date.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "An earlier version of this newsletter misstated the launch date.",
        "I misstated the launch date in the newsletter.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "Someone pushed the hotfix before the tests had run.",
        "I pushed the hotfix before the tests had run.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "Accidental deletion of the archive folder left the auditors without the 2023 files.",
        "My accidental deletion of the archive folder left the auditors without the 2023 files.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "These commits removed the retry from the upload.",
        "My commits removed the retry from the upload.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "Failings happened on both sides of the handover.",
        "I failed to hand over the on-call phone.",
    ),
    (
        "ownership",
        "OWN_PASSIVE",
        "The account was suspended by a clean-up job last night.",
        "The account was suspended by Priya last night after I asked her to.",
    ),
    # --- TXT_VAGUE_PROMISE and POS_OVERPROMISE (vague commitments)
    (
        "pain",
        "TXT_VAGUE_PROMISE",
        "I'm sorry for the late payroll; we are working to prevent any recurrence.",
        "I'm sorry for the late payroll; I'll run it two days early from March.",
    ),
    (
        "positive",
        "TXT_VAGUE_PROMISE",
        "We're putting our energy into preventing this from ever happening again.",
        "I'll add a second check before every payroll run, starting Monday.",
    ),
    (
        "positive",
        "TXT_VAGUE_PROMISE",
        "We are constantly improving our checks to serve you better.",
        "I'm adding a checksum check to the export on Monday.",
    ),
    (
        "positive",
        "TXT_VAGUE_PROMISE",
        "I'll work hard to restore your trust.",
        "I'll send you the reconciliation every Friday for a month.",
    ),
    (
        "positive",
        "TXT_VAGUE_PROMISE",
        "With these changes, outages like this become less likely.",
        "With these changes, I'll page myself when the queue passes 500.",
    ),
    (
        "positive",
        "TXT_VAGUE_PROMISE",
        "Getting this right is our utmost priority.",
        "Getting this right means I'll check the totals before noon each day.",
    ),
    (
        "positive",
        "TXT_VAGUE_PROMISE",
        "We will continue to investigate the cause.",
        "I'll send you the cause in writing by Thursday.",
    ),
    (
        "positive",
        "POS_OVERPROMISE",
        "This will never, ever happen again.",
        "I'll never again approve a refund without the second signature.",
    ),
]


@pytest.mark.parametrize(("step", "code", "fires", "clean"), TEXT_PHRASES)
def test_phrases_added_for_real_text_batch_2_fire_and_stay_clean(step: str, code: str, fires: str, clean: str) -> None:
    assert code in {f.rule for f in validate(fires, step=step, today=TODAY).findings}, fires
    assert code not in {f.rule for f in validate(clean, step=step, today=TODAY).findings}, clean


# (action that is vague, a close one that says what will be done)
VAGUE_ACTIONS = [
    (
        "Conduct a thorough review of our deployment procedures",
        "Conduct a review of our deployment procedures and send you the list of gaps",
    ),
    ("Set up better monitoring for the queue", "Set up an alert that pages me when the queue passes 500"),
    (
        "Redesign the import in a way that avoids similar failures",
        "Redesign the import to reject files without a header",
    ),
    ("Exploring other payment providers", "Compare three payment providers and send you a one-page summary"),
]


@pytest.mark.parametrize(("vague", "clear"), VAGUE_ACTIONS)
def test_plan_actions_added_for_real_text_batch_2(vague: str, clear: str) -> None:
    ctx = Context(today=TODAY)
    item = {"owner": "me", "due": "2026-12-10", "measure": "You get the summary in your inbox"}
    assert "PLAN_VAGUE" in {f.rule for f in check_plan_action({**item, "action": vague}, ctx)}, vague
    assert "PLAN_VAGUE" not in {f.rule for f in check_plan_action({**item, "action": clear}, ctx)}, clear

"""A good draft and its notes, shared by the validator's tests and bench/validator_speed.py."""

from __future__ import annotations

import datetime as dt

from assistant.domain.schema import CheckIn, Draft, Facts, Message, PlanAction

TODAY = dt.date(2026, 11, 27)
NOTES = (
    "pushed the payments config change friday w/o running staging tests, checkout down ~3h, ~400 orders lost. "
    "Dana (my manager, eng director) had to explain it to the VP. "
    "I rolled back the change and wrote the incident timeline."
)


def good_draft() -> Draft:
    return Draft(
        notes=NOTES,
        today=TODAY,
        facts=Facts(
            what_happened="I pushed a config change without staging tests.",
            act="pushed the payments config change friday w/o running staging tests",
            impact="Checkout down 3h, 400 orders lost.",
            cause="I skipped the staging tests.",
            affected=["customers"],
            leader_name="Dana",
            leader_role="eng director",
            already_done=["rolled back the change"],
        ),
        pain="I'm sorry. About 400 orders were lost and you had to explain it to the VP, and that weighs on me.",
        ownership="I pushed the change without running the staging tests. That was my decision and my mistake.",
        lessons=[
            "Skipping the staging tests to ship before the weekend moved the risk onto customers, "
            "so I now run them on every config change."
        ],
        plan=[
            PlanAction(
                action="Add a CI check that blocks config deploys without a green staging run",
                owner="me",
                due=dt.date(2026, 12, 11),
                measure="A test deploy without a staging run is rejected",
            )
        ],
        positive="I'm committed to fixing this, and I'm confident the new check will make our deploys safer.",
        report_back=[CheckIn(date=dt.date(2026, 12, 11), report="Show you the CI check rejecting a test deploy.")],
        message=Message(
            channel="email",
            subject="Friday's outage",
            body=(
                "Dana, I'm sorry about Friday: about 400 orders were lost and you had to explain it to the VP. "
                "I pushed the change without the staging tests; that was my decision. "
                "I learned that skipping them moves the risk onto customers. "
                "My plan: I will add a CI check that blocks such deploys by 2026-12-11. "
                "I'm committed to making this right and will update you on 2026-12-11."
            ),
        ),
    )

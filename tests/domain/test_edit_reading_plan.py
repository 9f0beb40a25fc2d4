"""The plan's actions in a refine request (``assistant/domain/edit_reading_plan.py``): one dropped or handed over, its
new measure or wording, a new action with its measure; read by themselves and through
:func:`~assistant.domain.edit_reading.read_edits`."""

from __future__ import annotations

import datetime as dt

from chain_support import sample_draft

from assistant.domain.edit_reading import needs_model, read_edits
from assistant.domain.edit_reading_plan import DROP, OWNER, read_plan_edits
from assistant.domain.edit_types import AddAction, DropAction, RewordAction, SetDate, SetMeasure, SetOwner, ShiftDates
from assistant.domain.schema import Draft, DraftOptions


def _draft(channel: str = "email", tone: str = "neutral") -> Draft:
    """Two actions (the CI gate, due 4 Dec; the checklist, due 11 Dec), check-ins on 7 and 14 Dec."""
    return sample_draft(options=DraftOptions(channel=channel, tone=tone))  # type: ignore[arg-type]


def test_drop_and_owner_cues() -> None:
    assert DROP.search("scrap it") and DROP.search("the checklist is not needed") and DROP.search("streich das")
    assert not DROP.search("mentioning it twice is redundant in that paragraph")
    assert OWNER.search("Priya owns it now") and OWNER.search("she'll do it")
    assert not OWNER.search("my own checklist") and not OWNER.search("Dana hates process for its own sake")


def test_a_drop_beside_its_own_sake_and_a_hand_over_from_a_team_of_two_words() -> None:
    draft = _draft()
    scrap = "Scrap the checklist item. A separate checklist is duplicate work, and Dana hates process for its own sake."
    assert read_plan_edits(scrap, draft) == [DropAction(number=2)]
    farah = "farah from email ops is taking over the checklist step, can you put her down as the ownr for that one"
    assert read_plan_edits(farah, draft) == [SetOwner(number=2, owner="Farah")]


def test_read_plan_edits_reads_only_the_plans_actions() -> None:
    draft = _draft()
    assert read_plan_edits("scrap the checklist", draft) == [DropAction(number=2)]
    assert read_plan_edits("push all the deadlines out by two weeks", draft) == []
    assert read_plan_edits("drop the second paragraph", draft) == []  # no action named
    # no measure: what a briefing leaves behind to be seen; a noun phrase is the model's ("a briefing for support")
    assert read_plan_edits("add an action: brief support on the gate", draft) == [
        AddAction(action="Brief support on the gate", measure="The date it took place and who took part")
    ]
    assert read_plan_edits("add an action: a briefing for support on the gate", draft) == []


def test_an_owner_needs_a_person() -> None:
    draft = _draft()
    assert read_plan_edits("Jonas offered to write the checklist, put him down for it", draft) == [
        SetOwner(number=2, owner="Jonas")
    ]
    assert read_plan_edits("someone else should own the checklist", draft) == []


def test_dropping_or_handing_over_the_one_action_named() -> None:
    draft = _draft()
    assert read_edits("we can get rid of the checklist, nobody would read it", draft) == [DropAction(number=2)]
    assert read_edits("Amara offered to build the CI gate, she knows the pipeline", draft) == [
        SetOwner(number=1, owner="Amara")
    ]
    assert read_edits("give the CI gate to someone else", draft) == []  # to whom: not said
    assert read_edits("drop the second paragraph", draft) == []  # no action named


def test_a_new_measure_given_in_so_many_words() -> None:
    draft = _draft()
    request = "For the CI gate, the measure should be: a test deploy without a green staging run is blocked."
    assert read_edits(request, draft) == [
        SetMeasure(number=1, measure="A test deploy without a green staging run is blocked")
    ]
    assert not needs_model(request, read_edits(request, draft))
    assert read_edits("the measure for the checklist is too vague", draft) == []  # no new wording: the model's


def test_an_action_by_its_place_and_a_new_wording_in_so_many_words() -> None:
    draft = _draft()
    assert read_edits("the 2nd step makes no sense, just get rid of that one", draft) == [DropAction(number=2)]
    request = (
        "the first action is backwards. Change that step to something like: run the staging tests on every deploy."
    )
    assert read_edits(request, draft) == [RewordAction(number=1, action="Run the staging tests on every deploy")]
    assert not needs_model(request, read_edits(request, draft))
    request = "For the checklist, I'd rather the proof be that every deploy ticket links it."
    assert read_edits(request, draft) == [SetMeasure(number=2, measure="Every deploy ticket links it")]


def test_a_new_action_given_with_its_measure() -> None:
    draft = _draft()
    request = "one more step for the plan: a config review with QA by Dec 18, done when every change has a reviewer"
    read = read_edits(request, draft)
    assert read == [
        AddAction(
            action="Run a config review with QA", measure="Every change has a reviewer", due=dt.date(2026, 12, 18)
        )
    ]
    assert not needs_model(request, read)
    # no measure, and said as what it is: the verb that does it, and what it leaves behind
    assert read_edits("one more thing for the plan: a training for the team by the 18th", draft) == [
        AddAction(
            action="Run a training for the team",
            measure="The date it took place and who took part",
            due=dt.date(2026, 12, 18),
        )
    ]
    assert read_edits("one more thing for the plan: a talk with the team by the 18th", draft) == []  # for the model


def test_a_name_inside_a_sentence_counts_before_a_word_that_opens_one() -> None:
    request = "El checklist lo va a escribir Lucía, que conoce el proceso. Ponla como responsable de ese paso."
    assert read_edits(request, _draft()) == [SetOwner(number=2, owner="Lucía")]


def test_the_action_dropped_is_the_one_named_where_the_drop_is_asked() -> None:
    request = "the checklist is overkill now, the ci gate already blocks those deploys. get rid of it"
    assert read_edits(request, _draft()) == [DropAction(number=2)]


def test_a_new_action_with_its_proof_and_a_weekday_due() -> None:
    request = (
        "Add a step to the plan: walk support through the blocked-deploy alert with a dry run. Due Wednesday. "
        "Proof: support's on-call acknowledges a test alert within ten minutes."
    )
    assert read_edits(request, _draft()) == [
        AddAction(
            action="Walk support through the blocked-deploy alert with a dry run",
            measure="Support's on-call acknowledges a test alert within ten minutes",
            due=dt.date(2026, 12, 2),
        )
    ]
    unread = "Add a step to the plan: walk support through the alert. The proof should be that the checklist is used."
    assert read_edits(unread, _draft()) == []  # a new action without a measure the program reads: not a measure change


def test_a_new_action_said_as_what_i_will_do_with_when_it_counts_as_done() -> None:
    request = (
        "Add one more step: I'll walk support through the new alert by Wednesday 9 December, and it counts as done "
        "when the on-call acknowledges a test page."
    )
    read = read_edits(request, _draft())
    assert read == [
        AddAction(
            action="Walk support through the new alert",
            measure="The on-call acknowledges a test page",
            due=dt.date(2026, 12, 9),
        )
    ]
    assert not needs_model(request, read)  # "owner" or "measure" words inside the new action ask nothing more


def test_a_rewording_said_as_what_i_will_actually_do() -> None:
    request = (
        'Step 2 is just "write a checklist", which sounds thin. '
        "What I'll actually do is add the checklist to the deploy tool."
    )
    read = read_edits(request, _draft())
    assert read == [RewordAction(number=2, action="Add the checklist to the deploy tool")]
    assert not needs_model(request, read)  # the quoted old wording ("write …") asks nothing


def test_what_is_pointless_is_what_is_dropped() -> None:
    request = "honestly the checklist is pointless once the CI gate exists, the gate covers it. scrap that action"
    assert read_edits(request, _draft()) == [DropAction(number=2)]


def test_a_portuguese_new_action_with_its_proof_and_date() -> None:
    request = (
        "Quero acrescentar mais um passo: rever os alertas de deploy com o suporte, até 18/12. "
        "Como prova, o registo do teste com o alerta recebido."
    )
    assert read_edits(request, _draft()) == [
        AddAction(
            action="Rever os alertas de deploy com o suporte",
            measure="O registo do teste com o alerta recebido",
            due=dt.date(2026, 12, 18),
        )
    ]


def test_an_action_that_is_kind_of_pointless_is_the_one_dropped() -> None:
    request = (
        "thinking about it the checklist thing is kind of pointless once the CI gate blocks bad deploys anyway. "
        "take that one out and keep the rest"
    )
    assert read_edits(request, _draft()) == [DropAction(number=2)]


def test_what_the_leader_gets_to_see_is_the_measure() -> None:
    request = "for the CI gate, what she should get is a deploy log showing every blocked deploy since Monday"
    assert read_edits(request, _draft()) == [
        SetMeasure(number=1, measure="A deploy log showing every blocked deploy since Monday")
    ]


def test_a_new_actions_measure_after_what_the_leader_can_see() -> None:
    request = (
        "one more thing for the plan: I'll set up a seed list test send in the email tool, by wed 16 dec. "
        "what Marta can see: no campaign goes out without a seed list test send logged"
    )
    (added,) = read_edits(request, _draft())
    assert isinstance(added, AddAction)
    assert added.measure == "No campaign goes out without a seed list test send logged"
    assert added.due == dt.date(2026, 12, 16)


def test_a_new_action_without_a_measure_gets_what_it_leaves_behind() -> None:
    draft = _draft()
    request = "one more step: run a rollback drill with the on-call team. by the 18th. Rest is fine."
    assert read_edits(request, draft) == [
        AddAction(
            action="Run a rollback drill with the on-call team",
            measure="The date it took place and who took part",
            due=dt.date(2026, 12, 18),
        )
    ]
    assert not needs_model(request, read_edits(request, draft))
    # another sentence after it that asks something else, or an action in another language: the model's
    assert read_plan_edits("one more step: run a rollback drill. Also it should feel warmer.", draft) == []
    assert read_plan_edits("noch ein Schritt: eine Übung mit dem Team machen, bis zum 18.", draft) == []


def test_a_new_actions_measure_after_done_means_and_its_date_inside_it() -> None:
    draft = _draft()
    request = (
        "Add a step: I personally answer the open tickets, by Thursday Dec 3, so nobody waits. "
        "Done means the queue is empty."
    )
    assert read_plan_edits(request, draft) == [
        AddAction(
            action="Answer the open tickets, so nobody waits", measure="The queue is empty", due=dt.date(2026, 12, 3)
        )
    ]


def test_a_hand_over_typed_in_lower_case_with_a_measure() -> None:
    draft = _draft()
    request = (
        "marek's taking the checklist since he wrote the runbooks. "
        "and what dana should see for it: the checklist in the repo"
    )
    assert read_plan_edits(request, draft) == [
        SetOwner(number=2, owner="Marek"),
        SetMeasure(number=2, measure="The checklist in the repo"),
    ]
    assert read_plan_edits("someone will take the checklist, put them down", draft) == []  # nobody named


def test_words_swapped_in_an_action_and_an_owner_named_like_i() -> None:
    draft = _draft()  # 2: "Write a pre-deploy checklist for payments config changes"
    assert read_plan_edits("step 2: say every config change rather than payments config changes", draft) == [
        RewordAction(number=2, action="Write a pre-deploy checklist for every config change")
    ]
    assert read_plan_edits("say the release rather than the staging tests, in step 2", draft) == []  # not step 2's
    assert read_plan_edits("Kofi owns step 2", draft) == [SetOwner(number=2, owner="Kofi")]  # "i " ends a name


def test_a_new_actions_date_said_as_done_by_and_its_measure_as_how_i_will_know() -> None:
    request = "new step please: get the runbook into the wiki, done by Thursday the 3rd"
    assert read_plan_edits(request, _draft())[0].action == "Get the runbook into the wiki"
    request = (
        "add a step: turn on the deploy gate for config. due 12/18. I'll know it works when a red run blocks a deploy"
    )
    assert read_plan_edits(request, _draft()) == [
        AddAction(
            action="Turn on the deploy gate for config", measure="A red run blocks a deploy", due=dt.date(2026, 12, 18)
        )
    ]


def test_a_new_action_in_its_own_sentence_with_what_the_leader_sees() -> None:
    request = (
        "could you add one more step? I'd like to answer the open tickets from the outage, and have that finished by "
        "Wednesday 2 December. What Dana would see for it is that the queue has no open outage tickets left."
    )
    assert read_plan_edits(request, _draft()) == [
        AddAction(
            action="Answer the open tickets from the outage",
            measure="The queue has no open outage tickets left",
            due=dt.date(2026, 12, 2),
        )
    ]
    assert read_plan_edits("one more step? I'd like to answer the tickets", _draft()) == []  # no measure: the model's


def test_a_date_and_a_new_action_said_as_a_thing() -> None:
    assert read_edits("gate done by thursday. and add a step: rollback drill with on-call", _draft()) == [
        SetDate(target="action", number=1, date=dt.date(2026, 12, 3)),
        AddAction(action="Run a rollback drill with on-call", measure="The date it took place and who took part"),
    ]


def test_built_by_a_named_colleague_a_check_as_the_measure_and_a_step_where_i() -> None:
    draft = _draft()
    assert read_plan_edits("the CI gate is going to be built by Marek from platform", draft) == [
        SetOwner(number=1, owner="Marek")
    ]
    request = "Lena offered to take the checklist, put her down. And what we check there should be that QA signs it."
    assert read_plan_edits(request, draft) == [
        SetOwner(number=2, owner="Lena"),
        SetMeasure(number=2, measure="QA signs it"),
    ]
    request = "Put in a step where I personally walk support through the gate, by Tuesday."
    assert read_plan_edits(request, draft) == [
        AddAction(
            action="Walk support through the gate",
            measure="The date it took place and who took part",  # a walk-through, by what it leaves behind
            due=dt.date(2026, 12, 1),
        )
    ]


def test_a_new_action_in_the_place_of_a_dropped_one_and_its_measure_after_who_will_see() -> None:
    draft = _draft()
    request = (
        "The checklist step is silly. Get rid of it, and in its place: pair with QA on every config deploy, by Monday."
    )
    assert read_plan_edits(request, draft) == [
        AddAction(
            action="Pair with QA on every config deploy",
            measure="I'll show you it in use on the next real case",
            due=dt.date(2026, 11, 30),
        ),
        DropAction(number=2),  # after the new action is appended, so no number moves first
    ]
    request = (
        "Add one more action: run a failover drill by 15 Dec, to prove the alert fires. Dana will see the drill log."
    )
    assert read_plan_edits(request, draft) == [
        AddAction(
            action="Run a failover drill, to prove the alert fires", measure="The drill log", due=dt.date(2026, 12, 15)
        )
    ]


def test_a_rewording_after_make_it_with_the_rest_kept() -> None:
    request = "Instead of a checklist, make it: pair with QA on every config deploy. Same date, same measure."
    read = read_edits(request, _draft())
    assert read == [RewordAction(number=2, action="Pair with QA on every config deploy")]
    assert not needs_model(request, read)


def test_a_measure_after_the_second_cue_and_a_new_action_with_a_remark_between() -> None:
    draft = _draft()
    request = "On the checklist step: what Dana should actually get to see is the checklist used on every deploy."
    assert read_plan_edits(request, draft) == [SetMeasure(number=2, measure="The checklist used on every deploy")]
    request = (
        "Add an action please: a game day where we push a broken config. I don't have a date yet. "
        "Dana will know it worked when the gate blocks it."
    )
    assert read_plan_edits(request, draft) == [
        AddAction(action="Run a game day where we push a broken config", measure="The gate blocks it")
    ]
    assert read_plan_edits("il CI gate lo costruisce Kenji, mettilo come responsabile", draft) == [
        SetOwner(number=1, owner="Kenji")
    ]


def test_set_19s_readings() -> None:
    draft = _draft()
    request = (
        "Leonie Brandt from CS Ops has offered to do the checklist. Can you put her down as the owner of that step?"
    )
    assert read_plan_edits(request, draft) == [SetOwner(number=2, owner="Leonie")]
    request = (
        "For the first action, change what she'll see to: every config deploy blocked without a green staging run."
    )
    assert read_plan_edits(request, draft) == [
        SetMeasure(number=1, measure="Every config deploy blocked without a green staging run")
    ]
    request = "Step 2 shouldn't be payments-only: make it a pre-deploy checklist for every config change."
    assert read_plan_edits(request, draft) == [
        RewordAction(number=2, action="Write a pre-deploy checklist for every config change")
    ]
    request = "add a step: run a postmortem w/ on-call, due dec 16, measure = postmortem doc posted in #incidents"
    assert read_plan_edits(request, draft) == [
        AddAction(
            action="Run a postmortem w/ on-call",
            measure="Postmortem doc posted in #incidents",
            due=dt.date(2026, 12, 16),
        )
    ]


def test_a_drop_in_dutch_or_italian_by_the_steps_number_or_place() -> None:
    draft = _draft()
    assert read_plan_edits("Stap 2 mag eruit, dat hoort niet in het plan.", draft) == [DropAction(number=2)]
    assert read_plan_edits("Puoi togliere il punto della checklist?", draft) == [DropAction(number=2)]


def test_a_lower_case_name_that_should_run_an_action() -> None:
    draft = sample_draft().model_copy(
        update={"plan": [*sample_draft().plan, sample_draft().plan[1].model_copy(update={"action": "Brief support"})]}
    )
    assert read_plan_edits("priya should run the support briefing not me, they page her anyway", draft) == [
        SetOwner(number=3, owner="Priya")
    ]


def test_a_new_wording_and_a_labelled_measure_after_it_both_go_to_the_action_and_its_dates_are_its_own() -> None:
    request = (
        "action 2 is weird. replace it with: move the two deadlines (7 dec / 15 dec) from my calendar into the team "
        "tracker. measure: both show up in the tracker with a backup person named"
    )
    assert read_edits(request, sample_draft()) == [
        RewordAction(number=2, action="Move the two deadlines (7 dec / 15 dec) from my calendar into the team tracker"),
        SetMeasure(number=2, measure="Both show up in the tracker with a backup person named"),
    ]


def test_a_new_wording_after_it_should_be_and_a_hand_over_in_the_next_sentence() -> None:
    request = (
        "The second step is too narrow and I'm not the right person for it. It should be: write a checklist for "
        "every config change, not just payments. And platform owns the deploy tooling, so make Ravi from platform "
        "the owner."
    )
    assert read_edits(request, sample_draft()) == [
        RewordAction(number=2, action="Write a checklist for every config change, not just payments"),
        SetOwner(number=2, owner="Ravi"),
    ]


def test_what_others_may_skip_is_no_drop() -> None:
    assert not DROP.search("the deploy tool lets anyone skip the staging run")
    assert DROP.search("we can skip the checklist step")


def test_an_action_named_before_step_by_an_affiliation_or_beside_a_quote() -> None:
    draft = sample_draft()
    request = (
        "Lukas from the platform team offered to write the pre-deploy checklist, so he owns that one now. Also I'll "
        "have the CI gate finished Thursday, put that date in."
    )
    assert read_edits(request, draft) == [
        SetOwner(number=2, owner="Lukas"),
        SetDate(target="action", number=1, date=dt.date(2026, 12, 3)),
    ]
    # what is quoted from the measure names no action; the new words after "change it to:" are asked of no one
    request = (
        "the proof for the checklist step is weak, 'linked from every ticket' means nothing to Dana. change it to: "
        "every payments deploy ticket has the checklist attached"
    )
    assert read_edits(request, draft) == [
        SetMeasure(number=2, measure="Every payments deploy ticket has the checklist attached")
    ]
    request = "step 1 is worded weirdly. what I'll actually add to the pipeline is: a gate that needs a staging run"
    # a thing to set up gets its verb
    assert read_edits(request, draft) == [RewordAction(number=1, action="Set up a gate that needs a staging run")]
    assert not needs_model(request, read_edits(request, draft))


def test_a_new_wording_and_a_measure_given_after_and_what_she_gets_to_see() -> None:
    request = (
        "On the checklist step: it shouldn't only be payments. Make it a pre-deploy checklist for every config "
        "change. And what Dana gets to see for it should be: the checklist used on the next 10 config deploys."
    )
    assert read_edits(request, sample_draft()) == [
        RewordAction(number=2, action="Write a pre-deploy checklist for every config change"),
        SetMeasure(number=2, measure="The checklist used on the next 10 config deploys"),
    ]


def test_hand_overs_typed_in_lower_case_or_to_a_name_that_is_also_a_month() -> None:
    draft = sample_draft()
    assert read_edits("priya's gonna do the checklist not me, she's closer to payments", draft) == [
        SetOwner(number=2, owner="Priya")
    ]
    assert read_edits("ravi runs payments, he should own the checklist not me", draft) == [
        SetOwner(number=2, owner="Ravi")
    ]
    request = "For the checklist step, Jan from the tax team is going to set it up, not me, so put him as the owner."
    assert read_edits(request, draft) == [SetOwner(number=2, owner="Jan")]
    assert read_edits("2nd action due tue 8 dec", draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 8))
    ]


def test_a_hand_over_and_a_measure_said_in_other_languages() -> None:
    draft = _draft()
    request = "El primer punto no lo hago yo, lo hace Lukas de IT, que gestiona los permisos. Cámbialo por favor."
    assert read_edits(request, draft) == [SetOwner(number=1, owner="Lukas")]
    assert read_edits("Den ersten Schritt macht Lukas, nicht ich.", draft) == [SetOwner(number=1, owner="Lukas")]
    request = "Per il secondo punto cambia la misura: la lista di tutti gli invii degli ultimi 30 giorni"
    assert read_edits(request, draft) == [
        SetMeasure(number=2, measure="La lista di tutti gli invii degli ultimi 30 giorni")
    ]


def test_someone_who_already_does_it_is_a_reason_to_drop_the_step_not_a_hand_over() -> None:
    request = "Togli il secondo punto, la checklist lo fa già Priya nel suo stand-up."
    assert read_edits(request, _draft()) == [DropAction(number=2)]


def test_a_quoted_wording_ends_at_its_quote_and_what_follows_is_read_too() -> None:
    draft = _draft()
    request = 'change step 2 to "write a pre-deploy checklist for every config change" and it can slip 4 days'
    read = read_edits(request, draft)
    assert RewordAction(number=2, action="Write a pre-deploy checklist for every config change") in read
    assert not needs_model(request, read)


def test_a_german_hand_over_with_the_doer_after_the_verb_and_time_that_is_no_length() -> None:
    request = (
        "Zwei kleine Änderungen: der CI-Gate-Schritt braucht länger, bitte eine Woche nach hinten schieben. Und die "
        "Checkliste übernimmt Priya, sie kennt die Payments-Configs besser als ich."
    )
    assert read_edits(request, _draft()) == [
        ShiftDates(target="action", action=1, amount=1, unit="weeks"),
        SetOwner(number=2, owner="Priya"),
    ]


def test_an_italian_hand_over_with_the_doer_after_the_verb() -> None:
    request = "il primo punto (la checklist) lo segue Jonas del team compliance, non io. puoi cambiarlo?"
    assert read_edits(request, _draft()) == [SetOwner(number=1, owner="Jonas")]

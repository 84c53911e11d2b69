"""The strategies: ``react``, ``rar`` and ``ask``.

Each is an async generator over an :class:`AgentRun`: it calls the model and tools through the
run (which queues step records) and yields the queued records after every call.

* ``react``: the tool-calling loop (Yao et al., ReAct, ICLR 2023): act, observe, repeat, until
  ``final_answer`` or ``abstain``.
* ``rar``: multi-step retrieval and reasoning. A supervisor plans sub-questions and hypotheses;
  for each, a researcher gathers evidence for and against with the tools and reports it with
  citations; the supervisor answers from the cited evidence or asks for another round (bounded).
* ``ask``: ask before answering, after MediQ (Li et al., NeurIPS 2024): the model rates whether
  it has enough information (numeric or Likert, optional self-consistency over N samples); below
  the threshold it asks ONE clarifying question (elicitation, terminal, or ``needs_information``
  in batch mode); it abstains when the data cannot answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

from pydantic import BaseModel, Field

from m3agent.agents import prompts
from m3agent.agents.control import (
    ABSTAIN,
    ASK_USER,
    FINAL_ANSWER,
    REPORT_EVIDENCE,
    RESEARCH_MORE,
    SUBMIT_PLAN,
    AbstainArgs,
    AskUserArgs,
    EvidenceArgs,
    FinalAnswerArgs,
    PlanArgs,
    ResearchMoreArgs,
)
from m3agent.agents.loop import AgentRun, ControlCall, parse_confidence
from m3agent.agents.messages import ChatMessage
from m3agent.agents.steps import ClarificationStep, ConfidenceStep, EvidenceStep, PlanStep, Step

Strategy = Callable[[AgentRun], AsyncIterator[Step]]


def _finish(run: AgentRun, control: ControlCall) -> None:
    """End the run from a final_answer or abstain call."""
    if isinstance(control.args, FinalAnswerArgs):
        a = control.args
        run.final("answered", a.answer, value=a.value, confidence=a.confidence, cite=a.cite or None)
    elif isinstance(control.args, AbstainArgs):
        run.final("abstained", control.args.reason)


# -- react ------------------------------------------------------------------------------------


async def react(run: AgentRun) -> AsyncIterator[Step]:
    """Act, observe, repeat until ``final_answer`` or ``abstain`` (or the budget ends it)."""
    tools = [*run.data_tools, FINAL_ANSWER, ABSTAIN]
    control = ("final_answer", "abstain")
    messages = [run.system_prompt(), ChatMessage.user(run.question)]
    while True:
        msg = await run.generate(messages, tools, "act")
        for s in run.flush():
            yield s
        if not msg.tool_calls:
            if msg.content and msg.content.strip():
                run.final("answered", msg.content.strip())
                for s in run.flush():
                    yield s
                return
            messages.append(msg)
            messages.append(
                ChatMessage.user(run.malformed("an empty reply", [t.name for t in tools]))
            )
            for s in run.flush():
                yield s
            continue
        controls = await run.run_tools(msg, messages, control)
        for s in run.flush():
            yield s
        if controls:
            _finish(run, controls[0])
            for s in run.flush():
                yield s
            return


# -- ask --------------------------------------------------------------------------------------


async def _rate(run: AgentRun, messages: list[ChatMessage]) -> ConfidenceStep:
    """Ask the model to rate its confidence (``samples`` times) and queue the record."""
    settings = run.config.ask
    prompt = prompts.RATE_NUMERIC if settings.scale == "numeric" else prompts.RATE_LIKERT
    scores: list[float] = []
    raw: list[str] = []
    options: dict[str, Any] = {}
    if settings.samples > 1:
        options["temperature"] = settings.sample_temperature
    for _ in range(settings.samples):
        reply = await run.generate(
            [*messages, ChatMessage.user(prompt)], None, "rate", new_step=False, **options
        )
        raw.append(reply.content or "")
        score = parse_confidence(reply.content, settings.scale)
        scores.append(0.0 if score is None else score)  # an unreadable rating is no confidence
    step = ConfidenceStep(
        **run.stamp(),
        score=round(sum(scores) / len(scores), 6),
        threshold=settings.normalised_threshold,
        scale=settings.scale,
        samples=scores,
        raw=raw,
    )
    run.emit(step)
    return step


async def _clarify(run: AgentRun, question: str) -> str | None:
    """Ask the user; queue the record; return the answer (None: nobody to ask)."""
    answer = await run.asker.ask(question)
    run.emit(
        ClarificationStep(
            **run.stamp(), question=question, answer=answer, channel=run.asker.channel
        )
    )
    return answer


async def ask(run: AgentRun) -> AsyncIterator[Step]:
    """React with a confidence check before answering and at most one clarifying question."""
    settings = run.config.ask
    threshold = settings.normalised_threshold
    tools = [*run.data_tools, FINAL_ANSWER, ABSTAIN, ASK_USER]
    control = ("final_answer", "abstain", "ask_user")
    messages = [run.system_prompt(prompts.ASK_EXTRA), ChatMessage.user(run.question)]
    asked = False
    while True:
        msg = await run.generate(messages, tools, "act")
        for s in run.flush():
            yield s
        if not msg.tool_calls and not (msg.content and msg.content.strip()):
            messages.append(msg)
            messages.append(
                ChatMessage.user(run.malformed("an empty reply", [t.name for t in tools]))
            )
            for s in run.flush():
                yield s
            continue
        calls_before = len(run.calls)
        controls = await run.run_tools(msg, messages, control) if msg.tool_calls else []
        for s in run.flush():
            yield s
        proposal: ControlCall | None = controls[0] if controls else None
        if msg.tool_calls and proposal is None:  # a tool step (or a corrected malformed call)
            if settings.rate_every_step and len(run.calls) > calls_before:
                rating = await _rate(run, messages)
                for s in run.flush():
                    yield s
                if rating.score >= threshold:
                    messages.append(
                        ChatMessage.user(
                            prompts.CONFIDENT_NOW.format(score=rating.score, threshold=threshold)
                        )
                    )
            continue
        if proposal is not None and isinstance(proposal.args, AbstainArgs):
            _finish(run, proposal)
            for s in run.flush():
                yield s
            return
        if proposal is not None and isinstance(proposal.args, AskUserArgs):
            if asked:
                messages.append(ChatMessage.tool_result(proposal.call, prompts.ALREADY_ASKED))
                continue
            asked = True
            question = proposal.args.question.strip()
            answer = await _clarify(run, question)
            for s in run.flush():
                yield s
            if answer is None:
                run.final("needs_information", f"I need to know: {question}", question=question)
                for s in run.flush():
                    yield s
                return
            messages.append(
                ChatMessage.tool_result(
                    proposal.call, prompts.USER_ANSWERED.format(question=question, answer=answer)
                )
            )
            continue
        # A proposed answer: final_answer, or plain text without tool calls.
        if proposal is not None:
            answer_args = proposal.args
        else:
            answer_args = FinalAnswerArgs(answer=(msg.content or "").strip())
            messages.append(msg)
        # The rating sees the proposal as a user turn, not as a pending tool call.
        history = messages[: max(i for i, m in enumerate(messages) if m is msg)]
        rated = [*history, ChatMessage.user(f"Your proposed answer: {answer_args.answer}")]
        rating = await _rate(run, rated)
        for s in run.flush():
            yield s
        if rating.score >= threshold or asked:
            run.final(
                "answered",
                answer_args.answer,
                value=answer_args.value,
                confidence=rating.score,
                cite=answer_args.cite or None,
            )
            for s in run.flush():
                yield s
            return
        draft = await run.generate(
            [
                *rated,
                ChatMessage.user(
                    prompts.FORMULATE_QUESTION.format(score=rating.score, threshold=threshold)
                ),
            ],
            None,
            "clarify",
            new_step=False,
        )
        question = _question_of(draft) or f"Can you tell me more about: {run.question}"
        asked = True
        answer = await _clarify(run, question)
        for s in run.flush():
            yield s
        if answer is None:
            run.final(
                "needs_information",
                f"I need to know: {question}",
                question=question,
                confidence=rating.score,
            )
            for s in run.flush():
                yield s
            return
        note = (
            f"Not accepted yet: your confidence {rating.score:.2f} is below "
            f"{threshold:.2f}. " + prompts.USER_ANSWERED.format(question=question, answer=answer)
        )
        if proposal is not None:
            messages.append(ChatMessage.tool_result(proposal.call, note))
        else:
            messages.append(ChatMessage.user(note))


def _question_of(draft: ChatMessage) -> str:
    """The question in a drafted reply: its text, or the question of an ask_user call."""
    for c in draft.tool_calls:
        if c.name == "ask_user":
            try:
                return str(c.parsed_arguments().get("question") or "").strip()
            except ValueError:
                continue
    return (draft.content or "").strip()


# -- rar --------------------------------------------------------------------------------------


class Evidence(BaseModel):
    """What one researcher reported."""

    topic: str
    summary: str
    supporting: list[str] = Field(default_factory=list)
    refuting: list[str] = Field(default_factory=list)
    call_ids: list[str] = Field(default_factory=list)


_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def _plan_from_text(text: str | None) -> PlanArgs | None:
    """A plan written as JSON in the reply text (for models that do not call submit_plan)."""
    m = _JSON_OBJECT.search(text or "")
    if m is None:
        return None
    try:
        return PlanArgs.model_validate(json.loads(m.group()))
    except ValueError:
        return None


async def _plan(run: AgentRun) -> AsyncIterator[Step | PlanArgs]:
    """The supervisor's plan (one correction allowed for an unusable reply)."""
    max_items = run.config.rar.max_items
    messages = [
        ChatMessage.system(
            prompts.SUPERVISOR.format(max_items=max_items)
            + (
                f"\n{prompts.CONTEXT.format(context=run.config.context)}"
                if run.config.context
                else ""
            )
        ),
        ChatMessage.user(run.question),
    ]
    while True:
        msg = await run.generate(messages, [SUBMIT_PLAN], "plan")
        for s in run.flush():
            yield s
        plan = None
        if msg.tool_calls:
            controls = await run.run_tools(msg, messages, ("submit_plan",), data=False)
            for s in run.flush():
                yield s
            plan = controls[0].args if controls else None
        else:
            plan = _plan_from_text(msg.content)
            if plan is None:
                messages.append(msg)
                messages.append(
                    ChatMessage.user(
                        run.malformed(
                            "no plan: expected a submit_plan call with sub_questions and "
                            "hypotheses",
                            ["submit_plan"],
                        )
                    )
                )
                for s in run.flush():
                    yield s
        if plan is not None:
            yield plan
            return


async def _research(run: AgentRun, topic: str) -> AsyncIterator[Step | Evidence]:
    """One researcher: a bounded tool loop that ends with report_evidence."""
    steps = run.config.rar.research_steps
    first_call = len(run.calls)
    messages = [
        run.system_prompt(),
        ChatMessage.user(
            prompts.RESEARCHER.format(question=run.question, topic=topic, steps=steps)
        ),
    ]
    tools = [*run.data_tools, REPORT_EVIDENCE]
    evidence: Evidence | None = None
    for _ in range(steps):
        msg = await run.generate(messages, tools, "research")
        for s in run.flush():
            yield s
        if not msg.tool_calls:
            evidence = Evidence(
                topic=topic,
                summary=(msg.content or "").strip() or "(the researcher reported nothing)",
            )
            break
        controls = await run.run_tools(msg, messages, ("report_evidence",))
        for s in run.flush():
            yield s
        if controls:
            a: EvidenceArgs = controls[0].args
            evidence = Evidence(
                topic=topic,
                summary=a.summary,
                supporting=a.supporting,
                refuting=a.refuting,
                call_ids=a.cite,
            )
            break
    made = [c.call_id for c in run.calls[first_call:] if not c.is_error]
    if evidence is None:
        evidence = Evidence(
            topic=topic,
            summary=f"(no report: the researcher's {steps} steps "
            f"ran out; {len(made)} successful tool call(s) made)",
        )
    known = set(made)
    cited = [c for c in evidence.call_ids if c in known]
    evidence.call_ids = cited or made
    run.emit(
        EvidenceStep(
            **run.stamp(),
            topic=topic,
            supporting=evidence.supporting,
            refuting=evidence.refuting,
            summary=evidence.summary,
            call_ids=evidence.call_ids,
        )
    )
    for s in run.flush():
        yield s
    yield evidence


def _digest(run: AgentRun, evidence: list[Evidence]) -> str:
    """The evidence as the reviewer reads it, with call ids and short result excerpts."""
    by_id = {c.call_id: c for c in run.calls}
    lines = []
    for e in evidence:
        lines.append(f"- {e.topic}: {e.summary}")
        if e.supporting:
            lines.append(f"  for: {'; '.join(e.supporting)}")
        if e.refuting:
            lines.append(f"  against: {'; '.join(e.refuting)}")
        for cid in e.call_ids:
            c = by_id.get(cid)
            if c is not None:
                shown = (
                    json.dumps(c.structured, ensure_ascii=False, default=str)[:300]
                    if c.structured is not None
                    else ""
                )
                lines.append(
                    f"  [{cid}] {c.tool}({json.dumps(c.arguments, default=str)[:200]}) -> {shown}"
                )
    return "\n".join(lines) or "(no evidence)"


async def rar(run: AgentRun) -> AsyncIterator[Step]:
    """Plan, research each item for and against, review; answer from cited evidence."""
    settings = run.config.rar
    plan: PlanArgs | None = None
    async for item in _plan(run):
        if isinstance(item, PlanArgs):
            plan = item
        else:
            yield item
    assert plan is not None
    items = (plan.hypotheses or plan.sub_questions or [run.question])[: settings.max_items]
    run.emit(
        PlanStep(
            **run.stamp(), round=1, sub_questions=plan.sub_questions, hypotheses=plan.hypotheses
        )
    )
    for s in run.flush():
        yield s
    evidence: list[Evidence] = []
    for round_no in range(1, settings.max_rounds + 1):
        for topic in items:
            async for item in _research(run, topic):
                if isinstance(item, Evidence):
                    evidence.append(item)
                else:
                    yield item
        last = round_no == settings.max_rounds
        tools = [FINAL_ANSWER, ABSTAIN] + ([] if last else [RESEARCH_MORE])
        control = ("final_answer", "abstain") + (() if last else ("research_more",))
        instruction = (
            prompts.REVIEW_FINAL
            if last
            else prompts.REVIEW_MORE.format(rounds_left=settings.max_rounds - round_no)
        )
        messages = [
            run.system_prompt(),
            ChatMessage.user(
                prompts.REVIEW.format(
                    question=run.question, evidence=_digest(run, evidence), instruction=instruction
                )
            ),
        ]
        follow_up: list[str] | None = None
        while follow_up is None:
            msg = await run.generate(messages, tools, "review")
            for s in run.flush():
                yield s
            if not msg.tool_calls:
                if msg.content and msg.content.strip():
                    run.final(
                        "answered",
                        msg.content.strip(),
                        cite=[c for e in evidence for c in e.call_ids],
                    )
                    for s in run.flush():
                        yield s
                    return
                messages.append(msg)
                messages.append(
                    ChatMessage.user(run.malformed("an empty reply", [t.name for t in tools]))
                )
                continue
            controls = await run.run_tools(msg, messages, control, data=False)
            for s in run.flush():
                yield s
            if not controls:
                continue
            c = controls[0]
            if isinstance(c.args, ResearchMoreArgs):
                follow_up = c.args.sub_questions[: settings.max_items]
                break
            if isinstance(c.args, FinalAnswerArgs) and not c.args.cite:
                c.args.cite = [cid for e in evidence for cid in e.call_ids]
            _finish(run, c)
            for s in run.flush():
                yield s
            return
        items = follow_up
        run.emit(PlanStep(**run.stamp(), round=round_no + 1, sub_questions=items))
        for s in run.flush():
            yield s


STRATEGIES: dict[str, Strategy] = {"react": react, "rar": rar, "ask": ask}

"""``--model scripted:gold``: a model that replays each task's gold actions through the tools.

It proves the whole runner offline: the gold actions go through the same MCP tools, audit log
and scoring as a real model's, so a gold run reaches the tool ceiling (what the tools can score
when every decision is right).

* EHRSQL: the gold SQL, prepared as the official scorer does (``post_process_sql``), through
  ``run_sql`` with ``dialect="sqlite"`` and ``dataset="ehrsql"``; unanswerable questions get an
  abstention.
* MedCalc-Bench: the row's Relevant Entities through the calculator's ``from_medcalc`` adapter,
  then ``calculate``; the answer is the value the tool returned.
* MedMCP-Calc: each ground-truth calculator answer whose calculator is registered goes through
  its ``from_medmcp`` adapter, then ``calculate``.
* Trials: the judged trials ordered by grade (no tool call).

The model follows whatever strategy drives it: ``react`` (act, then answer), ``ask`` (it rates
its confidence 1.0, or 5 on the Likert scale) and ``rar`` (a one-item plan; the researcher runs
the gold actions and reports them; the review answers or abstains).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from m3agent.agents import prompts
from m3agent.agents.bench_tasks import BenchTask, medcalc_entities
from m3agent.agents.messages import ChatMessage, ToolCall, ToolSpec, Usage
from m3agent.agents.model import Model
from m3agent.tools.errors import M3AgentError

#: The ``--model`` value that selects the gold replay.
GOLD_MODEL = "scripted:gold"

_VALUE = re.compile(r'"value":\s*("(?:[^"\\]|\\.)*"|[-+0-9.eE]+)')


def observed_value(text: str | None) -> Any:
    """The ``value`` of a tool observation (a calculator result), or None.

    The observation is the tool's compact JSON; when it was cut to fit the context the value
    (an early field) is read with a regular expression instead.
    """
    if not text or text.startswith("ERROR"):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        m = _VALUE.search(text)
        return json.loads(m.group(1)) if m else None
    return data.get("value") if isinstance(data, dict) else None


class GoldModel(Model):
    """Replays fixed tool calls, then answers from what they returned (or abstains).

    Args:
        actions: ``(tool, arguments)`` of the gold calls, made in one step.
        finish: ``"abstain"``, ``"rows"`` (answer citing the calls), ``"value"`` (answer with
            the first call's value), ``"values"`` (answer with every call's value) or
            ``"ranking"`` (answer with ``ranking``).
        reason: Why the gold abstains (for ``finish="abstain"``).
        ranking: The gold ranking (for ``finish="ranking"``).
    """

    def __init__(
        self,
        actions: Sequence[tuple[str, dict[str, Any]]],
        finish: str,
        *,
        reason: str = "The data cannot answer this question.",
        ranking: Sequence[str] = (),
    ) -> None:
        self.name = GOLD_MODEL
        self.actions = list(actions)
        self.finish = finish
        self.reason = reason
        self.ranking = list(ranking)
        self.ids = [f"gold_{i}" for i in range(len(self.actions))]
        self.observations: dict[str, str] = {}
        self.calls = 0

    # -- the model interface --------------------------------------------------------------------

    def generate(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSpec] | None = None,
        **options: Any,
    ) -> ChatMessage:
        """The next gold move for whatever the strategy asks."""
        self.calls += 1
        for m in messages:
            if m.role == "tool" and m.tool_call_id in self.ids:
                self.observations[m.tool_call_id] = m.content or ""
        names = {t.name for t in tools or []}
        if not names:  # a confidence rating (ask) or a clarifying question to draft
            last = (messages[-1].content or "") if messages else ""
            if last == prompts.RATE_LIKERT:
                return self._text("5")
            if last == prompts.RATE_NUMERIC:
                return self._text("1.0")
            return self._text("No question: the gold actions answer it.")
        if "submit_plan" in names:
            return self._calls([("submit_plan", {"sub_questions": ["Replay the gold actions."]})])
        pending = self.actions and not all(i in self.observations for i in self.ids)
        data_tools = names - {
            "final_answer",
            "abstain",
            "ask_user",
            "report_evidence",
            "research_more",
        }
        if pending and data_tools:
            return self._calls(self.actions, ids=self.ids)
        if "report_evidence" in names:
            summary = (
                self.reason
                if self.finish == "abstain"
                else f"The gold actions ran: {len(self.observations)} tool result(s)."
            )
            return self._calls(
                [("report_evidence", {"summary": summary, "cite": list(self.observations)})]
            )
        if self.finish == "abstain" and "abstain" in names:
            return self._calls([("abstain", {"reason": self.reason})])
        return self._calls([("final_answer", self._answer())])

    # -- helpers --------------------------------------------------------------------------------

    def _answer(self) -> dict[str, Any]:
        cite = [i for i in self.ids if i in self.observations]
        if self.finish == "ranking":
            return {
                "answer": "Trials ranked by the gold judgments: " + ", ".join(self.ranking[:10]),
                "value": self.ranking,
            }
        if self.finish == "value":
            value = observed_value(self.observations.get(self.ids[0])) if self.ids else None
            out: dict[str, Any] = {"answer": f"The result is {value}.", "cite": cite}
            if value is not None:
                out["value"] = value
            return out
        if self.finish == "values":
            values = [observed_value(self.observations.get(i)) for i in self.ids]
            return {
                "answer": "Results: " + "; ".join(str(v) for v in values),
                "value": values,
                "cite": cite,
            }
        if self.finish == "abstain":  # asked for an answer where abstaining is not offered
            return {"answer": self.reason}
        return {"answer": "The answer is the result of the query cited.", "cite": cite}

    def _text(self, text: str) -> ChatMessage:
        return ChatMessage(role="assistant", content=text, usage=Usage())

    def _calls(
        self, calls: Sequence[tuple[str, dict[str, Any]]], ids: Sequence[str] | None = None
    ) -> ChatMessage:
        made = [
            ToolCall(id=ids[i] if ids else f"gold_c{self.calls}_{i}", name=name, arguments=args)
            for i, (name, args) in enumerate(calls)
        ]
        return ChatMessage(role="assistant", content=None, tool_calls=made, usage=Usage())


# -- the gold of each benchmark -----------------------------------------------------------------


def gold_model(benchmark: str, task: BenchTask) -> GoldModel:
    """The gold replay of one task.

    Raises:
        BenchDataError: If a MedCalc-Bench row's entities are not a literal dict.
    """
    if benchmark == "ehrsql":
        return _ehrsql(task)
    if benchmark == "medcalc":
        return _medcalc(task)
    if benchmark == "medmcp-calc":
        return _medmcp(task)
    ranking = sorted(task.gold["qrels"], key=lambda d: (-task.gold["qrels"][d], d))
    return GoldModel([], "ranking", ranking=[d for d in ranking if task.gold["qrels"][d] > 0])


def _ehrsql(task: BenchTask) -> GoldModel:
    from m3agent.tools.ehrsql import post_process_sql

    sql = task.gold.get("sql")
    if sql is None:
        return GoldModel([], "abstain", reason="The EHRSQL gold marks this question unanswerable.")
    args = {
        "sql": post_process_sql(sql),
        "dialect": "sqlite",
        "dataset": "ehrsql",
        "max_rows": 10_000,
    }
    return GoldModel([("run_sql", args)], "rows")


def _jsonable(value: Any) -> Any:
    """Adapter output as JSON (tuples as lists, dates as ISO text), as a model would send it."""
    return json.loads(json.dumps(value, default=str))


def _medcalc(task: BenchTask) -> GoldModel:
    from m3agent.calculators.medcalc_bench import calculators_by_medcalc_id

    row = task.gold["row"]
    try:
        calc = calculators_by_medcalc_id().get(int(row["Calculator ID"]))
    except (KeyError, ValueError):
        calc = None
    adapter = getattr(calc.module, "from_medcalc", None) if calc is not None else None
    if calc is None or adapter is None:
        return GoldModel(
            [], "abstain", reason=f"No calculator for MedCalc-Bench id {row.get('Calculator ID')}."
        )
    try:
        inputs = _jsonable(adapter(medcalc_entities(row)))
    except (M3AgentError, ValueError, TypeError, KeyError) as e:
        return GoldModel([], "abstain", reason=f"The gold entities do not fit {calc.id}: {e}")
    return GoldModel([("calculate", {"calculator": calc.id, "inputs": inputs})], "value")


def medmcp_gold_calls(answers: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """``calculate`` calls for every ground-truth answer whose calculator and adapter work."""
    from m3agent.calculators.registry import get_calculator

    calls: list[tuple[str, dict[str, Any]]] = []
    for a in answers:
        try:
            calc = get_calculator(str(a.get("name", "")))
        except M3AgentError:
            continue
        adapter = getattr(calc.module, "from_medmcp", None)
        if adapter is None:
            continue
        try:
            inputs = _jsonable(adapter(a.get("inputs") or []))
        except (M3AgentError, ValueError, TypeError, KeyError, NotImplementedError):
            continue
        calls.append(("calculate", {"calculator": calc.id, "inputs": inputs}))
    return calls


def _medmcp(task: BenchTask) -> GoldModel:
    calls = medmcp_gold_calls(task.gold["answers"])
    if not calls:
        return GoldModel([], "abstain", reason="None of the task's calculators is registered.")
    return GoldModel(calls, "values")

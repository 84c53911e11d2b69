"""Control tools: how a model ends a run, abstains, asks, plans or reports evidence.

They are offered beside the server's tools but handled by the runtime itself. Their arguments
are validated with pydantic; a call that does not validate is a malformed call.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from m3agent.agents.messages import ToolSpec


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FinalAnswerArgs(_Args):
    """Arguments of ``final_answer``."""

    answer: str = Field(min_length=1, description="The answer in plain words.")
    value: Any = Field(
        default=None,
        description=(
            "The answer's value when it has one: a number, text, true/false, a list, or a table "
            "as a list of rows. Omit for free-text answers."
        ),
    )
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="How sure you are, 0 to 1."
    )
    cite: list[str] = Field(
        default_factory=list,
        description=(
            "Ids of the tool calls whose results support the answer (default: all of them)."
        ),
    )


class AbstainArgs(_Args):
    """Arguments of ``abstain``."""

    reason: str = Field(min_length=1, description="Why the data cannot answer the question.")


class AskUserArgs(_Args):
    """Arguments of ``ask_user``."""

    question: str = Field(min_length=1, description="One short clarifying question.")


class PlanArgs(_Args):
    """Arguments of ``submit_plan``."""

    sub_questions: list[str] = Field(
        default_factory=list,
        description=("Sub-questions whose answers together answer the question."),
    )
    hypotheses: list[str] = Field(
        default_factory=list,
        description=("Candidate answers (or the answer options given in the question) to test."),
    )


class EvidenceArgs(_Args):
    """Arguments of ``report_evidence``."""

    summary: str = Field(min_length=1, description="What the evidence shows, in one paragraph.")
    supporting: list[str] = Field(default_factory=list, description="Findings for.")
    refuting: list[str] = Field(default_factory=list, description="Findings against.")
    cite: list[str] = Field(default_factory=list, description="Ids of the supporting calls.")


class ResearchMoreArgs(_Args):
    """Arguments of ``research_more``."""

    sub_questions: list[str] = Field(min_length=1, description="What still needs evidence.")


def _spec(name: str, model: type[BaseModel], description: str) -> ToolSpec:
    schema = model.model_json_schema()
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
    return ToolSpec(name=name, description=description, input_schema=schema)


FINAL_ANSWER = _spec(
    "final_answer",
    FinalAnswerArgs,
    "Give the final answer, with its value and the ids of the tool calls that "
    "support it. Call it alone, once you have the evidence.",
)
ABSTAIN = _spec(
    "abstain",
    AbstainArgs,
    "Say that the available data cannot answer the question (e.g. it is not "
    "recorded in the database, or asks for a prediction or an opinion).",
)
ASK_USER = _spec(
    "ask_user",
    AskUserArgs,
    "Ask the user ONE clarifying question when information you need is not in "
    "the data (e.g. which patient, which time window). You may ask only once.",
)
SUBMIT_PLAN = _spec("submit_plan", PlanArgs, "Submit the research plan.")
REPORT_EVIDENCE = _spec(
    "report_evidence",
    EvidenceArgs,
    "Report the evidence found for and against, citing tool call ids.",
)
RESEARCH_MORE = _spec(
    "research_more", ResearchMoreArgs, "Ask for another round of research on these sub-questions."
)

CONTROL_ARGS: dict[str, type[BaseModel]] = {
    "final_answer": FinalAnswerArgs,
    "abstain": AbstainArgs,
    "ask_user": AskUserArgs,
    "submit_plan": PlanArgs,
    "report_evidence": EvidenceArgs,
    "research_more": ResearchMoreArgs,
}


def parse_control(name: str, arguments: dict[str, Any]) -> BaseModel:
    """Validate a control tool's arguments.

    Raises:
        ValueError: Saying which argument was expected and what was found.
    """
    try:
        return CONTROL_ARGS[name].model_validate(arguments)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(arguments)'}: {e['msg']}"
            for e in exc.errors(include_url=False)
        )
        raise ValueError(f"invalid arguments for {name}: {problems}") from None

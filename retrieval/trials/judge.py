"""Judging criteria that predicates cannot compute, by a language model or by a script.

The model sees what TrialGPT's matching step shows (Jin et al., Nat Commun 2024;15:9074;
ncbi-nlp/TrialGPT ``trialgpt_matching``): the patient note as numbered sentences, the trial's
title, conditions and summary, and the criteria of one type numbered from 0; it answers one JSON
object that gives, per criterion number, a label, a short explanation and the ids of the
sentences that support it. One call covers all undecided criteria of one type of one trial.

:class:`ScriptedJudge` returns canned labels (tests, replays); :class:`LiteLLMJudge` calls
``litellm.completion``. Nothing here touches the network unless a :class:`LiteLLMJudge` is
asked to judge.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from m3agent.retrieval.trials.criteria import Criterion, CriterionType
from m3agent.retrieval.trials.labels import EXCLUSION_LABELS, INCLUSION_LABELS, Label
from m3agent.retrieval.trials.patient import PatientFacts
from m3agent.retrieval.trials.trial import Trial
from m3agent.tools.errors import ConfigError, M3AgentError


class JudgeError(M3AgentError):
    """A judge could not give labels (model call failed, or a script lacks a criterion)."""

    code = "judge"


class Judgement(BaseModel):
    """A judge's answer for one criterion."""

    label: Label
    explanation: str = ""
    sentence_ids: list[int] = Field(default_factory=list)


@runtime_checkable
class CriterionJudge(Protocol):
    """Labels criteria for a patient; one call per trial and criterion type."""

    name: str

    def judge(
        self, facts: PatientFacts, trial: Trial, criteria: Sequence[Criterion]
    ) -> list[Judgement]:
        """Return one judgement per criterion, in order (all criteria of one type)."""
        ...


def allowed_labels(criterion_type: CriterionType) -> tuple[str, ...]:
    """Return the labels a criterion of this type may take."""
    return INCLUSION_LABELS if criterion_type == "inclusion" else EXCLUSION_LABELS


def _check_label(label: str, criterion: Criterion) -> Label:
    allowed = allowed_labels(criterion.type)
    if label not in allowed:
        raise JudgeError(
            f"label {label!r} is not a label of an {criterion.type} criterion; expected one of "
            f"{list(allowed)} (criterion: {criterion.text[:80]!r})"
        )
    return label  # type: ignore[return-value]


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


class ScriptedJudge:
    """Returns canned labels, keyed by criterion text (case and spacing ignored).

    Args:
        labels: Criterion text → label, or → :class:`Judgement`.
        default: Label for criteria not in ``labels``; None makes such criteria an error.

    Attributes:
        calls: ``(patient_id, nct_id, [criterion texts])`` of every call, for tests.
    """

    name = "scripted"

    def __init__(
        self, labels: Mapping[str, str | Judgement] | None = None, *, default: str | None = None
    ) -> None:
        self._labels = {_key(k): v for k, v in (labels or {}).items()}
        self._default = default
        self.calls: list[tuple[str, str, list[str]]] = []

    def judge(
        self, facts: PatientFacts, trial: Trial, criteria: Sequence[Criterion]
    ) -> list[Judgement]:
        """Return the scripted judgement of each criterion.

        Raises:
            JudgeError: For a criterion with no scripted label and no default, or a label
                that does not fit the criterion's type.
        """
        self.calls.append((facts.patient_id, trial.nct_id, [c.text for c in criteria]))
        out: list[Judgement] = []
        for c in criteria:
            scripted = self._labels.get(_key(c.text))
            if scripted is None:
                if self._default is None:
                    raise JudgeError(
                        f"ScriptedJudge has no label for criterion {c.text[:80]!r}; expected "
                        f"one of {len(self._labels)} scripted criteria or a default label"
                    )
                scripted = self._default
            if isinstance(scripted, Judgement):
                _check_label(scripted.label, c)
                out.append(scripted)
            else:
                out.append(Judgement(label=_check_label(scripted, c), explanation="scripted"))
        return out


_LABEL_MEANINGS = {
    "inclusion": (
        '"included": the patient meets the criterion; "not included": the patient does not '
        'meet it; "not applicable": the criterion does not concern this patient; "not enough '
        'information": the note does not allow a decision.'
    ),
    "exclusion": (
        '"excluded": the patient meets the exclusion criterion and must be excluded; "not '
        'excluded": the patient does not meet it; "not applicable": the criterion does not '
        'concern this patient; "not enough information": the note does not allow a decision.'
    ),
}


def build_messages(
    facts: PatientFacts,
    trial: Trial,
    criteria: Sequence[Criterion],
) -> list[dict[str, str]]:
    """Build the chat messages asking a model to label ``criteria`` (all of one type).

    Raises:
        JudgeError: When the criteria are empty or of mixed types.
    """
    types = {c.type for c in criteria}
    if len(types) != 1:
        raise JudgeError(
            f"expected criteria of one type (inclusion or exclusion), found "
            f"{sorted(types) or 'none'}"
        )
    ctype = types.pop()
    system = (
        "You help recruit patients into clinical trials. Compare the patient note with each "
        f"{ctype} criterion of the trial and decide, criterion by criterion, whether the "
        "patient is eligible.\n"
        f"{ctype.capitalize()} criteria are conditions that "
        + (
            "allow a person to take part"
            if ctype == "inclusion"
            else "bar a person from taking part"
        )
        + " (age, sex, the disease and its stage, earlier treatment, other conditions).\n"
        "For each criterion: reason briefly from the note; if the note says nothing about a "
        "medically important condition, take it as absent. Cite the ids of the note sentences "
        "you relied on (an empty list if none).\n"
        f"Labels: {_LABEL_MEANINGS[ctype]}\n"
        "Answer with one JSON object and nothing else, keyed by criterion number:\n"
        '{"0": {"explanation": "...", "sentence_ids": [2, 5], "label": "..."}, "1": {...}}'
    )
    numbered = "\n".join(f"{i}. {c.text}" for i, c in enumerate(criteria))
    trial_text = (
        f"Title: {trial.title}\n"
        f"Target conditions: {', '.join(trial.conditions)}\n"
        f"Interventions: {', '.join(i.name for i in trial.interventions)}\n"
        f"Summary: {trial.brief_summary}\n"
        f"{ctype.capitalize()} criteria:\n{numbered}"
    )
    user = (
        f"Patient note, one sentence per id:\n{facts.numbered_note()}\n\n"
        f"Clinical trial:\n{trial_text}\n\n"
        "Give the JSON object now."
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def parse_reply(reply: str, criteria: Sequence[Criterion]) -> list[Judgement]:
    """Read a model's JSON reply into one judgement per criterion.

    Entries may be ``{"label", "explanation", "sentence_ids"}`` objects or TrialGPT's
    ``[explanation, [ids], label]`` lists. A criterion the reply leaves out, or gives a label
    outside its type's four, gets ``not enough information`` with the reason.

    Raises:
        JudgeError: When the reply holds no JSON object.
    """
    text = reply.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise JudgeError(f"expected a JSON object in the model reply, found {reply[:120]!r}")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise JudgeError(
            f"model reply is not valid JSON ({exc.msg} at char {exc.pos}): {reply[:120]!r}"
        ) from None
    if not isinstance(data, dict):
        raise JudgeError(
            f"expected a JSON object keyed by criterion number, found {type(data).__name__}"
        )
    out: list[Judgement] = []
    for i, c in enumerate(criteria):
        entry: Any = data.get(str(i), data.get(i))  # type: ignore[call-overload]
        label: Any = None
        explanation = ""
        ids: Any = []
        if isinstance(entry, dict):
            label, explanation, ids = (
                entry.get("label"),
                str(entry.get("explanation", "")),
                entry.get("sentence_ids", []),
            )
        elif isinstance(entry, list) and len(entry) == 3:
            explanation, ids, label = str(entry[0]), entry[1], entry[2]
        label = label.strip().lower() if isinstance(label, str) else label
        if label not in allowed_labels(c.type):
            out.append(
                Judgement(
                    label="not enough information",
                    explanation=f"model gave no valid label (found {label!r})",
                )
            )
            continue
        valid_ids = (
            [
                int(x)
                for x in ids
                if isinstance(x, int) or (isinstance(x, str) and x.strip().isdigit())
            ]
            if isinstance(ids, list)
            else []
        )
        out.append(Judgement(label=label, explanation=explanation, sentence_ids=valid_ids))
    return out


class LiteLLMJudge:
    """Judges criteria with a chat model through ``litellm.completion``.

    Args:
        model: A litellm model name, e.g. ``"gpt-4o"`` or ``"ollama/llama3.1"``.
        temperature: Sampling temperature (0 as in TrialGPT).
        completion: The completion function; defaults to ``litellm.completion`` (imported on
            first use). Tests pass a fake.
        **kwargs: Extra arguments passed to every completion call (api_base, timeout, ...).

    Raises:
        ConfigError: When ``model`` is empty.
    """

    def __init__(
        self,
        model: str,
        *,
        temperature: float = 0.0,
        completion: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if not isinstance(model, str) or not model.strip():
            raise ConfigError(
                f"LiteLLMJudge: expected a model name such as 'gpt-4o', found {model!r}"
            )
        self.model = model
        self.name = f"litellm:{model}"
        self.temperature = temperature
        self._completion = completion
        self._kwargs = kwargs

    def _complete(self) -> Callable[..., Any]:
        if self._completion is None:
            # litellm fetches a price map over the network at import unless told not to.
            os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
            import litellm

            self._completion = litellm.completion
        return self._completion

    def judge(
        self, facts: PatientFacts, trial: Trial, criteria: Sequence[Criterion]
    ) -> list[Judgement]:
        """Ask the model once for all ``criteria`` (one type) and parse its answer.

        Raises:
            JudgeError: When the model call fails or its reply holds no JSON object.
        """
        if not criteria:
            return []
        messages = build_messages(facts, trial, criteria)
        try:
            response = self._complete()(
                model=self.model, messages=messages, temperature=self.temperature, **self._kwargs
            )
        except Exception as exc:  # noqa: BLE001 - litellm raises many provider errors
            raise JudgeError(
                f"model {self.model!r} call failed: {type(exc).__name__}: {exc}",
                hint="check the model name, API key and network",
            ) from exc
        try:
            content = response.choices[0].message.content
        except (AttributeError, IndexError, KeyError, TypeError):
            try:
                content = response["choices"][0]["message"]["content"]
            except (KeyError, IndexError, TypeError):
                raise JudgeError(f"model {self.model!r} returned no message content") from None
        return parse_reply(content or "", criteria)

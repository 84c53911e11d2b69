"""Neuropathic Pain Scale (NPS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, MedMCPInputError, match_option
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="neuropathic_pain_scale",
    name="Neuropathic Pain Scale (NPS)",
    synonyms=("NPS", "Neuropathic Pain Scale", "Galer-Jensen Neuropathic Pain Scale"),
    category="neurology",
    source="Galer BS, Jensen MP. Development and preliminary validation of a pain measure "
    "specific to neuropathic pain: the Neuropathic Pain Scale. Neurology. 1997;48(2):332-8; "
    "total 0-100 as the sum of the ten 0-10 ratings (MDCalc, 'maximum 100 points').",
    doi="10.1212/wnl.48.2.332",
    output_type="integer",
    description="Ten 0-10 ratings of neuropathic pain qualities (intensity, sharp, hot, dull, "
    "cold, sensitive, itchy, unpleasant, deep, surface) summed to 0-100, plus an unscored "
    "time-quality item.",
)

#: Input name → (question as printed on the NPS, MedMCP key phrases), in form order
#: (Galer & Jensen 1997: each item 0 'no ...' to 10 'the most ... imaginable').
ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "intensity": ("How intense is your pain?", ("how intense is the pain", "intense is your pain")),
    "sharp": ("How sharp is your pain? ('like a knife')", ("sharp",)),
    "hot": ("How hot is your pain? ('on fire')", ("hot",)),
    "dull": ("How dull is your pain?", ("dull",)),
    "cold": ("How cold is your pain? ('freezing')", ("cold",)),
    "sensitive": ("How sensitive is your skin to light touch? ('raw skin')", ("sensitive",)),
    "itchy": ("How itchy is your pain?", ("itchy",)),
    "unpleasant": ("How unpleasant is your pain? ('intolerable')", ("unpleasant",)),
    "deep": ("If the pain is deep, how intense is the deep pain?", ("deep pain", "deep")),
    "surface": (
        "If the pain is on the surface, how intense is the surface pain?",
        ("surface pain", "surface"),
    ),
}

TimeQuality = Literal["background_with_flares", "single_type_constant", "single_type_intermittent"]

#: The unscored time-quality item (NPS item 11), with the answers as printed.
TIME_QUALITY: dict[str, tuple[str, ...]] = {
    "background_with_flares": (
        "I feel a background pain all of the time and occasional flare-ups (break-through pain) "
        "some of the time",
        "Background pain present all the time, with occasional flare-ups (breakthrough pain)",
        "background pain",
    ),
    "single_type_constant": (
        "I feel a single type of pain all the time",
        "Single type of pain present all the time",
    ),
    "single_type_intermittent": (
        "I feel a single type of pain only sometimes; other times I am pain free",
        "Single type of pain present only sometimes",
    ),
}


def _rating(question: str) -> Any:
    return Field(ge=0, le=10, description=f"{question} (0 none to 10 the most imaginable)")


class Inputs(CalcInputs):
    """The ten NPS ratings (0-10 each) and the unscored time-quality answer."""

    intensity: int = _rating(ITEMS["intensity"][0])
    sharp: int = _rating(ITEMS["sharp"][0])
    hot: int = _rating(ITEMS["hot"][0])
    dull: int = _rating(ITEMS["dull"][0])
    cold: int = _rating(ITEMS["cold"][0])
    sensitive: int = _rating(ITEMS["sensitive"][0])
    itchy: int = _rating(ITEMS["itchy"][0])
    unpleasant: int = _rating(ITEMS["unpleasant"][0])
    deep: int = _rating(ITEMS["deep"][0])
    surface: int = _rating(ITEMS["surface"][0])
    time_quality: TimeQuality | None = Field(
        None,
        description="Time quality of the pain (unscored): background_with_flares, "
        "single_type_constant, single_type_intermittent",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ten ratings (0-100); the time-quality answer is reported, not scored."""
    steps, total = tally((q, getattr(inputs, k), getattr(inputs, k)) for k, (q, _) in ITEMS.items())
    extra: dict[str, Any] = {}
    if inputs.time_quality is not None:
        label = TIME_QUALITY[inputs.time_quality][0]
        steps.append(Step(label="Time quality of pain (unscored)", value=label))
        extra["time_quality"] = label
    value = int(total)
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"NPS {value}/100: the higher the score, the worse the neuropathic pain; "
        "track the total and single qualities over time to judge treatment response.",
        steps=steps,
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('How sharp is the pain?' → 6) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, (_, keys) in ITEMS.items():
        number = f.number(*keys)
        if not number.is_integer():
            raise MedMCPInputError(f"{META.id}: {keys[0]}: expected a whole 0-10 rating.")
        out[name] = int(number)
    if f.has("time quality"):
        field, value = f.raw("time quality")
        out["time_quality"] = match_option(value, TIME_QUALITY, field=f"{META.id}: {field}")
    return out

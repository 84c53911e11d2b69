"""AUA Symptom Index / International Prostate Symptom Score (IPSS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="ipss_aua_si",
    name="American Urological Association Symptom Index (AUA-SI)/International Prostate "
    "Symptom Score (IPSS)",
    synonyms=("AUA-SI", "IPSS", "International Prostate Symptom Score", "AUA Symptom Index"),
    category="urology",
    source="Barry MJ, Fowler FJ Jr, O'Leary MP, et al. The American Urological Association "
    "symptom index for benign prostatic hyperplasia. The Measurement Committee of the American "
    "Urological Association. J Urol. 1992;148(5):1549-57.",
    output_type="integer",
    description="Seven urinary symptoms scored 0-5 (total 0-35): mild 0-7, moderate 8-19, "
    "severe 20-35; with the unscored quality-of-life question (0 delighted - 6 terrible).",
)

#: The seven items in questionnaire order (Barry 1992): input name → label.
ITEMS: dict[str, str] = {
    "incomplete_emptying": "Incomplete emptying",
    "frequency": "Frequency (again < 2 hours after urinating)",
    "intermittency": "Intermittency",
    "urgency": "Urgency",
    "weak_stream": "Weak stream",
    "straining": "Straining",
    "nocturia": "Nocturia (times per night, 5 = 5 or more)",
}

QualityOfLife = Literal[
    "delighted",
    "pleased",
    "mostly_satisfied",
    "mixed",
    "mostly_dissatisfied",
    "unhappy",
    "terrible",
]
#: The quality-of-life answers and their 0-6 scores (IPSS quality-of-life question).
QOL_SCORE: dict[str, int] = {
    "delighted": 0,
    "pleased": 1,
    "mostly_satisfied": 2,
    "mixed": 3,
    "mostly_dissatisfied": 4,
    "unhappy": 5,
    "terrible": 6,
}

_FREQ = (
    "0 not at all, 1 less than 1 time in 5, 2 less than half the time, 3 about half the time, "
    "4 more than half the time, 5 almost always"
)


def _item(label: str) -> Any:
    scale = "0-5 times per night" if label.startswith("Nocturia") else _FREQ
    return Field(ge=0, le=5, description=f"{label}, over the past month: {scale}")


class Inputs(CalcInputs):
    """Inputs of the AUA-SI / IPSS (each item 0-5; quality of life optional)."""

    incomplete_emptying: int = _item(ITEMS["incomplete_emptying"])
    frequency: int = _item(ITEMS["frequency"])
    intermittency: int = _item(ITEMS["intermittency"])
    urgency: int = _item(ITEMS["urgency"])
    weak_stream: int = _item(ITEMS["weak_stream"])
    straining: int = _item(ITEMS["straining"])
    nocturia: int = _item(ITEMS["nocturia"])
    quality_of_life: QualityOfLife | None = Field(
        None,
        description="Unscored: how would you feel spending the rest of your life with your "
        "urinary condition as it is now (delighted ... terrible)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the seven items; severity bands of Barry 1992 (0-7, 8-19, 20-35)."""
    s = Score()
    for name, label in ITEMS.items():
        pts = getattr(inputs, name)
        s.add(label, pts, pts)
    total = int(s.total)
    # Severity bands: mild 0-7, moderate 8-19, severe 20-35 (Barry 1992).
    band = "Mild" if total <= 7 else "Moderate" if total <= 19 else "Severe"
    text = f"{band} symptoms ({total}/35)"
    extra: dict[str, Any] = {"severity": band}
    if inputs.quality_of_life is not None:
        qol = QOL_SCORE[inputs.quality_of_life]
        extra["quality_of_life_score"] = qol
        text += f"; quality of life {qol}/6 ({inputs.quality_of_life.replace('_', ' ')})"
    return CalcResult(
        calculator=META.id, value=total, interpretation=text, steps=s.steps, extra=extra
    )


_ANSWERS: dict[int, tuple[str, ...]] = {
    0: ("Not at all", "None"),
    1: ("Less than 1 time in 5", "Less than one time in five", "1 time"),
    2: ("Less than half the time", "2 times"),
    3: ("About half the time", "3 times"),
    4: ("More than half the time", "4 times"),
    5: ("Almost always", "5 or more times", "5 times"),
}

_KEYS: dict[str, tuple[str, ...]] = {
    "incomplete_emptying": ("incomplete emptying", "not emptying"),
    "frequency": ("frequency",),
    "intermittency": ("intermittency", "stopped and started"),
    "urgency": ("urgency", "postpone"),
    "weak_stream": ("weak stream", "weak urinary stream"),
    "straining": ("straining", "strain"),
    "nocturia": ("nocturia", "get up at night"),
}

_QOL: dict[str, str] = {k: k.replace("_", " ") for k in QOL_SCORE}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('4 (More than half the time)', '2 (2 times/night)') → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, keys in _KEYS.items():
        field, value = f.raw(*keys)
        text = str(value)
        # The answer's code leads the value; the words after it name the same answer.
        out[name] = (
            int(f.number(*keys))
            if text.strip()[:1].isdigit()
            else f.option(*keys, options=_ANSWERS)
        )
    if f.has("quality of life", "rest of your life"):
        out["quality_of_life"] = f.option("quality of life", "rest of your life", options=_QOL)
    return out

"""Risk of Malignancy Index (RMI I) for an adnexal mass."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="rmi_ovarian",
    name="Risk of Malignancy Index (RMI) for Ovarian Cancer",
    synonyms=("RMI", "Risk of Malignancy Index", "RMI I", "Jacobs RMI"),
    category="gynecology",
    source="Jacobs I, Oram D, Fairbanks J, Turner J, Frost C, Grudzinskas JG. A risk of "
    "malignancy index incorporating CA 125, ultrasound and menopausal status for the accurate "
    "preoperative diagnosis of ovarian cancer. Br J Obstet Gynaecol. 1990;97(10):922-9.",
    doi="10.1111/j.1471-0528.1990.tb02448.x",
    pmid="2223684",
    output_type="integer",
    description="RMI = U × M × CA-125: ultrasound score U (0 features 0, 1 feature 1, ≥2 "
    "features 3), menopausal score M (premenopausal 1, postmenopausal 3); ≥200 is high risk.",
)

#: The five ultrasound features of Jacobs 1990: input name → label.
FEATURES: dict[str, str] = {
    "multilocular": "Multilocular cyst",
    "solid_areas": "Solid areas",
    "bilateral": "Bilateral lesions",
    "ascites": "Ascites",
    "intra_abdominal_metastases": "Intra-abdominal metastases",
}


class Inputs(CalcInputs):
    """Inputs of the RMI (Jacobs 1990)."""

    multilocular: bool = Field(description="Ultrasound: multilocular cyst")
    solid_areas: bool = Field(description="Ultrasound: solid areas")
    bilateral: bool = Field(description="Ultrasound: bilateral lesions")
    ascites: bool = Field(description="Ultrasound: ascites")
    intra_abdominal_metastases: bool = Field(description="Ultrasound: intra-abdominal metastases")
    menopausal_status: Literal["premenopausal", "postmenopausal"] = Field(
        description="Menopausal status (postmenopausal: > 1 year amenorrhoea or age ≥ 50 after "
        "hysterectomy)"
    )
    ca125: float = Field(ge=0, le=100000, description="Serum CA-125 [U/mL]")


def compute(inputs: Inputs) -> CalcResult:
    """RMI = U × M × CA-125 (Jacobs 1990)."""
    present = [label for name, label in FEATURES.items() if getattr(inputs, name)]
    n = len(present)
    # Jacobs 1990 (abstract; NICE CG122 appendix): U = 0 (no feature), 1 (one), 3 (2-5);
    # M = 1 premenopausal, 3 postmenopausal.
    u = 0 if n == 0 else 1 if n == 1 else 3
    m = 3 if inputs.menopausal_status == "postmenopausal" else 1
    rmi = u * m * inputs.ca125
    value = int(round(rmi))
    steps = [
        Step(label="Ultrasound features", value=n, detail=", ".join(present) or "none"),
        Step(label="U score", value=u, detail="0 features: 0; 1: 1; ≥ 2: 3"),
        Step(label="M score", value=m, detail="premenopausal 1; postmenopausal 3"),
        Step(label="CA-125", value=inputs.ca125, detail="U/mL"),
        Step(label="RMI", value=round(rmi, 1), detail="U × M × CA-125"),
    ]
    # Jacobs 1990 (abstract): at an RMI cut-off of 200, sensitivity 85% and specificity 97%.
    if rmi >= 200:
        text = f"High risk of malignancy (RMI {value} ≥ 200)"
    else:
        text = f"Low risk of malignancy (RMI {value} < 200)"
    return CalcResult(calculator=META.id, value=value, interpretation=text, steps=steps)


_KEYS: dict[str, tuple[str, ...]] = {
    "multilocular": ("multilocul",),
    "solid_areas": ("solid areas", "solid"),
    "bilateral": ("bilateral",),
    "ascites": ("ascites",),
    "intra_abdominal_metastases": ("metastases", "intra abdominal"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {name: f.yes(*keys) for name, keys in _KEYS.items()}
    out["menopausal_status"] = f.option(
        "menopaus",
        options={"premenopausal": ("Premenopausal",), "postmenopausal": ("Postmenopausal",)},
    )
    out["ca125"] = f.number("ca 125", "ca125")
    return out

"""RegiSCAR score for drug reaction with eosinophilia and systemic symptoms (DRESS)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number, norm
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="regiscar_dress",
    name="RegiSCAR Score for Drug Reaction with Eosinophilia and Systemic Symptoms (DRESS)",
    synonyms=("RegiSCAR", "RegiSCAR score", "DRESS score", "RegiSCAR DRESS"),
    category="dermatology",
    source="Kardaun SH, Sidoroff A, Valeyrie-Allanore L, et al. Variability in the clinical "
    "pattern of cutaneous side-effects of drugs with systemic symptoms: does a DRESS syndrome "
    "really exist? Br J Dermatol. 2007;156(3):609-611; scoring table as reproduced in Kardaun "
    "SH et al. Br J Dermatol. 2013;169(5):1071-1080.",
    output_type="integer",
    description="Fever, lymph nodes, atypical lymphocytes, eosinophilia, skin findings, organ "
    "involvement, course and work-up (-4 to 9): < 2 no case, 2-3 possible, 4-5 probable, "
    "> 5 definite DRESS.",
)

YesNoUnknown = Literal["yes", "no", "unknown"]
Eosinophilia = Literal["none", "700_1499_or_10_19pct", "ge1500_or_ge20pct"]


class Inputs(CalcInputs):
    """The RegiSCAR items; 'unknown' where the published table scores it separately."""

    fever_ge_38_5: YesNoUnknown = Field(description="Fever ≥ 38.5 °C: no/unknown -1, yes 0")
    enlarged_lymph_nodes: bool = Field(description="Enlarged lymph nodes: ≥ 2 sites, > 1 cm (+1)")
    atypical_lymphocytes: bool = Field(description="Atypical lymphocytes (+1)")
    eosinophilia: Eosinophilia = Field(
        description="none (0); 700_1499_or_10_19pct: 700-1,499/µL or 10-19.9% if WBC < 4,000 "
        "(+1); ge1500_or_ge20pct: ≥ 1,500/µL or ≥ 20% if WBC < 4,000 (+2)"
    )
    rash_extent_gt_50: bool = Field(description="Skin rash extent > 50% of body surface (+1)")
    rash_suggesting_dress: YesNoUnknown = Field(
        description="Rash suggesting DRESS (≥ 2 of oedema, infiltration, purpura, scaling): "
        "no -1, unknown 0, yes +1"
    )
    biopsy_suggesting_dress: YesNoUnknown = Field(
        description="Skin biopsy suggesting DRESS: no -1, yes/unknown 0"
    )
    organs_involved: int = Field(
        ge=0, le=10, description="Internal organs involved (1 organ +1, ≥ 2 organs +2)"
    )
    resolution_ge_15_days: YesNoUnknown = Field(
        description="Resolution in ≥ 15 days: no/unknown -1, yes 0"
    )
    alternative_causes_excluded: bool = Field(
        description="≥ 3 biological investigations done and negative to exclude other causes (+1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the RegiSCAR items and the case category (Kardaun 2007)."""
    i = inputs
    s = Score()
    # Points per item: Kardaun 2007 / 2013 scoring table.
    s.add("Fever ≥ 38.5 °C", i.fever_ge_38_5, 0 if i.fever_ge_38_5 == "yes" else -1)
    s.flag("Enlarged lymph nodes (≥ 2 sites, > 1 cm)", i.enlarged_lymph_nodes, 1)
    s.flag("Atypical lymphocytes", i.atypical_lymphocytes, 1)
    eos = {"none": 0, "700_1499_or_10_19pct": 1, "ge1500_or_ge20pct": 2}[i.eosinophilia]
    s.add("Eosinophilia", i.eosinophilia, eos)
    s.flag("Skin rash extent > 50% BSA", i.rash_extent_gt_50, 1)
    rash = {"yes": 1, "unknown": 0, "no": -1}[i.rash_suggesting_dress]
    s.add("Rash suggesting DRESS", i.rash_suggesting_dress, rash)
    s.add(
        "Biopsy suggesting DRESS",
        i.biopsy_suggesting_dress,
        -1 if i.biopsy_suggesting_dress == "no" else 0,
    )
    s.add("Internal organ involvement", i.organs_involved, min(i.organs_involved, 2))
    s.add(
        "Resolution ≥ 15 days",
        i.resolution_ge_15_days,
        0 if i.resolution_ge_15_days == "yes" else -1,
    )
    s.flag("≥ 3 investigations negative for alternative causes", i.alternative_causes_excluded, 1)
    total = int(s.total)
    # Kardaun 2007: < 2 no case, 2-3 possible, 4-5 probable, > 5 definite.
    category = (
        "No case"
        if total < 2
        else "Possible case"
        if total <= 3
        else "Probable case"
        if total <= 5
        else "Definite case"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{category} of DRESS (RegiSCAR {total}; < 2 no case, 2-3 possible, "
        "4-5 probable, > 5 definite).",
        steps=s.steps,
        extra={"category": category.lower()},
    )


def _ynu(value: Any, field: str) -> str:
    words = norm(value).split()
    if words and words[0] in ("yes", "y", "present", "true"):
        return "yes"
    if words and words[0] in ("no", "n", "absent", "false", "none"):
        return "no"
    if words and words[0] in ("unknown", "u", "unclassifiable", "not", "na", "pending"):
        return "unknown"
    raise MedMCPInputError(f"{META.id}: {field}: expected Yes, No or Unknown, found {value!r}.")


def _eosinophilia(value: Any) -> str:
    text = str(value).replace(",", "")
    if re.search(r"(≥|>=)\s*1500|(≥|>=)\s*20\s*%", text):
        return "ge1500_or_ge20pct"
    if re.search(r"700|10\s*-\s*19", text):
        return "700_1499_or_10_19pct"
    if norm(value).split()[:1] in (["no"], ["none"], ["normal"]):
        return "none"
    raise MedMCPInputError(f"{META.id}: eosinophilia: cannot read a category in {value!r}.")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc RegiSCAR inputs (yes/no/unknown items and counts) → kwargs."""
    f = Fields(inputs, META.id)

    def ynu(*keys: str, exclude: tuple[str, ...] = ()) -> str:
        field, value = f.raw(*keys, exclude=exclude)
        return _ynu(value, field)

    organ_field, organ_value = f.raw("organ")
    return {
        "fever_ge_38_5": ynu("fever"),
        "enlarged_lymph_nodes": f.yes("lymph"),
        "atypical_lymphocytes": f.yes("atypical"),
        "eosinophilia": _eosinophilia(f.value("eosinophil")),
        "rash_extent_gt_50": f.yes("extent"),
        "rash_suggesting_dress": ynu("morphology", "suggesting dress", exclude=("biopsy",)),
        "biopsy_suggesting_dress": ynu("biopsy"),
        "organs_involved": int(first_number(organ_value, field=organ_field)),
        "resolution_ge_15_days": ynu("resolution"),
        "alternative_causes_excluded": f.yes("alternative", "excluded"),
    }

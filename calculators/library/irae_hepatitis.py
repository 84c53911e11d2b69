"""Immune-related hepatitis grading (ASCO 2018)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _irae
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="irae_hepatitis",
    name="Immune-Related Adverse Events for GI Toxicity - Hepatitis",
    synonyms=("irAE hepatitis grade", "checkpoint inhibitor hepatitis grading"),
    category="oncology",
    source=_irae.SOURCE,
    doi=_irae.DOI,
    pmid=_irae.PMID,
    output_type="text",
    description="Hepatitis grade G1-G4 of immune checkpoint inhibitor therapy from AST/ALT and "
    "total bilirubin as multiples of the upper limit of normal and liver dysfunction.",
)


class Inputs(QuantityInputs):
    """Inputs of the hepatitis grading."""

    ast: float = quantity("enzyme", "U/L", ge=1, le=20000, description="AST")
    alt: float = quantity("enzyme", "U/L", ge=1, le=20000, description="ALT")
    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0.05, le=60, description="Total bilirubin")
    ast_uln: float = quantity("enzyme", "U/L", ge=5, le=200, description="AST upper limit")
    alt_uln: float = quantity("enzyme", "U/L", ge=5, le=200, description="ALT upper limit")
    bilirubin_uln: float = quantity(
        "bilirubin", "mg/dL", ge=0.3, le=5, description="Total bilirubin upper limit"
    )
    symptomatic_liver_dysfunction: bool | None = Field(
        None,
        description="Symptomatic liver dysfunction, fibrosis on biopsy, compensated cirrhosis "
        "or reactivation of chronic hepatitis (G3)",
    )
    decompensated: bool | None = Field(
        None,
        description="Decompensated liver function: ascites, coagulopathy, encephalopathy, coma "
        "(G4)",
    )


def _enzyme_grade(x: float) -> int:
    # ASCO 2018: > ULN-3× G1; > 3-5× G2; > 5-20× G3; > 20× G4.
    return 4 if x > 20 else 3 if x > 5 else 2 if x > 3 else 1 if x > 1 else 0


def _bili_grade(x: float) -> int:
    # ASCO 2018: > ULN-1.5× G1; > 1.5-3× G2; > 3-10× G3; > 10× G4.
    return 4 if x > 10 else 3 if x > 3 else 2 if x > 1.5 else 1 if x > 1 else 0


def compute(inputs: Inputs) -> CalcResult:
    """Highest grade met by AST, ALT, bilirubin (× ULN) and clinical liver dysfunction."""
    i = inputs
    ast_x, alt_x, bili_x = i.ast / i.ast_uln, i.alt / i.alt_uln, i.bilirubin / i.bilirubin_uln
    criteria = [
        ("AST × ULN", round(ast_x, 2), _enzyme_grade(ast_x)),
        ("ALT × ULN", round(alt_x, 2), _enzyme_grade(alt_x)),
        ("Total bilirubin × ULN", round(bili_x, 2), _bili_grade(bili_x)),
        (
            "Symptomatic liver dysfunction",
            i.symptomatic_liver_dysfunction,
            3 if i.symptomatic_liver_dysfunction else 0,
        ),
        ("Decompensated liver function", i.decompensated, 4 if i.decompensated else 0),
    ]
    return _irae.graded_result(META.id, "Hepatitis", criteria)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (values and their ULNs; hepatic symptoms text) → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "ast": f.quantity("ast value", "ast", default_unit="U/L", exclude=("uln",)),
        "alt": f.quantity("alt value", "alt", default_unit="U/L", exclude=("uln",)),
        "bilirubin": f.quantity("bilirubin", default_unit="mg/dL", exclude=("uln",)),
        "ast_uln": f.quantity("ast uln", default_unit="U/L"),
        "alt_uln": f.quantity("alt uln", default_unit="U/L"),
        "bilirubin_uln": f.quantity("bilirubin uln", default_unit="mg/dL"),
    }
    if f.has("hepatic symptoms"):
        out["symptomatic_liver_dysfunction"] = f.yes("hepatic symptoms")
    return out

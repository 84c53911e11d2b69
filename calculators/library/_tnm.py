"""What the TNM staging calculators share: N0/N1 and M0/M1 inputs, the stage result, and
reading a T/N/M category from a MedMCP value.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, Step
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, norm

#: Regional lymph nodes of the sites staged N0/N1 (AJCC 8th edition: cervix uteri, liver).
NodeCategory = Literal["N0", "N1"]
#: Distant metastasis (AJCC 8th edition).
MetastasisCategory = Literal["M0", "M1"]


def node_field() -> Any:
    """The N0/N1 regional lymph node input."""
    return Field(description="Regional lymph nodes: N0 none, N1 metastasis")


def metastasis_field() -> Any:
    """The M0/M1 distant metastasis input."""
    return Field(description="Distant metastasis: M0 none, M1 present")


def stage_result(
    calculator: str,
    t: str,
    n: str,
    m: str,
    stage: str,
    why: str,
    *,
    t_detail: str | None = None,
    stage_detail: str | None = None,
) -> CalcResult:
    """The stage group as the value, ``"Stage IIIB (T2 N1 M0): why"``, one Step per category."""
    tnm = f"{t} {n} {m}"
    return CalcResult(
        calculator=calculator,
        value=stage,
        interpretation=f"Stage {stage} ({tnm}): {why}",
        steps=[
            Step(label="T", value=t, detail=t_detail),
            Step(label="N", value=n),
            Step(label="M", value=m),
            Step(label="Stage group", value=stage, detail=stage_detail),
        ],
        extra={"tnm": tnm},
    )


def read_category(value: Any, prefix: str, allowed: tuple[str, ...], field: str) -> str:
    """Read a TNM category such as ``'T1b (solitary tumor >2 cm)'`` → ``'T1b'``.

    Raises:
        MedMCPInputError: When no word of the value is one of ``allowed``.
    """
    want = {a.lower(): a for a in allowed}
    for word in norm(value).split():
        if word in want:
            return want[word]
    raise MedMCPInputError(
        f"{field}: expected a {prefix} category ({', '.join(allowed)}), found {value!r}."
    )


def read_tnm(
    inputs: list[dict[str, Any]], calculator: str, t_allowed: tuple[str, ...]
) -> dict[str, Any]:
    """MedMCP-Calc T, N (N0/N1) and M (M0/M1) values → ``t``, ``n`` and ``m`` kwargs.

    Raises:
        MedMCPInputError: When a value names no allowed category.
    """
    f = Fields(inputs, calculator)
    return {
        "t": read_category(f.value("primary tumour", "primary tumor"), "T", t_allowed, "T"),
        "n": read_category(f.value("lymph nodes", "regional"), "N", ("N0", "N1"), "N"),
        "m": read_category(f.value("distant metastasis", "metastasis"), "M", ("M0", "M1"), "M"),
    }

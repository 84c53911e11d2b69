"""Hour-specific risk zone for neonatal hyperbilirubinemia (the Bhutani nomogram).

A total serum bilirubin (TSB) at a postnatal age in hours is placed against the 40th, 75th and
95th percentile curves of Bhutani et al. (Pediatrics 1999; the nomogram reproduced as Figure 2
of the AAP 2004 guideline) in one of four risk zones.

Where the constants come from:

- The percentile curves are published only as a figure. The values below are the tabulation of
  that nomogram in the open-source Biligram tool (Daniel Rosenberg MD, Providence Medical Group;
  GitHub ``dmr001/biligram``, file ``js/biligram.js``, commit ``c23b107c``, object ``riskZone``:
  one point every 4 hours from 12 to 148 hours, in mg/dL), which cites the AAP 2004 guideline
  (Pediatrics 2004;114:297) as its source. Between tabulated hours the curves are interpolated
  linearly, as Biligram does. They are a reading of a printed figure, so a TSB within about
  0.1-0.2 mg/dL of a curve may fall in either zone.
- The zone limits (high risk ≥95th percentile; upper-intermediate 76th-95th; lower-intermediate
  40th-75th; low risk <40th) and each zone's probability of subsequent significant
  hyperbilirubinemia (a later TSB in the high-risk zone: 68/172 = 39.5%, 46/356 = 12.9%,
  12/556 = 2.2%, 0/1756 = 0%) and likelihood ratio (14.08, 3.20, 0.48, 0) are Table 3 of
  Bhutani et al. 1999; the 18-72 hour window of the predictive samples is from its abstract.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="bhutani_bilirubin",
    name="Hour-Specific Risk for Neonatal Hyperbilirubinemia",
    synonyms=(
        "Bhutani nomogram",
        "Bhutani hour-specific bilirubin nomogram",
        "Hour-specific bilirubin risk zone",
    ),
    category="pediatrics",
    source=(
        "Bhutani VK, Johnson L, Sivieri EM. Predictive ability of a predischarge hour-specific "
        "serum bilirubin for subsequent significant hyperbilirubinemia in healthy term and "
        "near-term newborns. Pediatrics. 1999;103(1):6-14."
    ),
    doi="10.1542/peds.103.1.6",
    pmid="9917432",
    output_type="text",
    description="Places a newborn's total serum bilirubin at a given age in hours in the low, "
    "low-intermediate, high-intermediate or high risk zone of the Bhutani nomogram (healthy "
    "infants ≥35 weeks, direct Coombs negative).",
)

#: The first tabulated hour and the spacing of the tabulation (Biligram ``riskZone``).
START_HOUR = 12
STEP_HOURS = 4

# Bhutani nomogram curves in mg/dL at 12, 16, 20, ..., 148 hours, as tabulated by Biligram
# (dmr001/biligram js/biligram.js @ c23b107c, riskZone.series[3], [2] and [1]).
P40: tuple[float, ...] = (
    3.9, 4.3, 4.7, 4.9, 5.5, 6.3, 7.0, 7.8, 8.1, 8.6, 9.0, 9.3, 9.6, 10.2, 10.7, 11.2, 11.3,
    11.4, 11.6, 11.8, 12.2, 12.3, 12.5, 12.7, 12.8, 13.0, 13.1, 13.2, 13.2, 13.2, 13.2, 13.2,
    13.2, 13.2, 13.0,
)  # fmt: skip
P75: tuple[float, ...] = (
    5.1, 5.5, 5.9, 6.1, 7.0, 8.0, 8.9, 9.9, 10.3, 10.8, 11.3, 12.0, 12.6, 12.9, 13.1, 13.4, 13.8,
    14.3, 14.7, 14.7, 15.0, 15.2, 15.3, 15.4, 15.5, 15.6, 15.7, 15.8, 15.7, 15.6, 15.5, 15.4,
    15.3, 15.2, 15.3,
)  # fmt: skip
P95: tuple[float, ...] = (
    7.1, 7.2, 7.4, 7.8, 8.9, 10.0, 11.1, 12.2, 12.5, 13.2, 13.8, 14.4, 15.2, 15.4, 15.6, 15.9,
    16.2, 16.4, 16.7, 17.0, 17.2, 17.4, 17.4, 17.5, 17.5, 17.5, 17.6, 17.7, 17.6, 17.5, 17.4,
    17.4, 17.3, 17.3, 17.4,
)  # fmt: skip

#: The last tabulated hour (12 + 4 × 34 = 148).
END_HOUR = START_HOUR + STEP_HOURS * (len(P40) - 1)


class Zone(NamedTuple):
    """A risk zone with its Table 3 (Bhutani 1999) outcome figures."""

    name: str
    percentiles: str
    with_outcome: int
    total: int
    likelihood_ratio: float


# Table 3 of Bhutani et al. 1999: infants whose later TSB reached the high-risk zone / all
# infants whose predischarge TSB fell in the zone, and the likelihood ratio of that outcome.
HIGH = Zone("High risk zone", "≥95th percentile", 68, 172, 14.08)
HIGH_INTERMEDIATE = Zone("High-intermediate risk zone", "76th-95th percentile", 46, 356, 3.20)
LOW_INTERMEDIATE = Zone("Low-intermediate risk zone", "40th-75th percentile", 12, 556, 0.48)
LOW = Zone("Low risk zone", "<40th percentile", 0, 1756, 0.0)


class Inputs(QuantityInputs):
    """Inputs of the hour-specific bilirubin risk zone."""

    age_hours: float = quantity(
        "duration",
        "h",
        ge=START_HOUR,
        le=END_HOUR,
        description=f"Postnatal age when the sample was drawn ({START_HOUR}-{END_HOUR} h, "
        "the span of the nomogram's tabulation)",
    )
    total_bilirubin: float = quantity(
        "bilirubin", "mg/dL", ge=0, le=40, description="Total serum bilirubin"
    )


def curve_at(curve: tuple[float, ...], age_hours: float) -> float:
    """A percentile curve's TSB (mg/dL) at ``age_hours``, linear between tabulated hours.

    Raises:
        ValueError: For an age outside the tabulated 12-148 hours.
    """
    if not START_HOUR <= age_hours <= END_HOUR:
        raise ValueError(
            f"expected a postnatal age of {START_HOUR}-{END_HOUR} hours, found {age_hours}."
        )
    pos = (age_hours - START_HOUR) / STEP_HOURS
    i = min(int(pos), len(curve) - 2)
    frac = pos - i
    return curve[i] + frac * (curve[i + 1] - curve[i])


def zone_for(tsb: float, p40: float, p75: float, p95: float) -> Zone:
    """The risk zone of a TSB given the three percentile values at its hour (Bhutani 1999)."""
    if tsb >= p95:
        return HIGH
    if tsb > p75:
        return HIGH_INTERMEDIATE
    if tsb >= p40:
        return LOW_INTERMEDIATE
    return LOW


def compute(inputs: Inputs) -> CalcResult:
    """Compare the TSB with the 40th, 75th and 95th percentile curves at its hour of age."""
    age, tsb = inputs.age_hours, inputs.total_bilirubin
    p40, p75, p95 = (round(curve_at(c, age), 2) for c in (P40, P75, P95))
    zone = zone_for(tsb, p40, p75, p95)
    probability = 100 * zone.with_outcome / zone.total
    # Validity limits as Biligram states them for the nomogram (GA ≥36 weeks with birth weight
    # >2 kg, or ≥35 weeks with >2.5 kg); direct Coombs negative per Bhutani 1999's abstract.
    warnings = [
        "Applies to healthy newborns ≥35 weeks (≥36 weeks and >2000 g, or ≥35 weeks and "
        ">2500 g) without a positive direct Coombs test; the curves are read off the "
        "published nomogram figure, so values within ~0.2 mg/dL of a curve are borderline."
    ]
    if not 18 <= age <= 72:
        warnings.append(
            "Bhutani 1999 measured the zones' predictive ability for samples drawn at 18-72 "
            "hours; outside that window the zone places the value on the nomogram only."
        )
    return CalcResult(
        calculator=META.id,
        value=zone.name,
        unit=None,
        interpretation=(
            f"{zone.name} ({zone.percentiles}): TSB {round(tsb, 2):g} mg/dL at "
            f"{round(age, 1):g} h. In Bhutani 1999, {zone.with_outcome}/{zone.total} "
            f"({probability:.1f}%) of infants in this zone later reached the high-risk zone "
            f"(likelihood ratio {zone.likelihood_ratio:g})."
        ),
        steps=[
            Step(label="40th percentile at this hour", value=p40, detail="mg/dL"),
            Step(label="75th percentile at this hour", value=p75, detail="mg/dL"),
            Step(label="95th percentile at this hour", value=p95, detail="mg/dL"),
            Step(
                label="Risk zone",
                value=zone.name,
                detail="≥95th: high; >75th: high-intermediate; ≥40th: low-intermediate; else low",
            ),
        ],
        warnings=warnings,
        extra={
            "p40_mg_dl": p40,
            "p75_mg_dl": p75,
            "p95_mg_dl": p95,
            "probability_subsequent_high_risk_percent": round(probability, 1),
            "likelihood_ratio": zone.likelihood_ratio,
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (age in hours, total bilirubin with its unit)."""
    return {
        "age_hours": mm.quantity(mm.get(inputs, r"\bage\b|hours? of life|postnatal"), "h"),
        "total_bilirubin": mm.quantity(mm.get(inputs, r"bilirubin|\btsb\b"), "mg/dL"),
    }

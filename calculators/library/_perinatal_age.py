"""What the postmenstrual-age and corrected-age calculators share: inputs and week formatting.

Definitions: Engle WA; AAP Committee on Fetus and Newborn. Age terminology during the perinatal
period. Pediatrics. 2004;114(5):1362-1364 (postmenstrual age = gestational age + chronological
age; corrected age = chronological age reduced by the weeks born before 40 weeks).

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._medmcp_keywords import parse_date

SOURCE = (
    "Engle WA; American Academy of Pediatrics Committee on Fetus and Newborn. Age terminology "
    "during the perinatal period. Pediatrics. 2004;114(5):1362-1364."
)
DOI = "10.1542/peds.2004-1915"
PMID = "15520122"


class PerinatalInputs(CalcInputs):
    """Birth date, gestational age at birth and the date to compute the age at."""

    date_of_birth: date = Field(description="Date of birth (YYYY-MM-DD)")
    current_date: date = Field(description="Date to compute the age at (YYYY-MM-DD)")
    gestational_age_weeks: int = Field(
        ge=20, le=45, description="Gestational age at birth, completed weeks"
    )
    gestational_age_days: int = Field(
        0, ge=0, le=6, description="Gestational age at birth, extra days (0-6)"
    )

    @model_validator(mode="after")
    def _born_before_now(self) -> PerinatalInputs:
        if self.current_date < self.date_of_birth:
            raise ValueError(
                f"current_date {self.current_date} is before date_of_birth {self.date_of_birth}"
            )
        return self

    @property
    def ga_days(self) -> int:
        """Gestational age at birth in days."""
        return self.gestational_age_weeks * 7 + self.gestational_age_days

    @property
    def chronological_days(self) -> int:
        """Days since birth."""
        return (self.current_date - self.date_of_birth).days


def weeks_days(days: int) -> str:
    """``302`` → ``"(43 weeks, 1 day)"`` (the tuple format of the gestational-age calculator)."""
    w, d = divmod(days, 7)
    return f"({w} week{'' if w == 1 else 's'}, {d} day{'' if d == 1 else 's'})"


def parse_weeks_days(value: Any, *, field: str) -> tuple[int, int]:
    """``"31 weeks 1 days"`` / ``"31w1d"`` / ``"31+1"`` → ``(31, 1)``."""
    text = str(value).lower()
    m = re.match(r"\s*(\d+)\s*(?:weeks?|wk?s?|w)?\s*(?:[,+]\s*)?(?:(\d+)\s*(?:days?|d)?)?", text)
    if not m:
        raise MedMCPInputError(
            f"{field}: expected weeks and days such as '31 weeks 1 day', found {value!r}."
        )
    return int(m.group(1)), int(m.group(2) or 0)


def from_medmcp_common(inputs: list[dict[str, Any]], calculator: str) -> dict[str, Any]:
    """MedMCP-Calc inputs (date of birth, current date, GA at birth) → kwargs."""
    f = Fields(inputs, calculator)
    weeks, days = parse_weeks_days(
        f.value("gestational age", "gestational"), field=f"{calculator}: gestational age"
    )
    return {
        "date_of_birth": parse_date(f.value("date of birth", "birth date", "dob")),
        "current_date": parse_date(f.value("current date", "current")),
        "gestational_age_weeks": weeks,
        "gestational_age_days": days,
    }

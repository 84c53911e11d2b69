"""The calculator registry: discovers every module in ``m3agent.calculators.library``.

Importing this module imports every calculator module and fails at once (``RegistryError``) on
a module without ``META``, ``Inputs`` or ``compute``, on a duplicate id, or on a synonym claimed
by two calculators, so a broken calculator can never ship silently.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz, process

from m3agent.calculators import library
from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.tools.errors import M3AgentError, NotFoundError


class RegistryError(M3AgentError):
    """A calculator module breaks the contract (raised at import)."""

    code = "calculator_registry"


class CalculatorInputError(M3AgentError):
    """Inputs are missing, of the wrong type, out of range or in an unknown unit."""

    code = "calculator_input"

    def __init__(self, message: str, *, fields: list[str], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.fields = fields


@dataclass(frozen=True)
class Calculator:
    """A registered calculator: its metadata, input model and pure compute function."""

    meta: CalculatorMeta
    inputs: type[CalcInputs]
    compute: Callable[[Any], CalcResult]
    module: ModuleType

    @property
    def id(self) -> str:
        """The calculator's id."""
        return self.meta.id

    def run(self, raw_inputs: dict[str, Any]) -> CalcResult:
        """Validate ``raw_inputs`` (converting units) and compute.

        Raises:
            CalculatorInputError: Naming every bad field with what was expected and found.
        """
        parsed = parse_inputs(self, raw_inputs)
        result = self.compute(parsed)
        return result.model_copy(update={"calculator": self.id, "source": self.meta.source})


def parse_inputs(calc: Calculator, raw_inputs: dict[str, Any]) -> CalcInputs:
    """Build the calculator's input model, turning pydantic errors into one clear error."""
    if not isinstance(raw_inputs, dict):
        raise CalculatorInputError(
            f"{calc.id}: expected inputs as an object of field names to values, "
            f"found {type(raw_inputs).__name__}.",
            fields=[],
        )
    try:
        return calc.inputs(**raw_inputs)
    except ValidationError as e:
        problems, fields = [], []
        schema = calc.inputs.model_json_schema().get("properties", {})
        for err in e.errors():
            name = ".".join(str(p) for p in err["loc"]) or "(inputs)"
            fields.append(name)
            prop = schema.get(name.split(".")[0], {})
            expected = prop.get("description", "")
            found = err.get("input")
            if err["type"] == "missing":
                problems.append(f"'{name}' is required ({expected})")
            elif err["type"] == "extra_forbidden":
                problems.append(f"'{name}' is not an input of {calc.id}")
            else:
                problems.append(f"'{name}': {err['msg']}; found {found!r} ({expected})")
        known = ", ".join(calc.inputs.model_fields)
        raise CalculatorInputError(
            f"{calc.id}: invalid inputs: " + "; ".join(problems) + ".",
            fields=fields,
            hint=f"Inputs of {calc.id}: {known}.",
        ) from None
    except M3AgentError as e:  # unit errors raised inside the validators
        field = getattr(e, "field", None)
        raise CalculatorInputError(
            f"{calc.id}: {e.message}", fields=[field] if field else []
        ) from None


def _load(module: ModuleType) -> Calculator:
    missing = [n for n in ("META", "Inputs", "compute") if not hasattr(module, n)]
    if missing:
        raise RegistryError(f"calculator module {module.__name__} lacks {', '.join(missing)}")
    meta = module.META
    if not isinstance(meta, CalculatorMeta):
        raise RegistryError(f"{module.__name__}.META must be a CalculatorMeta")
    if not (isinstance(module.Inputs, type) and issubclass(module.Inputs, CalcInputs)):
        raise RegistryError(f"{module.__name__}.Inputs must subclass CalcInputs")
    return Calculator(meta=meta, inputs=module.Inputs, compute=module.compute, module=module)


def _discover() -> dict[str, Calculator]:
    found: dict[str, Calculator] = {}
    for info in sorted(pkgutil.iter_modules(library.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        calc = _load(importlib.import_module(f"{library.__name__}.{info.name}"))
        if calc.id in found:
            raise RegistryError(
                f"duplicate calculator id {calc.id!r} in "
                f"{found[calc.id].module.__name__} and {calc.module.__name__}"
            )
        found[calc.id] = calc
    return found


def _names(calcs: dict[str, Calculator]) -> dict[str, str]:
    names: dict[str, str] = {}
    for calc in calcs.values():
        for n in {calc.id, calc.meta.name, *calc.meta.synonyms}:
            key = n.strip().lower()
            if key in names and names[key] != calc.id:
                raise RegistryError(f"name {n!r} is claimed by {names[key]!r} and {calc.id!r}")
            names[key] = calc.id
    return names


CALCULATORS: dict[str, Calculator] = _discover()
_NAME_INDEX: dict[str, str] = _names(CALCULATORS)


def all_calculators() -> list[Calculator]:
    """Every registered calculator, sorted by id."""
    return [CALCULATORS[k] for k in sorted(CALCULATORS)]


def suggest(name: str, limit: int = 5) -> list[str]:
    """The calculator ids whose names or synonyms are closest to ``name``."""
    hits = process.extract(name.lower(), list(_NAME_INDEX), scorer=fuzz.WRatio, limit=limit * 3)
    out: list[str] = []
    for key, _score, _ in hits:
        cid = _NAME_INDEX[key]
        if cid not in out:
            out.append(cid)
    return out[:limit]


def get_calculator(name: str) -> Calculator:
    """Find a calculator by id, name or synonym (case-insensitive).

    Raises:
        NotFoundError: With the closest names as a hint.
    """
    key = name.strip().lower()
    cid = _NAME_INDEX.get(key) or _NAME_INDEX.get(key.replace("-", "_").replace(" ", "_"))
    if cid is None:
        raise NotFoundError(
            f"Unknown calculator {name!r}.", hint="Closest: " + ", ".join(suggest(name)) + "."
        )
    return CALCULATORS[cid]

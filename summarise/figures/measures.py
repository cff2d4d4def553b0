"""Units as quantities: what each unit measures and how large it is, so that "2,000 megawatts" and
200万千瓦 can be compared (they are the same power) and "200 megawatts" caught (a thousand times less).

Both sides name units by the English words units.py gives the Chinese ones ("kilowatts", "mu",
"square kilometres"); `ENGLISH_SPELLINGS` maps what English text writes ("MW", "sq km", "tons") to those
names. A value is compared in its dimension's base unit: watts, watt-hours, square metres, kilograms,
metres, cubic metres. Sizes are exact fractions (a mu is 2000/3 square metres), so no conversion rounds.

Money is a dimension per currency: yuan and US dollars are never converted (no exchange rate is known
here), so an amount in one cannot be compared with an amount in the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

CURRENCIES = ("yuan", "US dollars", "euros", "yen", "pounds", "Hong Kong dollars", "roubles", "won",
              "Australian dollars", "Canadian dollars", "New Taiwan dollars", "rupees", "francs")


@dataclass(frozen=True)
class UnitSize:
    """What a unit measures (its dimension) and its size in that dimension's base unit."""

    dimension: str
    size: Fraction


def _sizes(dimension: str, sizes: dict[str, Fraction | int]) -> dict[str, UnitSize]:
    return {unit: UnitSize(dimension, Fraction(size)) for unit, size in sizes.items()}


# The canonical unit names (units.py's English) and their sizes. A new unit is one line here.
UNIT_SIZES: dict[str, UnitSize] = {
    **_sizes("power (watts)", {"watts": 1, "kilowatts": 10 ** 3, "megawatts": 10 ** 6, "gigawatts": 10 ** 9}),
    **_sizes("energy (watt-hours)", {"kilowatt-hours": 10 ** 3, "megawatt-hours": 10 ** 6,
                                     "gigawatt-hours": 10 ** 9, "terawatt-hours": 10 ** 12}),
    **_sizes("area (square metres)", {
        "square metres": 1, "hectares": 10 ** 4, "square kilometres": 10 ** 6, "mu": Fraction(2000, 3),
        "acres": Fraction("4046.8564224"), "square feet": Fraction("0.09290304"),
        "square miles": Fraction("2589988.110336"),
    }),
    **_sizes("mass (kilograms)", {"grams": Fraction(1, 1000), "kilograms": 1, "tonnes": 1000}),
    **_sizes("length (metres)", {"millimetres": Fraction(1, 1000), "centimetres": Fraction(1, 100), "metres": 1,
                                 "kilometres": 1000, "feet": Fraction("0.3048"), "miles": Fraction("1609.344")}),
    **_sizes("volume (cubic metres)", {"cubic metres": 1, "litres": Fraction(1, 1000)}),
    **{currency: UnitSize(f"money ({currency})", Fraction(1)) for currency in CURRENCIES},
}

# How English text writes each measure (matched case-insensitively, as a whole word after the number).
ENGLISH_SPELLINGS: dict[str, str] = {
    **dict.fromkeys(("watts", "watt"), "watts"),
    **dict.fromkeys(("kilowatts", "kilowatt", "kw"), "kilowatts"),
    **dict.fromkeys(("megawatts", "megawatt", "mw"), "megawatts"),
    **dict.fromkeys(("gigawatts", "gigawatt", "gw"), "gigawatts"),
    **dict.fromkeys(("kilowatt-hours", "kilowatt-hour", "kilowatt hours", "kilowatt hour", "kwh", "kw·h", "kw.h"),
                    "kilowatt-hours"),
    **dict.fromkeys(("megawatt-hours", "megawatt-hour", "megawatt hours", "megawatt hour", "mwh"),
                    "megawatt-hours"),
    **dict.fromkeys(("gigawatt-hours", "gigawatt-hour", "gigawatt hours", "gigawatt hour", "gwh"),
                    "gigawatt-hours"),
    **dict.fromkeys(("terawatt-hours", "terawatt-hour", "terawatt hours", "terawatt hour", "twh"),
                    "terawatt-hours"),
    **dict.fromkeys(("square metres", "square meters", "square metre", "square meter", "sq m", "sq. m", "m2", "m²"),
                    "square metres"),
    **dict.fromkeys(("square kilometres", "square kilometers", "square kilometre", "square kilometer",
                     "square km", "sq km", "sq. km", "km2", "km²"), "square kilometres"),
    **dict.fromkeys(("hectares", "hectare", "ha"), "hectares"),
    "mu": "mu",
    **dict.fromkeys(("acres", "acre"), "acres"),
    **dict.fromkeys(("square feet", "square foot", "sq ft"), "square feet"),
    **dict.fromkeys(("square miles", "square mile", "sq mi"), "square miles"),
    # In news from China "tons" are metric tonnes.
    **dict.fromkeys(("tonnes", "tonne", "tons", "ton", "metric tons", "metric ton"), "tonnes"),
    **dict.fromkeys(("kilograms", "kilogram", "kilogrammes", "kilos", "kg"), "kilograms"),
    **dict.fromkeys(("grams", "gram", "grammes"), "grams"),
    **dict.fromkeys(("kilometres", "kilometers", "kilometre", "kilometer", "km"), "kilometres"),
    **dict.fromkeys(("metres", "meters", "metre", "meter"), "metres"),
    **dict.fromkeys(("centimetres", "centimeters", "centimetre", "centimeter", "cm"), "centimetres"),
    **dict.fromkeys(("millimetres", "millimeters", "millimetre", "millimeter", "mm"), "millimetres"),
    **dict.fromkeys(("feet", "foot", "ft"), "feet"),
    **dict.fromkeys(("miles", "mile"), "miles"),
    **dict.fromkeys(("cubic metres", "cubic meters", "cubic metre", "cubic meter", "m3", "m³"), "cubic metres"),
    **dict.fromkeys(("litres", "liters", "litre", "liter"), "litres"),
}


# A rate is "<unit> per <unit>" ("kilograms per mu", "yuan per square metre"): its denominator is written
# in the singular, as English writes it after "per"; these are the units that stand there.
PER_UNITS: dict[str, str] = {
    "mu": "mu", "hectare": "hectares", "acre": "acres", "square metre": "square metres",
    "square kilometre": "square kilometres", "tonne": "tonnes", "kilogram": "kilograms",
    "kilowatt-hour": "kilowatt-hours", "cubic metre": "cubic metres",
}
RATE_JOINER = " per "


def rate_unit(unit: str, per: str) -> str:
    """The name of `unit` per `per` (both canonical names): "kilograms per mu"."""
    singular = next(name for name, plural in PER_UNITS.items() if plural == per)
    return f"{unit}{RATE_JOINER}{singular}"


def rate_parts(unit: str | None) -> tuple[str, str] | None:
    """(numerator, denominator) of a rate's canonical name, both plural ("kilograms", "mu"); None for a
    unit that is no rate."""
    if not unit or RATE_JOINER not in unit:
        return None
    top, _, per = unit.partition(RATE_JOINER)
    if top not in UNIT_SIZES or per not in PER_UNITS:
        return None
    return top, PER_UNITS[per]


def is_rate(unit: str | None) -> bool:
    """True for a rate's name ("yuan per tonne")."""
    return rate_parts(unit) is not None


def unit_size(unit: str | None) -> UnitSize | None:
    """A unit's dimension and size; a rate's are its numerator's over its denominator's."""
    size = UNIT_SIZES.get(unit or "")
    if size is not None:
        return size
    parts = rate_parts(unit)
    if parts is None:
        return None
    top, per = UNIT_SIZES[parts[0]], UNIT_SIZES[parts[1]]
    return UnitSize(f"{top.dimension} per {per.dimension}", top.size / per.size)


def dimension(unit: str | None) -> str | None:
    """What `unit` measures ("power (watts)", "money (yuan)", "mass (kilograms) per area (square metres)"),
    or None for a unit that is not a measure or a currency (people, households, percent) or no unit."""
    size = unit_size(unit)
    return size.dimension if size else None


def is_currency(unit: str | None) -> bool:
    """True for a currency (the money dimensions)."""
    return unit in CURRENCIES


def units_conflict(unit: str | None, other: str | None) -> bool:
    """True when the two units cannot name the same quantity (power and area, a measure and money);
    two currencies do not conflict: the amount may be right and its currency the slip."""
    mine, theirs = dimension(unit), dimension(other)
    if mine is None or theirs is None or mine == theirs:
        return False
    return not (is_currency(unit) and is_currency(other))


def in_base_units(value: Decimal, unit: str) -> Fraction:
    """`value` `unit`s in the base unit of its dimension, exactly (2e6 kilowatts is 2e9 watts)."""
    return Fraction(value) * _size(unit)


def convert(value: Decimal, unit: str, to_unit: str) -> Fraction:
    """`value` `unit`s expressed in `to_unit` (same dimension), exactly."""
    return in_base_units(value, unit) / _size(to_unit)


def exact_conversion(unit: str, other: str) -> bool:
    """True when one unit is a power of ten of the other (kilowatts and megawatts, hectares and square
    kilometres): a value converts without rounding, so a converted figure must be equal exactly."""
    ratio = _size(unit) / _size(other)
    if ratio < 1:
        ratio = 1 / ratio
    if ratio.denominator != 1:
        return False
    whole = ratio.numerator
    while whole % 10 == 0:
        whole //= 10
    return whole == 1


def _size(unit: str) -> Fraction:
    size = unit_size(unit)
    if size is None:
        raise KeyError(unit)
    return size.size


def same_amount(value: Decimal, unit: str | None, other_value: Decimal, other_unit: str | None,
                other_step: Decimal | None = None) -> bool | None:
    """Whether `other_value` `other_unit`s states the amount `value` `unit`s does; None when the two cannot
    be compared (a unit that is not a measure, or two currencies).

    Units a power of ten apart must agree exactly. Across other units (mu and hectares) a conversion
    has to round, so the other value may differ by half its last written digit (`other_step`): 35,000 mu
    is 2,333.33 hectares, and "2,333 hectares" states it."""
    if (rate_parts(unit) is None) != (rate_parts(other_unit) is None):
        # "50 kilograms" for 每亩50公斤: English that states no rate is compared by its numerator; only a
        # stated denominator can be wrong ("per acre" for per mu).
        unit, other_unit = _numerator(unit), _numerator(other_unit)
    mine, theirs = dimension(unit), dimension(other_unit)
    if mine is None or theirs is None or unit is None or other_unit is None:
        return None
    if mine != theirs:
        return None if is_currency(unit) and is_currency(other_unit) else False
    if unit == other_unit or exact_conversion(unit, other_unit):
        return in_base_units(value, unit) == in_base_units(other_value, other_unit)
    wanted = convert(value, unit, other_unit)
    tolerance = Fraction(other_step) / 2 if other_step else Fraction(0)
    return abs(wanted - Fraction(other_value)) <= tolerance


def _numerator(unit: str | None) -> str | None:
    parts = rate_parts(unit)
    return parts[0] if parts else unit


def as_decimal(amount: Fraction, digits: int = 6) -> Decimal:
    """`amount` as a Decimal of at most `digits` significant digits (2333.33 for 7000/3), for messages."""
    with localcontext() as context:
        context.prec = digits
        value = (Decimal(amount.numerator) / Decimal(amount.denominator)).normalize()
    return Decimal(int(value)) if value == value.to_integral_value() else value

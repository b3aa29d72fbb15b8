"""Money as Decimal with a currency. Never a float in storage or arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["Money", "MoneyError"]

_CENT = Decimal("0.01")


class MoneyError(ValueError):
    """A value that cannot be read as an amount of money."""


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in a currency, held as a Decimal rounded to cents."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise MoneyError(f"amount must be a Decimal, not {type(self.amount).__name__}")
        if not self.amount.is_finite():
            raise MoneyError(f"amount is not a finite number: {self.amount}")
        object.__setattr__(self, "amount", self.amount.quantize(_CENT, rounding=ROUND_HALF_UP))
        if not (isinstance(self.currency, str) and len(self.currency) == 3):
            raise MoneyError(f"currency must be a 3-letter code, not {self.currency!r}")

    @classmethod
    def parse(cls, value: object, currency: str) -> Money:
        """Read an API number (int, float as JSON gives it, or numeric string).

        Floats are converted through their shortest repr, so 119.9 stays 119.90.
        """
        if isinstance(value, bool) or value is None:
            raise MoneyError(f"not an amount: {value!r}")
        try:
            if isinstance(value, float):
                amount = Decimal(repr(value))
            elif isinstance(value, int | str | Decimal):
                amount = Decimal(value)
            else:
                raise MoneyError(f"not an amount: {value!r}")
        except InvalidOperation as exc:
            raise MoneyError(f"not an amount: {value!r}") from exc
        return cls(amount, currency.upper() if isinstance(currency, str) else currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @classmethod
    def from_cents(cls, cents: int, currency: str) -> Money:
        return cls(Decimal(cents) / 100, currency)

    @property
    def cents(self) -> int:
        return int(self.amount * 100)

    def _check(self, other: Money) -> None:
        if self.currency != other.currency:
            raise MoneyError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        return Money(self.amount * factor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

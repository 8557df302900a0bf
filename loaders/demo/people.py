"""Synthetic people: plausible Chinese names and well-formed personal data.

ID numbers follow GB 11643: a real region prefix, a birth date, a sequence whose last digit
is odd for men and even for women, and the ISO 7064 MOD 11-2 check digit.
"""

from __future__ import annotations

import operator
import random
from dataclasses import dataclass

from loaders.demo.pick import number, one_of
from loaders.demo.vocab import GIVEN_FEMALE, GIVEN_MALE, MOBILE_PREFIXES, STREETS, SURNAMES

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    return _CHECK[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]


def valid_id_number(text: str) -> bool:
    return len(text) == 18 and text[:17].isdigit() and check_digit(text[:17]) == text[17]


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    gender: str
    id_number: str
    phone: str
    address: str

    def props(self) -> dict[str, object]:
        return {
            "name": self.name,
            "gender": self.gender,
            "id_number": self.id_number,
            "phone": self.phone,
            "address": self.address,
        }


def person(rng: random.Random, region_code: str, place: str, born: tuple[int, int]) -> Person:
    """Someone living in ``place`` (a region's full name) and registered in ``region_code``,
    born between the two years."""
    male = rng.random() < 0.55
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    given = one_of(rng, pool) if rng.random() < 0.35 else one_of(rng, pool) + one_of(rng, pool)
    year = number(rng, *born)
    birth = f"{year}{number(rng, 1, 12):02d}{number(rng, 1, 28):02d}"
    sequence = f"{number(rng, 0, 99):02d}{number(rng, 0, 4) * 2 + male}"
    first17 = region_code + birth + sequence
    return Person(
        name=one_of(rng, SURNAMES) + given,
        gender="男" if male else "女",
        id_number=first17 + check_digit(first17),
        phone=one_of(rng, MOBILE_PREFIXES) + f"{number(rng, 0, 99_999_999):08d}",
        address=f"{place}{one_of(rng, STREETS)}{number(rng, 1, 399)}号",
    )

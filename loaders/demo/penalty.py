"""The facts of a sentence-change file (减刑、假释、暂予监外执行).

Natural files come near the red flags the planted ones carry, on both sides of each
threshold: one in ten has a served share less than three points above the eligibility line
(the threshold is one point); some offenders are commuted again (cases.CaseDraw); three
certificates in ten word their diagnosis with terms the mild-condition rule reads, some of
them negated or in a clause of severity (不能生活自理, 一级伤残), which it must not flag.
A certificate number is never reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import SentenceChange
from graph.model.records import Props
from loaders.demo.pick import Weighted, number, one_of
from loaders.demo.vocab import (
    GIVEN_FEMALE,
    GIVEN_MALE,
    HOSPITALS,
    OFFENCE_CLASSES,
    SENSITIVE_CLASSES,
    SERIOUS_DIAGNOSES,
    SURNAMES,
    WORDED_DIAGNOSES,
)
from loaders.demo.world import World

CHANGES = Weighted(
    [
        (SentenceChange.COMMUTATION, 70),
        (SentenceChange.PAROLE, 20),
        (SentenceChange.TEMPORARY_EXECUTION, 10),
    ]
)
CLASSES = Weighted(OFFENCE_CLASSES)
NEAR_LINE_SHARE, WORDED_SHARE = 0.1, 0.3


@dataclass
class Sentence:
    change: SentenceChange
    offence_class: str
    offender: str
    served_ratio: float
    eligible_ratio: float | None = None
    months_reduced: int | None = None
    medical_certificate: str | None = None

    @property
    def gang(self) -> bool:
        return self.offence_class == "涉黑"

    @property
    def cause(self) -> str:
        return f"罪犯{self.offender}{self.change.label}"

    def props(self) -> Props:
        props: Props = {
            "sentence_change": self.change.name,
            "offence_class": self.offence_class,
            "served_ratio": self.served_ratio,
        }
        if self.eligible_ratio is not None:
            props["eligible_ratio"] = self.eligible_ratio
        if self.months_reduced is not None:
            props["months_reduced"] = self.months_reduced
        if self.medical_certificate is not None:
            props["medical_certificate"] = self.medical_certificate
        return props


def eligible_ratio(change: SentenceChange, offence_class: str) -> float | None:
    """The share of the sentence to serve first (stricter for the three sensitive classes)."""
    if change is SentenceChange.PAROLE:
        return 0.5
    if change is SentenceChange.COMMUTATION:
        return 0.3 if offence_class in SENSITIVE_CLASSES else 0.2
    return None


def offender(world: World) -> str:
    rng = world.rng
    given = GIVEN_MALE if rng.random() < 0.9 else GIVEN_FEMALE
    name = (
        one_of(rng, SURNAMES)
        + one_of(rng, given)
        + (one_of(rng, given) if rng.random() < 0.6 else "")
    )
    return f"{name}(罪犯编号{5_100_000_000 + world.next_number('offender')})"


def certificate(world: World, year: int, diagnosis: str, hospital: str) -> str:
    serial = world.next_number("certificate")
    return f"{hospital}诊断证明书(编号{year}-{serial:06d}):{diagnosis}"


def natural_sentence(world: World, year: int) -> Sentence:
    rng = world.rng
    change, offence = CHANGES.pick(rng), CLASSES.pick(rng)
    line = eligible_ratio(change, offence)
    sentence = Sentence(change, offence, offender(world), 0.0, line)
    if line is None:
        sentence.served_ratio = round(0.05 + rng.random() * 0.55, 3)
        wording = WORDED_DIAGNOSES if rng.random() < WORDED_SHARE else SERIOUS_DIAGNOSES
        sentence.medical_certificate = certificate(
            world, year, one_of(rng, wording), one_of(rng, HOSPITALS)
        )
    elif rng.random() < NEAR_LINE_SHARE:
        sentence.served_ratio = round(line + rng.random() * 0.03, 3)
    else:
        sentence.served_ratio = round(min(0.95, line + 0.02 + rng.random() * 0.4), 3)
    if change is SentenceChange.COMMUTATION:
        sensitive = offence in SENSITIVE_CLASSES
        sentence.months_reduced = number(rng, 2, 8) if sensitive else number(rng, 3, 12)
    return sentence

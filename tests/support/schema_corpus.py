"""Pydantic models for the strict-schema tests: ``ACCEPTED`` ones strict mode can express,
``REFUSED`` ones it cannot (with the words the error must contain).

Self-contained (pydantic and the standard library only): the Pyodide tests send this file's
text into Pyodide and run it there, so both runtimes test the same corpus.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field


class Flat(BaseModel):
    """A person."""

    name: str
    age: int
    height: float
    member: bool


class Optional_(BaseModel):
    nickname: str | None = None
    score: int | None
    tags: list[str] = Field(default_factory=list)


class Color(enum.Enum):
    red = "red"
    green = "green"


class Enums(BaseModel):
    color: Color
    size: Literal["S", "M", "L"]
    level: Literal[1, 2, 3]


class Address(BaseModel):
    street: str
    city: str


class Nested(BaseModel):
    home: Address
    work: Address | None
    previous: list[Address]


class Node(BaseModel):
    """A tree: a recursive model."""

    label: str
    children: list[Node]


class LinkedItem(BaseModel):
    value: int
    next: LinkedItem | None


class Cat(BaseModel):
    kind: Literal["cat"] = "cat"
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"] = "dog"
    good: bool


class Unions(BaseModel):
    pet: Annotated[Cat | Dog, Field(discriminator="kind")]
    value: int | str
    pets: list[Cat | Dog]


class Described(BaseModel):
    when: datetime.date = Field(description="The day it happened")
    at: datetime.datetime
    where: Address = Field(description="Where it happened")
    count: Annotated[int, Field(ge=1, le=10)] = 3


class Lists(BaseModel):
    matrix: list[list[int]]
    names: list[str] = Field(min_length=2)


class WithDict(BaseModel):
    scores: dict[str, int]


class WithTuple(BaseModel):
    point: tuple[int, int]


class WithSet(BaseModel):
    tags: set[str]


class WithAny(BaseModel):
    anything: Any


ACCEPTED: list[type[BaseModel]] = [
    Flat, Optional_, Enums, Nested, Node, LinkedItem, Unions, Described, Lists
]  # fmt: skip
REFUSED: list[tuple[type[BaseModel], str]] = [
    (WithDict, "open-ended keys"),
    (WithTuple, "tuples"),
    (WithSet, "sets"),
    (WithAny, "anything"),
]

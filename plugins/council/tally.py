"""The count of a board election (placeholder until the voting part lands): ``results(election)``."""
from dataclasses import dataclass, field


@dataclass
class CandidateResult:
    candidate: object  # a Candidate on the final list
    votes: int
    rank: int
    outcome: str | None  # "elected", "alternate" or None


@dataclass
class Results:
    rows: list = field(default_factory=list)  # [CandidateResult] by rank
    roll_size: int = 0  # members on the roll frozen when voting opened
    voted: int = 0  # members who voted (electronic participations + paper ballots cast)
    cast: int = 0
    valid: int = 0
    blank: int = 0
    invalid: int = 0
    tie_note: str = ""  # how a tie at the last seat was broken (Persian), when one was

    @property
    def turnout(self):
        """Percent of the roll who voted (0 when the roll is empty)."""
        return round(100 * self.voted / self.roll_size, 1) if self.roll_size else 0


def results(election):
    return Results()

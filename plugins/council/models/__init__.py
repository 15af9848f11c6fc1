"""The council plugin's tables, one file per part of the secretariat's work (all prefixed
``council_``). The parts' modules below are imported for their tables (Alembic, the mapper);
import their models from the module itself (``from .models.visits import Visit``)."""
from . import appointments, evaluation, honors, trainings, visits  # noqa: F401
from .documents import Card, Certificate
from .elections import Candidate, Clause, Election, Objection, Supervisor, Vetting
from .members import Body, Member, Unit
from .voting import (Ballot, BallotChoice, PaperBatch, PaperBatchVote, PaperEntry, PaperEntryVote, Participation,
                     RollEntry, VoteCode)

__all__ = ["Ballot", "BallotChoice", "Body", "Candidate", "Card", "Certificate", "Clause", "Election", "Member",
           "Objection", "PaperBatch", "PaperBatchVote", "PaperEntry", "PaperEntryVote", "Participation",
           "RollEntry", "Supervisor", "Unit", "Vetting", "VoteCode"]

"""The pages of the council plugin, one module per part; importing them adds their routes to
``bp``. ``PARTS`` are asked for the calendar entries, search groups and deadlines they define."""
from . import appointments, cards, elections, evaluation, honors, meetings, trainings, units, visits

PARTS = (units, cards, meetings, trainings, elections, visits, appointments, evaluation, honors)

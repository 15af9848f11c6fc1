"""The pages of the council plugin, one module per part; importing them adds their routes to
``bp``. ``PARTS`` are asked for the calendar entries (``calendar_entries``), search groups
(``search_groups``) and deadlines (``deadlines``) they define."""
from . import (appointments, campaigns, cards, certificates, elections, evaluation, honors, meetings, member_imports,
               paper, portal, registration, trainings, units, verify, visits, voting)

PARTS = (units, member_imports, cards, verify, meetings, trainings, certificates, elections, registration, voting,
         paper, visits, appointments, evaluation, portal, honors, campaigns)

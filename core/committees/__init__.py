"""The committee kit: committees, members, meetings, agendas, attendance, resolutions (مصوبات)
and minutes, for plain committees an admin creates (the ``committees`` blueprint at /committees/)
and for the committees of plugins (``core.committees.mount.mount_committee_pages``).

This package imports nothing on load, so core.models can import its models."""

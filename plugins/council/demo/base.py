"""What the demo's parts share: the department, and the units and members the first part makes."""
from dataclasses import dataclass, field


@dataclass
class CouncilDemo:
    department: object
    units: dict = field(default_factory=dict)  # body key -> [Unit]
    members: dict = field(default_factory=dict)  # body key -> [Member], current ones
    committees: dict = field(default_factory=dict)  # body key -> the body's Committee
    elections: list = field(default_factory=list)  # the elections part's, for the voting part

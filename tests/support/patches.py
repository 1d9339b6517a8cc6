"""Dash ``Patch`` objects applied in Python, as dash-renderer applies them in the browser."""

from __future__ import annotations

import copy
import json


def apply_patch(value: dict, patch) -> dict:
    """``value`` (a prop's JSON) with a Patch's operations applied: a ``Patch`` object, or its
    JSON as a response carries it. Assign and Delete are all this app's patches use."""
    operations = (
        patch["operations"] if isinstance(patch, dict) else patch.to_plotly_json()["operations"]
    )
    result = copy.deepcopy(value)
    for operation in operations:
        *parents, last = operation["location"]
        target = result
        for step in parents:
            target = target[step]
        if operation["operation"] == "Assign":
            target[last] = operation["params"]["value"]
        elif operation["operation"] == "Delete":
            if isinstance(target, dict):
                target.pop(last, None)
        else:
            raise AssertionError(f"unexpected operation {operation['operation']}")
    return json.loads(json.dumps(result))

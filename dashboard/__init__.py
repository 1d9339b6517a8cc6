"""Pure code behind the VAWDASV perpetration interventions dashboard.

Nothing in this package registers Dash callbacks; modules only define things when imported.
"""

"""Component trees only: functions that return layouts, no callbacks."""

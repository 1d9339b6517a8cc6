"""Views: URL state, view builders, figures, panels, reports. Pure: a state in, plain data or figures out. Imports domain, data and base."""

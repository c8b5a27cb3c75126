"""The SLA clock: support calendars, due times and compliance."""

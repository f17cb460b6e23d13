"""Calendar feeds (iCalendar) of the deadlines a user cares about."""

"""Court dates, the cause list, calendar feeds, and the reminders the clock sends before them."""

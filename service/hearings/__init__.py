"""Court dates over HTTP: scheduling, outcomes, the cause list and reminder rules."""

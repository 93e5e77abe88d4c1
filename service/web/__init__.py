"""The browser interface: server-rendered pages over the API's use cases and access rules."""

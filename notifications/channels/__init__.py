"""How a message leaves Haki: SMS gateway, SMTP e-mail, or the log."""

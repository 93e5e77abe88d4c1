"""Who may work in Haki: users, sign-in, passwords, case teams, and the audit trail of what they
did.
"""

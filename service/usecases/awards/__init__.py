"""What the court awarded and what became of it: the award's steps, the ledger, and the chase of
the Attorney General.
"""

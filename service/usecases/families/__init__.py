"""Survivors and the people Haki may write to about a case: contacts, consent, status codes and the
news they receive.
"""

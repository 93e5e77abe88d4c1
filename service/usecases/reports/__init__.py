"""Figures for advocacy: what the State owes, how long it takes to pay, and the pipeline of
cases.
"""

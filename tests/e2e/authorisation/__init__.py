"""The authorisation matrix's records, request builders and expectations, by route."""

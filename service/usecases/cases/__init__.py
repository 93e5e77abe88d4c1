"""A case's court life: opening and finding it, its steps on the court track, its details."""

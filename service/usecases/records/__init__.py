"""What happened to a survivor, and the proof: medico-legal examinations and the documents of a
case, sealed at rest."""

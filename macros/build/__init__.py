"""Stage 4 – the MkDocs side: one plugin object that runs the stages for a build."""

"""The MkDocs engine: one plugin object that runs the hub's stages inside a MkDocs build."""

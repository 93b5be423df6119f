"""The command line for editors and pipelines (python -m macros …): new entries, schemas, field reference."""

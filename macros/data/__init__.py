"""Stage 1 – data: read data/ strictly, check it against the models and each other, hold it as a catalog."""

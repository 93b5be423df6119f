"""Stage 2 – HTML: what each page shows, rendered from templates with autoescape."""

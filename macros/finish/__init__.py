"""The finish stage: one pass over a finished site, whatever engine made its pages."""

"""Stage 3 – outputs: open data, calendars, feeds, redirects, search terms and the security rules of the built site."""

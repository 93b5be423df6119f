"""The generate stage: data and page macros become Markdown pages an engine can build."""

"""Reorganising agencies (merging one into a successor, renaming): a change of the agency tree that
moves tasks, coordinations and accounts with it, so it stands above agencies, users and tasks."""

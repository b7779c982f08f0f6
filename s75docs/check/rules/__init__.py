"""The checker's rules, each a function of a Context that adds findings."""

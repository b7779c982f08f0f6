"""The web app (`s75docs serve`): the Check page, for users who never open a terminal.

Flask is imported only here, so the other commands start as fast as before."""

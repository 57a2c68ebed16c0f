"""The web application: the registry in a browser, in Persian (`paayesh serve`).

A second thin shell beside the CLI: FastAPI routes (`routes/`, one module a page or API)
call the same library as the commands, Jinja2 renders the pages on the server, and
`deps` says who is asking and what they may do.
"""

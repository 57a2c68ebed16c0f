"""Who may do what: accounts, roles and clearances (`users`), and the audit log (`audit`).

The web application and the `users`/`audit` commands are thin shells over these; the
files live in the office's registry folder (`registry/access/`), beside the records.
"""

"""Compose: letters, minutes and supervisor reports from DOCX templates (and their HTML twins
for PDF), numbered and registered under the registry's lock, written to outbox/.

    from paayesh_docs.compose import api
    documents = api.letters_from(settings, Path("letter.toml"))
    with api.composer(settings) as composer:
        for outcome in composer.compose_all(documents, pdf=True, draft=False):
            print(outcome.registry_number, outcome.docx)
"""

"""The application layer: one function per use case, called by the CLI, the web app and the API alike."""

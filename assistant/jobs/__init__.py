"""The job queue for several machines: procrastinate on the PostgreSQL database the library lives in.

A job is a plain task function (``tasks``) that calls the services layer; procrastinate decides where it
runs (queues: ``transcribe`` for recordings, ``default`` for transcript imports and reanalysis, ``alerts``),
retries it, locks it and records its state. ``worker`` runs the tasks (`assistant worker`); the
services (``assistant.services.jobs``) enqueue and manage jobs (`assistant jobs ...`). Tasks are
idempotent: a call is identified by its content hash, so running an ingest job twice stores one call.
"""

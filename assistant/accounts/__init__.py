"""Accounts: CRM import, churn analytics, which signals predict churn, renewal briefs and charts.

``churn`` and ``signals`` are pure maths on the plain dataclasses of ``assistant.records.accounts``;
``crm_import`` parses a CRM export; storage lives in ``assistant.storage.accounts``.
"""

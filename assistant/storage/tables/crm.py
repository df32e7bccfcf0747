"""Accounts from the CRM (accounts import): contacts and ARR history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class ContactRow(SQLModel, table=True):
    __tablename__ = "account_contact"
    __table_args__ = (UniqueConstraint("account_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    name: str
    key: str  # lower-cased name: one row per person per account
    title: str | None = None
    email: str | None = None


class ArrRow(SQLModel, table=True):
    __tablename__ = "account_arr"
    __table_args__ = (UniqueConstraint("account_id", "on"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    on: date
    arr: float

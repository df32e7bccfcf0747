"""initial schema: accounts, calls, speakers, utterances, hits, executives

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 17:27:43.810952
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('arr', sa.Float(), nullable=True),
    sa.Column('renewal_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_name'), ['name'], unique=True)

    op.create_table('call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('source_path', sa.String(), nullable=False),
    sa.Column('source_kind', sa.String(), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('duration', sa.Float(), nullable=False),
    sa.Column('language', sa.String(), nullable=False),
    sa.Column('languages', sa.Text(), nullable=False),
    sa.Column('channels', sa.Integer(), nullable=False),
    sa.Column('model', sa.String(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('renewal_date', sa.Date(), nullable=True),
    sa.Column('arr', sa.Float(), nullable=True),
    sa.Column('rep', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('rules_version', sa.String(), nullable=True),
    sa.Column('risk_score', sa.Float(), nullable=True),
    sa.Column('risk_level', sa.String(), nullable=True),
    sa.Column('risk_explanation', sa.Text(), nullable=True),
    sa.Column('risk_contributions', sa.Text(), nullable=False),
    sa.Column('executive_present', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_content_hash'), ['content_hash'], unique=True)
        batch_op.create_index(batch_op.f('ix_call_recorded_at'), ['recorded_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_rep'), ['rep'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_risk_level'), ['risk_level'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_risk_score'), ['risk_score'], unique=False)

    op.create_table('callexecutive',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('speaker', sa.String(), nullable=True),
    sa.Column('start', sa.Float(), nullable=False),
    sa.Column('end', sa.Float(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('language', sa.String(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('callexecutive', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_callexecutive_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_callexecutive_title'), ['title'], unique=False)

    op.create_table('hit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('utterance_idx', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('speaker', sa.String(), nullable=False),
    sa.Column('start', sa.Float(), nullable=False),
    sa.Column('end', sa.Float(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('matched', sa.String(), nullable=False),
    sa.Column('language', sa.String(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('hypothetical', sa.Boolean(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('hit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hit_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hit_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_hit_rule'), ['rule'], unique=False)

    op.create_table('speaker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('channel', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('call_id', 'label')
    )
    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speaker_call_id'), ['call_id'], unique=False)

    op.create_table('utterance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('start', sa.Float(), nullable=False),
    sa.Column('end', sa.Float(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(), nullable=True),
    sa.Column('channel', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('avg_logprob', sa.Float(), nullable=True),
    sa.Column('no_speech_prob', sa.Float(), nullable=True),
    sa.Column('compression_ratio', sa.Float(), nullable=True),
    sa.Column('words', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speaker.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('utterance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_utterance_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_utterance_role'), ['role'], unique=False)




def downgrade() -> None:
    
    with op.batch_alter_table('utterance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_utterance_role'))
        batch_op.drop_index(batch_op.f('ix_utterance_call_id'))

    op.drop_table('utterance')
    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speaker_call_id'))

    op.drop_table('speaker')
    with op.batch_alter_table('hit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hit_rule'))
        batch_op.drop_index(batch_op.f('ix_hit_category'))
        batch_op.drop_index(batch_op.f('ix_hit_call_id'))

    op.drop_table('hit')
    with op.batch_alter_table('callexecutive', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_callexecutive_title'))
        batch_op.drop_index(batch_op.f('ix_callexecutive_call_id'))

    op.drop_table('callexecutive')
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_risk_score'))
        batch_op.drop_index(batch_op.f('ix_call_risk_level'))
        batch_op.drop_index(batch_op.f('ix_call_rep'))
        batch_op.drop_index(batch_op.f('ix_call_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_call_content_hash'))
        batch_op.drop_index(batch_op.f('ix_call_account_id'))

    op.drop_table('call')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_name'))

    op.drop_table('account')


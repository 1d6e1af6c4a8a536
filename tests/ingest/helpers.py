"""Paths and sample dispatches shared by the reader tests."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# ../shared beside the repository: read-only, present on developer machines and in CI.
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_95765011fa2cb2aa.txt"
NINJS = SHARED / "standards" / "ninjs"

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"shared data not found at {SHARED} (expected beside the repo)"
)

PROSE_FR = (
    "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs, "
    "touchés par la sécheresse qui frappe le sud du pays depuis le début de l'été."
)
PROSE_EN = (
    "The government announced on Tuesday a series of measures to support farmers hit by "
    "the drought that has struck the south of the country since the start of summer."
)

NEWSML = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"
    guid="urn:newsml:afp.com:20160905:TX-PAR-ABC12" version="3"
    standard="NewsML-G2" standardversion="2.29" xml:lang="fr">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider literal="AFP"/>
    <versionCreated>2016-09-05T10:37:00Z</versionCreated>
    <firstCreated>2016-09-05T09:00:00+02:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <urgency>3</urgency>
    <located><name>Hangzhou</name></located>
    <creator><name>Service international</name></creator>
    <language tag="fr"/>
    <subject type="cpnat:abstract" qcode="medtop:11000000"><name>Politique</name></subject>
    <subject type="cpnat:person" uri="http://www.wikidata.org/entity/Q7747">
      <name>Vladimir Poutine</name>
    </subject>
    <headline>Syrie : Poutine voit un « rapprochement » avec Washington</headline>
    <description role="drol:summary">Le président russe s'exprimait en marge du G20.</description>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>
        <p>Le président russe Vladimir Poutine a estimé lundi qu'il y avait un
        « certain rapprochement des positions » entre Moscou et Washington.</p>
        <p>« Nous avons discuté de tout ce dont on voulait discuter », a indiqué M. Poutine.</p>
        <script>alert('x')</script>
      </body></html>
    </inlineXML>
  </contentSet>
</newsItem>
"""

"""NewsML-G2 newsItem, parsed without DTDs or entities."""

import datetime as dt

import pytest

from articles.ingest import IngestError, PersonHint, read_dispatch

from .helpers import NEWSML, PROSE_FR


@pytest.fixture(scope="module")
def item():
    return read_dispatch(NEWSML.encode(), filename="item.xml")


def test_guid_and_version_are_read(item):
    assert (item.guid, item.version) == ("urn:newsml:afp.com:20160905:TX-PAR-ABC12", "3")


def test_headline_and_summary_are_read(item):
    assert item.headline == "Syrie : Poutine voit un « rapprochement » avec Washington"
    assert item.summary == "Le président russe s'exprimait en marge du G20."
    assert item.headline_derived is False


def test_metadata_is_read(item):
    assert (item.language, item.urgency, item.dateline) == ("fr", 3, "Hangzhou")
    assert (item.byline, item.source, item.status) == ("Service international", "AFP", "published")
    assert item.version_created == dt.datetime(2016, 9, 5, 10, 37, tzinfo=dt.UTC)
    assert item.first_created == dt.datetime(2016, 9, 5, 7, tzinfo=dt.UTC)


def test_subjects_become_tags_and_people(item):
    assert item.tags == ["Politique"]
    assert item.people == [
        PersonHint("Vladimir Poutine", "about", "http://www.wikidata.org/entity/Q7747")
    ]


def test_inline_xhtml_body_becomes_paragraphs_without_markup_or_script(item):
    paragraphs = item.body.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Le président russe Vladimir Poutine a estimé lundi")
    assert "alert" not in item.body and "<" not in item.body


def test_inline_data_body_is_read():
    xml = NEWSML.split("<contentSet>")[0] + (
        f'<contentSet><inlineData contenttype="text/plain">{PROSE_FR}\n\nSuite.</inlineData>'
        "</contentSet></newsItem>"
    )
    assert read_dispatch(xml.encode()).body == f"{PROSE_FR}\n\nSuite."


def test_news_message_with_one_item_is_read():
    message = NEWSML.replace('<?xml version="1.0" encoding="UTF-8"?>', "")
    xml = (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/>'
        f"<itemSet>{message}</itemSet></newsMessage>"
    )
    assert read_dispatch(xml.encode()).guid == "urn:newsml:afp.com:20160905:TX-PAR-ABC12"


def test_item_without_body_is_refused():
    xml = NEWSML.split("<contentSet>")[0] + "</newsItem>"
    with pytest.raises(IngestError, match="no inlineXML or inlineData body"):
        read_dispatch(xml.encode())


def test_item_without_guid_is_refused():
    xml = NEWSML.replace('guid="urn:newsml:afp.com:20160905:TX-PAR-ABC12"', "")
    with pytest.raises(IngestError, match="no guid"):
        read_dispatch(xml.encode())


def test_xml_that_is_not_newsml_is_refused():
    with pytest.raises(IngestError, match="no NewsML-G2 newsItem"):
        read_dispatch(b"<rss><channel><title>x</title></channel></rss>")


def test_truncated_xml_is_refused_with_its_line():
    data = NEWSML.encode()[: len(NEWSML) // 2]
    with pytest.raises(IngestError, match="not well-formed XML") as error:
        read_dispatch(data, filename="cut.xml")
    assert error.value.line is not None and error.value.line > 10
    assert str(error.value).startswith(f"cut.xml:{error.value.line}: ")


def test_internal_entities_are_refused():
    xml = '<!DOCTYPE newsItem [<!ENTITY agence "AFP">]>' + NEWSML.split("?>", 1)[1].replace(
        "Service international", "&agence;"
    )
    with pytest.raises(IngestError, match="DOCTYPE or entity"):
        read_dispatch(xml.encode())


def test_entity_expansion_bomb_is_refused():
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    xml = (
        f"<?xml version='1.0'?><!DOCTYPE lolz [{''.join(lol)}]><newsItem guid='x'>&lol9;</newsItem>"
    )
    with pytest.raises(IngestError, match="no entity expansion"):
        read_dispatch(xml.encode())


def test_external_entity_is_refused():
    xml = (
        '<?xml version="1.0"?><!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<newsItem guid="x"><contentSet><inlineData>&xxe;</inlineData></contentSet></newsItem>'
    )
    with pytest.raises(IngestError, match="no external entities"):
        read_dispatch(xml.encode())


def test_nul_byte_in_xml_is_refused():
    with pytest.raises(IngestError, match="not well-formed XML"):
        read_dispatch(NEWSML.replace("Hangzhou", "Hang\0zhou").encode())


def test_empty_xml_body_is_refused():
    xml = (
        NEWSML.split("<contentSet>")[0]
        + '<contentSet><inlineData contenttype="text/plain"> </inlineData></contentSet></newsItem>'
    )
    with pytest.raises(IngestError, match="no inlineXML or inlineData body"):
        read_dispatch(xml.encode())


def test_ten_megabyte_body_is_refused():
    body = (PROSE_FR + "\n\n") * (10_000_000 // len(PROSE_FR))
    xml = (
        NEWSML.split("<contentSet>")[0]
        + f"<contentSet><inlineData>{body}</inlineData></contentSet></newsItem>"
    )
    with pytest.raises(IngestError, match="over the"):
        read_dispatch(xml.encode(), filename="huge.xml")


def test_several_items_in_one_file_are_refused():
    message = NEWSML.replace('<?xml version="1.0" encoding="UTF-8"?>', "")
    xml = f"<newsMessage><itemSet>{message}{message}</itemSet></newsMessage>"
    with pytest.raises(IngestError, match="2 newsItems"):
        read_dispatch(xml.encode())


def test_urgency_of_the_wrong_type_is_refused():
    with pytest.raises(IngestError, match="urgency 'haute' is not a whole number"):
        read_dispatch(NEWSML.replace("<urgency>3</urgency>", "<urgency>haute</urgency>").encode())


def test_invalid_date_is_refused():
    xml = NEWSML.replace("2016-09-05T10:37:00Z", "hier matin")
    with pytest.raises(IngestError, match="versionCreated"):
        read_dispatch(xml.encode())


def test_unknown_pubstatus_is_refused():
    with pytest.raises(IngestError, match="pubStatus"):
        read_dispatch(NEWSML.replace("stat:usable", "stat:maybe").encode())


def test_empty_file_is_refused_as_newsml():
    with pytest.raises(IngestError, match="empty file"):
        read_dispatch(b"  \n", format="newsml")


def test_binary_data_is_refused_as_newsml():
    with pytest.raises(IngestError, match="not well-formed XML"):
        read_dispatch(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), format="newsml")

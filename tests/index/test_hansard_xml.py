"""Parliamentary records in XML (index/formats/hansard_xml.py): one small record written
here for each schema, hostile and damaged XML, and an XML record through the pipeline."""

from __future__ import annotations

import json

import pytest
from helpers import run_main, settings_for, write

from index.formats import detect_format, parse_document
from index.library import Library
from index.pipeline import Indexer
from index.read import iter_input_files, read_text
from index.records import BadInput, ParsedDocument

PARLPARSE = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE publicwhip
[
<!ENTITY mdash   "&#8212;">
<!ENTITY pound   "&#163;" >
]>
<publicwhip scrapeversion="a" latest="yes">
<major-heading id="uk.org.publicwhip/debate/2011-03-02a.400.0" nospeaker="true">
  [Ms. Ann Chair in the Chair]
   &mdash; Harbour Dredging
</major-heading>
<speech id="uk.org.publicwhip/debate/2011-03-02a.400.1" nospeaker="true">
  <p class="italic">Motion made, That the sitting be now adjourned.&mdash;(Mr. Whip.)</p>
</speech>
<speech id="uk.org.publicwhip/debate/2011-03-02a.400.2" person_id="uk.org.publicwhip/person/11" speakername="Tom Quay">
  <p>The harbour needs &pound;4 million of dredging, as <phrase class="honfriend" id="uk.org.publicwhip/person/12" name="Rosa Berth">the hon. Member for Lowport, East (Rosa Berth)</phrase> knows.</p>
  <p>I ask the Government to act.</p>
</speech>
<speech id="uk.org.publicwhip/debate/2011-03-02a.400.3" person_id="uk.org.publicwhip/person/13" speakername="Nia Crane" speakeroffice="The Minister for Ports">
  <p>We will look at it, as <phrase class="honfriend" id="uk.org.publicwhip/person/11" name="Tom Quay">the Member for Dunmere (Tom Quay)</phrase> asks.</p>
</speech>
<speech id="uk.org.publicwhip/debate/2011-03-02a.400.4" speakerid="unknown" speakername="Hon. Members">
  <p>Hear, hear.</p>
</speech>
<speech id="uk.org.publicwhip/debate/2011-03-02a.400.5" person_id="uk.org.publicwhip/person/14" speakername="Ann Chair">
  <p>Order. I call Rosa Berth.</p>
</speech>
<speech id="uk.org.publicwhip/debate/2011-03-02a.400.6" person_id="uk.org.publicwhip/person/12" speakername="Rosa Berth">
  <p>Dredging was promised by Lord Silt in 1990.</p>
</speech>
<speech id="uk.org.publicwhip/debate/2011-03-02a.400.7" speakerid="unknown" speakername="Madam Deputy Speaker">
  <p>Order, order.</p>
</speech>
"""  # cut before </publicwhip>, as excerpts are

COMMONS = """\ufeff<?xml version="1.0" encoding="UTF-8"?>
<Hansard xml:lang="EN" id="1">
  <ExtractedInformation>
    <ExtractedItem Name="InstitutionDebate">House of Commons Debates</ExtractedItem>
    <ExtractedItem Name="Date">Monday, March 4, 2024</ExtractedItem>
    <ExtractedItem Name="SpeakerName">Speaker: The Honourable Greg Fergus</ExtractedItem>
    <ExtractedItem Name="Institution">HOUSE OF COMMONS</ExtractedItem>
  </ExtractedInformation>
  <HansardBody>
    <Intro><ParaText id="1">The House met at 11 a.m.</ParaText></Intro>
    </OrderOfBusiness>
    <OrderOfBusiness Rubric="OralQuestionPeriod">
      <OrderOfBusinessTitle>ORAL QUESTIONS</OrderOfBusinessTitle>
      <SubjectOfBusiness>
        <FloorLanguage language="FR">[<I>Translation</I>]</FloorLanguage>
        <SubjectOfBusinessTitle>Fisheries</SubjectOfBusinessTitle>
        <SubjectOfBusinessContent>
          <Intervention Type="Question">
            <PersonSpeaking><Affiliation DbId="501" Type="2">Mrs. Jo Tern (Gaspé—Bay, BQ)</Affiliation>: </PersonSpeaking>
            <Content>
              <ParaText>Mr. Speaker, the <Affiliation DbId="900" Type="1">Prime Minister</Affiliation> promised a wharf.</ParaText>
            </Content>
          </Intervention>
          <Intervention Type="Debate">
            <PersonSpeaking><Affiliation DbId="502" Type="4">Hon. Lee Mako (Minister of Fisheries, Lib.)</Affiliation>: </PersonSpeaking>
            <Content>
              <ParaText>Mr. Speaker, the wharf is funded.</ParaText>
              <ParaText><B>Some hon. members:</B> Oh, oh!</ParaText>
              <ParaText>It opens in May.</ParaText>
            </Content>
          </Intervention>
          <Intervention Type="Debate">
            <PersonSpeaking><Affiliation DbId="9" Type="15">The Speaker</Affiliation>: </PersonSpeaking>
            <Content><ParaText>Order, please.</ParaText></Content>
          </Intervention>
          <Intervention Type="Debate">
            <PersonSpeaking><Affiliation DbId="502" Type="4">Hon. Lee Mako</Affiliation>: </PersonSpeaking>
            <Content><ParaText>As I said, in May.</ParaText></Content>
          </Intervention>
        </SubjectOfBusinessContent>
      </SubjectOfBusiness>
"""  # a leftover </OrderOfBusiness> of a cut-out part, and no closing tags

QUEENSLAND = """<?xml version="1.0" encoding="UTF-8"?>
<XML>
  <Hansard-Date-Heading><A ID="p1"/>
Wednesday, 3 March 2010</Hansard-Date-Heading>
  <LegAssembly><A ID="p2"/>
Legislative Assembly</LegAssembly>
  <Hansard-Body><A ID="p3"/>
Madam Speaker (Hon. Rae Gull, Cleveland) read prayers and took the chair.</Hansard-Body>
  <Hansard-Level-2-Heading><A ID="s1"/><Hansard-Speech-Start>
</Hansard-Speech-Start>
Dam Safety</Hansard-Level-2-Heading>
  <Hansard-Body><A ID="s2"/><Hansard-Speech-Start>
</Hansard-Speech-Start><Hansard-Member-Electorate>
Hon. KM OSPREY</Hansard-Member-Electorate>
 (Redcliffe--ALP) (Minister for Water and Minister for Parks) (9.40 am): Our dams are safe. <Hansard-Speech-End>
</Hansard-Speech-End>
</Hansard-Body>
  <Hansard-Body><A ID="s3"/>
Report tabled.</Hansard-Body>
  <Hansard-Level-1-Heading><A ID="p4"/>
Questions Without Notice</Hansard-Level-1-Heading>
  <Hansard-Level-2-Heading><A ID="p5"/>
Water Prices</Hansard-Level-2-Heading>
  <Hansard-Body><A ID="p6"/><Hansard-Member-Up>
Mr PIKE:</Hansard-Member-Up>
 My question without notice is to the Minister for Water and Minister for Parks. Why did prices rise?</Hansard-Body>
  <Hansard-Body><A ID="p6a"/><Hansard-Member-Down>
Mr Crow:</Hansard-Member-Down>
 Good question!</Hansard-Body>
  <Hansard-Body><A ID="p7"/><Hansard-Member-Up>
Ms OSPREY:</Hansard-Member-Up>
 I thank the honourable member for Brookfield for his question. Prices rose with costs.</Hansard-Body>
  <Hansard-Body><A ID="p8"/><Hansard-Member-Down>
Mr Pike:</Hansard-Member-Down>
 Rubbish!</Hansard-Body>
  <Hansard-Body><A ID="p9"/><Hansard-Bold>
Opposition members</Hansard-Bold>
 interjected.</Hansard-Body>
  <Hansard-Body><A ID="p10"/>
The former member, Ken Pike, said the same in 2001. </Hansard-Body>
  <Hansard-Body><A ID="p11"/><Hansard-Member-Interjected>
Mr Pike</Hansard-Member-Interjected>
 interjected.</Hansard-Body>
  <Hansard-Body><A ID="p12"/><Hansard-Member-Up>
Madam SPEAKER:</Hansard-Member-Up>
 Order!</Hansard-Body>
  <Hansard-Body><A ID="p13"/>
    <Hansard-Italic>(Time expired)</Hansard-Italic>
  </Hansard-Body>
"""  # no closing </XML>


def parse(text: str) -> ParsedDocument:
    doc = parse_document(text, name="record.xml")
    for speech in doc.speeches:  # spans cover the words, never a label or a blank line
        for start, end in speech.paragraphs:
            assert start < end and doc.text[start:end] == doc.text[start:end].strip()
    return doc


def people(doc: ParsedDocument) -> dict[str, dict]:
    found = {}
    for speech in doc.speeches:
        if speech.who.speaker:
            found.setdefault(speech.who.speaker, speech.who.to_dict())
    return found


def said(doc: ParsedDocument, speaker: str) -> list[str]:
    return [doc.text[a:b] for s in doc.speeches if s.who.speaker == speaker for a, b in s.paragraphs]


def test_parlparse_speakers_offices_constituencies_and_the_chair():
    doc = parse(PARLPARSE)
    assert (doc.format, doc.title, doc.date) == ("parlparse-xml", "Harbour Dredging", "2011-03-02")
    found = people(doc)
    assert list(found) == ["Tom Quay", "Nia Crane", "Ann Chair", "Rosa Berth"]  # Whip, Lord Silt: only named
    assert (found["Tom Quay"]["titles"], found["Tom Quay"]["units"]) == (["Member"], ["Dunmere"])
    assert found["Nia Crane"]["titles"] == ["Minister for Ports"]
    assert found["Ann Chair"]["titles"] == ["Chair"]  # from `[Ms. Ann Chair in the Chair]`
    assert found["Rosa Berth"]["units"] == ["Lowport, East"]
    assert said(doc, "Tom Quay") == ["The harbour needs £4 million of dredging, as the hon. Member for Lowport, East (Rosa Berth) knows.", "I ask the Government to act."]  # fmt: skip
    # the collective `Hon. Members` and the procedural motion are narration, kept in the text
    assert "Hon. Members: Hear, hear." in doc.text and "Hear, hear." not in sum(map(said, [doc] * 4, found), [])
    assert "Nia Crane (The Minister for Ports): We will look at it" in doc.text
    assert doc.text.startswith("[Ms. Ann Chair in the Chair] — Harbour Dredging\n\n")
    # a presiding label is the member in the chair
    assert said(doc, "Ann Chair") == ["Order. I call Rosa Berth.", "Order, order."]


def test_parlparse_chair_note_naming_only_an_office_names_nobody():
    doc = parse(
        '<?xml version="1.0"?>\n<publicwhip><major-heading id="uk.org.publicwhip/debate/2011-03-02a.1.0">'
        "[MR. SPEAKER in the Chair]</major-heading>"
        '<speech id="uk.org.publicwhip/debate/2011-03-02a.1.1" speakername="Mr. Speaker"><p>Order.</p></speech>'
        "</publicwhip>"
    )
    assert [(s.who.speaker, s.who.roles) for s in doc.speeches] == [("Mr. Speaker", ("Speaker",))]


def test_canadian_hansard_people_by_db_id_the_speaker_and_interjections():
    doc = parse(COMMONS)
    assert (doc.format, doc.title, doc.date) == ("ourcommons-xml", "House of Commons Debates", "2024-03-04")
    found = people(doc)
    assert list(found) == ["Jo Tern", "Lee Mako", "Greg Fergus"]  # not the Prime Minister mentioned
    assert found["Jo Tern"]["units"] == ["Gaspé—Bay", "BQ"] and found["Jo Tern"]["titles"] == []
    assert found["Lee Mako"]["titles"] == ["Hon.", "Minister of Fisheries"] and found["Lee Mako"]["units"] == ["Lib."]
    speaker = found["Greg Fergus"]
    assert (speaker["titles"], speaker["units"], speaker["roles"]) == (
        ["Speaker", "The Honourable"],
        ["House of Commons"],  # the House's own casing, from `House of Commons Debates`
        ["Speaker"],
    )
    # `Hon. Lee Mako` later, without his office, is the same person; the collective
    # `Some hon. members` is narration and the minister goes on after it
    assert said(doc, "Lee Mako") == ["Mr. Speaker, the wharf is funded.", "It opens in May.", "As I said, in May."]
    assert "Some hon. members: Oh, oh!" in doc.text
    assert [s.who.heading for s in doc.speeches if s.who.speaker] == ["Fisheries"] * 5
    assert "[Translation]\n\nFisheries\n\n" in doc.text


def test_queensland_floor_interjections_chair_and_question_time():
    doc = parse(QUEENSLAND)
    assert (doc.format, doc.title, doc.date) == ("qld-hansard-xml", "Legislative Assembly", "2010-03-03")
    found = people(doc)
    # `Mr PIKE` and `Mr Pike` are one member, under the fullest name the record prints
    # `Hon. KM OSPREY` (a statement's label) and `Ms OSPREY` are one member
    assert list(found) == ["KM Osprey", "Ken Pike", "Mr Crow", "Rae Gull"]
    assert (found["Ken Pike"]["titles"], found["Ken Pike"]["units"]) == (["honourable member"], ["Brookfield"])
    assert (found["Mr Crow"]["titles"], found["Mr Crow"]["units"]) == ([], [])  # interjected: answers nothing
    osprey = found["KM Osprey"]
    assert (osprey["titles"], osprey["units"]) == (
        ["Hon.", "Minister for Water and Minister for Parks"],
        ["Redcliffe", "ALP"],
    )
    assert (
        "Hon. KM OSPREY (Redcliffe--ALP) (Minister for Water and Minister for Parks): (9.40 am): Our dams" in doc.text
    )
    assert (found["Rae Gull"]["titles"], found["Rae Gull"]["units"]) == (["Speaker", "Hon."], ["Cleveland"])
    # the paragraph after an interjection is the member's with the floor; reported
    # interjections and `(Time expired)` are nobody's words
    assert said(doc, "KM Osprey")[1:] == [
        "I thank the honourable member for Brookfield for his question. Prices rose with costs.",
        "The former member, Ken Pike, said the same in 2001.",
    ]
    assert said(doc, "Ken Pike")[1:] == ["Rubbish!"]
    narration = [doc.text[a:b] for s in doc.speeches if not s.who.speaker for a, b in s.paragraphs]
    # after `Hansard-Speech-End` nobody has the floor
    assert narration[1:] == [
        "Report tabled.",
        "Opposition members interjected.",
        "Mr Pike interjected.",
        "(Time expired)",
    ]


AUSTRALIA = """
<hansard version="2.1">
  <session.header><date>1971-05-04</date><chamber>SENATE</chamber></session.header>
  <chamber.xscript>
    <business.start>
      <para>The <inline font-weight="bold">PRESIDENT (Senator the Hon. Sir Ian Tall)</inline> took the chair at 3 p.m.</para>
    </business.start>
    <debate>
      <debateinfo><title>WHEAT QUOTAS</title></debateinfo>
      <speech>
        <talk.start>
          <talker>
            <electorate>Tasmania</electorate><role>Minister for Primary Industry</role>
            <name role="metadata">FENN, Roger</name><name role="display">Senator FENN</name>
          </talker>
          <para>- The quotas for the coming season were set last week.</para>
        </talk.start>
        <para>They will be reviewed in June.</para>
        <para><inline font-weight="bold">Senator moss</inline>(Victoria) - Will growers be consulted before June?</para>
        <para>Honourable senators - Hear, hear.</para>
        <para><inline font-weight="bold">Senator FENN</inline> - Every growers' council will be heard.</para>
        <para>The CLERK-Papers have been tabled as follows: </para>
      </speech>
    </debate>
  </chamber.xscript>
</hansard>
"""


def test_australian_hansard_talker_labels_in_paragraphs_and_a_record_saved_without_a_declaration():
    doc = parse_document(AUSTRALIA)
    assert (doc.format, doc.title, doc.date) == ("aph-hansard-xml", "Senate", "1971-05-04")
    found = people(doc)
    assert list(found) == ["Roger Fenn", "Moss", "The CLERK"]  # the talker's metadata gives his full name
    assert found["Roger Fenn"]["titles"] == ["Senator", "Minister for Primary Industry"]
    assert said(doc, "Roger Fenn") == [
        "The quotas for the coming season were set last week.",
        "They will be reviewed in June.",
        "Every growers' council will be heard.",
    ]
    assert said(doc, "Moss") == ["Will growers be consulted before June?"]  # `Hear, hear`: a collective voice


def test_parlparse_speakernames_that_print_an_office_or_a_seat_in_brackets():
    doc = parse(
        '<?xml version="1.0"?>\n<publicwhip>'
        '<speech id="uk.org.publicwhip/spor/2009-10-29.1.1" speakerid="m/1" speakername="The Presiding Officer (Ann Reid)">'
        "<p>Order.</p></speech>"
        '<speech id="uk.org.publicwhip/spor/2009-10-29.1.2" speakerid="m/2" '
        'speakername="The Cabinet Secretary for Health (Mary Lowe)"><p>I will make a statement.</p></speech>'
        '<speech id="uk.org.publicwhip/spor/2009-10-29.1.3" speakerid="m/3" speakername="Jo Baird (Dumbarton) (Lab)">'
        "<p>I thank the cabinet secretary.</p></speech>"
        '<speech id="uk.org.publicwhip/spor/2009-10-29.1.4" speakerid="m/1" speakername="The Presiding Officer">'
        "<p>Thank you.</p></speech>"
        '<speech id="uk.org.publicwhip/spor/2009-10-29.1.5" speakerid="m/4" speakername="Father Tom Hale">'
        "<p>Let us pray.</p></speech></publicwhip>"
    )
    found = people(doc)
    assert list(found) == ["Ann Reid", "Mary Lowe", "Jo Baird", "Tom Hale"]  # `Father`: a title
    assert found["Tom Hale"]["titles"] == ["Father"]
    assert found["Mary Lowe"]["titles"] == ["Cabinet Secretary for Health"]
    assert found["Jo Baird"]["units"] == ["Dumbarton"]
    assert said(doc, "Ann Reid") == ["Order.", "Thank you."]


PARLINFO = """<!DOCTYPE hansard PUBLIC "-//PARLINFO//DTD HANSARD STORAGE//EN" []>
<HANSARD DATE="04/03/1981" CHAMBER = "Reps">
<CHAMBER.XSCRIPT><BUSINESS.START>
<PROCTEXT><PARA> Mr SPEAKER (Rt Hon. Sir Ivor Lane) took the chair at 2.15 p.m., and read prayers.</PARA></PROCTEXT>
</BUSINESS.START><DEBATE><TITLE>CONDOLENCES</TITLE>
<SPEECH><TALK.START><TALKER><NAME NAMEID="QS4">Mr ROBERT MOORE</NAME><ELECTORATE>(Wannon-</ELECTORATE>
<ROLE>Prime Minister)</ROLE></TALKER>
<PARA IN-LINE="1">&mdash;I move: That the House expresses its deep regret.</PARA></TALK.START>
</SPEECH>
<SPEECH><TALK.START><TALKER><NAME NAMEID="RK4">Mr HALE</NAME><ELECTORATE>(Oxley-</ELECTORATE>
<ROLE>Leader of the Opposition)</ROLE></TALKER>
<PARA IN-LINE="1">&mdash;The Opposition joins the motion.</PARA></TALK.START>
</SPEECH></DEBATE></CHAMBER.XSCRIPT></HANSARD>
"""


def test_parlinfo_hansard_in_capitals_with_an_empty_doctype_and_html_entities():
    doc = parse_document(PARLINFO)
    assert (doc.format, doc.date) == ("aph-hansard-xml", "1981-03-04")
    found = people(doc)
    assert list(found) == ["Robert Moore", "Mr Hale"]  # a full name loses its `Mr`; a surname alone keeps it
    assert found["Robert Moore"]["titles"] == ["Prime Minister"] and found["Robert Moore"]["units"] == ["Wannon"]
    assert said(doc, "Robert Moore") == ["I move: That the House expresses its deep regret."]


def test_canadian_committee_clerk_named_once_then_by_office_and_inline_labels_of_the_same_person():
    doc = parse(
        '<?xml version="1.0"?>\n<Hansard><HansardBody>'
        '<Intervention><PersonSpeaking><Affiliation DbId="7">The Clerk of the Committee (Mr. Paul Roy)</Affiliation>'
        "</PersonSpeaking><Content><ParaText>Good morning, members.</ParaText></Content></Intervention>"
        '<Intervention><PersonSpeaking><Affiliation DbId="8">Mr. Ann Wu (Ottawa, CPC)</Affiliation></PersonSpeaking>'
        "<Content><ParaText>I nominate Mr. Lee.</ParaText></Content></Intervention>"
        '<Intervention><PersonSpeaking><Affiliation DbId="9">The Clerk</Affiliation></PersonSpeaking>'
        "<Content><ParaText>Are there further motions?</ParaText>"
        "<ParaText><B>The Clerk:</B> I declare Mr. Lee elected.</ParaText></Content></Intervention>"
        "</HansardBody></Hansard>"
    )
    assert list(people(doc)) == ["Paul Roy", "Ann Wu"]
    assert said(doc, "Paul Roy") == [
        "Good morning, members.",
        "Are there further motions?",
        "I declare Mr. Lee elected.",
    ]


def test_xml_is_detected_by_its_declaration_and_a_schema():
    assert [detect_format(text) for text in (PARLPARSE, COMMONS, QUEENSLAND)] == [
        "parlparse-xml",
        "ourcommons-xml",
        "qld-hansard-xml",
    ]
    assert detect_format("<b>Mr X</b>: hello\n\n<b>Ms Y</b>: hi") != "parlparse-xml"  # markup, not XML
    with pytest.raises(BadInput, match=r"^r\.xml: XML holds no transcript in a known layout"):
        parse_document('<?xml version="1.0"?><catalog><book>Dune</book></catalog>', name="r.xml")
    with pytest.raises(BadInput, match="not 'qld-hansard-xml'"):
        parse_document(PARLPARSE, fmt="qld-hansard-xml")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE publicwhip [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<publicwhip><speech speakername="Tom Quay"><p>&lol9;</p></speech></publicwhip>
"""


def one_line_refusal(text: str) -> str:
    with pytest.raises(BadInput) as refused:
        parse_document(text, name="hostile.xml")
    message = str(refused.value)
    assert message.startswith("hostile.xml: not readable XML (") and "\n" not in message
    return message


def test_entity_bombs_are_refused():
    assert "amplification" in one_line_refusal(BILLION_LAUGHS)
    blowup = '<!ENTITY a "{}">'.format("x" * 20_000)  # one big entity, referenced many times
    quadratic = f'<?xml version="1.0"?><!DOCTYPE publicwhip [{blowup}]><publicwhip>{"&a;" * 20_000}</publicwhip>'
    assert "amplification" in one_line_refusal(quadratic)


def test_external_entities_and_dtds_are_never_read(tmp_path):
    secret = write(tmp_path / "secret.txt", "SECRET-PASSWORD")
    dtd = write(tmp_path / "defs.dtd", '<!ENTITY leak "SECRET-PASSWORD">')
    files = [
        f'<!DOCTYPE publicwhip [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        '<publicwhip><speech speakername="Tom Quay"><p>&xxe;</p></speech></publicwhip>',
        f'<!DOCTYPE publicwhip SYSTEM "{dtd.as_uri()}">'
        '<publicwhip><speech speakername="Tom Quay"><p>&leak;</p></speech></publicwhip>',
        f'<!DOCTYPE publicwhip [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]>'
        '<publicwhip><speech speakername="Tom Quay"><p>&leak;</p></speech></publicwhip>',
    ]
    for body in files:
        message = one_line_refusal(f'<?xml version="1.0"?>\n{body}')
        assert "not defined" in message and "SECRET" not in message


@pytest.mark.parametrize(
    "damage",
    [
        '<publicwhip><speech speakername="Tom Quay"><p>x &undefined; y</p></speech></publicwhip>',
        '<publicwhip><speech speakername="Tom Quay" <p>x</p></speech></publicwhip>',
        "<publicwhip>" + "<p>" * 300 + "deep",
        "not xml at all",
    ],
)
def test_malformed_xml_is_one_line(damage):
    one_line_refusal(f'<?xml version="1.0"?>\n{damage}')


def test_repairs_of_an_excerpt_keep_every_word():
    # libxml2's own recovery would close <speech> at the stray </b> and lose what follows
    doc = parse(
        '<?xml version="1.0"?>\n<publicwhip><speech person_id="1" speakername="Tom Quay"><p>one</b> two</p>'
        '<p>three</p></speech><speech person_id="2" speakername="Rosa Berth"><p>four'
    )
    assert said(doc, "Tom Quay") == ["one two", "three"] and said(doc, "Rosa Berth") == ["four"]


def test_an_element_closed_while_elements_inside_it_are_open_closes_them_first():
    # ParlInfo closes a PROCTEXT around an INTERJECT it never closes; the next turns are kept
    record = """<!DOCTYPE hansard PUBLIC "-//PARLINFO//DTD HANSARD STORAGE//EN" []>
<HANSARD DATE="09/06/1994" CHAMBER = "Senate"><CHAMBER.XSCRIPT><BUSINESS.START>
<PROCTEXT><PARA><EMPHASIS>The PRESIDENT (Senator the Hon. Ann Beal)</EMPHASIS> took the chair.</PARA></PROCTEXT>
</BUSINESS.START>
<PROCTEXT><INTERJECT CHAIR="1" SPEAKER="The PRESIDENT"><TALK.START><TALKER><NAME>The PRESIDENT</NAME></TALKER>
<PARA>&mdash;Petitions.</PARA></TALK.START>
</PROCTEXT>
<DEBATE><QUESTION><TALK.START><TALKER><NAME>Senator WATSON</NAME></TALKER>
<PARA>&mdash;My question is to the Minister.</PARA></TALK.START></QUESTION></DEBATE>
</CHAMBER.XSCRIPT></HANSARD>
"""
    doc = parse(record)
    found = people(doc)
    assert list(found) == ["Ann Beal", "Watson"]
    assert "Senator the Hon." in found["Ann Beal"]["titles"]
    assert said(doc, "Ann Beal") == ["Petitions."] and said(doc, "Watson") == ["My question is to the Minister."]
    cut = parse('<?xml version="1.0"?>\n<publicwhip><speech speakername="Tom Quay"><p>cut</speech></publicwhip>')
    assert said(cut, "Tom Quay") == ["cut"]


def test_a_parlparse_excerpt_may_open_with_the_redirect_of_a_speech_id():
    excerpt = """<gidredirect oldgid="uk.org.publicwhip/debate/2009-10-26a.4.5" newgid="uk.org.publicwhip/debate/2009-10-26b.4.5" matchtype="changes"/>
<speech id="uk.org.publicwhip/debate/2009-10-26a.4.5" speakerid="uk.org.publicwhip/member/1" speakername="Ann Reid" speakeroffice="The Minister for Schools">
	<p pid="a.4.5/1">The fund will help small schools.</p>
</speech>
<gidredirect oldgid="uk.org.publicwhip/debate/2009-10-26a.4.6" newgid="uk.org.publicwhip/debate/2009-10-26b.4.6" matchtype="changes"/>
<speech id="uk.org.publicwhip/debate/2009-10-26a.4.6" speakerid="uk.org.publicwhip/member/2" speakername="Tom Quay">
	<p pid="a.4.6/1">Will the Minister extend it?</p>
</speech>
"""
    doc = parse(excerpt)
    assert doc.format == "parlparse-xml"
    assert list(people(doc)) == ["Ann Reid", "Tom Quay"]
    assert said(doc, "Tom Quay") == ["Will the Minister extend it?"]


def test_openaustralia_publishes_the_parlparse_schema_under_a_debates_root():
    record = """<?xml version="1.0" encoding="UTF-8"?>
<debates>
 <major-heading id="uk.org.publicwhip/lords/2007-09-20.3.1">EXHIBITION</major-heading>
 <speech id="uk.org.publicwhip/lords/2007-09-20.3.3" speakerid="uk.org.publicwhip/lord/100263" speakername="Ann Reid" talktype="speech">
<p>Order! The display will remain in place.</p> </speech>
 <speech id="uk.org.publicwhip/lords/2007-09-20.4.3" speakerid="unknown" speakername="The Clerk" talktype="interjection">
<p>Petitions have been lodged for presentation.</p></speech>
</debates>
"""
    doc = parse(record)
    assert doc.format == "parlparse-xml"
    assert list(people(doc)) == ["Ann Reid", "The Clerk"]
    assert said(doc, "The Clerk") == ["Petitions have been lodged for presentation."]


def test_xml_files_are_read_previewed_and_indexed_with_their_raw_text(tmp_path):
    folder = tmp_path / "records"
    path = write(folder / "commons.xml", QUEENSLAND)
    assert iter_input_files([folder]) == [path]
    assert read_text(path) == QUEENSLAND

    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    indexer = Indexer(library, show_bars=False)
    assert indexer.add_paths([path]).count("added") == 1
    record = library.records[0]
    assert (record.format, record.date) == ("qld-hansard-xml", "2010-03-03")
    source = library.source_text(record.doc_id)
    assert source == parse_document(QUEENSLAND).text  # the rendering is what citations quote
    assert library._store.raw_text(record.doc_id, record.version) == QUEENSLAND  # the XML is kept
    ids, texts, metas = library._store.chunk_rows(record.doc_id, record.version)
    assert all(source[m["start"] : m["end"]] == t for t, m in zip(texts, metas))
    assert {m["speaker"] for m in metas} == {"Ken Pike", "Mr Crow", "KM Osprey", "Rae Gull", ""}
    assert library.furniture(record.doc_id) == ()  # a rendering has no page furniture
    # a rebuild parses the stored XML again, as read
    assert indexer.reparse(record.doc_id, "qld-hansard-xml").format == "qld-hansard-xml"


def test_index_preview_of_an_xml_file(tmp_path):
    path = write(tmp_path / "debate.xml", PARLPARSE)
    shown = run_main("index", "preview", str(path), "--json")
    (preview,) = json.loads(shown.stdout)["files"]
    assert (preview["format"], preview["speakers"]) == (
        "parlparse-xml",
        ["Tom Quay", "Nia Crane", "Ann Chair", "Rosa Berth"],
    )


# an excerpt of a ParlInfo record: sibling exchanges, no root, no header (round 9's blind batch)
APH_EXCERPT = """<ANSWER PAGE="501" SPEAKER="Button Sen The Hon J.N." NAMEID="4F4">
<TALK.START><TALKER><NAME NAMEID="4F4">Senator BUTTON</NAME></TALKER>
<PARA IN-LINE="1">&mdash;I do not recall saying that.</PARA></TALK.START>
<INTERJECT CHAIR="0" SPEAKER="Senator Withers" NAMEID="DV4">
<TALK.START><TALKER><NAME NAMEID="DV4">Senator Withers</NAME></TALKER>
<PARA IN-LINE="1">&mdash;Shame!</PARA></TALK.START>
</INTERJECT>
</ANSWER>
<QUESTION PAGE="502" SPEAKER="Walters Sen M.S." NAMEID="6D7">
<TALK.START><TALKER><NAME NAMEID="6D7">Senator WALTERS</NAME></TALKER>
<PARA IN-LINE="1">&mdash;My question is directed to the Leader of the Government.</PARA></TALK.START>
</QUESTION>
"""


def test_an_excerpt_of_an_australian_record_several_exchanges_without_their_root():
    doc = parse(APH_EXCERPT)
    assert doc.format == "aph-hansard-xml"
    assert list(people(doc)) == ["Button", "Withers", "Walters"]
    assert said(doc, "Withers") == ["Shame!"]
    # one cut from inside a debate (`<subdebate.1>` … left open) is read as well
    cut = '      <subdebate.1>\n<question><talk.start><talker><name role="display">Mr LYNCH</name></talker>\n<para>- Why?</para>'
    assert list(people(parse(cut))) == ["Mr Lynch"]


def test_an_excerpt_of_a_canadian_record_from_its_interventions_on():
    excerpt = """          <Intervention Type="Interjection" id="1">
            <PersonSpeaking><Affiliation DbId="278948" Type="96">Hon. Ginette Petitpas Taylor</Affiliation>: </PersonSpeaking>
            <Content><ParaText id="7">Mr. Speaker, I would like to thank my colleague.</ParaText></Content>
          </Intervention>
          <Intervention Type="Interjection" id="2">
            <PersonSpeaking><Affiliation DbId="105" Type="2">Mr. Mario Beaulieu (La Pointe-de-l'Île, BQ)</Affiliation>: </PersonSpeaking>
            <Content><ParaText id="8">Mr. Speaker, let me set the record straight.</ParaText></Content>
          </Intervention>
"""
    doc = parse(excerpt)
    assert doc.format == "ourcommons-xml"
    assert list(people(doc)) == ["Ginette Petitpas Taylor", "Mario Beaulieu"]


def test_an_element_never_closed_is_read_as_empty_and_a_date_wrapped_in_capitals_is_no_label():
    # ParlInfo's SGML-born `<TAB …>`, never closed, inside its paragraphs
    record = """<!DOCTYPE hansard PUBLIC "-//PARLINFO//DTD HANSARD STORAGE//EN" []>
<HANSARD DATE="05/03/1992" CHAMBER = "Senate"><CHAMBER.XSCRIPT>
<PROCTEXT><PARA><TAB LEADING="NONE"><EMPHASIS>The PRESIDENT</EMPHASIS> took the chair.</PARA></PROCTEXT>
<DEBATE><QUESTION><TALK.START><TALKER><NAME>Senator WATSON</NAME></TALKER>
<PARA><TAB LEADING="NONE">&mdash;My question is to the Minister.</PARA></TALK.START></QUESTION>
<ANSWER><TALK.START><TALKER><NAME>Senator PATTERSON</NAME></TALKER>
<PARA><TAB LEADING="NONE">&mdash;I thank the honourable senator.</PARA></TALK.START></ANSWER></DEBATE>
</CHAMBER.XSCRIPT></HANSARD>
"""
    doc = parse(record)
    assert list(people(doc)) == ["Watson", "Patterson"]
    minutes = """MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT HELD AT RATHKEALE ON
WEDNESDAY, 11TH MAY, 2016, AT 9.00 A.M.
PRESENT IN THE CHAIR: Councillor R. O'Donoghue, An Cathaoirleach.

Councillor Sheahan opened the Meeting by saying he was saddened by the news.
"""
    assert "Wednesday" not in people(parse_document(minutes))


def test_an_excerpt_of_a_parlparse_record_from_its_questions_and_answers_on():
    excerpt = """<minor-heading id="uk.org.publicwhip/wrans/2009-10-26a.101.3" nospeaker="true">
	Aviation: Flight Paths
</minor-heading>

<ques id="uk.org.publicwhip/wrans/2009-10-26a.101.4" speakerid="uk.org.publicwhip/lord/100933" speakername="Lord Rowe-Beddoe">
	<p pid="a.101.4/1">To ask Her Majesty's Government about flight paths.</p>
</ques>
<reply id="uk.org.publicwhip/wrans/2009-10-26a.101.5" speakerid="uk.org.publicwhip/lord/100860" speakername="Lord Adonis">
	<p pid="a.101.5/1">The Civil Aviation Authority is responsible for airspace.</p>
</reply>
"""
    doc = parse(excerpt)
    assert doc.format == "parlparse-xml"
    assert list(people(doc)) == ["Lord Rowe-Beddoe", "Lord Adonis"]


AUSTRALIA_2011_SCHEMA = """<hansard version="2.2">
  <session.header><date>2013-06-26</date><chamber>House of Reps</chamber></session.header>
  <chamber.xscript>
    <business.start><body><p class="HPS-Normal"><span class="HPS-Normal"><span>The SPEAKER (</span>
      <span>Ms Anna Burke</span><span>) </span>took the chair at 09:00 and read prayers.</span></p></body></business.start>
    <debate><debateinfo><title>QUESTIONS WITHOUT NOTICE</title></debateinfo>
      <subdebate.1><subdebateinfo><title>Carbon Pricing</title></subdebateinfo>
        <question><talk.start><talker><name role="metadata">Abbott, Tony, MP</name><electorate>Warringah</electorate>
          <party>LP</party></talker></talk.start>
          <talk.text><body><p class="HPS-Normal"><span class="HPS-Normal"><a href="EZ5" type="MemberQuestion">
            <span class="HPS-MemberQuestion">Mr ABBOTT</span></a> (<span class="HPS-Electorate">Warringah</span>—<span
            class="HPS-MinisterialTitles">Leader of the Opposition</span>) (<span class="HPS-Time">14:08</span>):  <span
            class="HPS-Time">14:08</span>):  Speaker, I have a supplementary question.</span></p></body></talk.text>
        </question>
        <answer><talk.start><talker><name role="metadata">Gillard, Julia, MP</name><electorate>Lalor</electorate>
          <party>ALP</party></talker></talk.start>
          <talk.text><body>
            <p class="HPS-Normal"><span class="HPS-Normal"><a href="83L" type="MemberAnswer"><span
              class="HPS-MemberAnswer">Ms GILLARD</span></a> (<span class="HPS-Electorate">Lalor</span>—<span
              class="HPS-MinisterialTitles">Prime Minister</span>) (<span class="HPS-Time">14:09</span>): Back to our old favourite.</span></p>
            <p class="HPS-Normal"><span class="HPS-Normal">Mrs Bronwyn Bishop interjecting—</span></p>
            <p class="HPS-Normal"><span class="HPS-Normal">Ms GILLARD: The member for Mackellar is yelling out.</span></p>
          </body></talk.text>
        </answer>
      </subdebate.1>
    </debate>
  </chamber.xscript>
</hansard>
"""


def test_australian_hansard_of_the_2011_schema_paragraphs_in_talk_text():
    """The Parliament's later schema prints each turn's words as `<p>` in `<talk.text><body>`,
    the label with seat, office and time and a colon; the talker's index name is its full name."""
    doc = parse_document(AUSTRALIA_2011_SCHEMA)
    found = people(doc)
    assert list(found) == ["Tony Abbott", "Julia Gillard"]
    assert "Prime Minister" in found["Julia Gillard"]["titles"]
    assert said(doc, "Tony Abbott") == ["Speaker, I have a supplementary question."]
    assert said(doc, "Julia Gillard") == ["Back to our old favourite.", "The member for Mackellar is yelling out."]


# Akoma Ntoso 3.0 (OASIS LegalDocML), as parliaments publish debates in it: people and roles
# named in the references, a turn's printed `<from>` and its `by`/`as` references
AKOMA_NTOSO = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <debate name="hansard">
    <meta>
      <references source="#clerk">
        <TLCPerson eId="smith" href="/ontology/person/smith" showAs="Mr John Smith"/>
        <TLCPerson eId="osei" href="/ontology/person/osei" showAs="Ms Ama Osei"/>
        <TLCPerson eId="kamau" href="/ontology/person/kamau" showAs="Mr Peter Kamau"/>
        <TLCRole eId="speaker" href="/ontology/role/speaker" showAs="Speaker"/>
        <TLCRole eId="mwater" href="/ontology/role/mwater" showAs="Minister for Water"/>
      </references>
    </meta>
    <preface>
      <p class="heading">NATIONAL ASSEMBLY</p>
      <p>Tuesday, <docDate date="2024-03-12">12th March, 2024</docDate></p>
    </preface>
    <debateBody>
      <debateSection eId="dbsect_1">
        <heading>BOREHOLES IN ARID COUNTIES</heading>
        <scene>[Mr. Speaker in the Chair]</scene>
        <question eId="q1" by="#osei">
          <from>Ms. Osei</from>
          <p>asked the Minister for Water how many boreholes were drilled last year.</p>
        </question>
        <speech eId="s1" by="#smith" as="#speaker">
          <from>Mr. Speaker</from>
          <p>The Minister may answer.</p>
        </speech>
        <answer eId="a1" by="#kamau" as="#mwater">
          <from>Mr. Kamau</from>
          <p>Mr. Speaker, Sir, we drilled 412 boreholes in arid counties last year.</p>
          <p>Another 300 are planned this year.</p>
        </answer>
        <narrative>(Several hon. Members stood up in their places)</narrative>
      </debateSection>
    </debateBody>
  </debate>
</akomaNtoso>
"""


def test_akoma_ntoso_debate_turns_their_people_and_roles_from_the_references():
    doc = parse_document(AKOMA_NTOSO)
    assert doc.format == "akoma-ntoso-xml"
    assert (doc.title, doc.date) == ("NATIONAL ASSEMBLY", "2024-03-12")
    who = {s.who.speaker: s.who for s in doc.speeches if s.who.speaker}
    assert list(who) == ["Osei", "John Smith", "Kamau"]
    assert "Speaker" in who["John Smith"].roles  # `Mr. Speaker`, the person `by` refers to
    assert "Minister for Water" in who["Kamau"].titles
    said = {
        name: "".join(doc.text[a:b] for s in doc.speeches if s.who.speaker == name for a, b in s.paragraphs)
        for name in who
    }
    assert "412 boreholes" in said["Kamau"] and "300 are planned" in said["Kamau"]
    assert not any("Several hon. Members" in words for words in said.values())  # a narrative: nobody's


# an Akoma Ntoso record saved with no XML declaration, whose labels print an office for the
# chair and a form of address before the members' names (as the Oireachtas publishes them)
AKOMA_NTOSO_OFFICE_LABELS = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13">
  <debate name="Official Report">
    <meta>
      <references source="#debates">
        <TLCPerson eId="JohnBrady" href="/ie/member/John-Brady" showAs="John Brady"/>
        <TLCPerson eId="CathyBennett" href="/ie/member/Cathy-Bennett" showAs="Cathy Bennett"/>
        <TLCPerson eId="DamienEnglishFG" href="/ie/member/Damien-English" showAs="Damien English"/>
      </references>
    </meta>
    <debateBody>
      <debateSection eId="dbsect_1">
        <heading>Business of Committee</heading>
        <speech by="#JohnBrady" eId="spk_1"><from>An Cathaoirleach</from>
          <p>We are joined by the Comptroller and Auditor General as a permanent witness.</p></speech>
        <speech by="#" eId="spk_2"><from>Mr. Seamus McCarthy</from>
          <p>The accounts were certified in June.</p></speech>
        <speech by="#CathyBennett" eId="spk_3"><from>Deputy Cathy Bennett</from>
          <p>I propose that we write to the Department about the delay.</p></speech>
        <speech by="#DamienEnglishFG" eId="spk_4"><from>Minister of State at the Department of Education and Skills (Deputy Damien English)</from>
          <p>The pupil-teacher ratio is 27:1 this year.</p></speech>
      </debateSection>
    </debateBody>
  </debate>
</akomaNtoso>
"""


def test_akoma_ntoso_without_a_declaration_names_the_person_an_office_label_refers_to():
    doc = parse_document(AKOMA_NTOSO_OFFICE_LABELS)
    assert doc.format == "akoma-ntoso-xml"
    who = {s.who.speaker: s.who for s in doc.speeches if s.who.speaker}
    assert list(who) == ["John Brady", "Seamus McCarthy", "Cathy Bennett", "Damien English"]
    assert "An Cathaoirleach" in who["John Brady"].titles  # the office printed, the person referred to
    assert "Deputy" in who["Cathy Bennett"].titles
    assert "Minister of State at the Department of Education and Skills" in who["Damien English"].titles


# the Europarl corpus's text: SGML-like tags, values quoted or not, run into the words here
EUROPARL = """<CHAPTER ID=1> Resumption of the session <SPEAKER ID=1 NAME="President"> I declare resumed the session of the European Parliament. <P>Please rise, then, for this minute' s silence.<P>(The House rose and observed a minute' s silence)<SPEAKER ID=2 LANGUAGE="EN" NAME="Evans, Robert J">Madam President, on a point of order about Sri Lanka.<SPEAKER ID=3 NAME="President">Yes, Mr Evans, I shall do as you suggest.
<CHAPTER ID=2>
Agenda
<SPEAKER ID=4 LANGUAGE=EN NAME="Barón Crespo">
Madam President, the Socialist Group requests that the Commission statement be moved to Thursday.
"""


def test_europarl_corpus_text_turns_chapters_and_stage_notes():
    doc = parse_document(EUROPARL)
    assert doc.format == "europarl" and doc.title == "Resumption of the session"
    who = {s.who.speaker: s.who for s in doc.speeches if s.who.speaker}
    assert list(who) == ["President", "Evans, Robert J", "Barón Crespo"]
    assert "President" in who["President"].roles
    said = {
        n: " ".join(doc.text[a:b] for s in doc.speeches if s.who.speaker == n for a, b in s.paragraphs) for n in who
    }
    assert "minute' s silence." in said["President"] and "(The House rose" not in said["President"]
    assert "moved to Thursday" in said["Barón Crespo"]
    assert next(s.who.heading for s in doc.speeches if s.who.speaker == "Barón Crespo") == "Agenda"

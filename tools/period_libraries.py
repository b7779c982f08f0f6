"""Write the period wording of the two reconstructions as council libraries.

    .venv/bin/python tools/period_libraries.py          # write examples/*/library/
    .venv/bin/python tools/period_libraries.py --check  # fail if a written file is out of date

The default library is drafted for agreements made now (2026). The Luton 2013 and
Leicestershire 2019 reconstructions must cite the law and bodies of their own day (the
currency table, s75docs/data/currency.yaml, refuses anything else), so each has a council
library under examples/<name>/library/ whose files replace the default ones with the same
id. Each replacement is the default file with the period changes below applied, so when the
default library changes the libraries are rebuilt from it: every change names the text it
replaces, and this tool stops, naming every change whose text is no longer there (reword
the change, never drop it). A copy whose changes are all dropped from here is
deleted (a file that carries the note below and is no longer listed is stale).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

Change = tuple[str, str]

# ----------------------------------------------------------------- shared period wording
PCR_2006 = "the Public Contracts Regulations 2006"
PPCC_2013 = (
    "the National Health Service (Procurement, Patient Choice and Competition) (No. 2)"
    " Regulations 2013"
)
LGO = "Local Government Ombudsman"


# the duty to have regard to the wider effect of decisions (the "triple aim", section 13NA and
# 14Z43 of the 2006 Act) came with the Health and Care Act 2022
TRIPLE_AIM: Change = (
    ', promoting integration and having regard to the wider effect of {{ "its'
    ' decisions" if nhs_partners | length == 1 else "their decisions" }} on health and'
    " wellbeing, the quality of services and the sustainable use of resources.",
    " and promoting integration.",
)


# the default definition of *Procurement Rules*: its checking note, then its meaning
PROCUREMENT_NOTES = (
    "notes: >-\n"
    "  Checked 2026-11-30: the Health Care Services (Provider Selection Regime) Regulations 2023\n"
    "  (SI 2023/1348, in force 1 January 2024) apply to"
    ' "relevant authorities" (NHS England, ICBs,\n'
    "  NHS trusts and foundation trusts, local and combined"
    " authorities) procuring the health care\n"
    "  services listed by CPV code in the first Schedule to those Regulations;"
    " regulation 3 lets a mixed procurement be\n"
    "  made under them only where the main subject matter is"
    " in-scope health care services and the\n"
    "  authority considers the other goods or services could not reasonably be supplied under a\n"
    "  separate contract. Social care services are outside them"
    " and fall under the Procurement Act\n"
    "  2023 (in force 24 February 2025), which does not affect PSR processes.\n"
)
PROCUREMENT_MEANING = (
    "means the procurement law that applies to a contract a *Partner* awards: the Health Care"
    " Services (Provider Selection Regime) Regulations 2023 for the health care services"
    " within their scope, including a mixed procurement of health care services with other"
    " goods or services where regulation 3 of those Regulations allows it (the main subject"
    " matter is those health care services and the other goods or services could not"
    " reasonably be supplied under a separate contract); the Procurement Act 2023 and the"
    " regulations made under it for any other contract, including social care services and a"
    " mixed procurement that does not meet those conditions; and, in each case, the"
    " *Partner*'s own standing orders and financial rules;"
)


def _procurement(note: str, meaning: str) -> list[Change]:
    """The period's procurement law, with a note of where it was checked."""
    return [(PROCUREMENT_NOTES, f"notes: >-\n  {note}\n"), (PROCUREMENT_MEANING, meaning)]


def _ombudsman() -> list[Change]:
    return [("Local Government and Social Care Ombudsman", LGO)]


# ------------------------------------------------------------------- Luton (April 2013)
LUTON: dict[str, list[Change]] = {
    "clause_library/clauses/0300-general-principles.md": [
        (
            "the duties of the {{ term(council) }} under the Care Act 2014 to assess needs for"
            " care and support and to decide whether those needs meet the eligibility"
            " criteria;",
            "the duties of the {{ term(council) }} under section 47 of the National Health"
            " Service and Community Care Act 1990 to assess needs for community care services"
            " and to decide whether those needs call for the provision of services;",
        ),
    ],
    "clause_library/clauses/0650-integrated-provision.md": _ombudsman(),
    "clause_library/clauses/1200-audit-and-access.md": [
        (
            "audited with its own accounts under the Local Audit and Accountability Act 2014",
            "audited with its own accounts under the Audit Commission Act 1998",
        ),
        (
            "the auditors appointed under the Local Audit and Accountability Act 2014",
            "the auditors appointed by the Audit Commission under the Audit Commission Act 1998",
        ),
        (
            "NHS England, the Department of Health and Social Care and the Ministry of"
            " Housing, Communities and Local Government",
            "NHS England, the Department of Health and the Department for Communities and"
            " Local Government",
        ),
    ],
    "clause_library/clauses/1210-liabilities-insurance-indemnity.md": [
        ("a scheme of NHS Resolution", "a scheme of the NHS Litigation Authority"),
        ("run by NHS Resolution", "run by the NHS Litigation Authority"),
    ],
    "clause_library/clauses/1220-standards-of-conduct.md": [
        (
            ', and {{ "its duties" if councils | length == 1 else "their duties" }} under'
            " sections 1 and 3 of the Care Act 2014 to promote individual wellbeing and to"
            " integrate care and support with health services;",
            ', and {{ "its duty" if councils | length == 1 else "their duty" }} under section'
            " 82 of the *2006 Act* to co-operate with NHS bodies to secure and advance the"
            " health and welfare of the people of England;",
        ),
        TRIPLE_AIM,
        (", and of section 73 of the Care Act 2014 where it applies,", ""),
        (
            "meet its duties under the Care Act 2014, the Children Act 1989, section 11 of the"
            " Children Act 2004 and the Mental Capacity Act 2005, and follow the statutory"
            " guidance on safeguarding that applies to it;",
            "meet its duties under the Children Act 1989, section 11 of the Children Act 2004"
            " and the Mental Capacity Act 2005, and follow the guidance on safeguarding that"
            " applies to it, including No Secrets for adults at risk;",
        ),
        (
            "the local safeguarding children partnership",
            "the Local Safeguarding Children Board",
        ),
        (
            "slavery and human trafficking, within the meaning of the Modern Slavery Act 2015,"
            " do not take place",
            "slavery, servitude, forced or compulsory labour and human trafficking (as"
            " section 71 of the Coroners and Justice Act 2009 and the trafficking offences in"
            " the Sexual Offences Act 2003 and the Asylum and Immigration (Treatment of"
            " Claimants, etc.) Act 2004 describe them) do not take place",
        ),
    ],
    "clause_library/clauses/1230-conflicts-of-interest.md": [
        (
            "NHS England's guidance on managing conflicts of interest in the NHS.",
            "NHS England's guidance on managing conflicts of interest for clinical"
            " commissioning groups.",
        ),
        (
            "the counter-fraud requirements of the NHS Counter Fraud Authority and of the"
            ' Government Functional Standard for counter fraud that {{ "applies to it" if'
            ' nhs_partners | length == 1 else "apply to them" }}',
            'the counter-fraud requirements of NHS Protect that {{ "apply to it" if'
            ' nhs_partners | length == 1 else "apply to them" }}',
        ),
        ("the NHS Counter Fraud Authority or the police", "NHS Protect or the police"),
    ],
    "clause_library/clauses/1320-complaints.md": _ombudsman(),
    "clause_library/clauses/1520-confidentiality.md": [
        (
            "the auditors appointed under the Local Audit and Accountability Act 2014",
            "the auditors appointed by the Audit Commission under the Audit Commission Act 1998",
        ),
        ("the Department of Health and Social Care", "the Department of Health"),
        *_ombudsman(),
        ("*Special Category Data*", "*Sensitive Personal Data*"),
    ],
    "clause_library/clauses/1540-ombudsmen.md": _ombudsman(),
    "clause_library/clauses/1600-data-protection.md": [
        (
            "and their arrangement under Article 26 of the *UK GDPR* in"
            " [[processing-roles-joint]];",
            "and their respective responsibilities in [[processing-roles-joint]];",
        ),
        (
            "where *Partner*s jointly decide the purposes and means of other processing for an"
            " *Individual Scheme*, they are joint *Controller*s of that processing on the same"
            " terms,",
            "where *Partner*s together decide the purposes for which and the manner in which"
            " other *Personal Data* is processed for an *Individual Scheme*, they are"
            " *Controller*s of it jointly or in common on the same terms,",
        ),
        (
            "under a written contract that meets Article 28 of the *UK GDPR*.",
            "under a written contract that meets the seventh data protection principle in"
            " Schedule 1 to the Data Protection Act 1998.",
        ),
        ("*Special Category Data*", "*Sensitive Personal Data*"),
        ("the Data Security and Protection Toolkit", "the Information Governance Toolkit"),
        (
            "meet their duties under sections 251A and 251B of the Health and Social Care Act"
            " 2012, including using the NHS number as the consistent identifier where it is"
            " lawful to do so.",
            "use the NHS number as the consistent identifier where it is lawful to do so.",
        ),
        (
            "will co-operate on any notification to the Information Commissioner under"
            " Article 33 of the *UK GDPR*, and on any communication to the people affected"
            " under Article 34.",
            "will co-operate on any report to the Information Commissioner that the"
            " Commissioner's guidance on data security breaches calls for, and on telling the"
            " people affected where that is appropriate.",
        ),
    ],
    "clause_library/clauses/1840-assignment-and-sub-contracting.md": [
        (
            "the merger or abolition of an integrated care board",
            "the merger or abolition of a clinical commissioning group",
        ),
    ],
    "clause_library/definitions/confidential-information.md": [
        ("*Special Category Data*", "*Sensitive Personal Data*"),
    ],
    "clause_library/definitions/procurement-rules.md": _procurement(
        "Period wording for an agreement made in April 2013: the Public Contracts Regulations"
        " 2006 (replaced from 26 February 2015) and the NHS (Procurement, Patient Choice and"
        " Competition) (No. 2) Regulations 2013 (SI 2013/500, in force 1 April 2013), as"
        " s75docs/data/currency.yaml records them.",
        f"means the procurement law that applies to a contract a *Partner* awards: {PCR_2006}"
        " for any contract within their scope and, for health care services that an NHS body"
        f" commissions, {PPCC_2013} as well; and, in each case, the *Partner*'s own standing"
        " orders and financial rules;",
    ),
    "clause_library/definitions/controller.md": [
        (
            "has the meaning given in Article 4(7) of the *UK GDPR*;",
            "means a data controller within the meaning of section 1(1) of the Data"
            " Protection Act 1998;",
        ),
    ],
    "clause_library/definitions/processor.md": [
        (
            "has the meaning given in Article 4(8) of the *UK GDPR*;",
            "means a data processor within the meaning of section 1(1) of the Data Protection"
            " Act 1998;",
        ),
    ],
    "clause_library/definitions/personal-data.md": [
        (
            "has the meaning given in Article 4(1) of the *UK GDPR*;",
            "has the meaning given in section 1(1) of the Data Protection Act 1998;",
        ),
    ],
    "clause_library/definitions/personal-data-breach.md": [
        (
            "has the meaning given in Article 4(12) of the *UK GDPR*;",
            "means a breach of security that leads to the accidental or unlawful"
            " destruction, loss or alteration of, or unauthorised disclosure of or access"
            " to, *Personal Data*;",
        ),
    ],
    "clause_library/definitions/special-category-data.md": [
        ("term: Special Category Data", "term: Sensitive Personal Data"),
        (
            "means the special categories of personal data described in Article 9(1) of the"
            " *UK GDPR*;",
            "has the meaning given in section 2 of the Data Protection Act 1998;",
        ),
    ],
    "clause_library/definitions/data-protection-legislation.md": [
        (
            "means the *UK GDPR*, the Data Protection Act 2018 and any other *Law* about the"
            " processing of personal data or privacy;",
            "means the Data Protection Act 1998, the Privacy and Electronic Communications"
            " (EC Directive) Regulations 2003 and any other *Law* about the processing of"
            " personal data or privacy;",
        ),
    ],
    "clause_library/definitions/uk-gdpr.md": [
        ("term: UK GDPR\n", 'term: UK GDPR\nwhen: "false"\n'),
        (
            "has the meaning given in section 3(10) of the Data Protection Act 2018;",
            "is not used in an agreement made in 2013;",
        ),
    ],
    "clause_library/definitions/law.md": [
        (
            "any subordinate legislation and any assimilated law that applies in England;",
            "any subordinate legislation and any directly applicable law of the European"
            " Union that applies in England;",
        ),
    ],
    "clause_library/definitions/national-guidance.md": [
        ("the Department of Health and Social Care", "the Department of Health"),
    ],
    "schedule_templates/0600-blank-scheme-specification.md": [
        (
            "sections 2, 4 and 20 of the Care Act 2014 or Part 3 of the Children Act 1989.",
            "section 47 of the National Health Service and Community Care Act 1990 or Part 3 of"
            " the Children Act 1989.",
        ),
        (
            "(NHS Resolution's schemes do not cover a local authority)",
            "(the schemes run by the NHS Litigation Authority do not cover a local authority)",
        ),
    ],
    "schedule_templates/0500-data-processing.md": [
        (
            "including those that Article 28(3) of the *UK GDPR* requires where a *Partner*"
            " acts as a *Processor* for another.",
            "including the terms on which a *Partner* processes *Personal Data* for another"
            " as its *Processor*, which the seventh data protection principle in Schedule 1"
            " to the Data Protection Act 1998 requires to be in writing.",
        ),
        ("*Special Category Data*", "*Sensitive Personal Data*"),
        (
            "and only as Article 10 of the *UK GDPR* and the Data Protection Act 2018 allow.",
            "and only as Schedule 3 to the Data Protection Act 1998 allows.",
        ),
        (
            "For all processing of which *Partner*s are joint *Controller*s,"
            " [[processing-roles-joint|this]] is their arrangement under Article 26 of the *UK"
            " GDPR*:",
            "For all processing of which *Partner*s are *Controller*s jointly or in common,"
            " [[processing-roles-joint|this]] sets out how they share their responsibilities"
            " under the Data Protection Act 1998:",
        ),
        (
            "each joint *Controller* gives individuals the information that Articles 13 and 14"
            " of the *UK GDPR* require for the *Personal Data* it collects, and its privacy"
            " notice describes the essence of [[processing-roles-joint|this]], as Article 26(2)"
            " requires;",
            "each joint *Controller* gives individuals the information that the first data"
            " protection principle and paragraph 2 of Part II of Schedule 1 to the Data"
            " Protection Act 1998 call for about the *Personal Data* it collects, and its"
            " privacy notice explains that the *Partner*s share that data and which of them is"
            " the contact point;",
        ),
        (
            "carry out together any data protection impact assessment that"
            " [[processing-dsa-dpia]] requires",
            "carry out together any privacy impact assessment that [[processing-dsa-dpia]]"
            " calls for",
        ),
        (
            "are the contract that Article 28 of the *UK GDPR* requires,",
            "are the written contract that the seventh data protection principle requires,",
        ),
        (
            "take the measures that Article 32 of the *UK GDPR* requires,",
            "take the measures that the seventh data protection principle requires,",
        ),
        (
            "to meet its duties under Articles 32 to 36 of the *UK GDPR*;",
            "to meet its duties under the Data Protection Act 1998;",
        ),
        ("outside the United Kingdom", "outside the European Economic Area"),
        ("the Data Security and Protection Toolkit", "the Information Governance Toolkit"),
        (
            "the Records Management Code of Practice published by NHS England, or any code"
            " that replaces it.",
            "Records Management: NHS Code of Practice published by the Department of Health,"
            " or any code that replaces it.",
        ),
        (
            "will carry out a data protection impact assessment under Article 35 of the *UK"
            " GDPR*, and will consult their data protection officers.",
            "will carry out a privacy impact assessment, following the Information"
            " Commissioner's guidance, and will consult their Caldicott Guardians and"
            " information governance leads.",
        ),
        (
            "The *Partner*s process *Personal Data* under Article 6(1)(e) of the *UK GDPR*,"
            " because the processing is necessary to perform their tasks in the public"
            " interest and to exercise their official authority, under the *2006 Act*, the"
            " Care Act 2014 and the other enactments under which the *Services* are provided."
            " Where a *Partner* must process *Personal Data* to comply with a legal"
            " obligation, such as an audit or a statutory return, it does so under Article"
            " 6(1)(c).",
            "The *Partner*s process *Personal Data* under the condition in paragraph 5 of"
            " Schedule 2 to the Data Protection Act 1998, because the processing is necessary"
            " to exercise their functions under the *2006 Act*, the National Health Service"
            " and Community Care Act 1990 and the other enactments under which the *Services*"
            " are provided. Where a *Partner* must process *Personal Data* to comply with a"
            " legal obligation, such as an audit or a statutory return, it does so under"
            " paragraph 3 of Schedule 2 to the Data Protection Act 1998.",
        ),
        (
            "under Article 9(2)(h) of the *UK GDPR*, for the provision of health or social care"
            " and the management of health or social care systems and services, meeting the"
            " condition in paragraph 2 of Schedule 1 to the Data Protection Act 2018. The data"
            " is processed by or under the responsibility of a professional, or another"
            " person, who owes a duty of confidentiality, as section 11(1) of the Data"
            " Protection Act 2018 requires.",
            "under the condition in paragraph 8 of Schedule 3 to the Data Protection Act 1998:"
            " the processing is necessary for medical purposes, which include the provision"
            " of care and treatment and the management of healthcare services, and is"
            " undertaken by a health professional or by a person who owes an equivalent duty"
            " of confidentiality. Where the processing is necessary to exercise a function"
            " conferred by an enactment, the condition in paragraph 7 of Schedule 3 to the"
            " Data Protection Act 1998 also applies.",
        ),
        (
            "may rely on Article 9(2)(g) of the *UK GDPR* and the condition in paragraph 18 of"
            " Schedule 1 to the Data Protection Act 2018, and will keep any appropriate policy"
            " document that Schedule 1 to the Data Protection Act 2018 requires.",
            "may rely on the condition in paragraph 7 of Schedule 3 to the Data Protection Act"
            " 1998 or, where an individual's vital interests are at stake, paragraph 3 of"
            " Schedule 3 to the Data Protection Act 1998, and will record each decision to"
            " share and the reason for it.",
        ),
    ],
}

# --------------------------------------------------------- Leicestershire (December 2019)
GDPR_TERM = ("*UK GDPR*", "*GDPR*")
LEICESTERSHIRE: dict[str, list[Change]] = {
    "clause_library/clauses/1220-standards-of-conduct.md": [TRIPLE_AIM],
    "clause_library/clauses/1600-data-protection.md": [GDPR_TERM],
    "clause_library/clauses/1840-assignment-and-sub-contracting.md": [
        (
            "the merger or abolition of an integrated care board",
            "the merger or abolition of a clinical commissioning group",
        ),
    ],
    "clause_library/definitions/procurement-rules.md": _procurement(
        "Period wording for an agreement made in December 2019: the Public Contracts"
        " Regulations 2015 (SI 2015/102, in force 26 February 2015, replaced by the"
        " Procurement Act 2023 from 24 February 2025) and the NHS (Procurement, Patient Choice"
        " and Competition) (No. 2) Regulations 2013 (replaced by the Provider Selection Regime"
        " from 1 January 2024), as s75docs/data/currency.yaml records them.",
        "means the procurement law that applies to a contract a *Partner* awards: the Public"
        " Contracts Regulations 2015, including their light-touch regime for health, social and"
        " related services, for any contract within their scope and, for health care services"
        f" that an NHS body commissions, {PPCC_2013} as well; and, in each case, the *Partner*'s"
        " own standing orders and financial rules;",
    ),
    "clause_library/definitions/controller.md": [GDPR_TERM],
    "clause_library/definitions/processor.md": [GDPR_TERM],
    "clause_library/definitions/personal-data.md": [GDPR_TERM],
    "clause_library/definitions/personal-data-breach.md": [GDPR_TERM],
    "clause_library/definitions/special-category-data.md": [GDPR_TERM],
    "clause_library/definitions/data-protection-legislation.md": [GDPR_TERM],
    "clause_library/definitions/uk-gdpr.md": [
        ("term: UK GDPR", "term: GDPR"),
        (
            "has the meaning given in section 3(10) of the Data Protection Act 2018;",
            "means Regulation (EU) 2016/679 of the European Parliament and of the Council on"
            " the protection of natural persons with regard to the processing of personal"
            " data and on the free movement of such data (the General Data Protection"
            " Regulation);",
        ),
    ],
    "clause_library/definitions/law.md": [
        (
            "any subordinate legislation and any assimilated law that applies in England;",
            "any subordinate legislation and any directly applicable law of the European"
            " Union that applies in England;",
        ),
    ],
    "schedule_templates/0500-data-processing.md": [
        GDPR_TERM,
        ("outside the United Kingdom", "outside the European Economic Area"),
        # the code in force in 2019 was the Information Governance Alliance's of July 2016
        # (digital.nhs.uk, "Records Management Code of Practice for Health and Social Care
        # 2016"); NHSX published the next one in 2021
        (
            "the Records Management Code of Practice published by NHS England, or any code"
            " that replaces it.",
            "the Records Management Code of Practice for Health and Social Care 2016"
            " published by the Information Governance Alliance, or any code that replaces it.",
        ),
    ],
}

EXAMPLES = {"luton-2013": LUTON, "leicestershire-bcf-2019": LEICESTERSHIRE}
NOTE = (
    "{## Period wording for {example}: the default file with the changes in"
    " tools/period_libraries.py. Do not edit by hand: change that tool and rerun it. ##}\n"
)


def render(example: str, source: str, changes: list[Change], missing: list[str]) -> str:
    """The period copy of a default file; each change whose text is gone goes to `missing`."""
    text = (REPO / source).read_text(encoding="utf-8")
    for old, new in changes:
        if old not in text:
            missing.append(f"{source}: no longer contains {old[:70]!r} (for {example})")
        text = text.replace(old, new)
    head, sep, body = text.partition("\n---\n")
    return head + sep + NOTE.replace("{example}", example) + body


def target(example: str, source: str) -> Path:
    folder, rest = source.split("/", 1)
    part = "schedules" if folder == "schedule_templates" else ""
    return REPO / "examples" / example / "library" / (f"{part}/{rest}" if part else rest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    stale: list[str] = []
    missing: list[str] = []
    rendered = {
        target(example, source): render(example, source, changes, missing)
        for example, files in EXAMPLES.items()
        for source, changes in files.items()
    }
    if missing:  # every change to reword, not just the first; nothing is written
        raise SystemExit("\n".join(missing))
    marker = NOTE.split("{example}")[0]
    for example in EXAMPLES:  # a copy this tool wrote once but no longer lists
        for path in sorted((REPO / "examples" / example / "library").rglob("*.md")):
            if path not in rendered and marker in path.read_text(encoding="utf-8"):
                stale.append(str(path.relative_to(REPO)))
                if not args.check:
                    path.unlink()
    for path, text in rendered.items():
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(REPO)))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if not args.check:
        for name in stale:
            print(f"deleted: {name} (no longer a period copy)", file=sys.stderr)
        return 0
    for name in stale:
        print(f"out of date: {name} (run tools/period_libraries.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

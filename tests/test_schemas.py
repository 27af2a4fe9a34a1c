"""Real outputs validate against the JSON Schemas in disclosure/schemas."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import SAMPLE_PDF, SEED_TEXT, corpus_file, corpus_pdfs, extracted
from decimal import Decimal

from disclosure.emit import csvout, findingsout, jsonout, ledgerout, proseout
from disclosure.checks import RULE_IDS
from disclosure.schemas import load
from disclosure.normalize.units import FACTORS
from schema_check import validate


def _validate_csv(text: str, schema: dict):
    reader = csv.DictReader(io.StringIO(text))
    columns = schema["x-columns"]
    if columns[-1] == "...":  # a table CSV: fixed leading columns, then one per printed column
        assert reader.fieldnames[: len(columns) - 1] == columns[:-1]
    else:
        assert reader.fieldnames == columns
    n = 0
    for row in reader:
        validate(row, schema)
        n += 1
    return n


def _check(doc):
    validate(json.loads(jsonout.dumps(doc)), load("document.schema"))
    n = _validate_csv(csvout.line_items(doc), load("line_items.schema"))
    _validate_csv(csvout.paragraphs(doc), load("paragraphs.schema"))
    validate(json.loads(findingsout.dumps(doc, Decimal(1))), load("findings.schema"))
    assert _validate_csv(findingsout.to_csv(doc), load("findings_csv.schema")) == len(doc.findings)
    assert _validate_csv(ledgerout.to_csv(doc), load("ledger_csv.schema")) == len(doc.ledger) == len(RULE_IDS)
    assert _validate_csv(proseout.facts(doc), load("facts.schema")) == len(doc.facts)
    assert _validate_csv(proseout.projects(doc), load("projects.schema")) == len(doc.projects)
    _validate_csv(proseout.project_costs(doc), load("project_costs.schema"))
    assert _validate_csv(proseout.targets(doc), load("performance_targets.schema")) == len(doc.indicators)
    for t in doc.tables:
        _validate_csv(csvout.table_as_printed(t), load("table.schema"))
    return n


def test_seed_outputs_validate():
    # printed amounts counted on the seed: 表一 8, 表四 13, 表六 51
    assert _check(extracted(str(SEED_TEXT))) == 72
    assert _check(extracted(str(SAMPLE_PDF))) == 72


def test_schema_versions():
    # changed deliberately, with its version: 1.1.0 adds the chart match (issue #3)
    # 1.2.0 adds the findings of the checks (issue #4)
    # 1.3.0 adds facts, projects and performance targets (issue #5)
    # document 1.4.0 / line_items 1.2.0: page method and OCR confidence; findings 1.1.0: ocr rules (issue #7)
    # document 1.5.0 / line_items 1.3.0: match unlisted, classification government_economic; chart 2.0.0 (issue #14)
    # document 2.0.0 / line_items 2.0.0: basis, table types 2.0, attributes, verification; findings 1.2.0:
    # reading.unverified (issue #12)
    # document 2.1.0 / findings 1.3.0 / ledger_csv 1.0.0: the audit ledger; facts 1.1.0: link, basis; findings_csv 1.3.0:
    # the reviewer-level rules (issue #13)
    # document 2.2.0: source.format gains pagetext, xlsx, xls, docx, doc, html (issue #16)
    # line_items 2.1.0: value_yuan at one scale, two decimals at least; document 2.3.0: settings (issue #18)
    # document 2.4.0: verification.tested, every identity tested with its cells by reference (issue #17)
    # document 2.5.0 / line_items 2.2.0 / measures 2.1.0: measure count, values' unit the counted unit (issues #12, #16)
    # measures 2.1.1: a leaf 购置费 under 公务用车购置及运行费 is vehicle_purchase (issue #16); 2.1.2: a
    # fee word's wrapped tail (公务接 / 待费) names the measure of the level above joined with it (#12)
    # document 2.6.0 / findings 1.4.0 / findings_csv 1.4.0: findings' unit (issue #13's evidence: 万元 or 元?)
    # ledger_csv 1.1.0 (and the 2.6.0 / 1.4.0 above): rule form.not_a_disclosure
    # measures 2.1.3: a 三公 table printed a row per item gives each row its item's measure
    # document 2.10.0 / line_items 2.4.0: unit % for a percentage (a 增减% column's figures: no money)
    # document 2.10.0 / findings 1.6.0 / findings_csv 1.6.0 / ledger_csv 1.3.0: rule form.empty_note_contradicted
    # measures 2.1.4: a column naming an earlier year is prior_year; a fact's basis defaults to the document's own
    # measures 2.1.5: 公务用车购置和运行维护费 and a bare 公务用车费 are the vehicle group (vehicle_total)
    # document 2.11.0 / findings 1.7.0 / findings_csv 1.7.0 / ledger_csv 1.4.0: rule table.one_misprint
    # document 2.7.0 / findings 1.5.0 / findings_csv 1.5.0 / ledger_csv 1.2.0: rule reading.text_set_aside (issue #12)
    # document 2.8.0 / line_items 2.3.0: table types 2.1, five more standard tables of other provinces (issue #12)
    versions = {"facts.schema": "1.1.0", "projects.schema": "1.0.0", "project_costs.schema": "1.0.0",
                "performance_targets.schema": "1.0.0", "document.schema": "2.11.0", "line_items.schema": "2.4.0",
                "measures": "2.1.5",
                "paragraphs.schema": "1.0.0", "table.schema": "1.0.0", "chart.schema": "2.0.0",
                "findings.schema": "1.7.0", "findings_csv.schema": "1.7.0", "ledger_csv.schema": "1.4.0"}
    for name, version in versions.items():
        assert load(name)["version"] == version
    assert load("document.schema")["properties"]["schema_version"]["const"] == jsonout.SCHEMA_VERSION
    assert load("findings.schema")["properties"]["schema_version"]["const"] == findingsout.SCHEMA_VERSION


def test_schema_rule_enums_are_the_rules_the_runner_runs():
    """Every schema naming a rule names exactly the rules of checks.RULES (and ocr_doubt's)."""
    assert sorted(load("document.schema")["$defs"]["finding"]["properties"]["rule"]["enum"]) == RULE_IDS
    assert sorted(load("document.schema")["$defs"]["ledger_entry"]["properties"]["rule"]["enum"]) == RULE_IDS
    assert sorted(load("findings.schema")["$defs"]["finding"]["properties"]["rule"]["enum"]) == RULE_IDS
    assert sorted(load("findings_csv.schema")["properties"]["rule"]["enum"]) == RULE_IDS
    assert sorted(load("ledger_csv.schema")["properties"]["rule"]["enum"]) == RULE_IDS


def test_schema_vocabularies_are_the_data_files():
    """The enums of the output schemas are the vocabularies of table_types.json and measures.json."""
    types = sorted(load("table_types")["types"])
    measures = sorted(load("measures")["measures"])
    bases = sorted(load("measures")["bases"])
    doc = load("document.schema")
    assert sorted(doc["$defs"]["table"]["properties"]["type"]["enum"]) == types
    assert sorted(doc["$defs"]["value"]["properties"]["measure"]["enum"]) == measures
    assert sorted(doc["$defs"]["value"]["properties"]["basis"]["enum"]) == bases
    items = load("line_items.schema")["properties"]
    assert sorted(items["table_type"]["enum"]) == types and sorted(items["measure"]["enum"]) == measures
    assert sorted(items["basis"]["enum"]) == bases
    # a unit is the table's 单位 (money), a count's counted unit (measures.json counts) or % (a percentage)
    units = sorted(["", "%"] + list(FACTORS) + load("measures")["counts"]["units"])
    assert sorted(items["unit"]["enum"]) == units
    assert sorted(doc["$defs"]["value"]["properties"]["unit"]["enum"]) == units


def test_budget_funds_name_table_types():
    """Every fund of schemas/budget_funds.json whose tables the checks compare with names the prefix of
    table types that exist (narrative.amount_vs_table takes a fund's tables by it)."""
    types = load("table_types")["types"]
    funds = load("budget_funds")["funds"]
    assert [f["name"] for f in funds] == ["一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算"]
    for f in funds:
        assert f["said"] in f["name"]
        assert f["tables"] is None or any(t.startswith(f["tables"] + "_") for t in types), f


@pytest.mark.corpus
@pytest.mark.parametrize("name", corpus_pdfs() or ["jiangsu-renda-2019-budget.pdf"])
def test_corpus_outputs_validate(name):
    doc = extracted(str(corpus_file(name)))
    _check(doc)


def test_the_row_validator_still_refuses():
    """schema_check.validate (the schema checked once, not once a row) refuses what jsonschema.validate
    refuses: a row against its schema, and a schema that breaks the metaschema."""
    import jsonschema

    schema = load("ledger_csv.schema")
    row = next(csv.DictReader(io.StringIO(ledgerout.to_csv(extracted(str(SEED_TEXT))))))
    validate(row, schema)
    with pytest.raises(jsonschema.ValidationError):
        validate({**row, "state": "passed"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**row, "state": "passed"}, schema)
    with pytest.raises(jsonschema.SchemaError):
        validate({}, {"type": "no such type"})


def test_facts_csv_amounts_in_yuan_at_line_items_scale(tmp_path):
    # 413.5万元 is 4135000.00 in facts.csv as in line_items.csv (it printed 4135000.0; found by a new-user trial)
    from disclosure.pipeline import extract as run

    path = tmp_path / "scale-2021-budget.txt"
    path.write_text("某单位2021年部门预算\n一、说明\n2021年收入预算413.5万元，比上年增加12.25万元。\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(proseout.facts(run(path)))))
    level = next(r for r in rows if r["printed"] == "413.5万元")
    assert level["value_yuan"] == "4135000.00" and level["value"] == "413.5"
    assert level["change_amount_yuan"] == "122500.00"

import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from studio import atomic, files
from studio.cli import check_cmd
from tests.cli.helpers import REPO, copy_sample, rule_studio

JSON_KEYS = {"file", "line", "column", "end_line", "end_column", "severity", "code", "message", "suggestion",
             "witness"}


def test_sample_project_checks_clean_of_errors_and_warnings():
    result = rule_studio("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " error " not in result.stdout and " warning " not in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 errors, 0 warnings")


def test_a_fresh_start_on_the_sample_shows_no_problem_at_all():
    # the sample's conversation tests talk about every brand of its knowledge: no I410 greets a new analyst
    result = rule_studio("check")
    assert result.stdout.strip().splitlines() == ["0 errors, 0 warnings, 0 info"], result.stdout


def test_typo_reported_as_file_line_col_with_suggestion_and_exit_1(tmp_path):
    project = copy_sample(tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8") + '\nRULE typo WHEN ALWAYS THEN ADD_TO_CHAIN brand "华维"\n',
                     encoding="utf-8")
    result = rule_studio("check", str(project))
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if " E200 " in l)
    n = len(rules.read_text(encoding="utf-8").splitlines())
    assert line.startswith(f"rules/ecommerce.dsl:{n}:")
    assert "error E200" in line and "华为" in line


def test_json_output_has_exactly_the_spec_keys(tmp_path):
    project = copy_sample(tmp_path)
    (project / "rules" / "extra.dsl").write_text('RULE x WHEN INTENT_IS nope THEN RESPOND "a"\n', encoding="utf-8")
    result = rule_studio("check", str(project), "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert items and all(set(item) == JSON_KEYS for item in items)
    e110 = next(item for item in items if item["code"] == "E110")
    assert (e110["file"], e110["line"], e110["column"], e110["severity"]) == ("rules/extra.dsl", 1, 23, "error")


def test_fix_applies_suggestions_atomically_and_reports_them(tmp_path):
    project = copy_sample(tmp_path)
    extra = project / "rules" / "extra.dsl"
    extra.write_text('RULE x WHEN CONTEXT_EQ current_brand "华维" THEN RESPONDD "a"\n', encoding="utf-8")
    result = rule_studio("check", str(project), "--fix")
    assert extra.read_text(encoding="utf-8") == 'RULE x WHEN CONTEXT_EQ current_brand "华为" THEN RESPOND "a"\n'
    assert "'华维' -> '华为'" in result.stderr and "'RESPONDD' -> 'RESPOND'" in result.stderr
    assert result.returncode == 0
    assert not [p for p in extra.parent.iterdir() if p.name.startswith(".")]   # no temp file left


def test_missing_project_is_exit_2():
    result = rule_studio("check", "/no/such/project")
    assert result.returncode == 2 and "no such project folder" in result.stderr


def test_malformed_dsl_and_knowledge_never_give_a_traceback(tmp_path):
    project = copy_sample(tmp_path)
    (project / "rules" / "ecommerce.dsl").write_text('RULE "unclosed\nWHEN (( THEN\n\x00\n', encoding="utf-8")
    (project / "knowledge" / "products.json").write_text('{"categories": {"手机": [1,,]}}', encoding="utf-8")
    result = rule_studio("check", str(project))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "knowledge/products.json:1:" in result.stdout and "rules/ecommerce.dsl:1:" in result.stdout


# --- `--fix` writes every file or none -------------------------------------------------------------

FIXABLE = 'RULE {name} WHEN CONTEXT_EQ current_brand "华维" THEN RESPONDD "a"\n'
FIXED = 'RULE {name} WHEN CONTEXT_EQ current_brand "华为" THEN RESPOND "a"\n'


def two_fixable_files(tmp_path):
    project = copy_sample(tmp_path)
    a, b = project / "rules" / "a.dsl", project / "rules" / "b.dsl"
    a.write_text(FIXABLE.format(name="ra"), encoding="utf-8")
    b.write_text(FIXABLE.format(name="rb"), encoding="utf-8")
    return project, a, b


def check_fix(project):
    out, err = io.StringIO(), io.StringIO()
    code = check_cmd.run(str(project), "text", True, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def temporaries(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_fix_changes_no_file_when_the_second_rename_fails(tmp_path, monkeypatch):
    project, a, b = two_fixable_files(tmp_path)
    real_rename = atomic._rename

    def rename(source, target):
        if Path(target).name == "b.dsl":
            raise OSError(errno.EROFS, "Read-only file system")
        real_rename(source, target)
    monkeypatch.setattr(atomic, "_rename", rename)
    code, _, err = check_fix(project)
    assert code == 2
    assert "rules/b.dsl" in err and "Read-only file system" in err and "no file changed" in err
    assert "fixed" not in err and "Traceback" not in err
    assert a.read_text(encoding="utf-8") == FIXABLE.format(name="ra")   # put back after its rename
    assert b.read_text(encoding="utf-8") == FIXABLE.format(name="rb")
    assert temporaries(a.parent) == []


def test_fix_says_which_files_keep_their_fixes_when_they_cannot_be_put_back(tmp_path, monkeypatch):
    project, a, b = two_fixable_files(tmp_path)
    real_rename = atomic._rename

    def rename(source, target):
        if Path(target).name == "b.dsl" or a.read_text(encoding="utf-8") != FIXABLE.format(name="ra"):
            raise OSError(errno.EIO, "Input/output error")  # b cannot be replaced, a cannot be put back
        real_rename(source, target)
    monkeypatch.setattr(atomic, "_rename", rename)
    code, _, err = check_fix(project)
    assert code == 2 and "could not put back" in err and "a.dsl" in err and "no file changed" not in err


def test_fix_on_a_full_disk_changes_no_file(tmp_path, monkeypatch):
    project, a, b = two_fixable_files(tmp_path)
    real_write = atomic._write_data
    written = []

    def write(stream, data):
        written.append(data)
        if len(written) == 2:   # the second file's temporary: the disk fills up half-way
            stream.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(stream, data)
    monkeypatch.setattr(atomic, "_write_data", write)
    code, _, err = check_fix(project)
    assert code == 2 and "No space left on device" in err and "fixed" not in err
    assert a.read_text(encoding="utf-8") == FIXABLE.format(name="ra")
    assert b.read_text(encoding="utf-8") == FIXABLE.format(name="rb")
    assert temporaries(a.parent) == []


def test_fix_changes_no_file_when_a_rule_file_became_a_folder(tmp_path, monkeypatch):
    project, a, b = two_fixable_files(tmp_path)
    real_apply = check_cmd.apply_fixes

    def apply_then_replace_b_by_a_folder(text, fixes):
        if b.is_file():
            b.unlink()
            b.mkdir()
        return real_apply(text, fixes)
    monkeypatch.setattr(check_cmd, "apply_fixes", apply_then_replace_b_by_a_folder)
    code, _, err = check_fix(project)
    assert code == 2 and "rules/b.dsl" in err and "Traceback" not in err and "fixed" not in err
    assert a.read_text(encoding="utf-8") == FIXABLE.format(name="ra")
    assert b.is_dir() and temporaries(a.parent) == []


def test_fix_does_not_overwrite_a_save_made_after_it_read_the_file(tmp_path, monkeypatch):
    project, a, b = two_fixable_files(tmp_path)
    real_apply = check_cmd.apply_fixes
    saved = 'RULE rb WHEN ALWAYS THEN RESPOND "saved by the editor"\n'

    def apply_while_the_editor_saves_b(text, fixes):
        result = real_apply(text, fixes)
        b.write_text(saved, encoding="utf-8")
        return result
    monkeypatch.setattr(check_cmd, "apply_fixes", apply_while_the_editor_saves_b)
    code, _, err = check_fix(project)
    assert code == 2
    assert "rules/b.dsl" in err and "changed since it was read" in err and "fixed" not in err
    assert b.read_text(encoding="utf-8") == saved
    assert a.read_text(encoding="utf-8") == FIXABLE.format(name="ra")


def test_fix_prints_fixed_lines_only_once_every_file_is_written(tmp_path):
    project, a, b = two_fixable_files(tmp_path)
    code, _, err = check_fix(project)
    assert code == 0, err
    assert a.read_text(encoding="utf-8") == FIXED.format(name="ra")
    assert b.read_text(encoding="utf-8") == FIXED.format(name="rb")
    assert err.count("fixed rules/") == 4 and "applied 4 fixes" in err


def test_fix_keeps_crlf_line_endings_and_the_byte_order_mark(tmp_path):
    project = copy_sample(tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    lines = rules.read_text(encoding="utf-8").splitlines() + [FIXABLE.format(name="typo").strip(), "# end"]
    rules.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    code, _, err = check_fix(project)
    assert code == 0, err
    data = rules.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    assert data.count(b"\r\n") == len(lines) and data.count(b"\n") == len(lines)
    assert FIXED.format(name="typo").strip().encode("utf-8") + b"\r\n# end\r\n" in data


def test_fix_writes_through_a_link_to_a_rule_file_inside_the_project(tmp_path):
    project = copy_sample(tmp_path)
    (project / "shared").mkdir()
    target = project / "shared" / "common.dsl"
    target.write_text(FIXABLE.format(name="shared"), encoding="utf-8")
    link = project / "rules" / "common.dsl"
    link.symlink_to(Path("..") / "shared" / "common.dsl")
    code, _, err = check_fix(project)
    assert code == 0, err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FIXED.format(name="shared")


def test_fix_refuses_rule_files_outside_the_project(tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(REPO / "rules", outside)
    (outside / "extra.dsl").write_text(FIXABLE.format(name="outside"), encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    for folder in ("knowledge", "conversations"):
        shutil.copytree(REPO / folder, project / folder)
    (project / "rules").symlink_to(outside)
    code, _, err = check_fix(project)
    assert code == 2 and "outside the project" in err and "rules/extra.dsl" in err and "fixed" not in err
    assert (outside / "extra.dsl").read_text(encoding="utf-8") == FIXABLE.format(name="outside")


def test_fix_refuses_a_link_to_a_rule_file_outside_the_project_and_keeps_the_link(tmp_path):
    project = copy_sample(tmp_path / "project")
    outside = tmp_path / "elsewhere.dsl"
    outside.write_text(FIXABLE.format(name="outside"), encoding="utf-8")
    link = project / "rules" / "linked.dsl"
    link.symlink_to(outside)
    code, _, err = check_fix(project)
    assert code == 2 and "rules/linked.dsl" in err and "outside the project" in err
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == FIXABLE.format(name="outside")


# --- what `check` reads ---------------------------------------------------------------------------

def check_text(project):
    out, err = io.StringIO(), io.StringIO()
    code = check_cmd.run(str(project), "text", False, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", ["knowledge/pipe.json", "conversations/pipe.yaml"])
def test_a_fifo_among_knowledge_or_tests_does_not_hang_check(tmp_path, name):
    project = copy_sample(tmp_path)
    os.mkfifo(project / name)
    code, out, _ = check_text(project)
    if name.startswith("knowledge"):
        assert code == 1 and "knowledge/pipe.json:1:1: error K100" in out and "FIFO" in out
    else:
        assert code == 0


@pytest.mark.timeout(60)
def test_a_fifo_among_rule_files_is_a_clear_error(tmp_path):
    project = copy_sample(tmp_path)
    os.mkfifo(project / "rules" / "pipe.dsl")
    code, _, err = check_text(project)
    assert code == 2 and "rules/pipe.dsl" in err and "FIFO" in err


@pytest.mark.timeout(60)
def test_a_knowledge_link_to_dev_zero_is_a_k100_not_an_endless_read(tmp_path):
    project = copy_sample(tmp_path)
    (project / "knowledge" / "zero.json").symlink_to("/dev/zero")
    code, out, _ = check_text(project)
    assert code == 1 and "K100" in out and "character device" in out


@pytest.mark.parametrize("name", ["rules/x.dsl", "knowledge/x.yaml", "conversations/x.yaml"])
def test_a_folder_named_like_a_project_file_is_not_read(tmp_path, name):
    project = copy_sample(tmp_path)
    (project / name).mkdir()
    code, out, err = check_text(project)
    assert (code, err) == (0, "") and "x." not in out


def test_a_knowledge_file_over_the_size_limit_is_refused_naming_the_limit(tmp_path):
    project = copy_sample(tmp_path)
    limit = files.KNOWLEDGE_JSON_SIZE_LIMIT.bytes
    (project / "knowledge" / "huge.json").write_text('{"categories": {}}' + " " * limit, encoding="utf-8")
    code, out, _ = check_text(project)
    assert code == 1
    line = next(l for l in out.splitlines() if l.startswith("knowledge/huge.json"))
    assert "K100" in line and f"over the {files.size_text(limit)} limit" in line

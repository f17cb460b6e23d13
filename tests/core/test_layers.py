"""Dependencies point down: a lower package never imports an upper one (the declared layer order of
scripts/import_graph.py and docs/architecture.md), so the cycles of the past cannot come back."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_graph.py"


@pytest.fixture
def layers():
    spec = importlib.util.spec_from_file_location("import_graph", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "tracker" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "tracker"


def test_every_import_of_the_application_points_down(layers):
    assert layers.violations() == []


def test_core_imports_nothing_from_the_domains(layers):
    assert not layers.graph(interface=True).get("core")


def test_a_lower_package_importing_an_upper_one_is_caught(layers, tmp_path, monkeypatch):
    monkeypatch.setattr(
        layers,
        "ROOT",
        _tree(
            tmp_path,
            {
                "__init__.py": "",
                "core/__init__.py": "",
                "core/memo.py": "from tracker.tasks.models import TaskEvent\n",
                "tasks/__init__.py": "",
                "tasks/models.py": "from tracker.core import memo\n",
                "tasks/operations.py": "def f():\n    from tracker.webhooks import hooks\n",
                "webhooks/__init__.py": "",
                "webhooks/hooks.py": "from tracker.tasks.models import Task\n",
                "agencies/__init__.py": "",
                "agencies/views.py": "from tracker.tasks.models import Task\n",
                "agencies/operations.py": "from tracker.agencies.views import bp\n",
                "reminders/__init__.py": "",
                "reminders/jobs.py": "from tracker.webhooks import hooks\nfrom tracker.bench import run\n",
            },
        ),
    )
    found = "\n".join(layers.violations())
    assert "core/memo.py:1 imports tracker.tasks.models" in found
    assert "tasks/operations.py:2 imports tracker.webhooks" in found  # an import inside a function counts
    assert "agencies/operations.py:1 imports tracker.agencies.views: an interface module" in found
    assert "reminders/jobs.py:1 imports tracker.webhooks" in found  # one layer: no import between them
    assert "reminders/jobs.py:2 imports tracker.bench: development-only code" in found
    assert "webhooks/hooks.py" not in found and "agencies/views.py" not in found  # these point down

"""``pip install .`` ships the three addons, data files included, into the
``odoo.addons`` namespace, where Odoo finds them without ``--addons-path``."""

import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("perf_management", "perf_management_kpi", "perf_management_okr")


def _addon_files(addon):
    found = set()
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, addon)):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for filename in filenames:
            if not filename.endswith(".pyc"):
                rel = os.path.relpath(os.path.join(dirpath, filename), ROOT)
                found.add(rel.replace(os.sep, "/"))
    return found


class TestPackaging(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = tempfile.TemporaryDirectory()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--wheel-dir",
                cls.tmp.name,
                ROOT,
            ],
            check=True,
            cwd=cls.tmp.name,
        )
        (wheel,) = [f for f in os.listdir(cls.tmp.name) if f.endswith(".whl")]
        cls.wheel = os.path.join(cls.tmp.name, wheel)
        with zipfile.ZipFile(cls.wheel) as archive:
            cls.names = set(archive.namelist())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()
        super().tearDownClass()

    def test_every_addon_file_is_in_the_wheel(self):
        files = set().union(*(_addon_files(addon) for addon in ADDONS))
        kinds = {os.path.splitext(f)[1] for f in files}
        # the addons really have files of each kind to check
        self.assertTrue({".py", ".xml", ".csv", ".png", ".js"} <= kinds, kinds)
        for addon in ADDONS:
            self.assertIn(f"odoo/addons/{addon}/__manifest__.py", self.names)
            self.assertIn(
                f"odoo/addons/{addon}/static/description/icon.png", self.names
            )
        missing = {f for f in files if f"odoo/addons/{f}" not in self.names}
        self.assertFalse(missing, f"files missing from the wheel: {sorted(missing)}")

    def test_namespace_is_not_claimed(self):
        # odoo/ and odoo/addons/ belong to Odoo: the wheel must not ship their
        # __init__.py, or it would shadow Odoo itself.
        self.assertNotIn("odoo/__init__.py", self.names)
        self.assertNotIn("odoo/addons/__init__.py", self.names)

    def test_odoo_finds_the_installed_addons_without_addons_path(self):
        target = os.path.join(self.tmp.name, "site")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--target",
                target,
                self.wheel,
            ],
            check=True,
        )
        code = (
            "import odoo\n"
            "from odoo.modules.module import get_manifest, get_module_path\n"
            "for name in %r:\n"
            "    print(get_module_path(name), get_manifest(name)['version'])\n"
        ) % (ADDONS,)
        env = dict(os.environ, PYTHONPATH=target)
        out = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            cwd=self.tmp.name,
            env=env,
        ).stdout.split("\n")
        for addon, line in zip(ADDONS, out, strict=False):
            path, version = line.split()
            self.assertEqual(path, os.path.join(target, "odoo", "addons", addon))
            self.assertTrue(version.startswith("18.0."))

# lit.cfg.py: lit configuration for numsc's FileCheck tests (tests/lit).
# Parameters (ctest passes them): numsc=PATH (empty when not built yet: tests
# that say `REQUIRES: numsc` are then UNSUPPORTED), filecheck=PATH, exec_root=DIR.
# Substitutions: %numsc -> the compiler, FileCheck -> LLVM 19's FileCheck.
import os
import shutil

import lit.formats

config.name = "numsc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".test", ".nps", ".nir"]
config.excludes = ["lit.cfg.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = lit_config.params.get("exec_root") or os.path.join(
    config.test_source_root, "Output")

llvm_bin = "/usr/lib/llvm-19/bin"
filecheck = lit_config.params.get("filecheck") or os.path.join(llvm_bin, "FileCheck")
config.substitutions.append((r"\bFileCheck\b", filecheck))
config.environment["PATH"] = os.pathsep.join([llvm_bin, os.environ.get("PATH", "")])

# llvm=1: numsc was built with the LLVM backend (tests say `REQUIRES: llvm`).
if lit_config.params.get("llvm", "") == "1":
    config.available_features.add("llvm")

if shutil.which("gdb"):
    config.available_features.add("gdb")

numsc = lit_config.params.get("numsc", "")
if numsc and os.path.isfile(numsc):
    config.available_features.add("numsc")
    config.substitutions.append(("%numsc", numsc))

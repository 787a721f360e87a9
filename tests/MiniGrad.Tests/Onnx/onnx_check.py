"""Checks an ONNX file with the onnx package's checker, shape inference included, for OnnxCheckerTests.cs.

usage: onnx_check.py MODEL.onnx
Prints the IR version, the opset and the op types on success; exits 1 with the checker's message otherwise.
"""
import sys

import onnx

model = onnx.load(sys.argv[1])
onnx.checker.check_model(model, full_check=True)
print(model.ir_version, model.opset_import[0].version, " ".join(sorted({node.op_type for node in model.graph.node})))

using System.CommandLine;

namespace MiniGrad.Cli;

/// <summary>
/// <c>minigrad export --model model.safetensors [-o model.onnx]</c>: writes a model that <c>minigrad train --save</c>
/// saved as an ONNX file (<see cref="Training.TrainedModel.ExportOnnx"/>) for ONNX Runtime and other ONNX tools. The
/// file takes the raw input columns (the standardization is folded into the first layer) and gives what
/// <c>minigrad predict</c> gives: each class's probability, or the value. A missing, corrupt or foreign model file is a
/// usage error: one line, exit code 2.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m")
        {
            Description = "The model file written by minigrad train --save.",
            HelpName = "model.safetensors",
        }.ExistingFile();
        var outputFile = new Option<string>("--output", "-o")
        {
            Description = "The ONNX file to write [default: the model's file name with .onnx].",
            HelpName = "model.onnx",
        }.FileToWrite();
        var command = new Command("export",
            "Write a model saved by minigrad train --save as ONNX (opset 17): raw input columns in, each class's probability (or the value) out.");
        foreach (var o in new Option[] { model, outputFile }) command.Options.Add(o);
        command.Action = new CliAction(parse =>
        {
            string modelPath = parse.GetValue(model) ?? throw new UsageException("give the model: --model FILE.safetensors, written by minigrad train --save.");
            string path = parse.GetValue(outputFile) ?? Path.ChangeExtension(modelPath, ".onnx");
            if (Path.GetFullPath(path) == Path.GetFullPath(modelPath))
                throw new UsageException($"--output {path} is the model file itself; name another file.");
            var trained = SavedModelFile.Load(modelPath);
            trained.ExportOnnx(path);
            var description = trained.Description;
            string outputs = description.IsClassification
                ? $"the probabilities of {string.Join(", ", description.Labels!)}"
                : $"the predicted {description.Target ?? "value"}";
            parse.InvocationConfiguration.Output.WriteLine(
                $"Wrote {path}: input [batch, {description.Inputs}] ({string.Join(", ", description.Features)}), output {outputs}.");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using MiniGrad.Cli.Training;
using MiniGrad.Data;

namespace MiniGrad.Cli;

/// <summary>
/// <c>minigrad predict --model model.safetensors --data new.csv [-o predictions.csv]</c>: rebuilds the model that
/// <c>minigrad train --save</c> wrote (<see cref="TrainedModel.Load"/>) and predicts each row of a CSV file, printed as
/// CSV (a header, then the class label and each class's probability, or the value) or written to <c>-o</c>. The CSV
/// file's columns are found by the names the model was trained on; other columns (the target among them) are ignored.
/// A missing, corrupt or foreign model file and a CSV file without a needed column or with a bad value are usage
/// errors: one line, exit code 2.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m")
        {
            Description = "The model file written by minigrad train --save.",
            HelpName = "model.safetensors",
        }.ExistingFile();
        var data = new Option<string>("--data", "-d")
        {
            Description = "The CSV file to predict: a header row naming the model's input columns (other columns are ignored), then one row per sample.",
            HelpName = "file.csv",
        }.ExistingFile();
        var outputFile = new Option<string>("--output", "-o")
        {
            Description = "Write the predictions to this CSV file instead of printing them.",
            HelpName = "predictions.csv",
        }.FileToWrite();
        var command = new Command("predict",
            "Predict each row of a CSV file with a model saved by minigrad train --save: the class label (and each class's probability) or the value.");
        foreach (var o in new Option[] { model, data, outputFile }) command.Options.Add(o);
        command.Action = new CliAction(parse =>
        {
            string modelPath = parse.GetValue(model) ?? throw new UsageException("give the model: --model FILE.safetensors, written by minigrad train --save.");
            string dataPath = parse.GetValue(data) ?? throw new UsageException("give the rows to predict: --data FILE.csv, with a header naming the model's input columns.");
            var predictions = Predict(modelPath, dataPath);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(outputFile) is not { } path)
            {
                predictions.WriteCsv(output);
                return 0;
            }
            using (var writer = new StreamWriter(path)) predictions.WriteCsv(writer);
            output.WriteLine($"Wrote {predictions.Rows.Count} prediction{(predictions.Rows.Count == 1 ? "" : "s")} to {path}");
            return 0;
        });
        return command;
    }

    /// <summary>Loads the model and predicts; whatever is wrong with either file is a usage error naming it.</summary>
    private static Predictions Predict(string modelPath, string dataPath)
    {
        var trained = SavedModelFile.Load(modelPath);
        try
        {
            return trained.Predict(dataPath);
        }
        catch (CsvFormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {dataPath}: {e.Message}");
        }
    }
}

using MiniGrad.Cli.Training;

namespace MiniGrad.Cli;

/// <summary>Opens a model that <c>minigrad train --save</c> wrote, for the commands that use one (predict, export).</summary>
internal static class SavedModelFile
{
    /// <summary>
    /// Loads <paramref name="path"/> (<see cref="TrainedModel.Load"/>); a missing, unreadable, corrupt or foreign file
    /// is a usage error in one line naming it.
    /// </summary>
    public static TrainedModel Load(string path)
    {
        try
        {
            return TrainedModel.Load(path);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            // SafeTensorsFormatException and the description's and weights' InvalidDataException name the file already.
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }
}

using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// The pictures in <c>docs/images</c> that MiniGrad draws itself are what the commands named on the pages draw now:
/// each is redrawn into a temporary file and compared byte for byte. With <c>MINIGRAD_UPDATE_DOCS</c> set (the
/// update script) the redrawn file replaces the page's picture instead.
/// </summary>
/// <remarks>
/// <c>study-graph-scalar.svg</c> is Graphviz's drawing of the DOT file <c>minigrad graph scalar</c> writes; its bytes
/// depend on the Graphviz version, so it is redrawn by the update script (when <c>dot</c> is installed) but not
/// compared here. The DOT text itself is checked by the study tests.
/// </remarks>
public class DocImageTests
{
    /// <summary>Each picture MiniGrad draws, with the command line that draws it ({0} is the output file).</summary>
    public static TheoryData<string, string> Images => new()
    {
        { "study-activations.svg", "minigrad plot activations -o {0}" },
        { "study-loss-xor.svg", "minigrad train --task xor --compare --plot {0}" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void ThePictureIsWhatTheCommandDrawsNow(string image, string command)
    {
        string shown = Path.Combine(Repository.Root(), "docs", "images", image);
        string drawn = Path.Combine(Directory.CreateTempSubdirectory("minigrad-images-").FullName, image);
        try
        {
            Transcript.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, drawn));
            Assert.True(File.Exists(drawn), $"'{command}' wrote no file");
            string? mode = Environment.GetEnvironmentVariable(DocOutputUpdater.Variable);
            if (!string.IsNullOrEmpty(mode) && mode != "0")
            {
                File.Copy(drawn, shown, overwrite: true);
                return;
            }
            Assert.True(File.ReadAllBytes(shown).AsSpan().SequenceEqual(File.ReadAllBytes(drawn)),
                $"docs/images/{image} is not what '{string.Format(System.Globalization.CultureInfo.InvariantCulture, command, image)}' draws now; " +
                "run tests/scripts/update-docs.sh and review the picture.");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(drawn)!, recursive: true);
        }
    }
}

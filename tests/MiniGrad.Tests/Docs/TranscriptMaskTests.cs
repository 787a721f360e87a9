namespace MiniGrad.Tests.Docs;

/// <summary>What the transcript comparison treats as a measurement (durations, the width of a time column) and what it does not.</summary>
public class TranscriptMaskTests
{
    [Fact]
    public void DurationsInSecondsAndMillisecondsMatchAnyOther()
    {
        Assert.Null(Transcript.Compare(["Time: 0.10 s", "  relu: final loss 0.000088 (0.05 s)", "29 of 29 passed in 3.4 s"],
                                       ["Time: 12.47 s", "  relu: final loss 0.000088 (1.20 s)", "29 of 29 passed in 2.0 s"]));
        Assert.NotNull(Transcript.Compare(["  relu: final loss 0.000088 (0.05 s)"], ["  relu: final loss 0.000089 (0.05 s)"]));
        Assert.NotNull(Transcript.Compare(["100 samples"], ["200 samples"]));
    }

    [Fact]
    public void ATimeColumnOfAnotherWidthStillMatchesButItsOtherCellsAreCompared()
    {
        string[] shown =
        [
            "      title",
            "╭──────┬────────╮",
            "│ name │   time │",
            "├──────┼────────┤",
            "│ Relu │ 372 ms │",
            "│ Tanh │   1 ms │",
            "╰──────┴────────╯",
        ];
        string[] wider =
        [
            "       title",
            "╭──────┬─────────╮",
            "│ name │    time │",
            "├──────┼─────────┤",
            "│ Relu │ 1372 ms │",
            "│ Tanh │    2 ms │",
            "╰──────┴─────────╯",
        ];
        Assert.Null(Transcript.Compare(shown, wider));
        Assert.NotNull(Transcript.Compare(shown, [.. wider[..4], "│ Relu6 │ 1372 ms │", .. wider[5..]]));
        Assert.NotNull(Transcript.Compare(shown, ["      other title", .. wider[1..]]));
    }

    [Fact]
    public void TheUpdaterKeepsAnOutputThatDiffersOnlyInDurationsAndElseTakesTheNewRunWhole()
    {
        string[] shown = ["loss 0.5 (0.10 s)", "│ a │ 0.10 s │"];
        Assert.Equal(shown, Transcript.Excerpt(shown, ["loss 0.5 (0.31 s)", "│ a │ 0.31 s │"]));
        Assert.Equal(["loss 0.6 (0.31 s)", "│ a │ 0.31 s │"], Transcript.Excerpt(shown, ["loss 0.6 (0.31 s)", "│ a │ 0.31 s │"]));
    }
}

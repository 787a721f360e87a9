using MiniGrad.Cli.Training;

namespace MiniGrad.Tests.Cli;

/// <summary>The model description of <c>train --save</c>: written to metadata and read back whole, refused when malformed.</summary>
public sealed class ModelDescriptionTests
{
    private static ModelDescription Iris => new()
    {
        Inputs = 2, Hidden = [3, 4], Outputs = 2, Activation = "leaky_relu", Dropout = 0.25, Task = ModelDescription.Classification,
        Labels = ["a, \"b\"", "\u00e9t\u00e9"], Target = "kind", Features = ["x", "y \u00b5"],
        Mean = [0.1 + 0.2, -1e-300], Std = [Math.PI, 0], Dtype = "F64",
    };

    [Fact]
    public void TheMetadataReadsBackAsTheSameDescriptionToTheLastBit()
    {
        var metadata = Iris.ToMetadata();
        Assert.Equal("1", metadata[ModelDescription.VersionKey]);
        Assert.Equal("pt", metadata["format"]);
        var back = ModelDescription.FromMetadata(metadata);
        Assert.Equal(Iris.Hidden, back.Hidden);
        Assert.Equal(Iris.Labels, back.Labels);
        Assert.Equal(Iris.Features, back.Features);
        Assert.Equal(Iris.Mean!.Select(BitConverter.DoubleToInt64Bits), back.Mean!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(Iris.Std, back.Std);
        Assert.Equal((2, 2, "leaky_relu", 0.25, "classification", "kind", "F64"),
            (back.Inputs, back.Outputs, back.Activation, back.Dropout, back.Task, back.Target, back.Dtype));
    }

    [Theory]
    [InlineData("\"inputs\":2", "\"inputs\":3", "'features' names 2 columns but the model has 3 inputs")]
    [InlineData("\"inputs\":2", "\"inputs\":\"2\"", "'inputs' is not a number")]
    [InlineData("\"hidden\":[3,4]", "\"hidden\":[3,0]", "'hidden' must list layer sizes of at least 1")]
    [InlineData("\"hidden\":[3,4]", "\"hidden\":[3,4.5]", "'hidden' holds a value that is not a whole number")]
    [InlineData("\"activation\":\"leaky_relu\"", "\"activation\":\"wobble\"", "the activation 'wobble' is not one this minigrad knows")]
    [InlineData("\"dropout\":0.25", "\"dropout\":1", "'dropout' is 1")]
    [InlineData("\"task\":\"classification\"", "\"task\":\"ranking\"", "'task' is 'ranking'")]
    [InlineData("\"dtype\":\"F64\"", "\"dtype\":\"F16\"", "'dtype' is 'F16'")]
    [InlineData("\"std\":[3.141592653589793,0]", "\"std\":[3.141592653589793,-1]", "standard deviation that is negative")]
    [InlineData("\"std\":[3.141592653589793,0]", "\"std\":[0]", "'standardization' has 2 means and 1 standard deviations for 2 inputs")]
    [InlineData("\"outputs\":2,", "", "it has no 'outputs'")]
    [InlineData("{\"inputs\"", "[[[[[{\"inputs\"", "not well-formed JSON")]
    public void AMalformedDescriptionIsRefusedSayingWhatIsWrong(string part, string replacement, string expected)
    {
        var metadata = Iris.ToMetadata();
        Assert.Contains(part, metadata[ModelDescription.ModelKey]);
        metadata[ModelDescription.ModelKey] = metadata[ModelDescription.ModelKey].Replace(part, replacement);
        var e = Assert.Throws<InvalidDataException>(() => ModelDescription.FromMetadata(metadata));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MetadataWithoutADescriptionOrOfAnotherVersionIsRefused()
    {
        Assert.Contains("holds no MiniGrad model description",
            Assert.Throws<InvalidDataException>(() => ModelDescription.FromMetadata(new Dictionary<string, string> { ["format"] = "pt" })).Message);
        var metadata = Iris.ToMetadata();
        metadata[ModelDescription.VersionKey] = "1.0";
        Assert.Contains("format version '1.0'", Assert.Throws<InvalidDataException>(() => ModelDescription.FromMetadata(metadata)).Message);
    }

    [Fact]
    public void AnInvalidDescriptionIsNotWritten() =>
        Assert.Throws<InvalidOperationException>(() => (Iris with { Labels = ["only one"] }).ToMetadata());
}

namespace MiniGrad.Tests.Activations;

/// <summary>Checks of activations' entry points that must come before anything is recorded.</summary>
public class ActivationEntryCheckTests
{
    [Fact]
    public void SoftminRefusesABadDimBeforeRecordingItsNegation()
    {
        // Softmin is Softmax of -x: the dim is checked first, or the Neg would stay on the tape.
        using var tape = MiniGrad.Tape.Begin();
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2).RequireGrad();
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Softmin(x, 2));
        Assert.Equal(0, tape.Count);
    }

    [Fact]
    public void ADelegateActivationServesFloatAndDouble()
    {
        var cube = CustomActivation.Create("Cube", v => v * v * v, v => 3 * v * v);
        Assert.Equal([8f], cube.For<float>().Apply(Tensor.FromArray(new[] { 2f })).ToArray());
        Assert.Equal([8.0], cube.For<double>().Apply(Tensor.FromArray(new[] { 2.0 })).ToArray());
        Assert.Equal([-27f], cube.Apply(Tensor.FromArray(new[] { -3f })).ToArray());
    }
}

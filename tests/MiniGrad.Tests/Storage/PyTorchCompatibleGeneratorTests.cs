using System.Text.Json;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Storage;

/// <summary>
/// Generator.PyTorchCompatible against draws PyTorch 1.13 made after torch.manual_seed
/// (Data/pytorch_generator.json, written by tests/scripts/pytorch_generator.py): bit for bit.
/// </summary>
public class PyTorchCompatibleGeneratorTests
{
    private static JsonElement Draw(string name) =>
        ReferenceData.Load("pytorch_generator.json").GetProperty("draws").EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == name);

    private static void AssertBits<T>(string name, Func<Generator, Tensor<T>> sample)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var d = Draw(name);
        var g = Generator.PyTorchCompatible(d.GetProperty("seed").GetUInt64());
        var (shape, expected) = ReferenceData.ReadTensor(d.GetProperty("value"));
        var actual = sample(g);
        Assert.Equal(shape, actual.Shape.Dims.ToArray());
        for (int i = 0; i < expected.Length; i++)
            Assert.True(T.CreateChecked(expected[i]) == actual.Span[i],
                $"{name}[{i}]: MiniGrad drew {actual.Span[i]:R}, PyTorch {expected[i]:R}");
    }

    [Theory]
    [InlineData("rand_float_5")]
    [InlineData("randn_float_7")]
    [InlineData("randn_float_100x10")]
    [InlineData("randn_float_37")]
    [InlineData("uniform_float_18x10_pm0.3")]
    public void FloatDrawsMatchPyTorchBitForBit(string name)
    {
        var (shape, _) = ReferenceData.ReadTensor(Draw(name).GetProperty("value"));
        AssertBits<float>(name, g => name switch
        {
            _ when name.StartsWith("rand_") => Tensor<float>.RandomUniform(g, 0, 1, shape),
            _ when name.StartsWith("randn_") => Tensor<float>.RandomNormal(g, shape),
            _ => Tensor<float>.RandomUniform(g, -0.3, 0.3, shape),
        });
    }

    [Theory]
    [InlineData("rand_double_5")]
    [InlineData("randn_double_7")]
    [InlineData("randn_double_37")]
    [InlineData("uniform_double_9_2to5")]
    public void DoubleDrawsMatchPyTorchBitForBit(string name)
    {
        var (shape, _) = ReferenceData.ReadTensor(Draw(name).GetProperty("value"));
        AssertBits<double>(name, g => name switch
        {
            _ when name.StartsWith("rand_") => Tensor<double>.RandomUniform(g, 0, 1, shape),
            _ when name.StartsWith("randn_") => Tensor<double>.RandomNormal(g, shape),
            _ => Tensor<double>.RandomUniform(g, 2.0, 5.0, shape),
        });
    }

    [Fact]
    public void SmallNormalDrawsShareTheCachedSecondValueAcrossCalls()
    {
        // PyTorch keeps the Box-Muller sine for the next small draw: randn(3) then randn(4) equals randn(7).
        var g1 = Generator.PyTorchCompatible(0);
        var a = Tensor<double>.RandomNormal(g1, 3).ToArray().Concat(Tensor<double>.RandomNormal(g1, 4).ToArray());
        var g2 = Generator.PyTorchCompatible(0);
        Assert.Equal(Tensor<double>.RandomNormal(g2, 7).ToArray(), a);
    }
}

public class PyTorchCompatibleLinearInitTests
{
    [Fact]
    public void LinearInitialisesAsPyTorchsNnLinearBitForBit()
    {
        var d = ReferenceData.Load("pytorch_generator.json").GetProperty("draws").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "linear_10_18_weight_then_bias");
        var g = Generator.PyTorchCompatible(d.GetProperty("seed").GetUInt64());
        var layer = new MiniGrad.Nn.Linear<float>(10, 18, g);
        var actual = layer.Weight.ToArray().Concat(layer.Bias!.ToArray()).ToArray();
        var (_, expected) = ReferenceData.ReadTensor(d.GetProperty("value"));
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True((float)expected[i] == actual[i], $"parameter {i}: MiniGrad {actual[i]:R}, PyTorch {expected[i]:R}");
    }
}

using MiniGrad.Nn;

namespace MiniGrad.Tests.Nn;

public class SequentialAndModuleTests
{
    private static Sequential<double> TwoLayers() =>
        new(new Linear<double>(10, 18, new Generator(1)), new Linear<double>(18, 1, new Generator(2)));

    [Fact]
    public void SequentialNamesChildrenByIndex()
    {
        var model = TwoLayers();
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(2, model.Count);
        Assert.IsType<Linear<double>>(model[1]);
        Assert.Equal(model.NamedParameters().Select(p => p.Parameter), model.Parameters());
    }

    [Fact]
    public void SequentialPrintsItsChildrenLikePytorch()
    {
        Assert.Equal(
            "Sequential(\n" +
            "  (0): Linear(inFeatures: 10, outFeatures: 18, bias: True)\n" +
            "  (1): Linear(inFeatures: 18, outFeatures: 1, bias: True)\n" +
            ")",
            TwoLayers().ToString());
    }

    [Fact]
    public void NestedSequentialIndentsAndNamesWithDots()
    {
        var inner = TwoLayers();
        var outer = new Sequential<double>(inner, new Linear<double>(1, 2, new Generator(3)));
        Assert.Equal(["0.0.weight", "0.0.bias", "0.1.weight", "0.1.bias", "1.weight", "1.bias"], outer.NamedParameters().Select(p => p.Name));
        Assert.Contains("  (0): Sequential(\n    (0): Linear(", outer.ToString());
    }

    [Fact]
    public void SequentialForwardChainsModules()
    {
        var model = TwoLayers();
        var x = Tensor<double>.RandomNormal(new Generator(4), 3, 10);
        var expected = ((Linear<double>)model[1]).Forward(((Linear<double>)model[0]).Forward(x));
        Assert.Equal(expected.ToArray(), model.Forward(x).ToArray());
    }

    [Fact]
    public void TrainAndEvalReachEveryDescendant()
    {
        var model = new Sequential<double>(TwoLayers(), new Linear<double>(1, 1, new Generator(3)));
        Assert.True(model.Training);
        model.Eval();
        Assert.False(model.Training);
        Assert.False(((Sequential<double>)model[0])[1].Training);
        model.Train();
        Assert.True(((Sequential<double>)model[0])[1].Training);
    }

    [Fact]
    public void ZeroGradDropsEveryGradient()
    {
        var model = TwoLayers();
        model.Forward(Tensor<double>.Ones(2, 10)).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void ZeroGradWithoutSetToNoneKeepsZeroFilledGradientsOfTheParametersShape()
    {
        var model = TwoLayers();
        model.Forward(Tensor<double>.Ones(2, 10)).Sum().Backward();
        var grads = model.Parameters().Select(p => p.Grad!).ToList();
        model.ZeroGrad(setToNone: false);
        Assert.All(model.Parameters().Zip(grads), pair =>
        {
            Assert.Same(pair.Second, pair.First.Grad); // zeroed in place, as PyTorch's set_to_none=False
            Assert.All(pair.First.Grad!.ToArray(), v => Assert.Equal(0.0, v));
        });
        // The next pass accumulates into the zeroed tensors and gives the same gradient as the first.
        model.Forward(Tensor<double>.Ones(2, 10)).Sum().Backward();
        Assert.Same(grads[0], model.Parameters().First().Grad);
        Assert.Contains(grads[0].ToArray(), v => v != 0.0);
    }

    [Fact]
    public void StateDictRoundTripRestoresParametersAndIsACopy()
    {
        var model = TwoLayers();
        var saved = model.StateDict();
        var before = model.Parameters().Select(p => p.ToArray()).ToList();
        foreach (var p in model.Parameters()) p.Span.Fill(7.0);
        Assert.NotEqual(before[0], saved["0.weight"].ToArray().Select(_ => 7.0).ToArray());
        Assert.Equal(before[0], saved["0.weight"].ToArray()); // the state dict did not follow the parameters
        model.LoadStateDict(saved);
        Assert.Equal(before, model.Parameters().Select(p => p.ToArray()).ToList());
    }

    [Fact]
    public void LoadStateDictIsAllOrNothing()
    {
        var model = TwoLayers();
        var state = model.StateDict();
        foreach (var t in state.Values) t.Span.Fill(1.0);
        state["1.bias"] = Tensor<double>.Zeros(3); // wrong shape, last in order
        var before = model.Parameters().Select(p => p.ToArray()).ToList();
        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains("1.bias", e.Message);
        Assert.Equal(before, model.Parameters().Select(p => p.ToArray()).ToList());

        state.Remove("1.bias");
        state["2.weight"] = Tensor<double>.Zeros(1);
        e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains("missing '1.bias'", e.Message);
        Assert.Contains("unexpected '2.weight'", e.Message);
    }
}

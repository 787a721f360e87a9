using MiniGrad.Study;

namespace MiniGrad.Tests.Study;

public class TapeExplainerTests
{
    private static Tensor<double> Leaf(double v, string name)
    {
        var t = Tensor.Scalar(v).RequireGrad();
        t.Name = name;
        return t;
    }

    [Fact]
    public void MicrogradExpressionListsForwardValuesAndChainRuleBackward()
    {
        var root = StudyExamples.MicrogradExpression();
        var x = TapeExplainer.Explain(root);

        Assert.Equal(["Mul", "Add", "Mul"], x.Forward.Select(s => s.Op));
        Assert.Equal(["e", "d", "L"], x.Forward.Select(s => s.Output));
        Assert.Equal(["a", "b"], x.Forward[0].Inputs);
        const double a = 2, b = -3, c = 10, f = -2;
        double e = a * b, d = e + c;
        Assert.Equal([e, d, d * f], x.Forward.Select(s => s.Values.Single()));

        // Backward runs in reverse: L's op first, with the seed dL/dL = 1.
        Assert.Equal([3, 2, 1], x.Backward.Select(s => s.Step));
        var mulL = x.Backward[0];
        Assert.Equal(1.0, mulL.Upstream.Single());
        Assert.Equal(f, mulL.Inputs[0].LocalDerivative!.Single());   // dL/dd = f
        Assert.Equal(d, mulL.Inputs[1].LocalDerivative!.Single());   // dL/df = d
        var add = x.Backward[1];
        Assert.Equal(f, add.Upstream.Single());
        Assert.All(add.Inputs, edge => Assert.Equal(1.0, edge.LocalDerivative!.Single()));
        var mulE = x.Backward[2];
        Assert.Equal(f, mulE.Upstream.Single());
        Assert.Equal(b, mulE.Inputs[0].LocalDerivative!.Single());
        Assert.Equal(a, mulE.Inputs[1].LocalDerivative!.Single());
        Assert.Equal(f * b, mulE.Inputs[0].Gradient!.Single());

        var grads = x.Leaves.ToDictionary(l => l.Leaf, l => l.Grad!.Single());
        Assert.Equal(new Dictionary<string, double> { ["a"] = f * b, ["b"] = f * a, ["c"] = f, ["f"] = d }, grads);
    }

    [Fact]
    public void EveryReportedGradientIsUpstreamTimesLocalWhereLocalIsElementwise()
    {
        int checkedEdges = 0;
        foreach (var root in new[] { StudyExamples.LinearReluMseStep(), StudyExamples.MicrogradExpression() })
        foreach (var step in TapeExplainer.Explain(root).Backward)
        foreach (var edge in step.Inputs)
        {
            if (edge.LocalDerivative is null || edge.Gradient is null) continue;
            // Elementwise ops pair upstream and local element by element; a one-element output (the loss) scales
            // its local derivative, one entry per input element, by its single upstream value.
            bool scalarOutput = step.Upstream.Count == 1;
            for (int i = 0; i < edge.Gradient.Count; i++)
                Assert.Equal(step.Upstream[scalarOutput ? 0 : i] * edge.LocalDerivative[i], edge.Gradient[i], 12);
            checkedEdges++;
        }
        // Linear example: MseLoss -> relu(h), Relu -> h; micrograd's: two edges for each of Mul, Add, Mul.
        Assert.Equal(8, checkedEdges);
    }

    [Fact]
    public void LinearExampleReportsReluMaskAsLocalDerivativeAndNoneForAddmm()
    {
        var x = TapeExplainer.Explain(StudyExamples.LinearReluMseStep());
        var clampFwd = x.Forward.Single(s => s.Op == "Relu");
        var h = x.Forward.Single(s => s.Output == "h").Values;
        var clamp = x.Backward.Single(s => s.Step == clampFwd.Step);
        Assert.Equal(h.Select(v => v > 0 ? 1.0 : 0.0), clamp.Inputs[0].LocalDerivative!);
        Assert.Contains(h, v => v < 0); // the example is built so that ReLU blocks some gradient

        // The Linear layer is one op, x Wᵀ + b, as PyTorch records it (AddmmBackward0): not elementwise, so no local
        // derivative is shown for the weight, but the gradients to weight and bias are.
        var addmm = x.Backward.Single(s => s.Op == "Addmm");
        Assert.Null(addmm.Inputs[1].LocalDerivative);
        Assert.Null(addmm.Inputs[0].Gradient); // x does not require grad
        Assert.NotNull(addmm.Inputs[1].Gradient);
        Assert.NotNull(addmm.Inputs[2].Gradient);
    }

    [Fact]
    public void ExplainAccumulatesTheSameGradientsAsAPlainBackward()
    {
        var plain = StudyExamples.LinearReluMseStep();
        plain.Backward();
        var plainLeaves = LeavesOf(plain);

        var explained = StudyExamples.LinearReluMseStep();
        var x = TapeExplainer.Explain(explained);
        foreach (var leaf in x.Leaves.Where(l => l.RequiresGrad))
        {
            var expected = plainLeaves[leaf.Leaf].Grad!.ToArray();
            Assert.Equal(expected, leaf.Grad!);
            Assert.Equal(expected, leaf.Received!);
        }
        Assert.Equal(2, x.Leaves.Count(l => l.RequiresGrad));
    }

    [Fact]
    public void HooksThatReplaceAGradientAreShownWithTheOriginal()
    {
        var a = Leaf(2, "a");
        var b = Leaf(-3, "b");
        var e = a * b;
        e.Name = "e";
        e.RegisterHook(g => g * 10.0);
        var d = e + 1.0;
        d.Name = "d";
        d.RetainGrad();
        var L = d * d;
        L.Name = "L";
        b.RegisterHook(_ => null);

        var x = TapeExplainer.Explain(L);
        var mulE = x.Backward.Single(s => s.Output == "e");
        double dLdd = 2 * (2 * -3 + 1);
        Assert.Equal(dLdd, mulE.UpstreamBeforeHooks!.Single());
        Assert.Equal(10 * dLdd, mulE.Upstream.Single());
        Assert.Equal(1, mulE.HookCount);
        Assert.Equal(10 * dLdd * -3, a.Grad!.Item());

        var addD = x.Backward.Single(s => s.Output == "d");
        Assert.True(addD.RetainsGrad);
        Assert.Equal(dLdd, d.Grad!.Item());

        var leafB = x.Leaves.Single(l => l.Leaf == "b");
        Assert.Equal(1, leafB.HookCount);
        Assert.Null(leafB.ReceivedBeforeHooks); // the hook kept the gradient

        string text = x.ToString();
        Assert.Contains("hook replaced", text, StringComparison.Ordinal);
        Assert.Contains("d (retained)", text, StringComparison.Ordinal);
        Assert.Contains("(1 hook, kept)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LeafUsedTwiceReceivesTheSumOfItsGradients()
    {
        var a = Leaf(3, "a");
        var L = a * a + a;
        var x = TapeExplainer.Explain(L);
        Assert.Equal(2 * 3.0 + 1, x.Leaves.Single(l => l.Leaf == "a").Received!.Single());
    }

    [Fact]
    public void TextListsEveryStepInBothDirections()
    {
        string text = TapeExplainer.Explain(StudyExamples.MicrogradExpression()).ToString();
        var lines = text.Split('\n');
        int fwd = Array.FindIndex(lines, l => l.StartsWith("Forward", StringComparison.Ordinal));
        int bwd = Array.FindIndex(lines, l => l.StartsWith("Backward", StringComparison.Ordinal));
        Assert.True(fwd >= 0 && bwd > fwd);
        // Forward rows in order 1, 2, 3; backward rows start with 3, 2, 1.
        var fwdSteps = lines[(fwd + 2)..(fwd + 5)].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal(["1", "2", "3"], fwdSteps);
        var bwdSteps = lines.Skip(bwd + 2).TakeWhile(l => l.Length > 0).Where(l => !l.StartsWith(' '))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal(["3", "2", "1"], bwdSteps);
    }

    [Fact]
    public void ExplainAfterAReleasingBackwardThrowsWithAdvice()
    {
        var L = StudyExamples.MicrogradExpression();
        L.Backward();
        var ex = Assert.Throws<InvalidOperationException>(() => TapeExplainer.Explain(L));
        Assert.Contains("retainGraph", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetainGraphLetsTheSameGraphBeExplainedTwiceAndGradsAccumulate()
    {
        var L = StudyExamples.MicrogradExpression();
        var first = TapeExplainer.Explain(L, retainGraph: true);
        var second = TapeExplainer.Explain(L);
        var a1 = first.Leaves.Single(l => l.Leaf == "a");
        var a2 = second.Leaves.Single(l => l.Leaf == "a");
        Assert.Equal(a1.Received, a2.Received);
        Assert.Equal(2 * a1.Grad!.Single(), a2.Grad!.Single());
    }

    [Fact]
    public void TapeExtensionRejectsARootFromAnotherTape()
    {
        Tensor<double> L;
        using (MiniGrad.Tape.Begin()) L = StudyExamples.MicrogradExpression();
        using var other = MiniGrad.Tape.Begin();
        Assert.Throws<ArgumentException>(() => other.Explain(L));
    }

    [Fact]
    public void ALongChainIsWalkedWithoutRecursion()
    {
        var a = Leaf(1, "a");
        var y = a;
        for (int i = 0; i < 5_000; i++) y = y * 1.0;
        var x = TapeExplainer.Explain(y);
        Assert.Equal(5_000, x.Forward.Count);
        Assert.Equal(1.0, a.Grad!.Item());
    }

    [Fact]
    public void FloatComputationsGetLocalDerivativesToo()
    {
        var x = Tensor.FromArray(new[] { -1f, 0f, 2f }).RequireGrad();
        x.Name = "x";
        var y = Functional.Sigmoid(x);
        var explained = TapeExplainer.Explain(y.Sum());
        var sigmoid = explained.Backward.Single(s => s.Op == "Sigmoid");
        var s = y.ToArray();
        Assert.Equal(s.Select(v => (double)v * (1 - v)), sigmoid.Inputs[0].LocalDerivative!.ToArray(), new Tolerance(1e-6));
    }

    [Fact]
    public void ALeafRootHasNoStepsAndGetsTheSeed()
    {
        var a = Leaf(5, "a");
        var x = TapeExplainer.Explain(a);
        Assert.Empty(x.Forward);
        Assert.Empty(x.Backward);
        Assert.Equal(1.0, x.Leaves.Single().Grad!.Single());
    }

    [Fact]
    public void ExplainingATensorThatNeedsNoGradientSaysWhereToLook()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TapeExplainer.Explain(Tensor.Scalar(1.0) * 2.0));
        Assert.Contains("WhyNoGrad", ex.Message, StringComparison.Ordinal);
    }

    private sealed class Tolerance(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;

        public int GetHashCode(double obj) => 0;
    }

    private static Dictionary<string, Tensor<double>> LeavesOf(Tensor<double> root)
    {
        var result = new Dictionary<string, Tensor<double>>();
        var stack = new Stack<Tensor<double>>([root]);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (t.GradFn is null) { if (t.Name is { } n) result[n] = t; continue; }
            foreach (var i in t.GradFn.Inputs) stack.Push(i);
        }
        return result;
    }
}

public class StudyExamplesTests
{
    [Fact]
    public void HooksExampleClipsTheGradientOfEAndKeepsTheGradientOfD()
    {
        var x = TapeExplainer.Explain(StudyExamples.Build("hooks"));
        var stepE = x.Backward.Single(s => s.Output == "e");
        Assert.Equal(-2.0, stepE.UpstreamBeforeHooks!.Single()); // dL/de = f = -2 ...
        Assert.Equal(-1.0, stepE.Upstream.Single());              // ... clipped to -1 by the hook
        var leaves = x.Leaves.ToDictionary(l => l.Leaf, l => l.Grad!.Single());
        Assert.Equal(-1.0 * -3.0, leaves["a"]);                    // clipped gradient times b
        Assert.Equal(-2.0, leaves["c"]);                           // c is not behind the hook
        Assert.True(x.Backward.Single(s => s.Output == "d").RetainsGrad);
    }

    [Fact]
    public void UnknownExampleNamesTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => StudyExamples.Build("nope"));
        Assert.Contains("scalar", ex.Message, StringComparison.Ordinal);
    }
}

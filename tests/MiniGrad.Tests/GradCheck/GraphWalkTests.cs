namespace MiniGrad.Tests.GradChecking;

public class GraphWalkTests
{
    [Fact]
    public void EachFunctionIsVisitedOnceTheLastPushedFirst()
    {
        using var tape = MiniGrad.Tape.Begin();
        var x = Tensor.FromArray(new[] { 0.5, 1.0 }).RequireGrad();
        var e = x.Exp();
        var n = -x;
        var walk = new GraphWalk<double>();
        walk.Push(e.GradFn!);
        walk.Push(n.GradFn!);
        walk.Push(e.GradFn!);

        var visited = new List<Function<double>>();
        while (walk.TryNext(out var fn)) visited.Add(fn);

        Assert.Equal([e.GradFn!, n.GradFn!], visited);
    }
}

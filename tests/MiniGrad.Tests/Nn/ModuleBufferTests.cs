using MiniGrad.Nn;

namespace MiniGrad.Tests.Nn;

public class ModuleBufferTests
{
    /// <summary>A module with a parameter, a buffer and a child, registered in the order child, buffer, parameter.</summary>
    private sealed class Counter : Module<double>
    {
        public Counter(Module<double>? child = null)
        {
            if (child is not null) Register("inner", child);
            Count = RegisterBuffer("count", Tensor<double>.Zeros(2));
            Scale = RegisterParameter("scale", Tensor<double>.Ones(2));
        }

        public Tensor<double> Count { get; }

        public Tensor<double> Scale { get; }

        public Tensor<double> Register(string name, Tensor<double> t, bool buffer) => buffer ? RegisterBuffer(name, t) : RegisterParameter(name, t);

        public override Tensor<double> Forward(Tensor<double> input)
        {
            using (MiniGrad.Tape.NoGrad()) Count.Span[0] += 1;
            return input * Scale + Count;
        }
    }

    [Fact]
    public void BuffersAreNotParametersAndGetNoGradient()
    {
        var m = new Counter();
        Assert.Equal(["scale"], m.NamedParameters().Select(p => p.Name));
        Assert.Equal(["count"], m.NamedBuffers().Select(b => b.Name));
        Assert.Same(m.Count, m.Buffers().Single());
        m.Forward(Tensor<double>.Ones(2).RequireGrad()).Sum().Backward();
        Assert.False(m.Count.RequiresGrad);
        Assert.Null(m.Count.Grad);
        Assert.NotNull(m.Scale.Grad);
    }

    [Fact]
    public void NamesAreDottedAndTheStateDictHasPyTorchsOrder()
    {
        // PyTorch's _save_to_state_dict: per module its own parameters, then its own buffers, then its children, whatever
        // the registration order.
        var model = new Sequential<double>(new Linear<double>(2, 2, new Generator(1)), new Counter(new Counter()));
        Assert.Equal(["1.count", "1.inner.count"], model.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["0.weight", "0.bias", "1.scale", "1.count", "1.inner.scale", "1.inner.count"], model.StateDict().Keys);
        Assert.Equal(["0.weight", "0.bias", "1.scale", "1.inner.scale"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void StateDictCopiesBuffersAndLoadStateDictRestoresThem()
    {
        var m = new Counter();
        m.Forward(Tensor<double>.Ones(2));
        var saved = m.StateDict();
        m.Forward(Tensor<double>.Ones(2));
        Assert.Equal([2.0, 0.0], m.Count.ToArray());
        Assert.Equal([1.0, 0.0], saved["count"].ToArray()); // a copy
        m.LoadStateDict(saved);
        Assert.Equal([1.0, 0.0], m.Count.ToArray());
    }

    [Fact]
    public void LoadStateDictChecksBuffersAllOrNothing()
    {
        var m = new Counter(new Counter());
        var state = m.StateDict();
        foreach (var t in state.Values) t.Span.Fill(5.0);
        state["inner.count"] = Tensor<double>.Zeros(3);
        var e = Assert.Throws<ArgumentException>(() => m.LoadStateDict(state));
        Assert.Contains("'inner.count' has shape [3] but the buffer is [2]", e.Message);
        Assert.All(m.StateDict().Values, t => Assert.DoesNotContain(5.0, t.ToArray()));

        state.Remove("inner.count");
        e = Assert.Throws<ArgumentException>(() => m.LoadStateDict(state));
        Assert.Contains("missing 'inner.count'", e.Message);
        m.LoadStateDict(state, strict: false);
        Assert.Equal([5.0, 5.0], m.Count.ToArray());
        Assert.Equal([0.0, 0.0], ((Counter)m.NamedChildren[0].Child).Count.ToArray());
    }

    [Fact]
    public void RegisterBufferRefusesGradientsAndTakenNames()
    {
        var m = new Counter();
        Assert.Throws<ArgumentException>(() => m.Register("w", Tensor<double>.Ones(1).RequireGrad(), buffer: true));
        Assert.Throws<ArgumentException>(() => m.Register("count", Tensor<double>.Ones(1), buffer: false));
        Assert.Throws<ArgumentException>(() => m.Register("scale", Tensor<double>.Ones(1), buffer: true));
        Assert.Throws<ArgumentException>(() => m.Register("a.b", Tensor<double>.Ones(1), buffer: true));
    }
}

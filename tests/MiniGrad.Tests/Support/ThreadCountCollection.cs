namespace MiniGrad.Tests.Support;

/// <summary>
/// The test classes that set <see cref="MiniGrad.Kernels.Threading.MaxDegreeOfParallelism"/>, a process-wide value,
/// and read it back or depend on it: one collection, so that they run one after another (other classes still run
/// beside them; the kernels give the same bits at any thread count).
/// </summary>
[CollectionDefinition(nameof(ThreadCountCollection))]
public sealed class ThreadCountCollection;

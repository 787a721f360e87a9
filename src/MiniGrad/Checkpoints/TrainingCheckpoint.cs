using System.Globalization;
using System.Numerics;
using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Optim.LrScheduler;

namespace MiniGrad.Checkpoints;

/// <summary>
/// Saves and restores everything a training run needs to go on exactly where it stopped, in one safetensors file:
/// the model's parameters and buffers, the optimizer's state (Adam's <c>exp_avg</c>, <c>exp_avg_sq</c> and step
/// counts, SGD's momentum, ...), the learning-rate scheduler's state, the generators' states (the data loader's
/// shuffling, dropout) and the <see cref="TrainingProgress"/> (epoch, metrics, notes). Training N epochs, saving,
/// restoring into freshly built objects and training M more gives the bits of N + M epochs in one go.
/// </summary>
/// <remarks>
/// <para>Build it over the live objects, then <see cref="Save"/> after an epoch and <see cref="Load"/> (or
/// <see cref="Restore"/> a <see cref="TrainingCheckpointFile"/>) into objects built as the saved ones were: the same
/// architecture, optimizer class and hyperparameters, scheduler class and hyperparameters, generator kinds.</para>
/// <para>Saving is crash-safe as <see cref="SafeTensors.Save(string, IReadOnlyDictionary{string, Tensor{float}}, IReadOnlyDictionary{string, string}?)"/>:
/// a temporary file in the same folder, flushed, then moved over the target. Restoring is all or nothing: every
/// tensor's name, shape and dtype, the optimizer's and scheduler's class, hyperparameters and numbers, and every
/// generator's state are checked against the live objects before any of them changes.</para>
/// <para>The file's layout is described on <see cref="TrainingCheckpointFile"/>.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> (F32 tensors) or <c>double</c> (F64).</typeparam>
public sealed class TrainingCheckpoint<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly string Dtype = typeof(T) == typeof(double) ? "F64" : "F32";

    /// <summary>A checkpoint of <paramref name="model"/> and, when given, its optimizer, scheduler and generators.</summary>
    /// <param name="model">The model.</param>
    /// <param name="optimizer">Its optimizer, or null.</param>
    /// <param name="scheduler">The learning-rate scheduler over <paramref name="optimizer"/>, or null.</param>
    /// <param name="generators">The generators whose state is saved, by name (<c>data</c>, <c>dropout</c>; one generator may be given under one name only); null for none.</param>
    /// <exception cref="ArgumentException">A scheduler without an optimizer, or the same generator under two names.</exception>
    public TrainingCheckpoint(Module<T> model, Optimizer<T>? optimizer = null, IStatefulScheduler? scheduler = null,
        IReadOnlyDictionary<string, Generator>? generators = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (scheduler is not null && optimizer is null)
            throw new ArgumentException("TrainingCheckpoint: a scheduler needs its optimizer; pass the optimizer too.", nameof(scheduler));
        var gens = new Dictionary<string, Generator>(generators ?? new Dictionary<string, Generator>(), StringComparer.Ordinal);
        foreach (var (name, g) in gens)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("TrainingCheckpoint: a generator's name is empty.", nameof(generators));
            ArgumentNullException.ThrowIfNull(g, nameof(generators));
        }
        // Restoring one generator twice would be harmless, but two names for one generator means the caller
        // thinks there are two streams of random numbers where there is one.
        if (gens.Values.Distinct().Count() != gens.Count)
            throw new ArgumentException("TrainingCheckpoint: the same generator is given under two names; give it once.", nameof(generators));
        Model = model;
        Optimizer = optimizer;
        Scheduler = scheduler;
        Generators = gens;
    }

    /// <summary>The model.</summary>
    public Module<T> Model { get; }

    /// <summary>The optimizer, or null.</summary>
    public Optimizer<T>? Optimizer { get; }

    /// <summary>The learning-rate scheduler, or null.</summary>
    public IStatefulScheduler? Scheduler { get; }

    /// <summary>The generators, by name.</summary>
    public IReadOnlyDictionary<string, Generator> Generators { get; }

    /// <summary>Writes the live objects' state and <paramref name="progress"/> to <paramref name="path"/>, crash-safe.</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="progress">The epochs done, the metrics, the notes.</param>
    /// <exception cref="ArgumentException">A negative epoch, or an empty or null metric or note name or value.</exception>
    public void Save(string path, TrainingProgress progress)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfNegative(progress.Epoch, nameof(progress));
        var tensors = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TrainingCheckpointFile.MarkerKey] = TrainingCheckpointFile.Marker,
            ["dtype"] = Dtype,
            ["epoch"] = progress.Epoch.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, p) in Model.NamedParameters()) tensors[TrainingCheckpointFile.ModelPrefix + name] = p;
        foreach (var (name, b) in Model.NamedBuffers()) tensors[TrainingCheckpointFile.ModelPrefix + name] = b;
        if (Optimizer is not null)
        {
            var state = Optimizer.StateDict();
            meta["optimizer"] = state.Optimizer;
            foreach (var (name, t) in state.Tensors) tensors[TrainingCheckpointFile.OptimizerPrefix + name] = t;
            foreach (var (name, v) in state.Scalars) meta[TrainingCheckpointFile.OptimizerPrefix + name] = Format(v);
        }
        if (Scheduler is not null)
        {
            var state = Scheduler.StateDict();
            meta["scheduler"] = state.Scheduler;
            foreach (var (name, v) in state.Values) meta[TrainingCheckpointFile.SchedulerPrefix + name] = Format(v);
        }
        foreach (var (name, g) in Generators) meta[TrainingCheckpointFile.GeneratorPrefix + name] = Convert.ToBase64String(g.GetState());
        foreach (var (name, values) in progress.Metrics ?? throw new ArgumentException("TrainingCheckpoint.Save: Metrics is null.", nameof(progress)))
        {
            if (string.IsNullOrEmpty(name) || values is null) throw new ArgumentException("TrainingCheckpoint.Save: a metric has an empty name or null values.", nameof(progress));
            meta[TrainingCheckpointFile.MetricPrefix + name] = string.Join(",", values.Select(Format));
        }
        foreach (var (name, value) in progress.Notes ?? throw new ArgumentException("TrainingCheckpoint.Save: Notes is null.", nameof(progress)))
        {
            if (string.IsNullOrEmpty(name) || value is null) throw new ArgumentException("TrainingCheckpoint.Save: a note has an empty name or a null value.", nameof(progress));
            meta[TrainingCheckpointFile.NotePrefix + name] = value;
        }
        SafeTensors.Save(path, tensors, meta, wrap: null);
    }

    /// <summary>Reads <paramref name="path"/> (<see cref="TrainingCheckpointFile.Read"/>) and restores it (<see cref="Restore"/>).</summary>
    /// <param name="path">The checkpoint.</param>
    /// <returns>The saved progress: the epochs done, the metrics, the notes.</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not a valid training checkpoint.</exception>
    /// <exception cref="CheckpointMismatchException">It does not fit the live objects; nothing was changed.</exception>
    public TrainingProgress Load(string path) => Restore(TrainingCheckpointFile.Read(path));

    /// <summary>
    /// Restores a read checkpoint into the live objects, all or nothing: the model's tensors (every name, shape and
    /// dtype), the optimizer's and scheduler's presence, class, hyperparameters and state, and the generators (the
    /// same names, each state of its generator's kind) are checked before anything changes.
    /// </summary>
    /// <param name="file">A checkpoint read by <see cref="TrainingCheckpointFile.Read"/>.</param>
    /// <returns>The saved progress: the epochs done, the metrics, the notes.</returns>
    /// <exception cref="CheckpointMismatchException">The checkpoint does not fit the live objects; the message names
    /// the file, the tensor and what is wrong, and nothing was changed.</exception>
    public TrainingProgress Restore(TrainingCheckpointFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string path = file.Path;
        if (file.Dtype != Dtype)
            throw Mismatch(path, null, $"the checkpoint holds {file.Dtype} tensors ({Kind(file.Dtype)}), but the model is {typeof(T).Name.ToLowerInvariant()} ({Dtype})");

        // The model: exactly its names, each of its shape.
        var model = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (name, p) in Model.NamedParameters()) model[name] = p;
        foreach (var (name, b) in Model.NamedBuffers()) model[name] = b;
        foreach (var (name, live) in model)
        {
            string key = TrainingCheckpointFile.ModelPrefix + name;
            if (!file.File.Contains(key)) throw Mismatch(path, key, $"missing; the model has it, shape {live.Shape}");
            if (file.File[key].Shape != live.Shape) throw Mismatch(path, key, $"shape {file.File[key].Shape} in the file, but the model's is {live.Shape}");
        }
        var optimizerTensors = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (string key in file.File.Names)
        {
            if (key.StartsWith(TrainingCheckpointFile.ModelPrefix, StringComparison.Ordinal))
            {
                if (!model.ContainsKey(key[TrainingCheckpointFile.ModelPrefix.Length..]))
                    throw Mismatch(path, key, "not in the model (a different architecture?)");
            }
            else optimizerTensors[key[TrainingCheckpointFile.OptimizerPrefix.Length..]] = file.File.Get<T>(key);
        }

        // Presence and names of the rest.
        if ((file.Optimizer is null) != (Optimizer is null))
            throw Mismatch(path, null, file.Optimizer is null ? "the checkpoint holds no optimizer state, but an optimizer was given to restore" : $"the checkpoint holds {file.Optimizer} state, but no optimizer was given to restore it into");
        if ((file.Scheduler is null) != (Scheduler is null))
            throw Mismatch(path, null, file.Scheduler is null ? "the checkpoint holds no scheduler state, but a scheduler was given to restore" : $"the checkpoint holds {file.Scheduler} state, but no scheduler was given to restore it into");
        foreach (string name in file.GeneratorNames.Order(StringComparer.Ordinal))
            if (!Generators.ContainsKey(name)) throw Mismatch(path, null, $"the checkpoint holds generator '{name}', which was not given to restore (given: {Names(Generators.Keys)})");
        foreach (var (name, g) in Generators)
        {
            if (!file.GeneratorStates.TryGetValue(name, out byte[]? state))
                throw Mismatch(path, null, $"generator '{name}' is not in the checkpoint (it holds {Names(file.GeneratorNames)})");
            if (g.StateProblem(state) is { } problem) throw Mismatch(path, null, $"generator '{name}': {problem}");
        }

        // The optimizer and scheduler check their own states, and each changes nothing when it refuses one; the
        // scheduler goes first and is put back if the optimizer then refuses.
        SchedulerStateDict? schedulerBefore = Scheduler?.StateDict();
        if (Scheduler is not null)
        {
            try
            {
                Scheduler.LoadStateDict(new SchedulerStateDict(file.Scheduler!, file.SchedulerValues));
            }
            catch (ArgumentException e)
            {
                throw Mismatch(path, null, $"scheduler: {e.Message}", e);
            }
        }
        if (Optimizer is not null)
        {
            try
            {
                Optimizer.LoadStateDict(new OptimizerStateDict<T>(file.Optimizer!, optimizerTensors, file.OptimizerScalars));
            }
            catch (ArgumentException e)
            {
                if (schedulerBefore is not null) Scheduler!.LoadStateDict(schedulerBefore);
                throw Mismatch(path, null, $"optimizer: {e.Message}", e);
            }
        }

        // Checked above, so none of these can refuse.
        Model.LoadStateDict(model.Keys.ToDictionary(n => n, n => file.File.Get<T>(TrainingCheckpointFile.ModelPrefix + n), StringComparer.Ordinal));
        foreach (var (name, g) in Generators) g.SetState(file.GeneratorStates[name]);
        return file.Progress;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Kind(string dtype) => dtype == "F64" ? "a double model" : "a float model";

    private static string Names(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static CheckpointMismatchException Mismatch(string path, string? tensor, string problem, Exception? inner = null) => new(path, tensor, problem, inner);
}

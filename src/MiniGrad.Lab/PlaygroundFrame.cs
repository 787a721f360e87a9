namespace MiniGrad.Lab;

/// <summary>One Linear layer's numbers as the page draws them: weights [out, in] row by row, biases and their last gradients.</summary>
/// <param name="Inputs">The layer's input features.</param>
/// <param name="Outputs">The layer's output features (units).</param>
/// <param name="Weight">The weights, row-major [Outputs, Inputs].</param>
/// <param name="Bias">The biases.</param>
/// <param name="WeightGrad">The weights' gradient of the last step, or null before the first step.</param>
/// <param name="BiasGrad">The biases' gradient of the last step, or null before the first step.</param>
public sealed record LayerPicture(int Inputs, int Outputs, float[] Weight, float[] Bias, float[]? WeightGrad, float[]? BiasGrad);

/// <summary>
/// One picture of a playground run, everything the page draws, computed by MiniGrad on the server.
/// </summary>
/// <param name="Session">The session's id.</param>
/// <param name="Epoch">Epochs trained since the last reset.</param>
/// <param name="Steps">Optimizer steps since the last reset.</param>
/// <param name="TrainLoss">The mean loss over the training samples.</param>
/// <param name="TestLoss">The mean loss over the test samples.</param>
/// <param name="TrainAccuracy">The fraction of training samples classified right.</param>
/// <param name="TestAccuracy">The fraction of test samples classified right.</param>
/// <param name="Playing">Whether the run is training.</param>
/// <param name="Classes">The number of classes.</param>
/// <param name="GridSize">The heat map's side: <see cref="Boundary"/> holds GridSize × GridSize cells, row by row from the top (y = +extent).</param>
/// <param name="Extent">Half the side of the drawn square.</param>
/// <param name="Boundary">Per cell: with two classes the probability of class 1; otherwise the most likely class plus its probability (class + p, p in [0, 1]); rounded to 3 decimals.</param>
/// <param name="UnitMaps">Per hidden unit (layer by layer), its output on a coarse grid (<see cref="UnitGridSize"/> squared cells), scaled to [-1, 1] by its largest magnitude and rounded to 2 decimals.</param>
/// <param name="UnitGridSize">The side of each unit map.</param>
/// <param name="DeadUnits">Per hidden layer, per unit: true when the unit outputs 0 on every training sample.</param>
/// <param name="Layers">The Linear layers, input to output.</param>
/// <param name="Points">Every sample: x, y (rounded to 4 decimals), class, and 1 for training or 0 for test.</param>
public sealed record PlaygroundFrame(string Session, int Epoch, int Steps, double TrainLoss, double TestLoss,
    double TrainAccuracy, double TestAccuracy, bool Playing, int Classes, int GridSize, double Extent, float[] Boundary,
    float[][] UnitMaps, int UnitGridSize, bool[][] DeadUnits, LayerPicture[] Layers, double[][] Points);

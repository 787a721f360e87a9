namespace MiniGrad.Cli.Training;

/// <summary>What the network learns in <c>minigrad train</c>.</summary>
public enum TrainingTask
{
    /// <summary>The tutorial's data: 10 standard-normal inputs, one standard-normal target (nothing to learn but noise).</summary>
    Random,

    /// <summary>Regression of sin(x) for x uniform in [-π, π].</summary>
    Sine,

    /// <summary>Two classes: points in the square [-1, 1]², class 1 where exactly one coordinate is positive.</summary>
    Xor,

    /// <summary>Two classes: two interleaved spirals in the plane.</summary>
    Spirals,

    /// <summary>Fisher's Iris flowers (150 samples, 4 measurements, 3 species), split into train, validation and test parts.</summary>
    Iris,

    /// <summary>8×8 images of handwritten digits (1797 samples, 64 pixels, 10 classes), split into train, validation and test parts.</summary>
    Digits,
}

namespace MiniGrad.Tests.Support;

/// <summary>
/// A test class that writes files: each test gets a new folder under the system's temporary folder (xunit makes a
/// new instance per test), deleted with everything in it when the test ends.
/// </summary>
/// <param name="prefix">The start of the folder's name, so that a folder left by a killed run says whose it was.</param>
public abstract class TempFolderTest(string prefix) : IDisposable
{
    /// <summary>The test's folder.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A path inside <see cref="Folder"/>.</summary>
    protected string At(params string[] parts) => Path.Combine([Folder, .. parts]);

    /// <summary>Deletes the folder and what the test left in it.</summary>
    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

using MiniGrad.Tests.Support;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Onnx;

/// <summary>
/// src/MiniGrad.Onnx/Generated/Onnx.cs is what src/MiniGrad.Onnx/generate.sh makes of the checked-in onnx.proto with
/// Google.Protobuf.Tools' protoc (which the test project restores). Without that protoc (another NuGet cache, another
/// OS) the test writes that it skipped and returns.
/// </summary>
public sealed class OnnxSchemaTests(ITestOutputHelper output) : TempFolderTest("onnx-schema")
{
    [Fact]
    public void RegeneratingTheSchemaClassesGivesTheCheckedInFile()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                          ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string protoc = Path.Combine(packages, "google.protobuf.tools", "3.36.2", "tools", "linux_x64", "protoc");
        if (!OperatingSystem.IsLinux() || !File.Exists(protoc) || !File.Exists("/bin/bash"))
        {
            output.WriteLine($"SKIPPED: no Linux protoc at {protoc} (or no bash), so the generated ONNX classes were not regenerated.");
            return;
        }
        string root = Repository.Root();
        var result = ChildProcess.Run("/bin/bash", [Path.Combine(root, "src/MiniGrad.Onnx/generate.sh"), Folder], root);
        Assert.True(result.ExitCode == 0, $"generate.sh failed:\n{result.Stderr}");
        Assert.Equal(File.ReadAllText(Path.Combine(root, "src/MiniGrad.Onnx/Generated/Onnx.cs")), File.ReadAllText(At("Onnx.cs")));
    }
}

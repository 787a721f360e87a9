namespace MiniGrad.Checkpoints;

/// <summary>
/// Writes a file so that a crash, a full disk or an exception midway never leaves it half-written: the content goes
/// to a temporary file in the same folder (the same file system, so the move is a rename), is flushed to disk, and only
/// then replaces the target. Every save of MiniGrad (safetensors files, training checkpoints, ONNX files) goes through it.
/// </summary>
internal static class CrashSafeFile
{
    /// <summary>
    /// Creates <paramref name="path"/> (or replaces it whole) with what <paramref name="write"/> writes into the stream
    /// it is given. If <paramref name="write"/> or the disk fails, the temporary file is deleted, the old file is left
    /// as it was, and the exception goes on.
    /// </summary>
    public static void Write(string path, Action<FileStream> write)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!,
            "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}

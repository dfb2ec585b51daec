namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>A folder of its own under the system's temporary folder, created now and deleted on dispose.</summary>
internal sealed class TemporaryFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temporary folder's cleaning.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

namespace Migration.Cli.Tests;

/// <summary>A temporary folder for a test class's input files, deleted on dispose.</summary>
public class ScratchFolder : IDisposable
{
    /// <summary>A new folder named <paramref name="prefix"/>... under the temp folder.</summary>
    protected ScratchFolder(string prefix) => Scratch = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder.</summary>
    protected string Scratch { get; }

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> in the folder; returns its path.</summary>
    protected string CFile(string name, string text)
    {
        string path = Path.Combine(Scratch, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Directory.Delete(Scratch, recursive: true);
        GC.SuppressFinalize(this);
    }
}

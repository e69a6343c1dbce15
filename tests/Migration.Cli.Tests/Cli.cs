namespace Migration.Cli.Tests;

/// <summary>Runs `migrate` through its real command line (Program.Run) with captured output.</summary>
internal static class Cli
{
    /// <summary>The exit code, stdout and stderr of `migrate ARGS`.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The lines of <paramref name="text"/> without line ends, empty lines dropped.</summary>
    public static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    /// <summary>The repository root (the folder holding Migration.sln above the test's directory).</summary>
    public static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Migration.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Migration.sln not found above the test's directory");
    }
}
